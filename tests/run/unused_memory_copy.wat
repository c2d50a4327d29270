;; memory.copy of zero bytes from past the end traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i32) (memory.copy (i32.const 0) (local.get $a) (i32.const 0)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $f (i32.const 65537))
    (call $print_i32 (i32.const 2))))
