;; A 64-bit memory's address past 4 GiB traps: its low 32 bits would be in
;; bounds, so the check must compare all 64.
;; RUN: features multi-memory,memory64
;; RUN: expect-stdout
;; 0
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (memory $m i64 1)
  (func (export "_start")
    (call $print_i32 (i32.load $m (i64.const 0x10)))
    (call $print_i32 (i32.load $m (i64.const 0x100000010)))))
