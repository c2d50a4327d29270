;; return_call_ref in constant stack, one billion calls: two functions
;; tail-call each other through typed function references, the next one
;; chosen by the count's low bit, as tail_call_indirect.wat chooses its
;; table entry, so the hash is the same (docs/tail-calls.md).
;; RUN: wabt 3.0
;; RUN: timeout 120
;; RUN: expect-stdout
;; 1000000000
;; 9861459611182187813
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $step (func (param i64 i64) (result i64)))
  (elem declare func $xor $add)
  (global $to_xor (ref $step) (ref.func $xor))
  (global $to_add (ref $step) (ref.func $add))
  (func $next (param i64) (result (ref $step))
    (if (result (ref $step))
      (i32.wrap_i64 (i64.and (local.get 0) (i64.const 1)))
      (then (global.get $to_add))
      (else (global.get $to_xor))))
  (func $xor (type $step)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else
        (return_call_ref $step
          (i64.sub (local.get 0) (i64.const 1))
          (i64.mul (i64.xor (local.get 1) (local.get 0))
                   (i64.const 0x100000001b3))
          (call $next (local.get 0))))))
  (func $add (type $step)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else
        (return_call_ref $step
          (i64.sub (local.get 0) (i64.const 1))
          (i64.mul (i64.add (local.get 1) (local.get 0))
                   (i64.const 0x100000001b3))
          (call $next (local.get 0))))))
  (func (export "_start")
    (call $print_u64 (i64.const 1000000000))
    (call $print_u64
      (call $xor (i64.const 1000000000) (i64.const 0xcbf29ce484222325)))))
