;; The offset immediate counts toward the bound: i32.load offset=65532 works
;; from address 0 and traps from address 1.
;; RUN: expect-stdout
;; 0x44332211
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $load (param i32) (result i32) (i32.load offset=65532 (local.get 0)))
  (func (export "_start")
    (i32.store (i32.const 65532) (i32.const 0x44332211))
    (call $print_hex32 (call $load (i32.const 0)))
    (call $print_hex32 (call $load (i32.const 1)))))
