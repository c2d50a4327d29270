;; memory.size and memory.grow with a maximum: grow returns the old size,
;; -1 when the result would pass the maximum (the size is then unchanged),
;; grow 0 reports the size, new pages are zero and usable to their last byte.
;; RUN: expect-stdout
;; 1
;; 1 2
;; -1 2
;; 2
;; 0 0
;; 0x11223344
;; 2 3
;; -1 -1 3
;; 0xaabbccdd
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1 3)
  (func (export "_start")
    (call $print_i32 (memory.size))
    (call $put_i32 (memory.grow (i32.const 1))) (call $sp)
    (call $print_i32 (memory.size))
    (call $put_i32 (memory.grow (i32.const 2))) (call $sp)
    (call $print_i32 (memory.size))
    (call $print_i32 (memory.grow (i32.const 0)))
    ;; The new page is zero, and its last word is usable.
    (call $put_i32 (i32.load (i32.const 65636))) (call $sp)
    (call $print_i32 (i32.load (i32.const 131068)))
    (i32.store (i32.const 131068) (i32.const 0x11223344))
    (call $print_hex32 (i32.load (i32.const 131068)))
    (call $put_i32 (memory.grow (i32.const 1))) (call $sp)
    (call $print_i32 (memory.size))
    (call $put_i32 (memory.grow (i32.const 1))) (call $sp)
    (call $put_i32 (memory.grow (i32.const -1))) (call $sp)
    (call $print_i32 (memory.size))
    (i32.store (i32.const 196604) (i32.const 0xaabbccdd))
    (call $print_hex32 (i32.load (i32.const 196604)))))
