;; Traps on every target: the argument count picks the trap.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (memory 1)
  (func $recurse (param i32) (result i32)
    (i32.add (call $recurse (local.get 0)) (i32.const 1)))
  (func $div (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (func $oob (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "_start") (local $n i32)
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (local.set $n (i32.load (i32.const 0)))
    (if (i32.eq (local.get $n) (i32.const 2))
      (then (drop (call $div (i32.const 0)))))
    (if (i32.eq (local.get $n) (i32.const 3))
      (then (drop (call $recurse (i32.const 0)))))
    (if (i32.eq (local.get $n) (i32.const 4))
      (then (drop (call $oob (i32.const 65534)))))))
