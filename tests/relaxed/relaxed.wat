;; Relaxed SIMD: each export computes one relaxed instruction on inputs
;; that reach the implementation-defined results (read from memory, so
;; that nothing folds them) and returns i64 lane N (its parameter) of the
;; result.  expected.txt has every target's results, which
;; docs/relaxed-simd.md documents; run_relaxed.py compares them.
(module
  (memory 1)
  (global $base (mut i32) (i32.const 0))
  ;; 0: swizzle table, 16: swizzle indices
  (data (i32.const 0) "\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f")
  (data (i32.const 16) "\10\11\1f\7f\80\ff\00\0f\01\02\03\04\05\06\07\08")
  ;; 32: f32 nan 3e9 -3e9 -1.5; 48: f32 nan 5e9 -1 1.5
  (data (i32.const 32) "\00\00\c0\7f\5e\d0\32\4f\5e\d0\32\cf\00\00\c0\bf")
  (data (i32.const 48) "\00\00\c0\7f\f2\05\95\4f\00\00\80\bf\00\00\c0\3f")
  ;; 64: f64 nan -3e9; 80: f64 nan 5e9
  (data (i32.const 64) "\00\00\00\00\00\00\f8\7f\00\00\00\00\5e\d0\e6\c1")
  (data (i32.const 80) "\00\00\00\00\00\00\f8\7f\00\00\00\a0\12\a0\f2\41")
  ;; 96: f32 1+2^-12 x4; 112: f32 -(1+2^-11) x4
  (data (i32.const 96) "\00\08\80\3f\00\08\80\3f\00\08\80\3f\00\08\80\3f")
  (data (i32.const 112) "\00\10\80\bf\00\10\80\bf\00\10\80\bf\00\10\80\bf")
  ;; 128: f64 1+2^-27 x2; 144: f64 1+2^-26 x2
  (data (i32.const 128) "\00\00\00\02\00\00\f0\3f\00\00\00\02\00\00\f0\3f")
  (data (i32.const 144) "\00\00\00\04\00\00\f0\3f\00\00\00\04\00\00\f0\3f")
  ;; 160: i16 masks ffff 0 8000 7fff 00ff ff00 8001 0001
  (data (i32.const 160) "\ff\ff\00\00\00\80\ff\7f\ff\00\00\ff\01\80\01\00")
  ;; 176: f32 nan 0 +0 -0; 192: f32 0 nan -0 +0
  (data (i32.const 176) "\00\00\c0\7f\00\00\00\00\00\00\00\00\00\00\00\80")
  (data (i32.const 192) "\00\00\00\00\00\00\c0\7f\00\00\00\80\00\00\00\00")
  ;; 208: f64 -0 nan; 224: f64 +0 1
  (data (i32.const 208) "\00\00\00\00\00\00\00\80\00\00\00\00\00\00\f8\7f")
  (data (i32.const 224) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\f0\3f")
  ;; 240: i16 -32768 16384 x4
  (data (i32.const 240) "\00\80\00\40\00\80\00\40\00\80\00\40\00\80\00\40")
  ;; 256: i8 -128 -128 1 2 -128 -128 -128 -128 0...; 272: i8 -1 -1 3 4 -1 -1 -1 -1 0...
  (data (i32.const 256) "\80\80\01\02\80\80\80\80")
  (data (i32.const 272) "\ff\ff\03\04\ff\ff\ff\ff")
  ;; 288: i32 1 2 3 4
  (data (i32.const 288) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00")

  (func $in (param i32) (result v128)
    (v128.load (i32.add (global.get $base) (local.get 0))))
  (func $lane (param v128 i32) (result i64)
    (select (i64x2.extract_lane 1 (local.get 0))
            (i64x2.extract_lane 0 (local.get 0)) (local.get 1)))

  (func (export "swizzle") (param i32) (result i64)
    (call $lane (i8x16.relaxed_swizzle (call $in (i32.const 0))
                                       (call $in (i32.const 16)))
                (local.get 0)))
  (func (export "trunc_s") (param i32) (result i64)
    (call $lane (i32x4.relaxed_trunc_f32x4_s (call $in (i32.const 32)))
                (local.get 0)))
  (func (export "trunc_u") (param i32) (result i64)
    (call $lane (i32x4.relaxed_trunc_f32x4_u (call $in (i32.const 48)))
                (local.get 0)))
  (func (export "trunc_s_zero") (param i32) (result i64)
    (call $lane (i32x4.relaxed_trunc_f64x2_s_zero (call $in (i32.const 64)))
                (local.get 0)))
  (func (export "trunc_u_zero") (param i32) (result i64)
    (call $lane (i32x4.relaxed_trunc_f64x2_u_zero (call $in (i32.const 80)))
                (local.get 0)))
  (func (export "madd") (param i32) (result i64)
    (call $lane (f32x4.relaxed_madd (call $in (i32.const 96))
                                    (call $in (i32.const 96))
                                    (call $in (i32.const 112)))
                (local.get 0)))
  (func (export "nmadd") (param i32) (result i64)
    (call $lane (f64x2.relaxed_nmadd (call $in (i32.const 128))
                                     (call $in (i32.const 128))
                                     (call $in (i32.const 144)))
                (local.get 0)))
  (func (export "laneselect") (param i32) (result i64)
    (call $lane (i16x8.relaxed_laneselect (v128.const i16x8 0x1111 0x1111 0x1111 0x1111 0x1111 0x1111 0x1111 0x1111)
                                          (v128.const i16x8 0x2222 0x2222 0x2222 0x2222 0x2222 0x2222 0x2222 0x2222)
                                          (call $in (i32.const 160)))
                (local.get 0)))
  (func (export "min") (param i32) (result i64)
    (call $lane (f32x4.relaxed_min (call $in (i32.const 176))
                                   (call $in (i32.const 192)))
                (local.get 0)))
  (func (export "max") (param i32) (result i64)
    (call $lane (f64x2.relaxed_max (call $in (i32.const 208))
                                   (call $in (i32.const 224)))
                (local.get 0)))
  (func (export "q15mulr") (param i32) (result i64)
    (call $lane (i16x8.relaxed_q15mulr_s (call $in (i32.const 240))
                                         (call $in (i32.const 240)))
                (local.get 0)))
  (func (export "dot") (param i32) (result i64)
    (call $lane (i16x8.relaxed_dot_i8x16_i7x16_s (call $in (i32.const 256))
                                                 (call $in (i32.const 272)))
                (local.get 0)))
  (func (export "dot_add") (param i32) (result i64)
    (call $lane (i32x4.relaxed_dot_i8x16_i7x16_add_s (call $in (i32.const 256))
                                                     (call $in (i32.const 272))
                                                     (call $in (i32.const 288)))
                (local.get 0)))
)
