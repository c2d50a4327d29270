;; Memory that may grow still traps beyond its current size: with one page
;; of a four-page maximum, address 65536 traps.
;; RUN: expect-stdout
;; 0
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1 4)
  (func $load (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "_start")
    (call $print_i32 (call $load (i32.const 65535)))
    (call $print_i32 (call $load (i32.const 65536)))))
