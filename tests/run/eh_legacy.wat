;; Exception handling, the legacy instructions LLVM emits by default:
;; try/catch by tag with values, catch_all, delegate to an outer try of
;; the same function and to the caller, rethrow (also of an outer
;; handler's exception from inside an inner try, caught again), and a
;; rethrow in a loop, ten thousand times.
;; RUN: wabt 3.0
;; RUN: expect-stdout
;; 5 -1 3
;; 7 8
;; 9 10
;; 11 12
;; 10000
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (tag $e (param i32))
  (tag $f)
  (func $throw_e (param i32) (throw $e (local.get 0)))
  (func $by_tag (param $which i32) (result i32)
    (try (result i32)
      (do
        (if (local.get $which) (then (throw $f)))
        (call $throw_e (i32.const 5))
        (i32.const 0))
      (catch $e)
      (catch_all (i32.const -1))))
  ;; delegate 0: the exception goes to the try around it (not its own catch)
  (func $delegate_outer (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw_e (i32.const 7)) (i32.const 0))
          (delegate 0)))
      (catch $e)))
  ;; delegate 1 from the outermost try: to the caller
  (func $delegate_caller
    (block $b
      (try
        (do
          (try (do (call $throw_e (i32.const 8))) (delegate 1)))
        (catch $f))))
  ;; rethrow 0 of the caught exception, caught by the caller
  (func $rethrow (param i32)
    (try
      (do (call $throw_e (local.get 0)))
      (catch $e (drop) (rethrow 0))))
  ;; inner try rethrows the outer handler's exception, which the inner
  ;; catch takes again
  (func $rethrow_outer (result i32)
    (try (result i32)
      (do (call $throw_e (i32.const 11)) (i32.const 0))
      (catch $e
        (drop)
        (try (result i32)
          (do (rethrow 1))
          (catch $e)))))
  ;; catch_all, then rethrow 0 to the caller, which reads the value
  (func $cleanup (param i32)
    (try
      (do (call $throw_e (local.get 0)))
      (catch_all (rethrow 0))))
  (func $catch_e (param $f i32) (param $v i32) (result i32)
    (try (result i32)
      (do
        (if (i32.eqz (local.get $f))
          (then (call $rethrow (local.get $v)))
          (else (call $cleanup (local.get $v))))
        (i32.const -1))
      (catch $e)))
  (func $loop (result i32) (local $n i32)
    (loop $again
      (try
        (do
          (try
            (do (throw $f))
            (catch_all (rethrow 0))))
        (catch $f (local.set $n (i32.add (local.get $n) (i32.const 1)))))
      (br_if $again (i32.lt_u (local.get $n) (i32.const 10000))))
    (local.get $n))
  (func (export "_start")
    (call $put_i32 (call $by_tag (i32.const 0))) (call $sp)
    (call $put_i32 (call $by_tag (i32.const 1))) (call $sp)
    (call $put_i32 (i32.const 3)) (call $nl)
    (call $put_i32 (call $delegate_outer)) (call $sp)
    (call $put_i32
      (try (result i32) (do (call $delegate_caller) (i32.const -1))
        (catch $e)))
    (call $nl)
    (call $put_i32 (call $catch_e (i32.const 0) (i32.const 9))) (call $sp)
    (call $put_i32 (call $catch_e (i32.const 1) (i32.const 10))) (call $nl)
    (call $put_i32 (call $rethrow_outer)) (call $sp)
    (call $put_i32 (call $catch_e (i32.const 1) (i32.const 12))) (call $nl)
    (call $put_i32 (call $loop)) (call $nl)))
