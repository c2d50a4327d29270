;; f64 add, sub, mul, div, sqrt, neg, abs: round to nearest even, signed
;; zeros, infinities, subnormals, NaN results (canonical from canonical or
;; no NaN inputs, arithmetic from a signalling input).
;; RUN: expect-stdout
;; 0x1.3333333333334p-2
;; 0x1p+53
;; 0x1.0000000000002p+53
;; 0x1.5555555555555p-2
;; 0x1.35c28f5c28f5dp+0
;; 0x1.6a09e667f3bcdp+0
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
;; 0x0.0000000000003p-1022
;; 0x1p-1022
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
  (func $add (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
  (func $sub (param f64 f64) (result f64) (f64.sub (local.get 0) (local.get 1)))
  (func $mul (param f64 f64) (result f64) (f64.mul (local.get 0) (local.get 1)))
  (func $div (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
  (func $sqrt (param f64) (result f64) (f64.sqrt (local.get 0)))
  (func $neg (param f64) (result f64) (f64.neg (local.get 0)))
  (func $abs (param f64) (result f64) (f64.abs (local.get 0)))
  (func (export "_start")
    (call $print_f64 (call $add (f64.const 0.1) (f64.const 0.2)))
    (call $print_f64 (call $add (f64.const 0x1p53) (f64.const 1)))
    (call $print_f64 (call $add (f64.const 0x1p53) (f64.const 3)))
    (call $print_f64 (call $div (f64.const 1) (f64.const 3)))
    (call $print_f64 (call $mul (f64.const 1.1) (f64.const 1.1)))
    (call $print_f64 (call $sqrt (f64.const 2)))
    (call $print_f64 (call $div (f64.const 1) (f64.const 0)))
    (call $print_f64 (call $div (f64.const -1) (f64.const 0)))
    (call $print_f64 (call $div (f64.const 0) (f64.const 0)))
    (call $print_f64 (call $sub (f64.const inf) (f64.const inf)))
    (call $print_f64 (call $mul (f64.const -inf) (f64.const 0)))
    (call $print_f64 (call $sqrt (f64.const -1)))
    (call $print_f64 (call $sqrt (f64.const -0)))
    (call $print_f64 (call $mul (f64.const 0x1.fffffffffffffp1023) (f64.const 2)))
    (call $print_f64 (call $div (f64.const 0x1p-1074) (f64.const 2)))
    (call $print_f64 (call $div (f64.const -0x1p-1074) (f64.const 2)))
    (call $print_f64 (call $mul (f64.const 0x1p-1074) (f64.const 3)))
    (call $print_f64 (call $add (f64.const 0x0.fffffffffffffp-1022)
                                (f64.const 0x1p-1074)))
    (call $print_f64 (call $sub (f64.const 1) (f64.const 1)))
    (call $print_f64 (call $sub (f64.const -0) (f64.const 0)))
    (call $print_f64 (call $add (f64.const -0) (f64.const 0)))
    (call $print_f64 (call $neg (f64.const 0)))
    (call $print_f64 (call $abs (f64.const -0)))
    (call $print_f64 (call $neg (f64.const inf)))
    (call $print_f64 (call $add (f64.const nan:0x4000000000000) (f64.const 1)))
    (call $print_f64 (call $mul (f64.const nan) (f64.const 2)))))
