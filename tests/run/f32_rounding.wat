;; f32.ceil, floor, trunc and nearest: signed zero results, ties to even,
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
;; 0x1p+23
;; 0x1.000002p+23
;; -0x1p+23
;; inf
;; nan:canonical
;; nan:arithmetic
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $ceil (param f32) (result f32) (f32.ceil (local.get 0)))
  (func $floor (param f32) (result f32) (f32.floor (local.get 0)))
  (func $trunc (param f32) (result f32) (f32.trunc (local.get 0)))
  (func $nearest (param f32) (result f32) (f32.nearest (local.get 0)))
  (func (export "_start")
    (call $print_f32 (call $ceil (f32.const 0.1)))
    (call $print_f32 (call $ceil (f32.const -0.5)))
    (call $print_f32 (call $ceil (f32.const -1.5)))
    (call $print_f32 (call $ceil (f32.const 0x1p100)))
    (call $print_f32 (call $floor (f32.const 0.5)))
    (call $print_f32 (call $floor (f32.const -0.1)))
    (call $print_f32 (call $floor (f32.const -0)))
    (call $print_f32 (call $floor (f32.const -inf)))
    (call $print_f32 (call $trunc (f32.const -0.9)))
    (call $print_f32 (call $trunc (f32.const 2.9)))
    (call $print_f32 (call $trunc (f32.const -2.9)))
    (call $print_f32 (call $nearest (f32.const 0.5)))
    (call $print_f32 (call $nearest (f32.const 1.5)))
    (call $print_f32 (call $nearest (f32.const 2.5)))
    (call $print_f32 (call $nearest (f32.const -0.5)))
    (call $print_f32 (call $nearest (f32.const -1.5)))
    (call $print_f32 (call $nearest (f32.const 3.7)))
    (call $print_f32 (call $nearest (f32.const 0x1.fffffep+22)))
    (call $print_f32 (call $nearest (f32.const 0x1.000002p+23)))
    (call $print_f32 (call $nearest (f32.const -0x1.fffffep+22)))
    (call $print_f32 (call $nearest (f32.const inf)))
    (call $print_f32 (call $nearest (f32.const nan)))
    (call $print_f32 (call $ceil (f32.const nan:0x200000)))))
