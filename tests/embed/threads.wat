;; The module of the thread tests (test_threads.c): arithmetic through a
;; host function, memory, a global per instance, traps on purpose and
;; unbounded recursion.
(module
  (import "env" "scale" (func $scale (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $calls (mut i32) (i32.const 0))

  ;; The sum of scale(i) for i in [0, n), leaving i at 4*i mod 64 KiB.
  (func (export "sum") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc
          (i64.add (local.get $acc)
                   (i64.extend_i32_u (call $scale (local.get $i)))))
        (i32.store (i32.and (i32.shl (local.get $i) (i32.const 2))
                            (i32.const 0xfffc))
                   (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; Traps with "integer divide by zero" when b is 0.
  (func (export "div") (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b)))

  ;; Traps with "out of bounds memory access" past the first page.
  (func (export "load") (param $addr i32) (result i32)
    (i32.load (local.get $addr)))

  ;; How many times this instance was bumped.
  (func (export "bump") (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (global.get $calls))

  ;; Never returns: exhausts the stack.  The load after the call keeps
  ;; LLVM from turning the recursion into a loop.
  (func $recurse (export "recurse") (param $depth i32) (result i32)
    (i32.store (i32.const 0) (local.get $depth))
    (i32.add (call $recurse (i32.add (local.get $depth) (i32.const 1)))
             (i32.load (i32.const 0))))
)
