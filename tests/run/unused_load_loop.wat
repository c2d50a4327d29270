;; A loop whose loads feed nothing walks off the end of memory and traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $walk (param $p i32) (param $n i32)
    (local $x i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $x (i32.load (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 4096)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next))))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $walk (i32.const 0) (i32.const 100))
    (call $print_i32 (i32.const 2))))
