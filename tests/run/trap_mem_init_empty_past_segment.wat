;; A zero-length memory.init is still bounds-checked against the segment:
;; offset 3 of a three-byte segment works, offset 4 traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data $d "abc")
  (func (export "_start")
    (memory.init $d (i32.const 0) (i32.const 3) (i32.const 0))
    (call $print_i32 (i32.const 1))
    (memory.init $d (i32.const 0) (i32.const 4) (i32.const 0))
    (call $print_i32 (i32.const 2))))
