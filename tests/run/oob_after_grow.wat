;; The bound moves with memory.grow: after growing to two pages, address
;; 65536 and the new last byte work, one past the new end traps.
;; RUN: expect-stdout
;; 1
;; 0x00000000 0x00000063
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1 4)
  (func $load (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "_start")
    (call $print_i32 (memory.grow (i32.const 1)))
    (call $put_hex32 (call $load (i32.const 65536))) (call $sp)
    (i32.store8 (i32.const 131071) (i32.const 99))
    (call $print_hex32 (call $load (i32.const 131071)))
    (call $print_hex32 (call $load (i32.const 131072)))))
