;; drop discards values of every type but the dropped call still runs;
;; nop does nothing.
;; RUN: expect-stdout
;; 3
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (global $calls (mut i32) (i32.const 0))
  (func $count (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (global.get $calls))
  (func $count_pair (result f64 funcref)
    (drop (call $count))
    (f64.const 1) (ref.null func))
  (func (export "_start")
    (nop)
    (drop (call $count))
    (drop (i64.const 1))
    (drop (f32.const 1))
    (nop) (nop)
    (drop (f64.const 1))
    (drop (ref.null extern))
    (call $count_pair) (drop) (drop)
    (drop (i32.add (call $count) (i32.const 1)))
    (call $print_i32 (global.get $calls))))
