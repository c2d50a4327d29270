;; Runaway recursion without a loop (2^64 calls, 64 frames deep),
;; compiled --interruptible=epoch: --timeout interrupts it at a function
;; entry.
;; RUN: opt-levels 0,2
;; RUN: flags --interruptible=epoch
;; RUN: options --timeout=200ms
;; RUN: expect-trap interrupted
(module
  (memory (export "memory") 1)
  (func $fork (param i32)
    (if (local.get 0)
      (then
        (call $fork (i32.sub (local.get 0) (i32.const 1)))
        (call $fork (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "_start") (call $fork (i32.const 64))))
