;; Addresses are 32-bit values: an i32.add that wraps around (0xfffffff0 +
;; 0x20 = 0x10) is an ordinary, valid address, for loads and stores, and
;; from a value computed in a loop.
;; RUN: expect-stdout
;; 0x11223344
;; 0x55667788
;; 0x00000003
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $addr (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "_start") (local $a i32) (local $i i32)
    (i32.store (i32.const 0x10) (i32.const 0x11223344))
    (call $print_hex32 (i32.load (call $addr (i32.const 0xfffffff0) (i32.const 0x20))))
    (i32.store (call $addr (i32.const 0xffffffff) (i32.const 0x21)) (i32.const 0x55667788))
    (call $print_hex32 (i32.load (i32.const 0x20)))
    ;; 0x100 - 16 * 0x10 steps back to 0 through 32-bit wrapping adds.
    (local.set $a (i32.const 0x100))
    (loop $l
      (local.set $a (i32.add (local.get $a) (i32.const 0xfffffff0)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 16))))
    (i32.store8 (i32.const 0) (i32.const 3))
    (call $print_hex32 (i32.load8_u offset=0 (local.get $a)))))
