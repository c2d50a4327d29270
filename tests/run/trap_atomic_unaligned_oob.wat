;; Both misaligned and out of bounds: the alignment is checked first (as
;; the threads reference interpreter does), in both bounds strategies.
;; i64.atomic.load at 65533 of a one-page unshared memory: atomics work on
;; unshared memories too.
;; RUN: features threads
;; RUN: expect-trap unaligned atomic
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (i64.atomic.load (i32.const 65533)))))
