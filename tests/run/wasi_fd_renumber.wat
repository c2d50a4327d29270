;; fd_renumber onto a number that is not open moves the descriptor there
;; (as wasmtime's preview1 does): stdout moved to 10 still writes, the
;; number 1 is free meanwhile, and moving it back restores print.
;; RUN: expect-stdout
;; moved
;; 0
;; 8
;; 0
;; back
;; RUN: expect-exit 0
(module
  (import "wasi_snapshot_preview1" "fd_renumber"
    (func $fd_renumber (param i32 i32) (result i32)))
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 64) "moved\n")
  (func $write_to (param $fd i32) (result i32)
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 6))
    (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func (export "_start")
    (local $away i32) (local $to1 i32) (local $e i32)
    (local.set $away (call $fd_renumber (i32.const 1) (i32.const 10)))
    (drop (call $write_to (i32.const 10)))
    ;; fd 1 is free now: writing to it is EBADF (8)
    (local.set $to1 (call $write_to (i32.const 1)))
    (local.set $e (call $fd_renumber (i32.const 10) (i32.const 1)))
    (call $print_i32 (local.get $away))
    (call $print_i32 (local.get $to1))
    (call $print_i32 (local.get $e))
    (call $put_str (i32.const 64) (i32.const 0))
    (i32.store (i32.const 64) (i32.const 0x6b636162)) ;; "back"
    (i32.store8 (i32.const 68) (i32.const 10))
    (call $put_str (i32.const 64) (i32.const 5))))
