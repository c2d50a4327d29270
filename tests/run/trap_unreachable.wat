;; unreachable traps; output written before it stays.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap unreachable
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $deep (param i32)
    (if (local.get 0)
      (then (call $deep (i32.sub (local.get 0) (i32.const 1))))
      (else unreachable)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $deep (i32.const 5))
    (call $print_i32 (i32.const 2))))
