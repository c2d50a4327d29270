;; i64.load offset=8 from address 0xfffffff8 reaches 2^32 exactly: it must
;; trap rather than wrap around to address 0.
;; RUN: expect-stdout
;; 0x0102030405060708
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $load (param i32) (result i64) (i64.load offset=8 (local.get 0)))
  (func (export "_start")
    (i64.store (i32.const 8) (i64.const 0x0102030405060708))
    (call $print_hex64 (call $load (i32.const 0)))
    (call $print_hex64 (call $load (i32.const 0xfffffff8)))))
