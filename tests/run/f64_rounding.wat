;; f64.ceil, floor, trunc and nearest: signed zero results, ties to even,
;; the largest non-integers, integers kept, infinities and NaNs.
;; RUN: expect-stdout
;; 0x1p+0
;; -0x0p+0
;; -0x1p+0
;; 0x1p+100
;; 0x0p+0
;; -0x1p+0
;; -0x0p+0
;; -inf
;; -0x0p+0
;; 0x1p+1
;; -0x1p+1
;; 0x0p+0
;; 0x1p+1
;; 0x1p+1
;; -0x0p+0
;; -0x1p+1
;; 0x1p+2
;; 0x1p+52
;; 0x1.0000000000001p+52
;; -0x1p+52
;; inf
;; nan:canonical
;; nan:arithmetic
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $ceil (param f64) (result f64) (f64.ceil (local.get 0)))
  (func $floor (param f64) (result f64) (f64.floor (local.get 0)))
  (func $trunc (param f64) (result f64) (f64.trunc (local.get 0)))
  (func $nearest (param f64) (result f64) (f64.nearest (local.get 0)))
  (func (export "_start")
    (call $print_f64 (call $ceil (f64.const 0.1)))
    (call $print_f64 (call $ceil (f64.const -0.5)))
    (call $print_f64 (call $ceil (f64.const -1.5)))
    (call $print_f64 (call $ceil (f64.const 0x1p100)))
    (call $print_f64 (call $floor (f64.const 0.5)))
    (call $print_f64 (call $floor (f64.const -0.1)))
    (call $print_f64 (call $floor (f64.const -0)))
    (call $print_f64 (call $floor (f64.const -inf)))
    (call $print_f64 (call $trunc (f64.const -0.9)))
    (call $print_f64 (call $trunc (f64.const 2.9)))
    (call $print_f64 (call $trunc (f64.const -2.9)))
    (call $print_f64 (call $nearest (f64.const 0.5)))
    (call $print_f64 (call $nearest (f64.const 1.5)))
    (call $print_f64 (call $nearest (f64.const 2.5)))
    (call $print_f64 (call $nearest (f64.const -0.5)))
    (call $print_f64 (call $nearest (f64.const -1.5)))
    (call $print_f64 (call $nearest (f64.const 3.7)))
    (call $print_f64 (call $nearest (f64.const 0x1.fffffffffffffp+51)))
    (call $print_f64 (call $nearest (f64.const 0x1.0000000000001p+52)))
    (call $print_f64 (call $nearest (f64.const -0x1.fffffffffffffp+51)))
    (call $print_f64 (call $nearest (f64.const inf)))
    (call $print_f64 (call $nearest (f64.const nan)))
    (call $print_f64 (call $ceil (f64.const nan:0x4000000000000)))))
