;; Each memory has its own bounds: memory 1 has one page, so a load at
;; 65536 traps there although memory 0 has two.
;; RUN: features multi-memory
;; RUN: expect-stdout
;; 0
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 2)
  (memory $small 1)
  (func (export "_start")
    (call $print_i32 (i32.load (i32.const 65536)))
    (call $print_i32 (i32.load $small (i32.const 65536)))))
