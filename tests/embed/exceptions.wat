;; The module of test_exceptions.c: exported and imported tags, a function
;; that throws what it is given, one that calls a host function that throws
;; and catches by tag, and one that lets the host's exception through.
(module
  (import "host" "tag" (tag $host (param i32 f64)))
  (import "host" "throw" (func $host_throw (param i32)))
  (tag $e (export "e") (param i32 i64))
  (tag $empty (export "empty"))
  (func (export "throw") (param i32 i64)
    (throw $e (local.get 0) (local.get 1)))
  (func (export "throw_empty") (throw $empty))
  ;; Calls the host, which throws $host with (v, 2.5): caught here, the
  ;; result is v + the f64 as i32.
  (func (export "catch_host") (param i32) (result i32)
    (block $h (result i32 f64)
      (try_table (catch $host $h) (call $host_throw (local.get 0)))
      (return (i32.const -1)))
    (i32.trunc_f64_s)
    (i32.add))
  ;; The same exception, not caught here.
  (func (export "pass_host") (param i32)
    (block $h
      (try_table (catch $empty $h) (call $host_throw (local.get 0))))))
