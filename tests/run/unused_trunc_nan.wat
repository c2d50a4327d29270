;; A dropped i32.trunc_f64_s of NaN traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap invalid conversion to integer
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a f64) (result i32) (i32.trunc_f64_s (local.get $a)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call $f (f64.div (f64.const 0) (f64.const 0))))
    (call $print_i32 (i32.const 2))))
