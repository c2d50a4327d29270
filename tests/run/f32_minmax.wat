;; f32.min and f32.max: a NaN on either side gives a NaN, -0 is below +0 in
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
  (func $min (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func $max (param f32 f32) (result f32) (f32.max (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_f32 (call $min (f32.const 1) (f32.const 2)))
    (call $print_f32 (call $min (f32.const 1) (f32.const -1)))
    (call $print_f32 (call $max (f32.const 1) (f32.const 2)))
    (call $print_f32 (call $min (f32.const -0) (f32.const 0)))
    (call $print_f32 (call $min (f32.const 0) (f32.const -0)))
    (call $print_f32 (call $max (f32.const -0) (f32.const 0)))
    (call $print_f32 (call $max (f32.const 0) (f32.const -0)))
    (call $print_f32 (call $min (f32.const nan) (f32.const 1)))
    (call $print_f32 (call $min (f32.const 1) (f32.const nan)))
    (call $print_f32 (call $max (f32.const nan) (f32.const 1)))
    (call $print_f32 (call $max (f32.const 1) (f32.const nan)))
    (call $print_f32 (call $min (f32.const -inf) (f32.const nan)))
    (call $print_f32 (call $min (f32.const nan:0x200000) (f32.const 1)))
    (call $print_f32 (call $max (f32.const 1) (f32.const nan:0x200000)))
    (call $print_f32 (call $min (f32.const inf) (f32.const -inf)))
    (call $print_f32 (call $max (f32.const inf) (f32.const -inf)))))
