;; return_call in constant stack: a function tail-calls itself one billion
;; times (docs/tail-calls.md).  Each call folds its count into an FNV-1a
;; style hash, so the result proves that every iteration ran; a frame per
;; call would need gigabytes of stack.
;; RUN: timeout 120
;; RUN: expect-stdout
;; 1000000000
;; 5558603251104662309
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $loop (param $n i64) (param $h i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $h))
      (else
        (return_call $loop
          (i64.sub (local.get $n) (i64.const 1))
          (i64.mul (i64.xor (local.get $h) (local.get $n))
                   (i64.const 0x100000001b3))))))
  (func (export "_start")
    (call $print_u64 (i64.const 1000000000))
    (call $print_u64
      (call $loop (i64.const 1000000000) (i64.const 0xcbf29ce484222325)))))
