;; return_call and return_call_indirect of every kind of callee and
;; signature (docs/tail-calls.md), each chain ten million calls long so
;; that a frame per call would exhaust the stack: a callee with many more
;; parameters than its caller (of every type: more than fit in registers
;; on any target), several results and a vector result (returned through
;; memory by tail entries), a chain that ends in a function that makes no
;; tail call, a host function (WASI's fd_write) tail-called directly and
;; through a table, and a function with tail calls reached through a
;; table.
;; RUN: timeout 120
;; RUN: expect-stdout
;; wide 300005475000000
;; multi 75000005000000 5000000 15000000
;; vector 10000000 20000000 30000000 -2004260032
;; direct to the host
;; 0
;; through a table to the host
;; 0
;; leaf 10000000 1
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 64) "direct to the host\0a")          ;; 19 bytes
  (data (i32.const 83) "through a table to the host\0a") ;; 28
  (data (i32.const 111) "wide multi vector leaf ")       ;; 5, 6, 7, 5
  (type $write (func (param i32 i32 i32 i32) (result i32)))
  (type $count (func (param i64 i64) (result i64)))
  (table $t 3 funcref)
  (elem (table $t) (i32.const 0) func $fd_write $leaf $chain)
  (elem declare func $narrow)

  ;; $narrow takes two parameters and tail-calls $wide, which takes 17;
  ;; each round adds 6n + n mod 1000 + 45 to the sum.
  (func $narrow (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else
        (return_call $wide
          (local.get $n) (local.get $acc)
          (i32.wrap_i64 (local.get $n))
          (i64.mul (local.get $n) (i64.const 2))
          (f32.convert_i64_u (i64.rem_u (local.get $n) (i64.const 1000)))
          (f64.convert_i64_u (local.get $n))
          (i64x2.splat (local.get $n))
          (ref.func $narrow)
          (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)
          (i32.const 5) (i64.const 6) (f32.const 7) (f64.const 8)
          (i32.const 9)))))
  (func $wide (param $n i64) (param $acc i64)
              (param $a i32) (param $b i64) (param $c f32) (param $d f64)
              (param $v v128) (param $r funcref)
              (param $e i32) (param $f i64) (param $g f32) (param $h f64)
              (param $i i32) (param $j i64) (param $k f32) (param $l f64)
              (param $m i32) (result i64)
    (local $s i64)
    (local.set $s
      (i64.add
        (i64.add
          (i64.add (i64.extend_i32_u (local.get $a)) (local.get $b))
          (i64.add (i64.trunc_f32_u (local.get $c))
                   (i64.trunc_f64_u (local.get $d))))
        (i64.add (i64x2.extract_lane 0 (local.get $v))
                 (i64x2.extract_lane 1 (local.get $v)))))
    (local.set $s
      (i64.add (local.get $s)
        (i64.add
          (i64.add
            (i64.add (i64.extend_i32_u (local.get $e)) (local.get $f))
            (i64.add (i64.trunc_f32_u (local.get $g))
                     (i64.trunc_f64_u (local.get $h))))
          (i64.add
            (i64.add (i64.extend_i32_u (local.get $i)) (local.get $j))
            (i64.add (i64.trunc_f32_u (local.get $k))
                     (i64.trunc_f64_u (local.get $l)))))))
    (local.set $s
      (i64.add (local.get $s)
        (i64.extend_i32_u
          (i32.add (local.get $m) (ref.is_null (local.get $r))))))
    (return_call $narrow (i64.sub (local.get $n) (i64.const 1))
                         (i64.add (local.get $acc) (local.get $s))))

  ;; Three results, through two functions and a last one without tail
  ;; calls.
  (func $mv_a (param $n i64) (param $s i64) (param $x i32) (param $y f64)
              (result i64 i32 f64)
    (if (result i64 i32 f64) (i64.eqz (local.get $n))
      (then (return_call $mv_leaf (local.get $s) (local.get $x)
                                  (local.get $y)))
      (else
        (return_call $mv_b (i64.sub (local.get $n) (i64.const 1))
                           (i64.add (local.get $s) (local.get $n))
                           (i32.add (local.get $x) (i32.const 1))
                           (f64.add (local.get $y) (f64.const 0.5))))))
  (func $mv_b (param $n i64) (param $s i64) (param $x i32) (param $y f64)
              (result i64 i32 f64)
    (if (result i64 i32 f64) (i64.eqz (local.get $n))
      (then (local.get $s) (local.get $x) (local.get $y))
      (else
        (return_call $mv_a (i64.sub (local.get $n) (i64.const 1))
                           (i64.add (local.get $s)
                                    (i64.mul (local.get $n) (i64.const 2)))
                           (local.get $x)
                           (f64.add (local.get $y) (f64.const 0.25))))))
  (func $mv_leaf (param i64 i32 f64) (result i64 i32 f64)
    (local.get 0) (local.get 1) (local.get 2))

  ;; A vector result: lanes count, twice, three times and the sum of n.
  (func $vsum (param $n i64) (param $v v128) (result v128)
    (if (result v128) (i64.eqz (local.get $n))
      (then (local.get $v))
      (else
        (return_call $vsum
          (i64.sub (local.get $n) (i64.const 1))
          (i32x4.add (local.get $v)
            (i32x4.replace_lane 3 (v128.const i32x4 1 2 3 0)
                                (i32.wrap_i64 (local.get $n))))))))

  ;; fd_write, tail-called directly and through the table.
  (func $say (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (return_call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                           (i32.const 8)))
  (func $say_indirect (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (return_call_indirect $t (type $write)
      (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)
      (i32.const 0)))

  ;; $chain (in the table, with tail calls) counts down through the table
  ;; and ends in $leaf (no tail calls), also through the table.
  (func $chain (type $count)
    (return_call_indirect $t (type $count)
      (i64.sub (local.get 0) (i64.const 1))
      (i64.add (local.get 1) (i64.const 1))
      (select (i32.const 2) (i32.const 1)
              (i64.gt_u (local.get 0) (i64.const 1)))))
  (func $leaf (type $count)
    (call $put_u64 (local.get 1))
    (call $sp)
    (i64.add (local.get 0) (i64.const 1)))

  (func (export "_start") (local $y f64) (local $x i32) (local $v v128)
    (call $put_str (i32.const 111) (i32.const 5))
    (call $print_i64 (call $narrow (i64.const 10000000) (i64.const 0)))
    (call $put_str (i32.const 116) (i32.const 6))
    (call $mv_a (i64.const 10000000) (i64.const 0) (i32.const 0)
                (f64.const 0))
    (local.set $y)
    (local.set $x)
    (call $put_i64)
    (call $sp)
    (call $put_i32 (local.get $x))
    (call $sp)
    (call $print_i64
      (i64.trunc_f64_u (f64.mul (local.get $y) (f64.const 4))))
    (call $put_str (i32.const 122) (i32.const 7))
    (local.set $v (call $vsum (i64.const 10000000) (v128.const i64x2 0 0)))
    (call $put_i32 (i32x4.extract_lane 0 (local.get $v)))
    (call $sp)
    (call $put_i32 (i32x4.extract_lane 1 (local.get $v)))
    (call $sp)
    (call $put_i32 (i32x4.extract_lane 2 (local.get $v)))
    (call $sp)
    (call $print_i32 (i32x4.extract_lane 3 (local.get $v)))
    (call $print_i32 (call $say (i32.const 64) (i32.const 19)))
    (call $print_i32 (call $say_indirect (i32.const 83) (i32.const 28)))
    (call $put_str (i32.const 129) (i32.const 5))
    (call $print_i64
      (call_indirect $t (type $count) (i64.const 10000000) (i64.const 0)
                     (i32.const 2)))))
