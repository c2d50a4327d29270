;; The print helpers themselves: decimal, hex and hex-float output.
;; RUN: expect-stdout
;; 0
;; 42
;; -2147483648
;; 4294967295
;; -9223372036854775808
;; 18446744073709551615
;; 0xdeadbeef
;; 0x0123456789abcdef
;; 0x1p+0
;; -0x1.4p+1
;; 0x1.999999999999ap-4
;; -0x0p+0
;; 0x0.0000000000001p-1022
;; -inf
;; nan:canonical
;; nan:0x000000000000f
;; nan:arithmetic
;; 0x1.8p+0
;; 0x1p-149
;; 0x1.fffffep+127
;; inf
;; nan:canonical
;; nan:0x200000
;; nan:arithmetic
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start")
    (call $print_i32 (i32.const 0))
    (call $print_i32 (i32.const 42))
    (call $print_i32 (i32.const -2147483648))
    (call $print_u32 (i32.const -1))
    (call $print_i64 (i64.const -9223372036854775808))
    (call $print_u64 (i64.const -1))
    (call $print_hex32 (i32.const 0xdeadbeef))
    (call $print_hex64 (i64.const 0x0123456789abcdef))
    (call $print_f64 (f64.const 1))
    (call $print_f64 (f64.const -2.5))
    (call $print_f64 (f64.const 0.1))
    (call $print_f64 (f64.const -0))
    (call $print_f64 (f64.const 0x0.0000000000001p-1022))
    (call $print_f64 (f64.const -inf))
    (call $print_f64 (f64.const nan))
    (call $print_f64 (f64.const -nan:0xf))
    (call $print_f64 (f64.const nan:0x8000000000001))
    (call $print_f32 (f32.const 1.5))
    (call $print_f32 (f32.const 0x1p-149))
    (call $print_f32 (f32.const 3.4028234e38))
    (call $print_f32 (f32.const inf))
    (call $print_f32 (f32.const nan))
    (call $print_f32 (f32.const nan:0x200000))
    (call $print_f32 (f32.const nan:0x400001))))
