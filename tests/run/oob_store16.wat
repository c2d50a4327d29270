;; i64.store16 at the end of a one-page memory: address 65534 (the last at
;; which all its bytes fit) works, one past it traps.
;; RUN: expect-stdout
;; 0xffff000000000000
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $store (param i32) (i64.store16 (local.get 0) (i64.const -1)))
  (func (export "_start")
    (call $store (i32.const 65534))
    (call $print_hex64 (i64.load (i32.const 65528)))
    (call $store (i32.const 65535))
    (call $print_i32 (i32.const 1))))
