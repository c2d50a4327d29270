;; Loops whose bounds checks explicit mode decides before the loop
;; (codegen/cg_version.c): when an access of some iteration is out of
;; bounds, the loop must still trap at that iteration, with the stores of
;; the iterations before it done, and none after.  The loops are shaped as
;; clang emits them: a pointer stepping each iteration and a counter
;; counting down to zero, or by 2 after a peeled odd iteration.

(module
  (memory (export "memory") 1)
  ;; Stores v, v+1, ... at p, p+step, ... for n iterations (n > 0).
  (func (export "fill") (param $p i32) (param $n i32) (param $v i32)
                        (param $step i32)
    (loop $l
      (i32.store (local.get $p) (local.get $v))
      (local.set $v (i32.add (local.get $v) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (local.get $step)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; The same with a constant step of 4 and of -4.
  (func (export "up") (param $p i32) (param $n i32) (param $v i32)
    (loop $l
      (i32.store (local.get $p) (local.get $v))
      (local.set $v (i32.add (local.get $v) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "down") (param $p i32) (param $n i32) (param $v i32)
    (loop $l
      (i32.store (local.get $p) (local.get $v))
      (local.set $v (i32.add (local.get $v) (i32.const 1)))
      (local.set $p (i32.sub (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; d[i] += s[i] for i < n, unrolled by 2 with the counter down by 2 to 0
  ;; (n even), an offset on the second access of each pair.
  (func (export "add2") (param $d i32) (param $s i32) (param $n i32)
    (loop $l
      (i32.store (local.get $d)
        (i32.add (i32.load (local.get $d)) (i32.load (local.get $s))))
      (i32.store offset=4 (local.get $d)
        (i32.add (i32.load offset=4 (local.get $d))
                 (i32.load offset=4 (local.get $s))))
      (local.set $d (i32.add (local.get $d) (i32.const 8)))
      (local.set $s (i32.add (local.get $s) (i32.const 8)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 2))))))
  ;; Sum of the i32s at p .. p + 4(n-1), read in a loop.
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  (func (export "get") (param i32) (result i32) (i32.load (local.get 0))))

;; In bounds: the unchecked copy runs.
(assert_return (invoke "up" (i32.const 0) (i32.const 100) (i32.const 1)))
(assert_return (invoke "sum" (i32.const 0) (i32.const 100)) (i32.const 5050))
(assert_return (invoke "up" (i32.const 65436) (i32.const 25) (i32.const 1)))
(assert_return (invoke "get" (i32.const 65532)) (i32.const 25))
(assert_return (invoke "sum" (i32.const 65436) (i32.const 25)) (i32.const 325))

;; The last iteration is out of bounds: 10 stores, then the trap.
(assert_trap (invoke "up" (i32.const 65496) (i32.const 11) (i32.const 100))
             "out of bounds memory access")
(assert_return (invoke "get" (i32.const 65496)) (i32.const 100))
(assert_return (invoke "get" (i32.const 65532)) (i32.const 109))
(assert_trap (invoke "sum" (i32.const 65496) (i32.const 11))
             "out of bounds memory access")
;; The last store straddles the end: nothing of it is written.
(assert_return (invoke "up" (i32.const 65528) (i32.const 2) (i32.const 7)))
(assert_trap (invoke "up" (i32.const 65530) (i32.const 2)
                        (i32.const 0x11223344))
             "out of bounds memory access")
(assert_return (invoke "get" (i32.const 65528)) (i32.const 0x33440007))
(assert_return (invoke "get" (i32.const 65532)) (i32.const 0x1122))

;; The first iteration is out of bounds: nothing stored.
(assert_trap (invoke "up" (i32.const 65536) (i32.const 5) (i32.const 1))
             "out of bounds memory access")
(assert_trap (invoke "up" (i32.const -4) (i32.const 3) (i32.const 1))
             "out of bounds memory access")
(assert_return (invoke "get" (i32.const 0)) (i32.const 1))

;; From -8 up the address would wrap around 2^32 to 0, but the first
;; store, at -8, traps.
(assert_trap (invoke "up" (i32.const -8) (i32.const 4) (i32.const 50))
             "out of bounds memory access")
(assert_return (invoke "get" (i32.const 0)) (i32.const 1))

;; Going down past address 0: 0x100, 0xfc, ..., 0, then -4 traps.
(assert_trap (invoke "down" (i32.const 256) (i32.const 70) (i32.const 1000))
             "out of bounds memory access")
(assert_return (invoke "get" (i32.const 256)) (i32.const 1000))
(assert_return (invoke "get" (i32.const 0)) (i32.const 1064))
(assert_return (invoke "get" (i32.const 260)) (i32.const 66))

;; A variable step (not versioned) and a zero step.
(assert_trap (invoke "fill" (i32.const 65000) (i32.const 100) (i32.const 1)
                            (i32.const 100))
             "out of bounds memory access")
(assert_return (invoke "get" (i32.const 65500)) (i32.const 6))
(assert_return (invoke "fill" (i32.const 8) (i32.const 10) (i32.const 1)
                              (i32.const 0)))
(assert_return (invoke "get" (i32.const 8)) (i32.const 10))

;; Unrolled by 2: the counter must reach 0 exactly; with n odd it would
;; run on, and the source runs out of bounds after its 2^16-byte memory.
(assert_return (invoke "up" (i32.const 1024) (i32.const 8) (i32.const 1)))
(assert_return (invoke "up" (i32.const 2048) (i32.const 8) (i32.const 10)))
(assert_return (invoke "add2" (i32.const 1024) (i32.const 2048) (i32.const 8)))
(assert_return (invoke "sum" (i32.const 1024) (i32.const 8)) (i32.const 144))
(assert_trap (invoke "add2" (i32.const 1024) (i32.const 2048) (i32.const 7))
             "out of bounds memory access")
;; s reaches the end when d is at 64512: the pairs before are added, the
;; load of s traps before the store to d.
(assert_return (invoke "get" (i32.const 1024)) (i32.const 21))
(assert_return (invoke "get" (i32.const 64508)) (i32.const 0x1122))
(assert_return (invoke "get" (i32.const 64512)) (i32.const 0))
;; The destination runs out first: pairs up to its end are added.
(assert_return (invoke "up" (i32.const 65520) (i32.const 4) (i32.const 1)))
(assert_trap (invoke "add2" (i32.const 65520) (i32.const 0) (i32.const 6))
             "out of bounds memory access")
(assert_return (invoke "get" (i32.const 65520)) (i32.const 1065))
(assert_return (invoke "get" (i32.const 65528)) (i32.const 13))
(assert_return (invoke "get" (i32.const 65532)) (i32.const 1065))

;; Overlapping operands (cg_version.c: the copy's groups of accesses are
;; told apart only when the ranges they write do not overlap; otherwise
;; the loop runs as written, in order).  Long enough to be vectorised.
;; d = s + 4: each d[i] += s[i] reads the d[i - 1] just written, so the
;; values are running sums, where pairs computed together would give
;; 2i + 3.
(assert_return (invoke "up" (i32.const 1024) (i32.const 240) (i32.const 1)))
(assert_return (invoke "add2" (i32.const 1028) (i32.const 1024) (i32.const 200)))
(assert_return (invoke "get" (i32.const 1028)) (i32.const 3))
(assert_return (invoke "get" (i32.const 1032)) (i32.const 6))
(assert_return (invoke "get" (i32.const 1824)) (i32.const 20301))
(assert_return (invoke "get" (i32.const 1828)) (i32.const 202))
;; d = s - 4: s[i] is read before d reaches it.
(assert_return (invoke "up" (i32.const 4096) (i32.const 240) (i32.const 1)))
(assert_return (invoke "add2" (i32.const 4096) (i32.const 4100) (i32.const 200)))
(assert_return (invoke "get" (i32.const 4096)) (i32.const 3))
(assert_return (invoke "get" (i32.const 4892)) (i32.const 401))
(assert_return (invoke "get" (i32.const 4896)) (i32.const 201))
;; d = s: each doubles.
(assert_return (invoke "up" (i32.const 6144) (i32.const 200) (i32.const 5)))
(assert_return (invoke "add2" (i32.const 6144) (i32.const 6144) (i32.const 200)))
(assert_return (invoke "get" (i32.const 6144)) (i32.const 10))
(assert_return (invoke "get" (i32.const 6940)) (i32.const 408))
;; Apart: the copy runs, its groups told apart.
(assert_return (invoke "up" (i32.const 8192) (i32.const 200) (i32.const 1)))
(assert_return (invoke "up" (i32.const 12288) (i32.const 200) (i32.const 100)))
(assert_return (invoke "add2" (i32.const 8192) (i32.const 12288) (i32.const 200)))
(assert_return (invoke "get" (i32.const 8192)) (i32.const 101))
(assert_return (invoke "get" (i32.const 8988)) (i32.const 499))
(assert_return (invoke "get" (i32.const 13084)) (i32.const 299))
