;; The trapping float-to-int truncations at the edges of their ranges, all
;; valid: the extreme representable inputs, fractions toward zero, negative
;; fractions to unsigned 0, unsigned 64-bit results at and above 2^63.
;; RUN: expect-stdout
;; -2147483648
;; 2147483520
;; -1
;; 4294967040
;; 0
;; 2147483647
;; -2147483648
;; 4294967295
;; 0
;; -9223372036854775808
;; 9223371487098961920
;; 18446742974197923840
;; 9223372036854774784
;; -9223372036854775808
;; 18446744073709549568
;; 9223372036854775808
;; 0
;; 0
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $i32_f32_s (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func $i32_f32_u (param f32) (result i32) (i32.trunc_f32_u (local.get 0)))
  (func $i32_f64_s (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func $i32_f64_u (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func $i64_f32_s (param f32) (result i64) (i64.trunc_f32_s (local.get 0)))
  (func $i64_f32_u (param f32) (result i64) (i64.trunc_f32_u (local.get 0)))
  (func $i64_f64_s (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
  (func $i64_f64_u (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func (export "_start")
    (call $print_i32 (call $i32_f32_s (f32.const -0x1p31)))
    (call $print_i32 (call $i32_f32_s (f32.const 0x1.fffffep30)))
    (call $print_i32 (call $i32_f32_s (f32.const -1.9)))
    (call $print_u32 (call $i32_f32_u (f32.const 0x1.fffffep31)))
    (call $print_u32 (call $i32_f32_u (f32.const -0.9)))
    (call $print_i32 (call $i32_f64_s (f64.const 2147483647.9)))
    (call $print_i32 (call $i32_f64_s (f64.const -2147483648.9)))
    (call $print_u32 (call $i32_f64_u (f64.const 4294967295.9)))
    (call $print_u32 (call $i32_f64_u (f64.const -0.99)))
    (call $print_i64 (call $i64_f32_s (f32.const -0x1p63)))
    (call $print_i64 (call $i64_f32_s (f32.const 0x1.fffffep62)))
    (call $print_u64 (call $i64_f32_u (f32.const 0x1.fffffep63)))
    (call $print_i64 (call $i64_f64_s (f64.const 0x1.fffffffffffffp62)))
    (call $print_i64 (call $i64_f64_s (f64.const -0x1p63)))
    (call $print_u64 (call $i64_f64_u (f64.const 0x1.fffffffffffffp63)))
    (call $print_u64 (call $i64_f64_u (f64.const 0x1p63)))
    (call $print_u64 (call $i64_f64_u (f64.const -0.5)))
    (call $print_i64 (call $i64_f64_s (f64.const -0)))))
