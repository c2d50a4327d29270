;; A library module (a reactor): no _start, an _initialize that must run
;; before any export, and exports of every number type.
(module
  (memory (export "memory") 1)
  (global $base (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $base (i32.const 1000)))
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (global.get $base) (i32.add (local.get 0) (local.get 1))))
  (func (export "wide") (param i64 f64) (result i64 f64 f32)
    (i64.mul (local.get 0) (i64.const 3))
    (f64.mul (local.get 1) (f64.const 0.5))
    (f32.const 0.1))
  (func (export "boom") (result i32) (i32.div_u (i32.const 1) (i32.const 0)))
  (func (export "vec") (param v128)))
