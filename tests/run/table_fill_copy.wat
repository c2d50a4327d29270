;; table.fill and table.copy: overlapping copies in both directions
;; (memmove semantics), a copy between two tables, zero-length operations at
;; the very end of a table.
;; RUN: expect-stdout
;; 1 2 3 null 4 4 4 null
;; 1 1 2 3 4 4 4 null
;; 1 1 2 3 4 4 null null
;; 2 3 4
;; 5 1 2 3 4 4 null null
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $id (func (result i32)))
  (table $t 8 funcref)
  (table $u 3 funcref)
  (elem (table $t) (i32.const 0) func $f1 $f2 $f3)
  (elem declare func $f4 $f5)
  (func $f1 (type $id) (i32.const 1))
  (func $f2 (type $id) (i32.const 2))
  (func $f3 (type $id) (i32.const 3))
  (func $f4 (type $id) (i32.const 4))
  (func $f5 (type $id) (i32.const 5))
  (func $show (param $i i32)
    (if (ref.is_null (table.get $t (local.get $i)))
      (then
        (call $put_char (i32.const 110)) (call $put_char (i32.const 117))
        (call $put_char (i32.const 108)) (call $put_char (i32.const 108)))
      (else (call $put_i32 (call_indirect $t (type $id) (local.get $i))))))
  ;; Slots [0, n) of $t on one line.
  (func $row (param $n i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (local.get $i) (then (call $sp)))
        (call $show (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $nl))
  (func (export "_start")
    (table.fill $t (i32.const 4) (ref.func $f4) (i32.const 3))
    (call $row (i32.const 8))
    (table.copy $t $t (i32.const 1) (i32.const 0) (i32.const 3))
    (call $row (i32.const 8))
    (table.copy $t $t (i32.const 4) (i32.const 5) (i32.const 3))
    (call $row (i32.const 8))
    (table.copy $u $t (i32.const 0) (i32.const 2) (i32.const 3))
    (call $put_i32 (call_indirect $u (type $id) (i32.const 0))) (call $sp)
    (call $put_i32 (call_indirect $u (type $id) (i32.const 1))) (call $sp)
    (call $print_i32 (call_indirect $u (type $id) (i32.const 2)))
    (table.fill $t (i32.const 8) (ref.null func) (i32.const 0))
    (table.copy $t $t (i32.const 8) (i32.const 0) (i32.const 0))
    (table.copy $t $t (i32.const 0) (i32.const 8) (i32.const 0))
    (table.fill $t (i32.const 0) (ref.func $f5) (i32.const 1))
    (call $row (i32.const 8))))
