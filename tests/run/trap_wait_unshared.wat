;; memory.atomic.wait32 on an unshared memory traps; notify on one returns
;; 0 (nobody can wait there).
;; RUN: features threads
;; RUN: expect-stdout
;; 0
;; RUN: expect-trap expected shared memory
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start")
    (call $print_i32 (memory.atomic.notify (i32.const 64) (i32.const 1)))
    (drop (memory.atomic.wait32 (i32.const 64) (i32.const 0)
                                (i64.const 0)))))
