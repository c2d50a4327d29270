;; Branches across nesting: br out of several blocks at once, br_if taken
;; and not taken, continue/break in nested loops, return from inner loops,
;; br to the function body's label, if without else, code after br.
;; RUN: expect-stdout
;; 3
;; 10
;; 2
;; 1
;; 0
;; 1100
;; 49
;; 5
;; -1
;; 44
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  ;; Which of three nested blocks does depth d leave?
  (func $depth (param $d i32) (result i32) (local $r i32)
    (block $outer
      (block $middle
        (block $inner
          (br_if $inner (i32.eq (local.get $d) (i32.const 0)))
          (br_if $middle (i32.eq (local.get $d) (i32.const 1)))
          (br $outer)
          (local.set $r (i32.const 1000)))
        (local.set $r (i32.add (local.get $r) (i32.const 1))))
      (local.set $r (i32.add (local.get $r) (i32.const 1))))
    (i32.add (local.get $r) (i32.const 1)))
  ;; Sum of i*j for i in [0,4) and j in [0,5-i), skipping j == i: the
  ;; inner loop is left by br_if when j reaches 5 - i.
  (func $pairs (result i32) (local $i i32) (local $j i32) (local $s i32)
    (loop $rows
      (local.set $j (i32.const 0))
      (block $row_done
        (loop $cols
          (br_if $row_done (i32.eq (local.get $j) (i32.sub (i32.const 5) (local.get $i))))
          (if (i32.ne (local.get $i) (local.get $j))
            (then
              (local.set $s (i32.add (local.get $s)
                                     (i32.mul (local.get $i) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $cols)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (i32.const 4))))
    (local.get $s))
  ;; br_if not taken leaves its value on the stack.
  (func $keep (param $c i32) (result i32)
    (block $b (result i32)
      (i32.const 1100)
      (br_if $b (local.get $c))
      (drop)
      (i32.const 1200)))
  ;; The first i*i above n, returned from two loops deep.
  (func $first_square_above (param $n i32) (result i32) (local $i i32)
    (loop $a
      (loop $b
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.gt_u (i32.mul (local.get $i) (local.get $i)) (local.get $n))
          (then (return (i32.mul (local.get $i) (local.get $i)))))
        (br $b)))
    (i32.const -1))
  ;; br 0 at the top level is a return.
  (func $body_label (param $x i32) (result i32)
    (local.get $x)
    (br 0)
    (i32.const 7)
    (i32.add))
  (func $sign (param $x i32) (result i32)
    (if (i32.lt_s (local.get $x) (i32.const 0)) (then (return (i32.const -1))))
    (if (result i32) (i32.eqz (local.get $x))
      (then (i32.const 0))
      (else (i32.const 1))))
  (func (export "_start")
    (call $print_i32 (call $depth (i32.const 0)))
    (call $print_i32 (call $pairs))
    (call $print_i32 (call $depth (i32.const 1)))
    (call $print_i32 (call $depth (i32.const 2)))
    (call $print_i32 (call $sign (i32.const 0)))
    (call $print_i32 (call $keep (i32.const 1)))
    (call $print_i32 (call $first_square_above (i32.const 40)))
    (call $print_i32 (call $body_label (i32.const 5)))
    (call $print_i32 (call $sign (i32.const -9)))
    (call $print_i32 (i32.add (call $keep (i32.const 0))
                              (i32.const -1156)))))
