;; A load whose value only decides a branch that inlining folds away.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $test (param $a i32) (param $check i32) (result i32)
    (local $v i32)
    (local.set $v (i32.load8_u (local.get $a)))
    (if (result i32) (local.get $check)
      (then (local.get $v))
      (else (i32.const 3))))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call $test (i32.const 65536) (i32.const 0)))
    (call $print_i32 (i32.const 2))))
