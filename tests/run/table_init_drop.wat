;; Passive element segments, in function-index and expression form:
;; table.init copies a slice, may repeat, and after elem.drop only
;; zero-length inits are allowed; active and declarative segments count as
;; dropped.
;; RUN: expect-stdout
;; null 2 3 null 4 null
;; 1 2 3 null 4 null
;; 1 2 3 null 4 null
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $id (func (result i32)))
  (table $t 6 funcref)
  (elem $p func $f1 $f2 $f3)
  (elem $q funcref (ref.func $f4) (ref.null func))
  (elem $active (table $t) (i32.const 5) func)
  (elem $decl declare func $f1)
  (func $f1 (type $id) (i32.const 1))
  (func $f2 (type $id) (i32.const 2))
  (func $f3 (type $id) (i32.const 3))
  (func $f4 (type $id) (i32.const 4))
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
    (table.init $t $p (i32.const 1) (i32.const 1) (i32.const 2))
    (table.init $t $q (i32.const 4) (i32.const 0) (i32.const 2))
    (call $row (i32.const 6))
    (table.init $t $p (i32.const 0) (i32.const 0) (i32.const 1))
    (call $row (i32.const 6))
    (elem.drop $p)
    (table.init $t $p (i32.const 0) (i32.const 0) (i32.const 0))
    (elem.drop $p)
    (table.init $t $active (i32.const 6) (i32.const 0) (i32.const 0))
    (table.init $t $decl (i32.const 0) (i32.const 0) (i32.const 0))
    (call $row (i32.const 6))))
