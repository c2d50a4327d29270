;; Guard mode: an out-of-bounds load into a local that is never read
;; still traps (LLVM deletes unused loads unless told otherwise).
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i32) (local $x i32)
    (local.set $x (i32.load (local.get $a))))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $f (i32.const 0x7fff0000))
    (call $print_i32 (i32.const 2))))
