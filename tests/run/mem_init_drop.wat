;; Passive data segments: memory.init copies a slice of a segment to any
;; address, can run twice, and after data.drop only zero-length inits are
;; allowed.  An active segment behaves as already dropped.
;; RUN: expect-stdout
;; llo
;; hello
;; ok
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data $active (i32.const 64) "ok")
  (data $greeting "hello, world")
  (func (export "_start")
    (memory.init $greeting (i32.const 100) (i32.const 2) (i32.const 3))
    (call $print_str (i32.const 100) (i32.const 3))
    (memory.init $greeting (i32.const 200) (i32.const 0) (i32.const 5))
    (call $print_str (i32.const 200) (i32.const 5))
    (data.drop $greeting)
    (memory.init $greeting (i32.const 300) (i32.const 0) (i32.const 0))
    (data.drop $greeting)
    (memory.init $active (i32.const 300) (i32.const 0) (i32.const 0))
    (call $print_str (i32.const 64) (i32.const 2))))
