;; A memory of zero pages has no valid address: a one-byte load at 0
;; traps.  (Nothing is printed: the print helpers need memory.)
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 0)
  (func (export "_start")
    (drop (i32.load8_u (i32.const 0)))
    (call $exit (i32.const 7))))
