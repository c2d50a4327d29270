;; A v128 load into a dead local traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i32) (local $x v128)
    (local.set $x (v128.load (local.get $a))))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $f (i32.const 65521))
    (call $print_i32 (i32.const 2))))
