;; The start function runs at instantiation, before _start, after the data
;; segments are in memory and the globals are set.
;; RUN: expect-stdout
;; start 7 hi
;; main 8
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 64) "hi")
  (global $g (mut i32) (i32.const 7))
  (func $init
    (call $put_char (i32.const 115)) (call $put_char (i32.const 116))
    (call $put_char (i32.const 97)) (call $put_char (i32.const 114))
    (call $put_char (i32.const 116)) (call $sp)
    (call $put_i32 (global.get $g)) (call $sp)
    (call $print_str (i32.const 64) (i32.const 2))
    (global.set $g (i32.add (global.get $g) (i32.const 1))))
  (start $init)
  (func (export "_start")
    (call $put_char (i32.const 109)) (call $put_char (i32.const 97))
    (call $put_char (i32.const 105)) (call $put_char (i32.const 110))
    (call $sp)
    (call $print_i32 (global.get $g))))
