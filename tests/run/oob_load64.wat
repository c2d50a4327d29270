;; i64.load at the end of a one-page memory: address 65528 (the last at
;; which all its bytes fit) works, one past it traps.
;; RUN: expect-stdout
;; 0xffffffffffffffff
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $load (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "_start")
    (i64.store (i32.const 65528) (i64.const -1))
    (call $print_hex64 (call $load (i32.const 65528)))
    (call $print_hex64 (call $load (i32.const 65529)))))
