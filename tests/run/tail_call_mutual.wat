;; Mutual recursion through return_call in constant stack, one billion
;; calls: $ping (two parameters) and $pong (four, of three types) call
;; each other, so the callee often takes more arguments than its caller
;; got (docs/tail-calls.md).  The hash proves that every iteration ran.
;; RUN: timeout 120
;; RUN: expect-stdout
;; 1000000000
;; 2458758069871848229
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $ping (param $n i64) (param $h i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $h))
      (else
        (return_call $pong
          (i64.sub (local.get $n) (i64.const 1))
          (local.get $h)
          (i32.wrap_i64 (local.get $n))
          (f64.convert_i64_u (local.get $n))))))
  (func $pong (param $n i64) (param $h i64) (param $k i32) (param $x f64)
              (result i64)
    (local.set $h
      (i64.add
        (i64.mul (i64.xor (local.get $h) (i64.extend_i32_u (local.get $k)))
                 (i64.const 0x100000001b3))
        (i64.trunc_f64_u (local.get $x))))
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $h))
      (else
        (return_call $ping (i64.sub (local.get $n) (i64.const 1))
                           (local.get $h)))))
  (func (export "_start")
    (call $print_u64 (i64.const 1000000000))
    (call $print_u64
      (call $ping (i64.const 1000000000) (i64.const 0xcbf29ce484222325)))))
