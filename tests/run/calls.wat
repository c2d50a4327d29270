;; Direct calls: recursion, mutual recursion, many parameters of mixed
;; types (more than fit in registers), results of every type, several
;; results at once.
;; RUN: expect-stdout
;; 2432902008176640000
;; 6765
;; 1 0
;; 0x1.18p+6
;; 0x1.8p+1 -7 0x1.4p+2 -9000000000
;; 3 4
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $fact (param i64) (result i64)
    (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get 0)
                     (call $fact (i64.sub (local.get 0) (i64.const 1)))))))
  (func $fib (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $even (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 1))
      (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
  (func $odd (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (call $even (i32.sub (local.get 0) (i32.const 1))))))
  ;; Sixteen parameters, each multiplied by its position k (1..16):
  ;; sum over k <= 12 of p_k * k minus the sum over k > 12.
  (func $many (param i32 i64 f32 f64 i32 i64 f32 f64
                     i32 i64 f32 f64 i32 i64 f32 f64) (result f64)
    (f64.add
      (f64.add
        (f64.add (f64.convert_i32_s (i32.mul (local.get 0) (i32.const 1)))
                 (f64.convert_i64_s (i64.mul (local.get 1) (i64.const 2))))
        (f64.add (f64.promote_f32 (f32.mul (local.get 2) (f32.const 3)))
                 (f64.mul (local.get 3) (f64.const 4))))
      (f64.add
        (f64.add
          (f64.add (f64.convert_i32_s (i32.mul (local.get 4) (i32.const 5)))
                   (f64.convert_i64_s (i64.mul (local.get 5) (i64.const 6))))
          (f64.add (f64.promote_f32 (f32.mul (local.get 6) (f32.const 7)))
                   (f64.mul (local.get 7) (f64.const 8))))
        (f64.sub
          (f64.add
            (f64.add (f64.convert_i32_s (i32.mul (local.get 8) (i32.const 9)))
                     (f64.convert_i64_s (i64.mul (local.get 9) (i64.const 10))))
            (f64.add (f64.promote_f32 (f32.mul (local.get 10) (f32.const 11)))
                     (f64.mul (local.get 11) (f64.const 12))))
          (f64.add
            (f64.add (f64.convert_i32_s (i32.mul (local.get 12) (i32.const 13)))
                     (f64.convert_i64_s (i64.mul (local.get 13) (i64.const 14))))
            (f64.add (f64.promote_f32 (f32.mul (local.get 14) (f32.const 15)))
                     (f64.mul (local.get 15) (f64.const 16))))))))
  (func $four (param $x i32) (result f32 i32 f64 i64)
    (f32.convert_i32_s (local.get $x))
    (i32.sub (i32.const -4) (local.get $x))
    (f64.const 5)
    (i64.mul (i64.extend_i32_s (local.get $x)) (i64.const -3000000000)))
  (func $divmod (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1)))
  (func (export "_start") (local $a f32) (local $b i32) (local $c f64) (local $d i64)
    (call $print_i64 (call $fact (i64.const 20)))
    (call $print_i32 (call $fib (i32.const 20)))
    (call $put_i32 (call $even (i32.const 100))) (call $sp)
    (call $print_i32 (call $even (i32.const 7)))
    (call $print_f64 (call $many
      (i32.const 1) (i64.const 1) (f32.const 1) (f64.const 1)
      (i32.const 1) (i64.const 1) (f32.const 1) (f64.const 1)
      (i32.const 2) (i64.const 2) (f32.const 2) (f64.const 2)
      (i32.const 1) (i64.const 1) (f32.const 1) (f64.const 0.5)))
    (call $four (i32.const 3))
    (local.set $d) (local.set $c) (local.set $b) (local.set $a)
    (call $put_f32 (local.get $a)) (call $sp)
    (call $put_i32 (local.get $b)) (call $sp)
    (call $put_f64 (local.get $c)) (call $sp)
    (call $print_i64 (local.get $d))
    (call $divmod (i32.const 19) (i32.const 5))
    (local.set $b)
    (call $put_i32) (call $sp) (call $print_i32 (local.get $b))))
