;; Multi-value blocks: block, loop and if with parameters and several
;; results, br and br_if carrying two values out, a call returning two.
;; RUN: expect-stdout
;; 7
;; 55
;; 7
;; 7
;; 10
;; 1 2 0x1.cp+1
;; 10 20
;; 30 40
;; 5050 100
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $swap (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  ;; A block consuming its two parameters.
  (func $blk (param i32 i32) (result i32)
    (local.get 0) (local.get 1)
    (block (param i32 i32) (result i32) (i32.sub)))
  ;; 1 + ... + n with the running sum and counter as loop parameters.
  (func $sum (param $n i32) (result i32) (local $i i32)
    (i32.const 0) (local.get $n)
    (loop $l (param i32 i32) (result i32)
      (local.set $i)
      (local.get $i) (i32.add)
      (local.get $i) (i32.const 1) (i32.sub) (local.tee $i)
      (local.get $i)
      (br_if $l)
      (drop)))
  (func $absdiff (param i32 i32) (result i32)
    (local.get 0) (local.get 1)
    (i32.lt_s (local.get 0) (local.get 1))
    (if (param i32 i32) (result i32)
      (then (call $swap) (i32.sub))
      (else (i32.sub))))
  (func $three (result i32 i64 f64)
    (block (result i32 i64 f64)
      (i32.const 1) (i64.const 2) (f64.const 3.5)))
  (func $two (param $c i32) (result i32 i32)
    (block $b (result i32 i32)
      (i32.const 10) (i32.const 20)
      (br_if $b (local.get $c))
      (drop) (drop)
      (i32.const 30) (i32.const 40)))
  ;; A loop whose two results leave through br from an inner block.
  (func $sum_count (result i32 i32) (local $i i32) (local $s i32)
    (block $out (result i32 i32)
      (loop $l
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (br_if $l (i32.lt_u (local.get $i) (i32.const 100))))
      (br $out (local.get $s) (local.get $i))))
  (func $print_pair (param i32 i32)
    (call $put_i32 (local.get 0)) (call $sp) (call $print_i32 (local.get 1)))
  (func (export "_start") (local $a i32) (local $b i64) (local $c f64)
    (call $print_i32 (call $blk (i32.const 10) (i32.const 3)))
    (call $print_i32 (call $sum (i32.const 10)))
    (call $print_i32 (call $absdiff (i32.const 3) (i32.const 10)))
    (call $print_i32 (call $absdiff (i32.const 10) (i32.const 3)))
    (call $print_i32 (call $absdiff (i32.const -5) (i32.const 5)))
    (call $three)
    (local.set $c) (local.set $b) (local.set $a)
    (call $put_i32 (local.get $a)) (call $sp)
    (call $put_i64 (local.get $b)) (call $sp)
    (call $print_f64 (local.get $c))
    (call $print_pair (call $two (i32.const 1)))
    (call $print_pair (call $two (i32.const 0)))
    (call $print_pair (call $sum_count))))
