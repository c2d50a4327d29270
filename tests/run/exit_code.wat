;; proc_exit ends the program with its code at once, from inside nested
;; calls; output written before stays.
;; RUN: expect-stdout
;; 1
;; 2
;; RUN: expect-exit 3
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $nested (param i32)
    (call $print_i32 (local.get 0))
    (if (i32.eq (local.get 0) (i32.const 2))
      (then (call $exit (i32.const 3))))
    (call $nested (i32.add (local.get 0) (i32.const 1))))
  (func (export "_start")
    (call $nested (i32.const 1))
    (call $print_i32 (i32.const 99))))
