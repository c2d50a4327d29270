;; copysign, neg, abs and reinterpret are bit operations: exact on signed
;; zeros, and a NaN's payload (signalling or not) passes through unchanged,
;; also across calls and locals.
;; RUN: expect-stdout
;; 0xbf800000
;; 0x3f800000
;; 0xffa00000
;; 0x7fc00000
;; 0xc0000000
;; 0xffa00000
;; 0x7fa00001
;; 0x80000001
;; 0x7f800001
;; 0xbff0000000000000
;; 0x3ff0000000000000
;; 0xfff4000000000000
;; 0x7ff8000000000000
;; 0xc000000000000000
;; 0xfff4000000000000
;; 0x7ff0000000000001
;; 0x8000000000000001
;; 0x7ff0000000000001
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $cs32 (param i32 i32) (result i32)
    (i32.reinterpret_f32 (f32.copysign (f32.reinterpret_i32 (local.get 0))
                                       (f32.reinterpret_i32 (local.get 1)))))
  (func $neg32 (param i32) (result i32)
    (i32.reinterpret_f32 (f32.neg (f32.reinterpret_i32 (local.get 0)))))
  (func $abs32 (param i32) (result i32)
    (i32.reinterpret_f32 (f32.abs (f32.reinterpret_i32 (local.get 0)))))
  (func $pass32 (param f32) (result f32) (local f32)
    (local.set 1 (local.get 0))
    (local.get 1))
  (func $cs64 (param i64 i64) (result i64)
    (i64.reinterpret_f64 (f64.copysign (f64.reinterpret_i64 (local.get 0))
                                       (f64.reinterpret_i64 (local.get 1)))))
  (func $neg64 (param i64) (result i64)
    (i64.reinterpret_f64 (f64.neg (f64.reinterpret_i64 (local.get 0)))))
  (func $abs64 (param i64) (result i64)
    (i64.reinterpret_f64 (f64.abs (f64.reinterpret_i64 (local.get 0)))))
  (func $pass64 (param f64) (result f64) (local f64)
    (local.set 1 (local.get 0))
    (local.get 1))
  (func (export "_start")
    (call $print_hex32 (call $cs32 (i32.const 0x3f800000) (i32.const 0x80000000)))
    (call $print_hex32 (call $cs32 (i32.const 0xbf800000) (i32.const 0)))
    (call $print_hex32 (call $cs32 (i32.const 0x7fa00000) (i32.const 0xbf800000)))
    (call $print_hex32 (call $cs32 (i32.const 0xffc00000) (i32.const 0x3f800000)))
    (call $print_hex32 (call $cs32 (i32.const 0x40000000) (i32.const 0xffc00000)))
    (call $print_hex32 (call $neg32 (i32.const 0x7fa00000)))
    (call $print_hex32 (call $abs32 (i32.const 0xffa00001)))
    (call $print_hex32 (call $neg32 (i32.const 0x00000001)))
    (call $print_hex32 (i32.reinterpret_f32
                         (call $pass32 (f32.reinterpret_i32 (i32.const 0x7f800001)))))
    (call $print_hex64 (call $cs64 (i64.const 0x3ff0000000000000)
                                   (i64.const 0x8000000000000000)))
    (call $print_hex64 (call $cs64 (i64.const 0xbff0000000000000) (i64.const 0)))
    (call $print_hex64 (call $cs64 (i64.const 0x7ff4000000000000)
                                   (i64.const 0xbff0000000000000)))
    (call $print_hex64 (call $cs64 (i64.const 0xfff8000000000000)
                                   (i64.const 0x3ff0000000000000)))
    (call $print_hex64 (call $cs64 (i64.const 0x4000000000000000)
                                   (i64.const 0xfff8000000000000)))
    (call $print_hex64 (call $neg64 (i64.const 0x7ff4000000000000)))
    (call $print_hex64 (call $abs64 (i64.const 0xfff0000000000001)))
    (call $print_hex64 (call $neg64 (i64.const 0x0000000000000001)))
    (call $print_hex64 (i64.reinterpret_f64
                         (call $pass64 (f64.reinterpret_i64
                                         (i64.const 0x7ff0000000000001)))))))
