;; memory.init reading past the end of its segment traps: offset 2, length
;; 2 of a three-byte segment.
;; RUN: expect-stdout
;; bc
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data $d "abc")
  (func (export "_start")
    (memory.init $d (i32.const 100) (i32.const 1) (i32.const 2))
    (call $print_str (i32.const 100) (i32.const 2))
    (memory.init $d (i32.const 100) (i32.const 2) (i32.const 2))
    (call $print_i32 (i32.const 2))))
