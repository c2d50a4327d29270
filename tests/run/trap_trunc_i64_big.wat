;; i64.trunc_f32_s of 2^63 traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer overflow
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $op (param f32) (result i64) (i64.trunc_f32_s (local.get 0)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i64 (call $op (f32.const 0x1p63)))
    (call $print_i32 (i32.const 2))))
