;; i32.load8_u at the end of a one-page memory: address 65535 (the last at
;; which all its bytes fit) works, one past it traps.
;; RUN: expect-stdout
;; 0x000000ff
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $load (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "_start")
    (i64.store8 (i32.const 65535) (i64.const -1))
    (call $print_hex32 (call $load (i32.const 65535)))
    (call $print_hex32 (call $load (i32.const 65536)))))
