;; A store at the largest address and offset (0xffffffff + 0xffffffff)
;; traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $store (param i32) (i64.store offset=0xffffffff (local.get 0) (i64.const 1)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $store (i32.const 0xffffffff))
    (call $print_i32 (i32.const 2))))
