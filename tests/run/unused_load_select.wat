;; A load that feeds a select whose condition is a constant after
;; inlining: the select picks the other operand, the load must still trap.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; 7
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $pick (param $a i32) (param $c i32) (result i32)
    (select (i32.load16_s (local.get $a)) (i32.const 7) (local.get $c)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i32 (call $pick (i32.const 64) (i32.const 0)))
    (call $print_i32 (call $pick (i32.const 65535) (i32.const 0)))))
