;; memory.fill (only the value's low byte counts) and memory.copy with
;; overlap in both directions (memmove semantics); zero-length operations
;; at the very end of memory are allowed, fills up to the last byte too.
;; RUN: expect-stdout
;; 0xabababababababab 0
;; 0xabababababababab
;; 0101234589
;; 2345676789
;; 0x07070707
;; done
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 300) "0123456789")
  (data (i32.const 400) "0123456789")
  (data (i32.const 500) "done")
  (func (export "_start")
    (memory.fill (i32.const 100) (i32.const 0x1ab) (i32.const 8))
    (call $put_hex64 (i64.load (i32.const 100))) (call $sp)
    (call $print_i32 (i32.load8_u (i32.const 108)))
    (memory.copy (i32.const 200) (i32.const 100) (i32.const 8))
    (call $print_hex64 (i64.load (i32.const 200)))
    (memory.copy (i32.const 302) (i32.const 300) (i32.const 6))
    (call $print_str (i32.const 300) (i32.const 10))
    (memory.copy (i32.const 400) (i32.const 402) (i32.const 6))
    (call $print_str (i32.const 400) (i32.const 10))
    (memory.fill (i32.const 65536) (i32.const 1) (i32.const 0))
    (memory.copy (i32.const 65536) (i32.const 0) (i32.const 0))
    (memory.copy (i32.const 0) (i32.const 65536) (i32.const 0))
    (memory.fill (i32.const 65532) (i32.const 7) (i32.const 4))
    (call $print_hex32 (i32.load (i32.const 65532)))
    (call $print_str (i32.const 500) (i32.const 4))))
