;; A memory that starts with zero pages grows to one; its first and last
;; bytes are then usable and zero.
;; RUN: expect-stdout
;; 0 1
;; 0 0 0x0000002a
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 0 2)
  (func (export "_start") (local $old i32)
    (local.set $old (memory.grow (i32.const 1)))
    (call $put_i32 (local.get $old)) (call $sp)
    (call $print_i32 (memory.size))
    (call $put_i32 (i32.load8_u (i32.const 100))) (call $sp)
    (call $put_i32 (i32.load8_u (i32.const 65535))) (call $sp)
    (i32.store8 (i32.const 65535) (i32.const 42))
    (call $print_hex32 (i32.load8_u (i32.const 65535)))))
