;; select, untyped for each number type and typed (select (result t)) for
;; numbers and references; any nonzero condition picks the first operand;
;; the chosen value's bits pass through unchanged.
;; RUN: expect-stdout
;; 1 2 1
;; 10000000000 -1
;; 0x1.8p+0 -0x0p+0
;; 0x7ff4000000000001
;; 5 6
;; 1 0 1
;; 33
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 1 funcref)
  (elem declare func $thirty_three)
  (func $thirty_three (result i32) (i32.const 33))
  (func $si (param i32 i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func $sl (param i64 i64 i32) (result i64)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func $sf (param f32 f32 i32) (result f32)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func $sd (param f64 f64 i32) (result f64)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func $ti (param i32 i32 i32) (result i32)
    (select (result i32) (local.get 0) (local.get 1) (local.get 2)))
  (func $tf (param funcref funcref i32) (result funcref)
    (select (result funcref) (local.get 0) (local.get 1) (local.get 2)))
  (func $te (param externref externref i32) (result externref)
    (select (result externref) (local.get 0) (local.get 1) (local.get 2)))
  (func (export "_start")
    (call $put_i32 (call $si (i32.const 1) (i32.const 2) (i32.const 1))) (call $sp)
    (call $put_i32 (call $si (i32.const 1) (i32.const 2) (i32.const 0))) (call $sp)
    (call $print_i32 (call $si (i32.const 1) (i32.const 2) (i32.const 0x80000000)))
    (call $put_i64 (call $sl (i64.const 10000000000) (i64.const -1) (i32.const -1))) (call $sp)
    (call $print_i64 (call $sl (i64.const 10000000000) (i64.const -1) (i32.const 0)))
    (call $put_f32 (call $sf (f32.const 1.5) (f32.const -0) (i32.const 2))) (call $sp)
    (call $print_f32 (call $sf (f32.const 1.5) (f32.const -0) (i32.const 0)))
    (call $print_hex64 (i64.reinterpret_f64
      (call $sd (f64.const 0) (f64.const nan:0x4000000000001) (i32.const 0))))
    (call $put_i32 (call $ti (i32.const 5) (i32.const 6) (i32.const 7))) (call $sp)
    (call $print_i32 (call $ti (i32.const 5) (i32.const 6) (i32.const 0)))
    (call $put_i32 (ref.is_null (call $tf (ref.null func) (ref.func $thirty_three)
                                          (i32.const 1)))) (call $sp)
    (call $put_i32 (ref.is_null (call $tf (ref.null func) (ref.func $thirty_three)
                                          (i32.const 0)))) (call $sp)
    (call $print_i32 (ref.is_null (call $te (ref.null extern) (ref.null extern)
                                            (i32.const 0))))
    (table.set $t (i32.const 0)
      (call $tf (ref.func $thirty_three) (ref.null func) (i32.const 9)))
    (call $print_i32 (call_indirect $t (result i32) (i32.const 0)))))
