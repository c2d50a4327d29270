;; A trap in the start function ends the program before _start runs.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer divide by zero
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (global $zero (mut i32) (i32.const 0))
  (func $init
    (call $print_i32 (i32.const 1))
    (call $print_i32 (i32.div_u (i32.const 1) (global.get $zero))))
  (start $init)
  (func (export "_start") (call $print_i32 (i32.const 2))))
