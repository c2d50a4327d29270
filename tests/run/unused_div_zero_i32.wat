;; i32.div_u by zero into a dead local traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer divide by zero
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i32) (local $x i32)
    (local.set $x (i32.div_u (i32.const 7) (local.get $a))))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $f (i32.const 0))
    (call $print_i32 (i32.const 2))))
