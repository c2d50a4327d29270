;; The saturating truncations (trunc_sat): NaN gives 0, out-of-range values
;; and infinities clamp to the type's bounds, in-range values truncate.
;; One line per instruction.
;; RUN: expect-stdout
;; 0 2147483647 -2147483648 2147483647 -2147483648 -1
;; 0 4294967295 0 0 4294967295 3000000000
;; 0 2147483647 -2147483648 2147483647 -2147483648 -2147483648
;; 0 4294967295 0 4294967295 0 4294967295
;; 0 9223372036854775807 -9223372036854775808 9223372036854775807 -9223372036854775808 -3
;; 0 18446744073709551615 0 18446744073709551615 0 18446742974197923840
;; 0 9223372036854775807 -9223372036854775808 9223372036854775807 -9223372036854775808 9223372036854774784
;; 0 18446744073709551615 0 18446744073709551615 0 9223372036854775808
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $a (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
  (func $b (param f32) (result i32) (i32.trunc_sat_f32_u (local.get 0)))
  (func $c (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
  (func $d (param f64) (result i32) (i32.trunc_sat_f64_u (local.get 0)))
  (func $e (param f32) (result i64) (i64.trunc_sat_f32_s (local.get 0)))
  (func $f (param f32) (result i64) (i64.trunc_sat_f32_u (local.get 0)))
  (func $g (param f64) (result i64) (i64.trunc_sat_f64_s (local.get 0)))
  (func $h (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
  (func $s32 (param i32) (call $put_i32 (local.get 0)) (call $sp))
  (func $u32 (param i32) (call $put_u32 (local.get 0)) (call $sp))
  (func $s64 (param i64) (call $put_i64 (local.get 0)) (call $sp))
  (func $u64 (param i64) (call $put_u64 (local.get 0)) (call $sp))
  (func (export "_start")
    (call $s32 (call $a (f32.const nan)))
    (call $s32 (call $a (f32.const inf)))
    (call $s32 (call $a (f32.const -inf)))
    (call $s32 (call $a (f32.const 3e9)))
    (call $s32 (call $a (f32.const -3e9)))
    (call $print_i32 (call $a (f32.const -1.5)))
    (call $u32 (call $b (f32.const -nan)))
    (call $u32 (call $b (f32.const inf)))
    (call $u32 (call $b (f32.const -inf)))
    (call $u32 (call $b (f32.const -1.5)))
    (call $u32 (call $b (f32.const 5e9)))
    (call $print_u32 (call $b (f32.const 3e9)))
    (call $s32 (call $c (f64.const nan:0x4000000000000)))
    (call $s32 (call $c (f64.const inf)))
    (call $s32 (call $c (f64.const -inf)))
    (call $s32 (call $c (f64.const 2147483648)))
    (call $s32 (call $c (f64.const -2147483649)))
    (call $print_i32 (call $c (f64.const -2147483648.5)))
    (call $u32 (call $d (f64.const nan)))
    (call $u32 (call $d (f64.const inf)))
    (call $u32 (call $d (f64.const -inf)))
    (call $u32 (call $d (f64.const 4294967296)))
    (call $u32 (call $d (f64.const -1)))
    (call $print_u32 (call $d (f64.const 4294967295.5)))
    (call $s64 (call $e (f32.const nan)))
    (call $s64 (call $e (f32.const inf)))
    (call $s64 (call $e (f32.const -inf)))
    (call $s64 (call $e (f32.const 0x1p63)))
    (call $s64 (call $e (f32.const -0x1.000002p63)))
    (call $print_i64 (call $e (f32.const -3.99)))
    (call $u64 (call $f (f32.const nan)))
    (call $u64 (call $f (f32.const inf)))
    (call $u64 (call $f (f32.const -inf)))
    (call $u64 (call $f (f32.const 0x1p64)))
    (call $u64 (call $f (f32.const -1)))
    (call $print_u64 (call $f (f32.const 0x1.fffffep63)))
    (call $s64 (call $g (f64.const nan)))
    (call $s64 (call $g (f64.const inf)))
    (call $s64 (call $g (f64.const -inf)))
    (call $s64 (call $g (f64.const 0x1p63)))
    (call $s64 (call $g (f64.const -0x1.0000000000001p63)))
    (call $print_i64 (call $g (f64.const 0x1.fffffffffffffp62)))
    (call $u64 (call $h (f64.const nan)))
    (call $u64 (call $h (f64.const inf)))
    (call $u64 (call $h (f64.const -inf)))
    (call $u64 (call $h (f64.const 0x1p64)))
    (call $u64 (call $h (f64.const -0.5)))
    (call $print_u64 (call $h (f64.const 0x1p63)))))
