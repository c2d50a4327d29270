;; A zero-length memory.copy is still bounds-checked: a source at 65536
;; works, at 65537 it traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start")
    (memory.copy (i32.const 0) (i32.const 65536) (i32.const 0))
    (call $print_i32 (i32.const 1))
    (memory.copy (i32.const 0) (i32.const 65537) (i32.const 0))
    (call $print_i32 (i32.const 2))))
