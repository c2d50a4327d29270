;; Integer-to-float conversions rounding to nearest even (including the
;; 64-bit inputs where rounding through f64 first would be wrong), demote,
;; promote and reinterpret.
;; RUN: expect-stdout
;; -0x1p+0
;; 0x1p+31
;; 0x1p+24
;; 0x1p+32
;; 0x1p+31
;; 0x1p+63
;; -0x1p+63
;; 0x1p+64
;; 0x1.000002p+63
;; 0x1.000002p+61
;; -0x1p+31
;; 0x1.fffffffep+31
;; 0x1p+53
;; 0x1p+64
;; 0x1.0000000000001p+63
;; 0x1p+63
;; -0x1p+62
;; inf
;; 0x1.99999ap-4
;; 0x0p+0
;; 0x1p-149
;; -0x0p+0
;; nan:canonical
;; nan:arithmetic
;; 0x1p-149
;; nan:canonical
;; nan:arithmetic
;; 0x80000000
;; 0x1p+0
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f32_i32_s (param i32) (result f32) (f32.convert_i32_s (local.get 0)))
  (func $f32_i32_u (param i32) (result f32) (f32.convert_i32_u (local.get 0)))
  (func $f32_i64_s (param i64) (result f32) (f32.convert_i64_s (local.get 0)))
  (func $f32_i64_u (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
  (func $f64_i32_s (param i32) (result f64) (f64.convert_i32_s (local.get 0)))
  (func $f64_i32_u (param i32) (result f64) (f64.convert_i32_u (local.get 0)))
  (func $f64_i64_s (param i64) (result f64) (f64.convert_i64_s (local.get 0)))
  (func $f64_i64_u (param i64) (result f64) (f64.convert_i64_u (local.get 0)))
  (func $demote (param f64) (result f32) (f32.demote_f64 (local.get 0)))
  (func $promote (param f32) (result f64) (f64.promote_f32 (local.get 0)))
  (func (export "_start")
    (call $print_f32 (call $f32_i32_s (i32.const -1)))
    (call $print_f32 (call $f32_i32_s (i32.const 0x7fffffff)))
    (call $print_f32 (call $f32_i32_s (i32.const 16777217)))
    (call $print_f32 (call $f32_i32_u (i32.const 0xffffffff)))
    (call $print_f32 (call $f32_i32_u (i32.const 0x80000001)))
    (call $print_f32 (call $f32_i64_s (i64.const 0x7fffffffffffffff)))
    (call $print_f32 (call $f32_i64_s (i64.const 0x8000000000000000)))
    (call $print_f32 (call $f32_i64_u (i64.const 0xffffffffffffffff)))
    (call $print_f32 (call $f32_i64_u (i64.const 0x8000008000000001)))
    (call $print_f32 (call $f32_i64_s (i64.const 0x2000002000000001)))
    (call $print_f64 (call $f64_i32_s (i32.const 0x80000000)))
    (call $print_f64 (call $f64_i32_u (i32.const 0xffffffff)))
    (call $print_f64 (call $f64_i64_s (i64.const 9007199254740993)))
    (call $print_f64 (call $f64_i64_u (i64.const 0xffffffffffffffff)))
    (call $print_f64 (call $f64_i64_u (i64.const 0x8000000000000401)))
    (call $print_f64 (call $f64_i64_u (i64.const 0x8000000000000400)))
    (call $print_f64 (call $f64_i64_s (i64.const 0xc000000000000001)))
    (call $print_f32 (call $demote (f64.const 1e300)))
    (call $print_f32 (call $demote (f64.const 0.1)))
    (call $print_f32 (call $demote (f64.const 0x1p-150)))
    (call $print_f32 (call $demote (f64.const 0x1.0000000000001p-150)))
    (call $print_f32 (call $demote (f64.const -0)))
    (call $print_f32 (call $demote (f64.const nan)))
    (call $print_f32 (call $demote (f64.const nan:0x4000000000000)))
    (call $print_f64 (call $promote (f32.const 0x1p-149)))
    (call $print_f64 (call $promote (f32.const nan)))
    (call $print_f64 (call $promote (f32.const nan:0x200000)))
    (call $print_hex32 (i32.reinterpret_f32 (f32.const -0)))
    (call $print_f64 (f64.reinterpret_i64 (i64.const 0x3ff0000000000000)))))
