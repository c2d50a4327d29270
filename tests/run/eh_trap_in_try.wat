;; Exception handling: a trap is not an exception - a catch_all around a
;; call that divides by zero does not run, the program dies of the trap.
;; RUN: wabt 3.0
;; RUN: expect-stdout
;; before
;; RUN: expect-trap integer divide by zero
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 16) "before\ncaught\n")
  (func $div (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $put_str (i32.const 16) (i32.const 7))
    (block $h
      (try_table (catch_all $h)
        (drop (call $div (i32.const 1) (i32.const 0))))
      (return))
    (call $put_str (i32.const 23) (i32.const 7))))
