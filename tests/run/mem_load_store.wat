;; Loads and stores of every width and signedness, little-endian byte
;; order, unaligned addresses, offset immediates, narrow stores writing only
;; their bytes, float loads and stores keeping NaN bits, active data.
;; RUN: expect-stdout
;; 0x04030201
;; 239 -17
;; 52719 -12817
;; 0x89abcdef 0x01234567
;; 1 -119
;; 291 -30293
;; 2309737967 -1985229329
;; 0x0123456789abcdef
;; 0x000123456789abcd
;; 0x01234567 0x89abcdef
;; 0xffffff78
;; 0xffffef01
;; 0x5566778800000000
;; 0xffffffffffffff88
;; 0xffffffffffff7788
;; 0x7fa00001 0x7fa00001
;; 0x3ff8000000000000 0x1.8p+0
;; 0x7ff0000000000001
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 64) "\01\02\03\04")
  (func (export "_start")
    (call $print_hex32 (i32.load (i32.const 64)))
    (i64.store (i32.const 100) (i64.const 0x0123456789abcdef))
    (call $put_i32 (i32.load8_u (i32.const 100))) (call $sp)
    (call $print_i32 (i32.load8_s (i32.const 100)))
    (call $put_i32 (i32.load16_u (i32.const 100))) (call $sp)
    (call $print_i32 (i32.load16_s (i32.const 100)))
    (call $put_hex32 (i32.load (i32.const 100))) (call $sp)
    (call $print_hex32 (i32.load (i32.const 104)))
    (call $put_i64 (i64.load8_s (i32.const 107))) (call $sp)
    (call $print_i64 (i64.load8_s (i32.const 103)))
    (call $put_i64 (i64.load16_u (i32.const 106))) (call $sp)
    (call $print_i64 (i64.load16_s (i32.const 102)))
    (call $put_i64 (i64.load32_u (i32.const 100))) (call $sp)
    (call $print_i64 (i64.load32_s (i32.const 100)))
    (call $print_hex64 (i64.load (i32.const 100)))
    (call $print_hex64 (i64.load (i32.const 101)))
    (call $put_hex32 (i32.load offset=4 (i32.const 100))) (call $sp)
    (call $print_hex32 (i32.load offset=3 align=1 (i32.const 97)))
    ;; Narrow stores over a word of ones.
    (i32.store (i32.const 200) (i32.const -1))
    (i32.store8 (i32.const 200) (i32.const 0x12345678))
    (call $print_hex32 (i32.load (i32.const 200)))
    (i32.store (i32.const 204) (i32.const -1))
    (i32.store16 (i32.const 204) (i32.const 0xabcdef01))
    (call $print_hex32 (i32.load (i32.const 204)))
    (i64.store (i32.const 208) (i64.const 0))
    (i64.store32 offset=4 (i32.const 208) (i64.const 0x1122334455667788))
    (call $print_hex64 (i64.load (i32.const 208)))
    (i64.store (i32.const 216) (i64.const -1))
    (i64.store8 (i32.const 216) (i64.const 0x1122334455667788))
    (call $print_hex64 (i64.load (i32.const 216)))
    (i64.store (i32.const 224) (i64.const -1))
    (i64.store16 (i32.const 224) (i64.const 0x1122334455667788))
    (call $print_hex64 (i64.load (i32.const 224)))
    ;; Floats: bits through memory untouched.
    (f32.store (i32.const 232) (f32.reinterpret_i32 (i32.const 0x7fa00001)))
    (call $put_hex32 (i32.load (i32.const 232))) (call $sp)
    (call $print_hex32 (i32.reinterpret_f32 (f32.load (i32.const 232))))
    (f64.store (i32.const 240) (f64.const 1.5))
    (call $put_hex64 (i64.load (i32.const 240))) (call $sp)
    (call $print_f64 (f64.load (i32.const 240)))
    (i64.store (i32.const 249) (i64.const 0x7ff0000000000001))
    (call $print_hex64 (i64.reinterpret_f64 (f64.load (i32.const 249))))))
