;; Imports everything from "lib": an instance of api.wat, or host objects
;; (test_api.c).
(module
  (type $unary (func (param i32) (result i32)))
  (import "lib" "twice" (func $twice (type $unary)))
  (import "lib" "mem" (memory 1))
  (import "lib" "tab" (table 2 funcref))
  (import "lib" "g" (global $g (mut i32)))
  (func (export "call_twice") (param i32) (result i32)
    (call $twice (local.get 0)))
  (func (export "call_table") (param i32) (result i32)
    (call_indirect (type $unary) (local.get 0) (i32.const 0)))
  (func (export "read") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "write") (param i32 i32)
    (i32.store (local.get 0) (local.get 1)))
  (func (export "get_g") (result i32) (global.get $g))
  (func (export "set_g") (param i32) (global.set $g (local.get 0)))
)
