;; f32 add, sub, mul, div, sqrt, neg, abs: round to nearest even, signed
;; zeros, infinities, subnormals, NaN results (canonical from canonical or
;; no NaN inputs, arithmetic from a signalling input).
;; RUN: expect-stdout
;; 0x1.333334p-2
;; 0x1p+24
;; 0x1.000004p+24
;; 0x1.555556p-2
;; 0x1.35c29p+0
;; 0x1.6a09e6p+0
;; inf
;; -inf
;; nan:canonical
;; nan:canonical
;; nan:canonical
;; nan:canonical
;; -0x0p+0
;; inf
;; 0x0p+0
;; -0x0p+0
;; 0x1.8p-148
;; 0x0p+0
;; -0x0p+0
;; 0x0p+0
;; -0x0p+0
;; 0x0p+0
;; -inf
;; nan:arithmetic
;; nan:canonical
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $add (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func $sub (param f32 f32) (result f32) (f32.sub (local.get 0) (local.get 1)))
  (func $mul (param f32 f32) (result f32) (f32.mul (local.get 0) (local.get 1)))
  (func $div (param f32 f32) (result f32) (f32.div (local.get 0) (local.get 1)))
  (func $sqrt (param f32) (result f32) (f32.sqrt (local.get 0)))
  (func $neg (param f32) (result f32) (f32.neg (local.get 0)))
  (func $abs (param f32) (result f32) (f32.abs (local.get 0)))
  (func (export "_start")
    (call $print_f32 (call $add (f32.const 0.1) (f32.const 0.2)))
    (call $print_f32 (call $add (f32.const 16777216) (f32.const 1)))
    (call $print_f32 (call $add (f32.const 16777216) (f32.const 3)))
    (call $print_f32 (call $div (f32.const 1) (f32.const 3)))
    (call $print_f32 (call $mul (f32.const 1.1) (f32.const 1.1)))
    (call $print_f32 (call $sqrt (f32.const 2)))
    (call $print_f32 (call $div (f32.const 1) (f32.const 0)))
    (call $print_f32 (call $div (f32.const -1) (f32.const 0)))
    (call $print_f32 (call $div (f32.const 0) (f32.const 0)))
    (call $print_f32 (call $sub (f32.const inf) (f32.const inf)))
    (call $print_f32 (call $mul (f32.const inf) (f32.const 0)))
    (call $print_f32 (call $sqrt (f32.const -1)))
    (call $print_f32 (call $sqrt (f32.const -0)))
    (call $print_f32 (call $mul (f32.const 0x1.fffffep127) (f32.const 2)))
    (call $print_f32 (call $div (f32.const 0x1p-149) (f32.const 2)))
    (call $print_f32 (call $div (f32.const -0x1p-149) (f32.const 2)))
    (call $print_f32 (call $mul (f32.const 0x1p-149) (f32.const 3)))
    (call $print_f32 (call $sub (f32.const 1) (f32.const 1)))
    (call $print_f32 (call $sub (f32.const -0) (f32.const 0)))
    (call $print_f32 (call $add (f32.const -0) (f32.const 0)))
    (call $print_f32 (call $neg (f32.const 0)))
    (call $print_f32 (call $abs (f32.const -0)))
    (call $print_f32 (call $neg (f32.const inf)))
    (call $print_f32 (call $add (f32.const nan:0x200000) (f32.const 1)))
    (call $print_f32 (call $mul (f32.const nan) (f32.const 2)))))
