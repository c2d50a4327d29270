;; An empty infinite loop, compiled --interruptible=epoch: --timeout
;; interrupts it at every optimisation level (LLVM may not delete it).
;; RUN: opt-levels 0,2,3
;; RUN: flags --interruptible=epoch
;; RUN: options --timeout=200ms
;; RUN: expect-trap interrupted
(module
  (memory (export "memory") 1)
  (func (export "_start") (loop br 0)))
