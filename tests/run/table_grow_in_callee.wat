;; table.grow inside a callee while the caller calls through the table:
;; slots added by the callee are callable right after it returns, old
;; slots keep their functions.
;; RUN: expect-stdout
;; 1 11
;; 9 11 22
;; 17 11 22
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $id (func (result i32)))
  (table $t 1 funcref)
  (elem (table $t) (i32.const 0) func $eleven)
  (elem declare func $twenty_two)
  (func $eleven (type $id) (i32.const 11))
  (func $twenty_two (type $id) (i32.const 22))
  (func $grow (drop (table.grow $t (ref.func $twenty_two) (i32.const 8))))
  (func (export "_start")
    (call $put_i32 (table.size $t)) (call $sp)
    (call $print_i32 (call_indirect $t (type $id) (i32.const 0)))
    (call $grow)
    (call $put_i32 (table.size $t)) (call $sp)
    (call $put_i32 (call_indirect $t (type $id) (i32.const 0))) (call $sp)
    (call $print_i32 (call_indirect $t (type $id) (i32.const 8)))
    (call $grow)
    (call $put_i32 (table.size $t)) (call $sp)
    (call $put_i32 (call_indirect $t (type $id) (i32.const 0))) (call $sp)
    (call $print_i32 (call_indirect $t (type $id) (i32.const 16)))))
