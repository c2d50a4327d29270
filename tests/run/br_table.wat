;; br_table: each index to its target, indices past the end (including
;; ones that are negative as signed) to the default, a table that carries a
;; value, a table with only a default, and a loop driven by br_table.
;; RUN: expect-stdout
;; 100 101 102 101 199 199 199 199
;; 10 20 20 30
;; 5
;; 7
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $classify (param i32) (result i32)
    (block $default
      (block $b2
        (block $b1
          (block $b0
            (br_table $b0 $b1 $b2 $b1 $default (local.get 0)))
          (return (i32.const 100)))
        (return (i32.const 101)))
      (return (i32.const 102)))
    (i32.const 199))
  ;; The value 10, 20 or 30 travels with the branch.
  (func $carry (param i32) (result i32)
    (block $c (result i32)
      (block $b (result i32)
        (block $a (result i32)
          (i32.const 10)
          (br_table $a $b $b $c (local.get 0)))
        (return))
      (i32.add (i32.const 10))
      (return))
    (i32.add (i32.const 20)))
  (func $only_default (param i32) (result i32)
    (block $d (result i32)
      (i32.const 5)
      (br_table $d (local.get 0))))
  ;; A three-state machine: 0 -> 1 -> 2 -> exit, counting steps from 4.
  (func $machine (result i32) (local $state i32) (local $steps i32)
    (local.set $steps (i32.const 4))
    (block $exit
      (loop $next
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (block $s1
          (block $s0
            (br_table $s0 $s1 $exit (local.get $state)))
          (local.set $state (i32.const 1))
          (br $next))
        (local.set $state (i32.const 2))
        (br $next)))
    (local.get $steps))
  (func $put (param i32) (call $put_i32 (local.get 0)) (call $sp))
  (func (export "_start")
    (call $put (call $classify (i32.const 0)))
    (call $put (call $classify (i32.const 1)))
    (call $put (call $classify (i32.const 2)))
    (call $put (call $classify (i32.const 3)))
    (call $put (call $classify (i32.const 4)))
    (call $put (call $classify (i32.const 100)))
    (call $put (call $classify (i32.const -1)))
    (call $print_i32 (call $classify (i32.const 0x80000000)))
    (call $put (call $carry (i32.const 0)))
    (call $put (call $carry (i32.const 1)))
    (call $put (call $carry (i32.const 2)))
    (call $print_i32 (call $carry (i32.const 3)))
    (call $print_i32 (call $only_default (i32.const 12345)))
    (call $print_i32 (call $machine))))
