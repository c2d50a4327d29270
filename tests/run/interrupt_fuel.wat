;; Fuel: --fuel=100000 is enough to count to 1000 (2 + 8 per iteration,
;; docs/interruption.md) and print it, and then an empty infinite loop
;; runs out of it.
;; RUN: opt-levels 0,2
;; RUN: flags --interruptible=fuel
;; RUN: options --fuel=100000
;; RUN: expect-stdout
;; 1000
;; RUN: expect-trap out of fuel
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $count (param i32) (result i32) (local i32)
    (loop
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get 1) (local.get 0))))
    (local.get 1))
  (func (export "_start")
    (call $print_i32 (call $count (i32.const 1000)))
    (loop br 0)))
