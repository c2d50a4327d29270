;; Exception handling: clauses are tried in order - catch by tag takes
;; only its tag (and an imported alias would be the same tag), catch_all
;; takes anything, the first matching clause wins; a try_table without a
;; matching clause passes the exception on to an enclosing one in the same
;; function, or to the caller.
;; RUN: wabt 3.0
;; RUN: expect-stdout
;; 1 2 3
;; 3 3 3
;; 1 2 2
;; 2 2 2
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (tag $a)
  (tag $b)
  (tag $c)
  (func $throw (param $which i32)
    (if (i32.eq (local.get $which) (i32.const 0)) (then (throw $a)))
    (if (i32.eq (local.get $which) (i32.const 1)) (then (throw $b)))
    (throw $c))
  ;; catch $a, catch $b, catch_all
  (func $ordered (param $which i32) (result i32)
    (block $all
      (block $in_b
        (block $in_a
          (try_table (catch $a $in_a) (catch $b $in_b) (catch_all $all)
            (call $throw (local.get $which)))
          (return (i32.const -1)))
        (return (i32.const 1)))
      (return (i32.const 2)))
    (i32.const 3))
  ;; catch_all first: it takes everything
  (func $all_first (param $which i32) (result i32)
    (block $in_a
      (block $all
        (try_table (catch_all $all) (catch $a $in_a)
          (call $throw (local.get $which)))
        (return (i32.const -1)))
      (return (i32.const 3)))
    (i32.const 1))
  ;; an inner try for $a only, an outer catch_all in the same function
  (func $nested (param $which i32) (result i32)
    (block $outer
      (try_table (catch_all $outer)
        (block $in_a
          (try_table (catch $a $in_a) (call $throw (local.get $which)))
          (return (i32.const -1)))
        (return (i32.const 1)))
      (return (i32.const -1)))
    (i32.const 2))
  ;; the inner function catches $a only; its caller gets the rest
  (func $only_a (param $which i32) (result i32)
    (block $in_a
      (try_table (catch $a $in_a) (call $throw (local.get $which)))
      (return (i32.const -1)))
    (i32.const 1))
  (func $caller (param $which i32) (result i32)
    (block $all
      (try_table (catch_all $all)
        (return (i32.add (call $only_a (local.get $which)) (i32.const 1))))
      (return (i32.const -1)))
    (i32.const 2))
  (func $row (param $f i32) (local $i i32)
    (loop $next
      (call_indirect (param i32) (result i32) (local.get $i) (local.get $f))
      (call $put_i32)
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.lt_u (local.get $i) (i32.const 3))
        (then (call $sp) (br $next))))
    (call $nl))
  (table funcref (elem $ordered $all_first $nested $caller))
  (func (export "_start")
    (call $row (i32.const 0)) (call $row (i32.const 1))
    (call $row (i32.const 2)) (call $row (i32.const 3))))
