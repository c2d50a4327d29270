;; Runaway code and resource use for test_interrupt.c.
(module
  (memory (export "mem") 1)
  (table (export "tab") 1 funcref)
  ;; An empty infinite loop: only a check at its header can stop it.
  (func (export "spin") (loop br 0))
  ;; Infinite in practice (2^n calls) without a loop, 64 frames deep.
  (func $fork (export "fork") (param i32)
    (if (local.get 0)
      (then
        (call $fork (i32.sub (local.get 0) (i32.const 1)))
        (call $fork (i32.sub (local.get 0) (i32.const 1))))))
  ;; Counts to n: fuel 2 + 8 n (docs/interruption.md).
  (func (export "count") (param i32) (result i32) (local i32)
    (loop
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get 1) (local.get 0))))
    (local.get 1))
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func (export "table_grow") (param i32) (result i32)
    (table.grow 0 (ref.null func) (local.get 0)))
  ;; Recursion n deep, which no optimisation turns into a loop.
  (func $deep (export "deep") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then
        (i32.add (i32.const 1)
          (call $deep (i32.sub (local.get 0) (i32.const 1)))))
      (else (i32.const 0)))))
