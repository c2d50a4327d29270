;; f32 and f64 comparisons, printed as "eq ne lt gt le ge": any NaN makes
;; all false but ne, -0 equals +0, infinities order.
;; RUN: expect-stdout
;; 0 1 1 0 1 0
;; 0 1 0 1 0 1
;; 1 0 0 0 1 1
;; 0 1 0 0 0 0
;; 0 1 0 0 0 0
;; 0 1 0 0 0 0
;; 0 1 0 1 0 1
;; 1 0 0 0 1 1
;; 0 1 1 0 1 0
;; 0 1 0 1 0 1
;; 1 0 0 0 1 1
;; 0 1 0 0 0 0
;; 0 1 0 0 0 0
;; 0 1 0 0 0 0
;; 0 1 0 1 0 1
;; 1 0 0 0 1 1
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $six (param i32 i32 i32 i32 i32 i32)
    (call $put_i32 (local.get 0)) (call $sp)
    (call $put_i32 (local.get 1)) (call $sp)
    (call $put_i32 (local.get 2)) (call $sp)
    (call $put_i32 (local.get 3)) (call $sp)
    (call $put_i32 (local.get 4)) (call $sp)
    (call $print_i32 (local.get 5)))
  (func $cmp32 (param $a f32) (param $b f32)
    (call $six (f32.eq (local.get $a) (local.get $b))
               (f32.ne (local.get $a) (local.get $b))
               (f32.lt (local.get $a) (local.get $b))
               (f32.gt (local.get $a) (local.get $b))
               (f32.le (local.get $a) (local.get $b))
               (f32.ge (local.get $a) (local.get $b))))
  (func $cmp64 (param $a f64) (param $b f64)
    (call $six (f64.eq (local.get $a) (local.get $b))
               (f64.ne (local.get $a) (local.get $b))
               (f64.lt (local.get $a) (local.get $b))
               (f64.gt (local.get $a) (local.get $b))
               (f64.le (local.get $a) (local.get $b))
               (f64.ge (local.get $a) (local.get $b))))
  (func (export "_start")
    (call $cmp32 (f32.const 1) (f32.const 2))
    (call $cmp32 (f32.const 2) (f32.const 1))
    (call $cmp32 (f32.const -0) (f32.const 0))
    (call $cmp32 (f32.const nan) (f32.const 1))
    (call $cmp32 (f32.const 1) (f32.const nan))
    (call $cmp32 (f32.const nan) (f32.const nan))
    (call $cmp32 (f32.const inf) (f32.const 0x1.fffffep127))
    (call $cmp32 (f32.const -inf) (f32.const -inf))
    (call $cmp64 (f64.const 1) (f64.const 2))
    (call $cmp64 (f64.const 2) (f64.const 1))
    (call $cmp64 (f64.const -0) (f64.const 0))
    (call $cmp64 (f64.const nan) (f64.const 1))
    (call $cmp64 (f64.const 1) (f64.const nan))
    (call $cmp64 (f64.const nan) (f64.const nan))
    (call $cmp64 (f64.const inf) (f64.const 0x1.fffffffffffffp1023))
    (call $cmp64 (f64.const -inf) (f64.const -inf))))
