;; Recursion 20000 deep fits the default stack (limits_stack_fits.wat)
;; but not --max-stack=64K: call stack exhausted.
;; RUN: options --max-stack=64K
;; RUN: expect-trap call stack exhausted
(module
  (memory (export "memory") 1)
  (func $deep (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then
        (i32.add (i32.const 1)
          (call $deep (i32.sub (local.get 0) (i32.const 1)))))
      (else (i32.const 0))))
  (func (export "_start") (drop (call $deep (i32.const 20000)))))
