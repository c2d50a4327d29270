;; memory.grow without a declared maximum: the 65536-page (4 GiB) limit
;; still holds, so growing by 65536 or 2^31 pages fails with -1; a modest
;; grow succeeds and the new end is usable.
;; RUN: expect-stdout
;; -1
;; -1
;; 1 16
;; 0x00000000 0x000000ab
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start")
    (call $print_i32 (memory.grow (i32.const 65536)))
    (call $print_i32 (memory.grow (i32.const 0x80000000)))
    (call $put_i32 (memory.grow (i32.const 15))) (call $sp)
    (call $print_i32 (memory.size))
    (call $put_hex32 (i32.load8_u (i32.const 1048575))) (call $sp)
    (i32.store8 (i32.const 1048575) (i32.const 0xab))
    (call $print_hex32 (i32.load8_u (i32.const 1048575)))))
