;; Recursion 20000 deep fits the default stack, and --max-stack=4M,
;; (limits_stack.wat: not 64K).
;; RUN: options --max-stack=4M
;; RUN: expect-exit 0
(module
  (memory (export "memory") 1)
  (func $deep (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then
        (i32.add (i32.const 1)
          (call $deep (i32.sub (local.get 0) (i32.const 1)))))
      (else (i32.const 0))))
  (func (export "_start") (drop (call $deep (i32.const 20000)))))
