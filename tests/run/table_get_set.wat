;; table.get, table.set and table.size on funcref and externref tables: an
;; active segment's slots, null elsewhere, a slot copied by get/set and
;; cleared with ref.null.
;; RUN: expect-stdout
;; 4 2
;; 1 2 null null
;; 1 2 null 1
;; null 2 null 1
;; 1 1
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $id (func (result i32)))
  (table $t 4 funcref)
  (table $e 2 externref)
  (elem (table $t) (i32.const 0) func $f1 $f2)
  (func $f1 (type $id) (i32.const 1))
  (func $f2 (type $id) (i32.const 2))
  ;; The id of the function in slot i, or "null".
  (func $show (param $i i32)
    (if (ref.is_null (table.get $t (local.get $i)))
      (then
        (call $put_char (i32.const 110)) (call $put_char (i32.const 117))
        (call $put_char (i32.const 108)) (call $put_char (i32.const 108)))
      (else (call $put_i32 (call_indirect $t (type $id) (local.get $i))))))
  (func $row
    (call $show (i32.const 0)) (call $sp)
    (call $show (i32.const 1)) (call $sp)
    (call $show (i32.const 2)) (call $sp)
    (call $show (i32.const 3)) (call $nl))
  (func (export "_start")
    (call $put_i32 (table.size $t)) (call $sp)
    (call $print_i32 (table.size $e))
    (call $row)
    (table.set $t (i32.const 3) (table.get $t (i32.const 0)))
    (call $row)
    (table.set $t (i32.const 0) (ref.null func))
    (call $row)
    (table.set $e (i32.const 1) (ref.null extern))
    (call $put_i32 (ref.is_null (table.get $e (i32.const 0)))) (call $sp)
    (call $print_i32 (ref.is_null (table.get $e (i32.const 1))))))
