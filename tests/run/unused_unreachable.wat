;; A callee that ends in unreachable, its result dropped, traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap unreachable
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i32) (result i32)
    (if (i32.eqz (local.get $a)) (then unreachable))
    (local.get $a))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call $f (i32.const 0)))
    (call $print_i32 (i32.const 2))))
