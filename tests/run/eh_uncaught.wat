;; Exception handling: an exception nothing catches leaves _start; the
;; program prints what it is (the tag's export name and its values) and
;; exits with status 134, as on a trap.  A try_table for another tag on the
;; way does not stop it.
;; RUN: wabt 3.0
;; RUN: expect-stdout
;; before
;; RUN: expect-exception uncaught exception of tag "x" (i32 7, f64 2.5)
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 16) "before\n")
  (tag $x (export "x") (param i32 f64))
  (tag $other)
  (func $throw (throw $x (i32.const 7) (f64.const 2.5)))
  (func (export "_start")
    (call $put_str (i32.const 16) (i32.const 7))
    (block $h
      (try_table (catch $other $h) (call $throw)))))
