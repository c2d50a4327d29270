  ;; print.wat - output helpers for the tests in tests/run, pasted by
  ;; run_wat.py in place of the line `;; INCLUDE print.wat`, which must come
  ;; right after `(module` (and any imports of the test's own): it brings
  ;; the imports fd_write and proc_exit.  The test declares the memory and
  ;; exports it as "memory" (WASI needs it); the helpers use its bytes
  ;; [0, 64) as scratch, so tests keep their data at 64 and above.
  ;;
  ;;   $put_char c              one byte
  ;;   $put_i32 / $put_u32 x    decimal, signed / unsigned
  ;;   $put_i64 / $put_u64 x
  ;;   $put_hex32 / $put_hex64  0x and 8 / 16 hex digits
  ;;   $put_f32 / $put_f64 x    exact hex float as in the text format:
  ;;                            0x1.8p+1, -0x0p+0, inf, -inf; a NaN (sign
  ;;                            not printed, the spec leaves it open) is
  ;;                            nan:canonical, nan:arithmetic or nan:0xPAY
  ;;   $put_str ptr len         bytes of memory
  ;;   $sp / $nl                blank / newline
  ;;   $print_X x               $put_X then newline, for each X above
  ;;   $exit code               proc_exit
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))

  ;; Scratch layout: [0, 8) iovec, [8, 12) bytes written, [16, 64) digits.
  (func $put_str (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))

  (func $put_char (param $c i32)
    (i32.store8 (i32.const 16) (local.get $c))
    (call $put_str (i32.const 16) (i32.const 1)))

  (func $sp (call $put_char (i32.const 32)))
  (func $nl (call $put_char (i32.const 10)))

  ;; Digits are written backwards from the end of the scratch area.
  (func $put_u64 (param $x i64) (local $p i32)
    (local.set $p (i32.const 64))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48)
                 (i32.wrap_i64 (i64.rem_u (local.get $x) (i64.const 10)))))
      (local.set $x (i64.div_u (local.get $x) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $x) (i64.const 0))))
    (call $put_str (local.get $p) (i32.sub (i32.const 64) (local.get $p))))

  (func $put_i64 (param $x i64)
    (if (i64.lt_s (local.get $x) (i64.const 0))
      (then
        (call $put_char (i32.const 45))
        (local.set $x (i64.sub (i64.const 0) (local.get $x)))))
    (call $put_u64 (local.get $x)))

  (func $put_i32 (param $x i32)
    (call $put_i64 (i64.extend_i32_s (local.get $x))))
  (func $put_u32 (param $x i32)
    (call $put_u64 (i64.extend_i32_u (local.get $x))))

  (func $hex_digit (param $d i32) (result i32)
    (i32.add (local.get $d)
             (select (i32.const 48) (i32.const 87)
                     (i32.lt_u (local.get $d) (i32.const 10)))))

  ;; The low $n hex digits of $x, without a prefix.
  (func $put_hex_digits (param $x i64) (param $n i32)
    (loop $digit
      (if (i32.gt_s (local.get $n) (i32.const 0))
        (then
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (call $put_char
            (call $hex_digit
              (i32.wrap_i64
                (i64.and (i64.shr_u (local.get $x)
                                    (i64.extend_i32_u
                                      (i32.mul (local.get $n) (i32.const 4))))
                         (i64.const 15)))))
          (br $digit)))))

  (func $put_0x
    (call $put_char (i32.const 48))
    (call $put_char (i32.const 120)))

  (func $put_hex32 (param $x i32)
    (call $put_0x)
    (call $put_hex_digits (i64.extend_i32_u (local.get $x)) (i32.const 8)))
  (func $put_hex64 (param $x i64)
    (call $put_0x)
    (call $put_hex_digits (local.get $x) (i32.const 16)))

  (func $put_inf
    (call $put_char (i32.const 105))
    (call $put_char (i32.const 110))
    (call $put_char (i32.const 102)))

  ;; "nan:" then canonical (only the quiet bit), arithmetic (quiet bit and
  ;; more) or the payload in hex (a signalling NaN).
  (func $put_nan (param $payload i64) (param $quiet i64) (param $digits i32)
    (call $put_char (i32.const 110))
    (call $put_char (i32.const 97))
    (call $put_char (i32.const 110))
    (call $put_char (i32.const 58))
    (if (i64.eq (local.get $payload) (local.get $quiet))
      (then
        (call $put_char (i32.const 99))  ;; canonical
        (call $put_char (i32.const 97))
        (call $put_char (i32.const 110))
        (call $put_char (i32.const 111))
        (call $put_char (i32.const 110))
        (call $put_char (i32.const 105))
        (call $put_char (i32.const 99))
        (call $put_char (i32.const 97))
        (call $put_char (i32.const 108))
        (return)))
    (if (i64.ne (i64.and (local.get $payload) (local.get $quiet))
                (i64.const 0))
      (then
        (call $put_char (i32.const 97))  ;; arithmetic
        (call $put_char (i32.const 114))
        (call $put_char (i32.const 105))
        (call $put_char (i32.const 116))
        (call $put_char (i32.const 104))
        (call $put_char (i32.const 109))
        (call $put_char (i32.const 101))
        (call $put_char (i32.const 116))
        (call $put_char (i32.const 105))
        (call $put_char (i32.const 99))
        (return)))
    (call $put_0x)
    (call $put_hex_digits (local.get $payload) (local.get $digits)))

  ;; A finite or infinite f64 with its sign: 0x1.HHHp+E, 0x0.HHHp-1022
  ;; (subnormal), 0x0p+0, inf.
  (func $put_f64_bits (param $bits i64)
    (local $exp i32) (local $mant i64) (local $n i32)
    (if (i64.lt_s (local.get $bits) (i64.const 0))
      (then (call $put_char (i32.const 45))))
    (local.set $exp (i32.wrap_i64 (i64.and (i64.shr_u (local.get $bits)
                                                      (i64.const 52))
                                           (i64.const 0x7ff))))
    (local.set $mant (i64.and (local.get $bits) (i64.const 0xfffffffffffff)))
    (if (i32.eq (local.get $exp) (i32.const 0x7ff))
      (then (call $put_inf) (return)))
    (call $put_0x)
    (if (i64.eqz (local.get $mant))
      (then
        (if (i32.eqz (local.get $exp))
          (then
            (call $put_char (i32.const 48))
            (call $put_char (i32.const 112))
            (call $put_char (i32.const 43))
            (call $put_char (i32.const 48))
            (return)))))
    (call $put_char (select (i32.const 48) (i32.const 49)
                            (i32.eqz (local.get $exp))))
    ;; The 13 mantissa digits without trailing zeros.
    (local.set $n (i32.const 13))
    (if (i64.ne (local.get $mant) (i64.const 0))
      (then
        (loop $trim
          (if (i64.eqz (i64.and (local.get $mant) (i64.const 15)))
            (then
              (local.set $mant (i64.shr_u (local.get $mant) (i64.const 4)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $trim))))
        (call $put_char (i32.const 46))
        (call $put_hex_digits (local.get $mant) (local.get $n))))
    (call $put_char (i32.const 112))
    (if (i32.eqz (local.get $exp))
      (then (local.set $exp (i32.const -1022)))
      (else (local.set $exp (i32.sub (local.get $exp) (i32.const 1023)))))
    (if (i32.ge_s (local.get $exp) (i32.const 0))
      (then (call $put_char (i32.const 43))))
    (call $put_i32 (local.get $exp)))

  (func $put_f64 (param $x f64) (local $bits i64)
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (if (f64.ne (local.get $x) (local.get $x))
      (then
        (call $put_nan (i64.and (local.get $bits) (i64.const 0xfffffffffffff))
                       (i64.const 0x8000000000000) (i32.const 13))
        (return)))
    (call $put_f64_bits (local.get $bits)))

  ;; Promotion is exact for every non-NaN f32.
  (func $put_f32 (param $x f32) (local $bits i32)
    (local.set $bits (i32.reinterpret_f32 (local.get $x)))
    (if (f32.ne (local.get $x) (local.get $x))
      (then
        (call $put_nan (i64.extend_i32_u (i32.and (local.get $bits)
                                                  (i32.const 0x7fffff)))
                       (i64.const 0x400000) (i32.const 6))
        (return)))
    (call $put_f64_bits (i64.reinterpret_f64 (f64.promote_f32 (local.get $x)))))

  (func $print_i32 (param i32) (call $put_i32 (local.get 0)) (call $nl))
  (func $print_u32 (param i32) (call $put_u32 (local.get 0)) (call $nl))
  (func $print_i64 (param i64) (call $put_i64 (local.get 0)) (call $nl))
  (func $print_u64 (param i64) (call $put_u64 (local.get 0)) (call $nl))
  (func $print_hex32 (param i32) (call $put_hex32 (local.get 0)) (call $nl))
  (func $print_hex64 (param i64) (call $put_hex64 (local.get 0)) (call $nl))
  (func $print_f32 (param f32) (call $put_f32 (local.get 0)) (call $nl))
  (func $print_f64 (param f64) (call $put_f64 (local.get 0)) (call $nl))
  (func $print_str (param i32 i32)
    (call $put_str (local.get 0) (local.get 1)) (call $nl))
  ;; end of print.wat
