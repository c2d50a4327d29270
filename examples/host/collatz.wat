;; The plugin of the example host (host.c): Collatz sequences.  The host
;; provides env.log_i32, which the module calls for every number it
;; visits; collatz(n) returns the number of steps from n down to 1 and
;; traps (unreachable) when n < 1, where the sequence would never end.
;;
;;   wat2wasm collatz.wat -o collatz.wasm
;;   wasm2native --shared collatz.wasm -o collatz.so
(module
  (import "env" "log_i32" (func $log (param i32)))
  (func (export "collatz") (param $n i32) (result i32)
    (local $steps i32)
    (if (i32.lt_s (local.get $n) (i32.const 1))
      (then unreachable))
    (block $done
      (loop $next
        (call $log (local.get $n))
        (br_if $done (i32.eq (local.get $n) (i32.const 1)))
        (local.set $n
          (if (result i32) (i32.and (local.get $n) (i32.const 1))
            (then (i32.add (i32.mul (local.get $n) (i32.const 3))
                           (i32.const 1)))
            (else (i32.shr_u (local.get $n) (i32.const 1)))))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (br $next)))
    (local.get $steps))
)
