;; Many results at once: a function returning twelve values of all four
;; number types (more than fit in return registers), the same through
;; call_indirect, and a block and a loop with six parameters.
;; RUN: expect-stdout
;; 1 -2 0x1.8p+1 -0x1p+2 5 -6 0x1.cp+2 -0x1p+3 9 -10 0x1.6p+3 -0x1.8p+3
;; 1 -2 0x1.8p+1 -0x1p+2 5 -6 0x1.cp+2 -0x1p+3 9 -10 0x1.6p+3 -0x1.8p+3
;; 0x1.54p+4
;; 720
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $twelve (func (param i32) (result i32 i64 f32 f64 i32 i64 f32 f64
                                          i32 i64 f32 f64)))
  (table 1 funcref)
  (elem (i32.const 0) func $values)
  (func $values (type $twelve)
    (local.get 0)
    (i64.extend_i32_s (i32.mul (local.get 0) (i32.const -2)))
    (f32.convert_i32_s (i32.mul (local.get 0) (i32.const 3)))
    (f64.convert_i32_s (i32.mul (local.get 0) (i32.const -4)))
    (i32.mul (local.get 0) (i32.const 5))
    (i64.extend_i32_s (i32.mul (local.get 0) (i32.const -6)))
    (f32.convert_i32_s (i32.mul (local.get 0) (i32.const 7)))
    (f64.convert_i32_s (i32.mul (local.get 0) (i32.const -8)))
    (i32.mul (local.get 0) (i32.const 9))
    (i64.extend_i32_s (i32.mul (local.get 0) (i32.const -10)))
    (f32.convert_i32_s (i32.mul (local.get 0) (i32.const 11)))
    (f64.convert_i32_s (i32.mul (local.get 0) (i32.const -12))))
  ;; Prints twelve values given in the order $values returns them.
  (func $show (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64)
    (call $put_i32 (local.get 0)) (call $sp)
    (call $put_i64 (local.get 1)) (call $sp)
    (call $put_f32 (local.get 2)) (call $sp)
    (call $put_f64 (local.get 3)) (call $sp)
    (call $put_i32 (local.get 4)) (call $sp)
    (call $put_i64 (local.get 5)) (call $sp)
    (call $put_f32 (local.get 6)) (call $sp)
    (call $put_f64 (local.get 7)) (call $sp)
    (call $put_i32 (local.get 8)) (call $sp)
    (call $put_i64 (local.get 9)) (call $sp)
    (call $put_f32 (local.get 10)) (call $sp)
    (call $print_f64 (local.get 11)))
  (func $sum6 (param f64 f64 f64 f64 f64 f64) (result f64)
    (local.get 0) (local.get 1) (local.get 2)
    (local.get 3) (local.get 4) (local.get 5)
    (block (param f64 f64 f64 f64 f64 f64) (result f64)
      (f64.add) (f64.add) (f64.add) (f64.add) (f64.add)))
  ;; 6! with the product and five counters as loop parameters.
  (func $fact6 (result i32) (local $p i32) (local $k i32)
    (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
    (loop $l (param i32 i32 i32 i32 i32 i32) (result i32)
      (drop) (drop) (drop) (drop)
      (local.set $k)
      (local.set $p)
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.set $p (i32.mul (local.get $p) (local.get $k)))
      (local.get $p) (local.get $k) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
      (br_if $l (i32.lt_u (local.get $k) (i32.const 6)))
      (drop) (drop) (drop) (drop) (drop)))
  (func (export "_start")
    (call $show (call $values (i32.const 1)))
    (call $show (call_indirect (type $twelve) (i32.const 1) (i32.const 0)))
    (call $print_f64 (call $sum6 (f64.const 1) (f64.const 2) (f64.const 3)
                                 (f64.const 4) (f64.const 5) (f64.const 6.25)))
    (call $print_i32 (call $fact6))))
