;; i32.load16_s at the end of a one-page memory: address 65534 (the last at
;; which all its bytes fit) works, one past it traps.
;; RUN: expect-stdout
;; 0xffffffff
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $load (param i32) (result i32) (i32.load16_s (local.get 0)))
  (func (export "_start")
    (i64.store16 (i32.const 65534) (i64.const -1))
    (call $print_hex32 (call $load (i32.const 65534)))
    (call $print_hex32 (call $load (i32.const 65535)))))
