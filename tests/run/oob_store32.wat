;; f32.store at the end of a one-page memory: address 65532 (the last at
;; which all its bytes fit) works, one past it traps.
;; RUN: expect-stdout
;; 0xbf80000000000000
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $store (param i32) (f32.store (local.get 0) (f32.const -1)))
  (func (export "_start")
    (call $store (i32.const 65532))
    (call $print_hex64 (i64.load (i32.const 65528)))
    (call $store (i32.const 65533))
    (call $print_i32 (i32.const 1))))
