;; --max-memory=192K (3 pages): memory.grow and table.grow (--max-table=3)
;; return -1 past the limits and succeed up to them.
;; RUN: options --max-memory=192K --max-table=3
;; RUN: expect-stdout
;; -1
;; 1
;; -1
;; 3
;; -1
;; 1
;; -1
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table 1 funcref)
  (func (export "_start")
    (call $print_i32 (memory.grow (i32.const 3)))
    (call $print_i32 (memory.grow (i32.const 2)))
    (call $print_i32 (memory.grow (i32.const 1)))
    (call $print_i32 (memory.size))
    (call $print_i32 (table.grow 0 (ref.null func) (i32.const 3)))
    (call $print_i32 (table.grow 0 (ref.null func) (i32.const 2)))
    (call $print_i32 (table.grow 0 (ref.null func) (i32.const 1)))))
