;; A dropped i64.rem_s by zero, inlined, traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer divide by zero
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i64) (result i64) (i64.rem_s (i64.const 7) (local.get $a)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call $f (i64.const 0)))
    (call $print_i32 (i32.const 2))))
