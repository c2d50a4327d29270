;; Unbounded mutual recursion through call_indirect, with large frames
;; (many live f64 values), exhausts the call stack and traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap call stack exhausted
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $f (func (param f64) (result f64)))
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $ping $pong)
  (func $ping (type $f) (local f64 f64 f64 f64 f64 f64 f64 f64)
    (local.set 1 (f64.add (local.get 0) (f64.const 1)))
    (local.set 2 (f64.mul (local.get 1) (f64.const 2)))
    (local.set 3 (f64.sub (local.get 2) (f64.const 3)))
    (local.set 4 (f64.div (local.get 3) (f64.const 4)))
    (local.set 5 (f64.add (local.get 4) (local.get 1)))
    (local.set 6 (f64.add (local.get 5) (local.get 2)))
    (local.set 7 (f64.add (local.get 6) (local.get 3)))
    (local.set 8 (f64.add (local.get 7) (local.get 4)))
    (f64.add
      (f64.add (f64.add (local.get 1) (local.get 2)) (f64.add (local.get 3) (local.get 4)))
      (f64.add (f64.add (local.get 5) (local.get 6))
               (f64.add (local.get 7)
                        (call_indirect $t (type $f) (local.get 8) (i32.const 1))))))
  (func $pong (type $f)
    (f64.add (call_indirect $t (type $f) (local.get 0) (i32.const 0)) (f64.const 1)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_f64 (call $ping (f64.const 0)))))
