;; Unbounded recursion whose results are all unused exhausts the stack.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap call stack exhausted
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i32) (result i32)
    (drop (call $f (i32.add (local.get $a) (i32.const 1))))
    (local.get $a))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call $f (i32.const 0)))
    (call $print_i32 (i32.const 2))))
