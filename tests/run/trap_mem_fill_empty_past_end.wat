;; A zero-length memory.fill is still bounds-checked: at the end of memory
;; (65536) it works, one past (65537) it traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start")
    (memory.fill (i32.const 65536) (i32.const 0) (i32.const 0))
    (call $print_i32 (i32.const 1))
    (memory.fill (i32.const 65537) (i32.const 0) (i32.const 0))
    (call $print_i32 (i32.const 2))))
