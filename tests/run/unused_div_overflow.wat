;; A dropped i32.div_s of INT_MIN by -1 traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer overflow
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i32) (param $b i32) (result i32) (i32.div_s (local.get $a) (local.get $b)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call $f (i32.const 0x80000000) (i32.const -1)))
    (call $print_i32 (i32.const 2))))
