;; An f64 load into a dead local traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i32) (local $x f64)
    (local.set $x (f64.load (local.get $a))))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $f (i32.const 65529))
    (call $print_i32 (i32.const 2))))
