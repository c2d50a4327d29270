;; Addresses are unsigned: i32.load8_u at -1 (0xffffffff) traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $load (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i32 (call $load (i32.const -1)))))
