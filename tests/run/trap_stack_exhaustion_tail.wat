;; A function that makes tail calls (compiled into a tail entry,
;; docs/tail-calls.md) still exhausts the call stack by ordinary
;; recursion, and traps; its tail call is never reached.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap call stack exhausted
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $down (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (return_call $down (i32.const 1)))
      (else
        (i32.add (call $down (i32.add (local.get 0) (i32.const 1)))
                 (i32.const 1)))))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i32 (call $down (i32.const 0)))))
