;; i64.trunc_f64_u of a NaN traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap invalid conversion to integer
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $op (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i64 (call $op (f64.const -nan:0x1234)))
    (call $print_i32 (i32.const 2))))
