;; An atomic access must be aligned: i32.atomic.rmw.add at 2 traps, after
;; one at 4 worked.
;; RUN: features threads
;; RUN: expect-stdout
;; 5
;; RUN: expect-trap unaligned atomic
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1 1 shared)
  (func $add (param $at i32) (result i32)
    (i32.atomic.rmw.add (local.get $at) (i32.const 5)))
  (func (export "_start")
    (drop (call $add (i32.const 64)))
    (call $print_i32 (i32.atomic.load (i32.const 64)))
    (drop (call $add (i32.const 66)))))
