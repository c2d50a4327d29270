;; A module with the C library's memory routines as C compiles them
;; without bulk memory (byte loops), named memcpy, memmove and memset,
;; and a `memcpy` of another type.  _start copies, moves (both
;; directions, overlapping) and fills, then exits with a checksum of
;; memory.  run_cli.py: compiled by default (memory.copy/fill) and with
;; --keep-memory-routines, both exit with the same status.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $memcpy (param $d i32) (param $s i32) (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $d) (local.get $i))
          (i32.load8_u (i32.add (local.get $s) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $d))
  (func $memmove (param $d i32) (param $s i32) (param $n i32) (result i32)
    (if (i32.le_u (local.get $d) (local.get $s))
      (then (return (call $memcpy (local.get $d) (local.get $s)
                                  (local.get $n)))))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (i32.store8 (i32.add (local.get $d) (local.get $n))
          (i32.load8_u (i32.add (local.get $s) (local.get $n))))
        (br $next)))
    (local.get $d))
  (func $memset (param $d i32) (param $c i32) (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $d) (local.get $i)) (local.get $c))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $d))
  ;; Not the C library's: two parameters.
  (func $memcpy2 (export "memcpy") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $sum (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31))
          (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
        (br $next)))
    (local.get $s))
  (func (export "_start")
    (local $i i32)
    (loop $fill
      (i32.store8 (local.get $i) (i32.mul (local.get $i) (i32.const 7)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 4096))))
    (drop (call $memcpy (i32.const 8192) (i32.const 100) (i32.const 1000)))
    (drop (call $memmove (i32.const 8200) (i32.const 8192) (i32.const 900)))
    (drop (call $memmove (i32.const 8192) (i32.const 8210) (i32.const 800)))
    (drop (call $memset (i32.const 9000) (i32.const 0x1a5) (i32.const 77)))
    (call $exit (i32.and
      (i32.add (call $sum (i32.const 8192) (i32.const 2048))
               (call $memcpy2 (i32.const 0) (i32.const 0)))
      (i32.const 255)))))
