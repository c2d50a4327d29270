;; A callee's loaded result dropped by its caller: after inlining the
;; load is dead in LLVM's eyes but must still trap.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $get (param $a i32) (result i64) (i64.load offset=8 (local.get $a)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call $get (i32.const 65530)))
    (call $print_i32 (i32.const 2))))
