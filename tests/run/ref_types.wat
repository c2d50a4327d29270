;; Reference values: ref.null of both types is null, ref.func is not,
;; references pass through parameters, results, locals and blocks, and a
;; ref.func put in a table calls the right function.
;; RUN: expect-stdout
;; 1 1 0
;; 0 1
;; 1 0
;; 20
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 1 funcref)
  (elem declare func $double)
  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $pass (param funcref) (result funcref) (local funcref)
    (local.set 1 (local.get 0))
    (block (result funcref) (local.get 1)))
  (func $pass_ext (param externref) (result externref) (local.get 0))
  (func $pick (param i32) (result funcref)
    (if (result funcref) (local.get 0)
      (then (ref.func $double))
      (else (ref.null func))))
  (func (export "_start")
    (call $put_i32 (ref.is_null (ref.null func))) (call $sp)
    (call $put_i32 (ref.is_null (ref.null extern))) (call $sp)
    (call $print_i32 (ref.is_null (ref.func $double)))
    (call $put_i32 (ref.is_null (call $pass (ref.func $double)))) (call $sp)
    (call $print_i32 (ref.is_null (call $pass_ext (ref.null extern))))
    (call $put_i32 (ref.is_null (call $pick (i32.const 0)))) (call $sp)
    (call $print_i32 (ref.is_null (call $pick (i32.const 1))))
    (table.set $t (i32.const 0) (call $pass (call $pick (i32.const 7))))
    (call $print_i32 (call_indirect $t (param i32) (result i32)
                       (i32.const 10) (i32.const 0)))))
