;; The largest portable exit code, 255, reaches the parent unchanged.
;; RUN: expect-exit 255
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const 255))))
