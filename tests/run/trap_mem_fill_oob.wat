;; memory.fill whose range ends one byte past the memory traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start")
    (memory.fill (i32.const 65530) (i32.const 1) (i32.const 6))
    (call $print_i32 (i32.load8_u (i32.const 65535)))
    (memory.fill (i32.const 65530) (i32.const 1) (i32.const 7))
    (call $print_i32 (i32.const 2))))
