;; memory.init of one byte from a dropped segment traps.
;; RUN: expect-stdout
;; ab
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data $d "ab")
  (func (export "_start")
    (memory.init $d (i32.const 100) (i32.const 0) (i32.const 2))
    (call $print_str (i32.const 100) (i32.const 2))
    (data.drop $d)
    (memory.init $d (i32.const 100) (i32.const 0) (i32.const 1))
    (call $print_i32 (i32.const 2))))
