;; WASI reads memory grown after start: fd_write of a string and an iovec
;; both placed in pages added by memory.grow (far above the initial size).
;; RUN: expect-stdout
;; grown page
;; 0 11
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start") (local $base i32)
    (local.set $base (i32.mul (memory.grow (i32.const 40)) (i32.const 65536)))
    (local.set $base (i32.add (local.get $base) (i32.const 2555904)))
    ;; "grown page\n" at base, the iovec at base + 16, the count at + 24.
    (i64.store (local.get $base) (i64.const 0x6170206e776f7267))
    (i32.store16 offset=8 (local.get $base) (i32.const 0x6567))
    (i32.store8 offset=10 (local.get $base) (i32.const 10))
    (i32.store offset=16 (local.get $base) (local.get $base))
    (i32.store offset=20 (local.get $base) (i32.const 11))
    (call $put_i32 (call $fd_write (i32.const 1)
                                   (i32.add (local.get $base) (i32.const 16))
                                   (i32.const 1)
                                   (i32.add (local.get $base) (i32.const 24))))
    (call $sp)
    (call $print_i32 (i32.load offset=24 (local.get $base)))))
