;; Sign-extension operators and the i32/i64 width conversions.
;; RUN: expect-stdout
;; -128
;; 127
;; -32768
;; 32767
;; 0x00000012
;; -128
;; -32768
;; -2147483648
;; 2147483647
;; 0x0000000000000034
;; -1
;; 4294967295
;; 0x89abcdef
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $e8 (param i32) (result i32) (i32.extend8_s (local.get 0)))
  (func $e16 (param i32) (result i32) (i32.extend16_s (local.get 0)))
  (func $l8 (param i64) (result i64) (i64.extend8_s (local.get 0)))
  (func $l16 (param i64) (result i64) (i64.extend16_s (local.get 0)))
  (func $l32 (param i64) (result i64) (i64.extend32_s (local.get 0)))
  (func $ext_s (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
  (func $ext_u (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
  (func $wrap (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
  (func (export "_start")
    (call $print_i32 (call $e8 (i32.const 0x12345680)))
    (call $print_i32 (call $e8 (i32.const 0xffffff7f)))
    (call $print_i32 (call $e16 (i32.const 0x00018000)))
    (call $print_i32 (call $e16 (i32.const 0xffff7fff)))
    (call $print_hex32 (call $e8 (i32.const 0xabcdef12)))
    (call $print_i64 (call $l8 (i64.const 0x0123456789abcd80)))
    (call $print_i64 (call $l16 (i64.const 0x7fffffffffff8000)))
    (call $print_i64 (call $l32 (i64.const 0x0000000180000000)))
    (call $print_i64 (call $l32 (i64.const 0xffffffff7fffffff)))
    (call $print_hex64 (call $l8 (i64.const 0xffffffffffffff34)))
    (call $print_i64 (call $ext_s (i32.const -1)))
    (call $print_i64 (call $ext_u (i32.const -1)))
    (call $print_hex32 (call $wrap (i64.const 0x0123456789abcdef)))))
