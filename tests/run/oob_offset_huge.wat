;; address + offset is computed without wrapping: offset=0xffffffff from
;; address 1 is 2^32, far out of bounds, not byte 0.
;; RUN: expect-stdout
;; 0x0000005a
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $load (param i32) (result i32) (i32.load8_u offset=0xffffffff (local.get 0)))
  (func (export "_start")
    (i32.store8 (i32.const 0) (i32.const 0x5a))
    (call $print_hex32 (i32.load8_u offset=0 (i32.const 0)))
    (call $print_hex32 (call $load (i32.const 1)))))
