;; i32.div_s of INT_MIN by -1 overflows and traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer overflow
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $op (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i32 (call $op (i32.const 0x80000000) (i32.const -1)))
    (call $print_i32 (i32.const 2))))
