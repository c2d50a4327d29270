;; Exception handling: values of every kind travel with the exception from
;; the throw in a callee to the handler, in order and bit for bit: i32,
;; i64, f32 (a NaN payload), f64, v128, a null externref and a funcref
;; (called afterwards), and several values of one tag.
;; RUN: wabt 3.0
;; RUN: expect-stdout
;; -7 -8000000000 2143289345 -4613937818241073152
;; 1234605616436508552 -81985529216486896
;; 1 77
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 1 funcref)
  (type $f (func (result i32)))
  (tag $e (param i32 i64 f32 f64 v128 externref funcref))
  (elem declare func $seventy_seven)
  (func $seventy_seven (result i32) (i32.const 77))
  (func $throw
    (throw $e (i32.const -7) (i64.const -8000000000)
      (f32.reinterpret_i32 (i32.const 0x7fc00001)) (f64.const -1.5)
      (v128.const i64x2 0x1122334455667788 0xfedcba9876543210)
      (ref.null extern) (ref.func $seventy_seven)))
  (func (export "_start")
    (local $i i32) (local $j i64) (local $x f32) (local $y f64)
    (local $v v128) (local $r externref) (local $g funcref)
    (block $h (result i32 i64 f32 f64 v128 externref funcref)
      (try_table (catch $e $h) (call $throw))
      (unreachable))
    (local.set $g) (local.set $r) (local.set $v) (local.set $y)
    (local.set $x) (local.set $j) (local.set $i)
    (call $put_i32 (local.get $i)) (call $sp)
    (call $put_i64 (local.get $j)) (call $sp)
    (call $put_i32 (i32.reinterpret_f32 (local.get $x))) (call $sp)
    (call $put_i64 (i64.reinterpret_f64 (local.get $y))) (call $nl)
    (call $put_i64 (i64x2.extract_lane 0 (local.get $v))) (call $sp)
    (call $put_i64 (i64x2.extract_lane 1 (local.get $v))) (call $nl)
    (call $put_i32 (ref.is_null (local.get $r))) (call $sp)
    (table.set $t (i32.const 0) (local.get $g))
    (call $put_i32 (call_indirect $t (type $f) (i32.const 0))) (call $nl)))
