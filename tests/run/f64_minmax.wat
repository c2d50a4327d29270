;; f64.min and f64.max: a NaN on either side gives a NaN, -0 is below +0 in
;; both operand orders, infinities.
;; RUN: expect-stdout
;; 0x1p+0
;; -0x1p+0
;; 0x1p+1
;; -0x0p+0
;; -0x0p+0
;; 0x0p+0
;; 0x0p+0
;; nan:canonical
;; nan:canonical
;; nan:canonical
;; nan:canonical
;; nan:canonical
;; nan:arithmetic
;; nan:arithmetic
;; -inf
;; inf
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $min (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
  (func $max (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_f64 (call $min (f64.const 1) (f64.const 2)))
    (call $print_f64 (call $min (f64.const 1) (f64.const -1)))
    (call $print_f64 (call $max (f64.const 1) (f64.const 2)))
    (call $print_f64 (call $min (f64.const -0) (f64.const 0)))
    (call $print_f64 (call $min (f64.const 0) (f64.const -0)))
    (call $print_f64 (call $max (f64.const -0) (f64.const 0)))
    (call $print_f64 (call $max (f64.const 0) (f64.const -0)))
    (call $print_f64 (call $min (f64.const nan) (f64.const 1)))
    (call $print_f64 (call $min (f64.const 1) (f64.const nan)))
    (call $print_f64 (call $max (f64.const nan) (f64.const 1)))
    (call $print_f64 (call $max (f64.const 1) (f64.const nan)))
    (call $print_f64 (call $min (f64.const -inf) (f64.const nan)))
    (call $print_f64 (call $min (f64.const nan:0x4000000000000) (f64.const 1)))
    (call $print_f64 (call $max (f64.const 1) (f64.const nan:0x4000000000000)))
    (call $print_f64 (call $min (f64.const inf) (f64.const -inf)))
    (call $print_f64 (call $max (f64.const inf) (f64.const -inf)))))
