;; An aligned atomic access past the end of memory traps as a plain one.
;; RUN: features threads
;; RUN: expect-trap out of bounds memory access
(module
  (memory (export "memory") 1 1 shared)
  (func (export "_start")
    (drop (i32.atomic.rmw.xchg (i32.const 65536) (i32.const 1)))))
