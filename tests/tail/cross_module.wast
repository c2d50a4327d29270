;; Tail calls between two instances (docs/tail-calls.md): $ping of M1
;; tail-calls through its table into $pong of M2, which tail-calls $ping
;; back as an import.  Both reach the other's tail entry through the
;; `tail` member of the w2n_rt_func they hold (a table element, an import
;; slot), so the chains of ten million calls run in constant stack; as
;; ordinary calls they would exhaust it.
(module $M1
  (type $t (func (param i64 i64) (result i64)))
  (table (export "tab") 2 funcref)
  (elem (i32.const 0) $ping)
  (func $ping (export "ping") (type $t)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else
        (return_call_indirect (type $t)
          (i64.sub (local.get 0) (i64.const 1))
          (i64.add (local.get 1) (i64.const 1))
          (i32.const 1))))))
(register "M1" $M1)
(module $M2
  (type $t (func (param i64 i64) (result i64)))
  (import "M1" "tab" (table 2 funcref))
  (import "M1" "ping" (func $ping (type $t)))
  (elem (i32.const 1) $pong)
  (func $pong (type $t)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.mul (local.get 1) (i64.const 10)))
      (else
        (return_call $ping (i64.sub (local.get 0) (i64.const 1))
                           (i64.add (local.get 1) (i64.const 2))))))
  (func (export "run") (param i64) (result i64)
    (return_call $ping (local.get 0) (i64.const 0))))
(assert_return (invoke $M1 "ping" (i64.const 10000000) (i64.const 0))
               (i64.const 15000000))
(assert_return (invoke $M2 "run" (i64.const 10000001))
               (i64.const 150000010))
