;; An active data segment that does not fit in memory makes instantiation
;; trap: nothing runs.
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 65535) "ab")
  (func (export "_start") (call $print_i32 (i32.const 1))))
