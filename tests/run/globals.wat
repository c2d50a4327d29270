;; Globals of every value type: initial values, global.set seen by other
;; functions, a counter kept across calls, an exported mutable global, a
;; funcref global called through a table slot, an externref global.
;; RUN: expect-stdout
;; -5 9000000000 0x1.8p+0 -0x1.4p+1
;; 7 -9000000000 0x1p-149 inf
;; 3
;; 0x7fa00000
;; 77
;; 1 0
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (global $ci i32 (i32.const -5))
  (global $gi (mut i32) (i32.const -5))
  (global $gl (mut i64) (i64.const 9000000000))
  (global $gf (mut f32) (f32.const 1.5))
  (global $gd (mut f64) (f64.const -2.5))
  (global $counter (export "counter") (mut i32) (i32.const 0))
  (global $snan (mut f32) (f32.const nan:0x200000))
  (global $fn (mut funcref) (ref.null func))
  (global $ext (mut externref) (ref.null extern))
  (table $t 1 funcref)
  (elem declare func $seventy_seven)
  (func $seventy_seven (result i32) (i32.const 77))
  (func $show
    (call $put_i32 (global.get $gi)) (call $sp)
    (call $put_i64 (global.get $gl)) (call $sp)
    (call $put_f32 (global.get $gf)) (call $sp)
    (call $print_f64 (global.get $gd)))
  (func $set_all
    (global.set $gi (i32.add (global.get $ci) (i32.const 12)))
    (global.set $gl (i64.sub (i64.const 0) (global.get $gl)))
    (global.set $gf (f32.const 0x1p-149))
    (global.set $gd (f64.div (f64.const 1) (f64.const 0))))
  (func $tick (global.set $counter (i32.add (global.get $counter) (i32.const 1))))
  (func (export "_start")
    (call $show)
    (call $set_all)
    (call $show)
    (call $tick) (call $tick) (call $tick)
    (call $print_i32 (global.get $counter))
    (call $print_hex32 (i32.reinterpret_f32 (global.get $snan)))
    (global.set $fn (ref.func $seventy_seven))
    (table.set $t (i32.const 0) (global.get $fn))
    (call $print_i32 (call_indirect $t (result i32) (i32.const 0)))
    (call $put_i32 (ref.is_null (global.get $ext))) (call $sp)
    (call $print_i32 (ref.is_null (global.get $fn)))))
