;; Extended constant expressions (Wasm 3.0): integer add, sub and mul
;; that wrap, and global.get of earlier defined immutable globals, in
;; global initializers and segment offsets.  Each export (its parameter
;; unused) returns one value; expected_extended_const.txt has them.
(module
  (global $a i32 (i32.const 0x7fffffff))
  (global $b i32 (i32.add (global.get $a) (i32.const 1)))
  (global $c i64 (i64.mul (i64.const 0x100000000) (i64.const 0x100000001)))
  (global $d i32 (i32.sub (i32.mul (global.get $b) (i32.const 3))
                          (global.get $a)))
  (global $e i64 (i64.sub (i64.const 0) (i64.add (global.get $c)
                                                 (i64.const 1))))
  (global $two i32 (i32.mul (global.get $d) (i32.const 2)))
  (memory 1)
  (data (i32.add (global.get $a) (i32.const -0x7ffffff0)) "\2a")
  (table 4 funcref)
  (elem (i32.sub (global.get $two) (i32.const 1)) $seven)
  (type $r (func (result i32)))
  (func $seven (result i32) (i32.const 7))
  (func (export "b") (param i32) (result i64)
    (i64.extend_i32_u (global.get $b)))
  (func (export "c") (param i32) (result i64) (global.get $c))
  (func (export "d") (param i32) (result i64)
    (i64.extend_i32_u (global.get $d)))
  (func (export "e") (param i32) (result i64) (global.get $e))
  (func (export "data") (param i32) (result i64)
    (i64.load8_u (i32.const 15)))
  (func (export "elem") (param i32) (result i64)
    (i64.extend_i32_u (call_indirect (type $r) (i32.const 1)))))
