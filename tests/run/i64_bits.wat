;; i64 bitwise ops, shifts and rotates with counts taken modulo 64 (and
;; counts of 32 and more that must not be masked to 5 bits), clz/ctz/popcnt.
;; RUN: expect-stdout
;; 0x0f000f000f000f00
;; 0xfff0fff0fff0fff0
;; 0xf0f0f0f0f0f0f0f0
;; 0x8000000000000000
;; 0x0000000000000001
;; 0x0000000000000002
;; 0x8000000000000000
;; 0x0000000100000000
;; 0xffffffffffffffff
;; 0x8000000000000000
;; 0xfffffffff0000000
;; 0x0000000000000001
;; 0x0000000080000000
;; 0x123456789abcdef0
;; 0x123456789abcdef0
;; 0x89abcdef01234567
;; 0xf0123456789abcde
;; 0x123456789abcdef0
;; 0x89abcdef01234567
;; 64
;; 63
;; 31
;; 0
;; 64
;; 32
;; 63
;; 64
;; 2
;; 32
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $and (param i64 i64) (result i64) (i64.and (local.get 0) (local.get 1)))
  (func $or (param i64 i64) (result i64) (i64.or (local.get 0) (local.get 1)))
  (func $xor (param i64 i64) (result i64) (i64.xor (local.get 0) (local.get 1)))
  (func $shl (param i64 i64) (result i64) (i64.shl (local.get 0) (local.get 1)))
  (func $shr_s (param i64 i64) (result i64) (i64.shr_s (local.get 0) (local.get 1)))
  (func $shr_u (param i64 i64) (result i64) (i64.shr_u (local.get 0) (local.get 1)))
  (func $rotl (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.get 1)))
  (func $rotr (param i64 i64) (result i64) (i64.rotr (local.get 0) (local.get 1)))
  (func $clz (param i64) (result i64) (i64.clz (local.get 0)))
  (func $ctz (param i64) (result i64) (i64.ctz (local.get 0)))
  (func $popcnt (param i64) (result i64) (i64.popcnt (local.get 0)))
  (func (export "_start")
    (call $print_hex64 (call $and (i64.const 0xff00ff00ff00ff00) (i64.const 0x0ff00ff00ff00ff0)))
    (call $print_hex64 (call $or (i64.const 0xff00ff00ff00ff00) (i64.const 0x0ff00ff00ff00ff0)))
    (call $print_hex64 (call $xor (i64.const 0xff00ff00ff00ff00) (i64.const 0x0ff00ff00ff00ff0)))
    (call $print_hex64 (call $shl (i64.const 1) (i64.const 63)))
    (call $print_hex64 (call $shl (i64.const 1) (i64.const 64)))
    (call $print_hex64 (call $shl (i64.const 1) (i64.const 65)))
    (call $print_hex64 (call $shl (i64.const 1) (i64.const -1)))
    (call $print_hex64 (call $shl (i64.const 1) (i64.const 32)))
    (call $print_hex64 (call $shr_s (i64.const 0x8000000000000000) (i64.const 63)))
    (call $print_hex64 (call $shr_s (i64.const 0x8000000000000000) (i64.const 64)))
    (call $print_hex64 (call $shr_s (i64.const 0x8000000000000000) (i64.const 35)))
    (call $print_hex64 (call $shr_u (i64.const 0x8000000000000000) (i64.const 63)))
    (call $print_hex64 (call $shr_u (i64.const 0x8000000000000000) (i64.const 32)))
    (call $print_hex64 (call $rotl (i64.const 0x0123456789abcdef) (i64.const 4)))
    (call $print_hex64 (call $rotl (i64.const 0x0123456789abcdef) (i64.const 68)))
    (call $print_hex64 (call $rotl (i64.const 0x0123456789abcdef) (i64.const 32)))
    (call $print_hex64 (call $rotr (i64.const 0x0123456789abcdef) (i64.const 4)))
    (call $print_hex64 (call $rotr (i64.const 0x0123456789abcdef) (i64.const -4)))
    (call $print_hex64 (call $rotr (i64.const 0x0123456789abcdef) (i64.const 32)))
    (call $print_i64 (call $clz (i64.const 0)))
    (call $print_i64 (call $clz (i64.const 1)))
    (call $print_i64 (call $clz (i64.const 0x100000000)))
    (call $print_i64 (call $clz (i64.const -1)))
    (call $print_i64 (call $ctz (i64.const 0)))
    (call $print_i64 (call $ctz (i64.const 0x100000000)))
    (call $print_i64 (call $ctz (i64.const 0x8000000000000000)))
    (call $print_i64 (call $popcnt (i64.const -1)))
    (call $print_i64 (call $popcnt (i64.const 0x8000000080000000)))
    (call $print_i64 (call $popcnt (i64.const 0x0123456789abcdef)))))
