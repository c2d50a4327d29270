;; Loop-heavy code: a sieve in memory counts the primes below 100000,
;; Collatz steps from 27, Euclid's gcd, and a 64-bit LCG run a million
;; times.
;; RUN: expect-stdout
;; 9592
;; 111
;; 21
;; 0xce8eefe99cd3cc41
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 2)
  ;; Bytes [1024, 1024 + n) are the sieve: 1 means composite.
  (func $primes_below (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $count i32)
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eqz (i32.load8_u offset=1024 (local.get $i)))
          (then
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (block $marked
              (loop $mark
                (br_if $marked (i32.ge_u (local.get $j) (local.get $n)))
                (i32.store8 offset=1024 (local.get $j) (i32.const 1))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $mark)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $count))
  (func $collatz (param $n i64) (result i32) (local $steps i32)
    (block $done
      (loop $step
        (br_if $done (i64.eq (local.get $n) (i64.const 1)))
        (local.set $n
          (if (result i64) (i64.eqz (i64.and (local.get $n) (i64.const 1)))
            (then (i64.shr_u (local.get $n) (i64.const 1)))
            (else (i64.add (i64.mul (local.get $n) (i64.const 3)) (i64.const 1)))))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (br $step)))
    (local.get $steps))
  (func $gcd (param $a i32) (param $b i32) (result i32) (local $t i32)
    (block $done
      (loop $step
        (br_if $done (i32.eqz (local.get $b)))
        (local.set $t (i32.rem_u (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (br $step)))
    (local.get $a))
  (func $lcg (param $rounds i32) (result i64) (local $x i64)
    (local.set $x (i64.const 1))
    (loop $step
      (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005))
                             (i64.const 1442695040888963407)))
      (local.tee $rounds (i32.sub (local.get $rounds) (i32.const 1)))
      (br_if $step))
    (local.get $x))
  (func (export "_start")
    (call $print_i32 (call $primes_below (i32.const 100000)))
    (call $print_i32 (call $collatz (i64.const 27)))
    (call $print_i32 (call $gcd (i32.const 462) (i32.const 1071)))
    (call $print_hex64 (call $lcg (i32.const 1000000)))))
