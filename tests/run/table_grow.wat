;; table.grow returns the old size and fills new slots with its init value;
;; it returns -1 past the maximum, or when size + n overflows 32 bits
;; without one; grow 0 reports the size.
;; RUN: expect-stdout
;; 2 2 4
;; 3 3
;; -1 4
;; 4 5 null
;; 5
;; -1 1
;; 1
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $id (func (result i32)))
  (table $t 2 5 funcref)
  (table $u 1 externref)
  (elem declare func $f3)
  (func $f3 (type $id) (i32.const 3))
  (func $show (param $i i32)
    (if (ref.is_null (table.get $t (local.get $i)))
      (then
        (call $put_char (i32.const 110)) (call $put_char (i32.const 117))
        (call $put_char (i32.const 108)) (call $put_char (i32.const 108)))
      (else (call $put_i32 (call_indirect $t (type $id) (local.get $i))))))
  (func (export "_start")
    (call $put_i32 (table.size $t)) (call $sp)
    (call $put_i32 (table.grow $t (ref.func $f3) (i32.const 2))) (call $sp)
    (call $print_i32 (table.size $t))
    (call $show (i32.const 2)) (call $sp) (call $show (i32.const 3)) (call $nl)
    (call $put_i32 (table.grow $t (ref.null func) (i32.const 2))) (call $sp)
    (call $print_i32 (table.size $t))
    (call $put_i32 (table.grow $t (ref.null func) (i32.const 1))) (call $sp)
    (call $put_i32 (table.size $t)) (call $sp)
    (call $show (i32.const 4)) (call $nl)
    (call $print_i32 (table.grow $t (ref.null func) (i32.const 0)))
    (call $put_i32 (table.grow $u (ref.null extern) (i32.const -1))) (call $sp)
    (call $print_i32 (table.size $u))
    (call $print_i32 (table.grow $u (ref.null extern) (i32.const 0)))))
