;; i32 bitwise ops, shifts and rotates with counts taken modulo 32,
;; clz/ctz/popcnt including zero and all-ones.
;; RUN: expect-stdout
;; 0x0f000f00
;; 0xfff0fff0
;; 0xf0f0f0f0
;; 0x80000000
;; 0x00000001
;; 0x00000002
;; 0x80000000
;; 0xffffffff
;; 0x80000000
;; 0xfffffffc
;; 0x00000001
;; 0x00000001
;; 0x80000000
;; 0x23456781
;; 0x23456781
;; 0x12345678
;; 0x00000003
;; 0x81234567
;; 0x23456781
;; 0xc0000000
;; 32
;; 31
;; 0
;; 8
;; 32
;; 31
;; 0
;; 8
;; 0
;; 32
;; 16
;; 2
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $and (param i32 i32) (result i32) (i32.and (local.get 0) (local.get 1)))
  (func $or (param i32 i32) (result i32) (i32.or (local.get 0) (local.get 1)))
  (func $xor (param i32 i32) (result i32) (i32.xor (local.get 0) (local.get 1)))
  (func $shl (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
  (func $shr_s (param i32 i32) (result i32) (i32.shr_s (local.get 0) (local.get 1)))
  (func $shr_u (param i32 i32) (result i32) (i32.shr_u (local.get 0) (local.get 1)))
  (func $rotl (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
  (func $rotr (param i32 i32) (result i32) (i32.rotr (local.get 0) (local.get 1)))
  (func $clz (param i32) (result i32) (i32.clz (local.get 0)))
  (func $ctz (param i32) (result i32) (i32.ctz (local.get 0)))
  (func $popcnt (param i32) (result i32) (i32.popcnt (local.get 0)))
  (func (export "_start")
    (call $print_hex32 (call $and (i32.const 0xff00ff00) (i32.const 0x0ff00ff0)))
    (call $print_hex32 (call $or (i32.const 0xff00ff00) (i32.const 0x0ff00ff0)))
    (call $print_hex32 (call $xor (i32.const 0xff00ff00) (i32.const 0x0ff00ff0)))
    (call $print_hex32 (call $shl (i32.const 1) (i32.const 31)))
    (call $print_hex32 (call $shl (i32.const 1) (i32.const 32)))
    (call $print_hex32 (call $shl (i32.const 1) (i32.const 33)))
    (call $print_hex32 (call $shl (i32.const 1) (i32.const -1)))
    (call $print_hex32 (call $shr_s (i32.const 0x80000000) (i32.const 31)))
    (call $print_hex32 (call $shr_s (i32.const 0x80000000) (i32.const 32)))
    (call $print_hex32 (call $shr_s (i32.const -8) (i32.const 1)))
    (call $print_hex32 (call $shr_u (i32.const 0x80000000) (i32.const 31)))
    (call $print_hex32 (call $shr_u (i32.const 0x80000000) (i32.const 63)))
    (call $print_hex32 (call $shr_u (i32.const 0x80000000) (i32.const 32)))
    (call $print_hex32 (call $rotl (i32.const 0x12345678) (i32.const 4)))
    (call $print_hex32 (call $rotl (i32.const 0x12345678) (i32.const 36)))
    (call $print_hex32 (call $rotl (i32.const 0x12345678) (i32.const 0)))
    (call $print_hex32 (call $rotl (i32.const 0x80000001) (i32.const 1)))
    (call $print_hex32 (call $rotr (i32.const 0x12345678) (i32.const 4)))
    (call $print_hex32 (call $rotr (i32.const 0x12345678) (i32.const -4)))
    (call $print_hex32 (call $rotr (i32.const 0x80000001) (i32.const 1)))
    (call $print_i32 (call $clz (i32.const 0)))
    (call $print_i32 (call $clz (i32.const 1)))
    (call $print_i32 (call $clz (i32.const 0x80000000)))
    (call $print_i32 (call $clz (i32.const 0x00ffffff)))
    (call $print_i32 (call $ctz (i32.const 0)))
    (call $print_i32 (call $ctz (i32.const 0x80000000)))
    (call $print_i32 (call $ctz (i32.const 1)))
    (call $print_i32 (call $ctz (i32.const 0x100)))
    (call $print_i32 (call $popcnt (i32.const 0)))
    (call $print_i32 (call $popcnt (i32.const -1)))
    (call $print_i32 (call $popcnt (i32.const 0x55555555)))
    (call $print_i32 (call $popcnt (i32.const 0x80000001)))))
