;; memory.copy with a source range past the end traps, even though the
;; destination fits.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (memory.copy (i32.const 100) (i32.const 65500) (i32.const 37))
    (call $print_i32 (i32.const 2))))
