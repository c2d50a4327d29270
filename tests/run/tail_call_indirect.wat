;; return_call_indirect in constant stack, one billion calls: two
;; functions of a table tail-call each other through it, the next one
;; chosen by the count's low bit (docs/tail-calls.md).  The hash proves
;; that every iteration ran.
;; RUN: timeout 120
;; RUN: expect-stdout
;; 1000000000
;; 9861459611182187813
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $step (func (param i64 i64) (result i64)))
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $xor $add)
  (func $xor (type $step)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else
        (return_call_indirect $t (type $step)
          (i64.sub (local.get 0) (i64.const 1))
          (i64.mul (i64.xor (local.get 1) (local.get 0))
                   (i64.const 0x100000001b3))
          (i32.wrap_i64 (i64.and (local.get 0) (i64.const 1)))))))
  (func $add (type $step)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else
        (return_call_indirect $t (type $step)
          (i64.sub (local.get 0) (i64.const 1))
          (i64.mul (i64.add (local.get 1) (local.get 0))
                   (i64.const 0x100000001b3))
          (i32.wrap_i64 (i64.and (local.get 0) (i64.const 1)))))))
  (func (export "_start")
    (call $print_u64 (i64.const 1000000000))
    (call $print_u64
      (call $xor (i64.const 1000000000) (i64.const 0xcbf29ce484222325)))))
