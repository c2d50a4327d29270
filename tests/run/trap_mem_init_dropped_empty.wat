;; A dropped segment has length zero: memory.init of zero bytes from offset
;; 0 works, from offset 1 traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data $d "abc")
  (func (export "_start")
    (data.drop $d)
    (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0))
    (call $print_i32 (i32.const 1))
    (memory.init $d (i32.const 0) (i32.const 1) (i32.const 0))
    (call $print_i32 (i32.const 2))))
