;; i64.trunc_f32_u of 2^64 into a dead local traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer overflow
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a f32) (local $x i64) (local.set $x (i64.trunc_f32_u (local.get $a))))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $f (f32.const 0x1p64))
    (call $print_i32 (i32.const 2))))
