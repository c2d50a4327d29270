;; Active data segments are written in order, so a later one overwrites an
;; earlier one where they overlap; one may end exactly at the memory's end.
;; RUN: expect-stdout
;; abXYZf
;; 0x00005a59
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 100) "abcdef")
  (data (i32.const 102) "XYZ")
  (data (i32.const 65534) "YZ")
  (func (export "_start")
    (call $print_str (i32.const 100) (i32.const 6))
    (call $print_hex32 (i32.load16_u (i32.const 65534)))))
