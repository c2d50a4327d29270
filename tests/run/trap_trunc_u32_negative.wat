;; i32.trunc_f32_u of -1.0 traps (-0.99 would give 0).
;; RUN: expect-stdout
;; 0
;; RUN: expect-trap integer overflow
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $op (param f32) (result i32) (i32.trunc_f32_u (local.get 0)))
  (func (export "_start")
    (call $print_i32 (call $op (f32.const -0.99)))
    (call $print_i32 (call $op (f32.const -1)))
    (call $print_i32 (i32.const 2))))
