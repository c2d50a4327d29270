;; call_indirect through tables: choosing the callee by index, functions of
;; different types in one table, a second table, multi-value results,
;; recursion through the table, an active segment at an offset.
;; RUN: expect-stdout
;; 13 7 30
;; 0x1.4p+2
;; 99
;; 120
;; 3 -3
;; 42
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $binop (func (param i32 i32) (result i32)))
  (type $unop_f (func (param f64) (result f64)))
  (type $nullary (func (result i32)))
  (type $pair (func (param i32) (result i32 i32)))
  (table $t 8 funcref)
  (table $u 2 funcref)
  (elem (table $t) (i32.const 0) func $add $sub $mul $half $fact)
  (elem (table $t) (i32.const 6) func $plus_minus)
  (elem (table $u) (i32.const 1) func $answer)
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (func $mul (type $binop) (i32.mul (local.get 0) (local.get 1)))
  (func $half (type $unop_f) (f64.mul (local.get 0) (f64.const 0.5)))
  ;; n! calling itself through table slot 4.
  (func $fact (param i32) (result i32)
    (if (result i32) (i32.le_u (local.get 0) (i32.const 1))
      (then (i32.const 1))
      (else (i32.mul (local.get 0)
                     (call_indirect $t (param i32) (result i32)
                       (i32.sub (local.get 0) (i32.const 1))
                       (i32.const 4))))))
  (func $plus_minus (type $pair) (local.get 0) (i32.sub (i32.const 0) (local.get 0)))
  (func $answer (type $nullary) (i32.const 42))
  (func $apply (param $f i32) (param i32 i32) (result i32)
    (call_indirect $t (type $binop) (local.get 1) (local.get 2) (local.get $f)))
  (func (export "_start") (local $second i32)
    (call $put_i32 (call $apply (i32.const 0) (i32.const 10) (i32.const 3))) (call $sp)
    (call $put_i32 (call $apply (i32.const 1) (i32.const 10) (i32.const 3))) (call $sp)
    (call $print_i32 (call $apply (i32.const 2) (i32.const 10) (i32.const 3)))
    (call $print_f64 (call_indirect $t (type $unop_f) (f64.const 10) (i32.const 3)))
    (call $print_i32 (i32.sub (call $apply (i32.const 2) (i32.const 10) (i32.const 10))
                              (i32.const 1)))
    (call $print_i32 (call_indirect $t (param i32) (result i32) (i32.const 5) (i32.const 4)))
    (call_indirect $t (type $pair) (i32.const 3) (i32.const 6))
    (local.set $second)
    (call $put_i32) (call $sp)
    (call $print_i32 (local.get $second))
    (call $print_i32 (call_indirect $u (type $nullary) (i32.const 1)))))
