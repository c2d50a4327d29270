;; fd_renumber onto a number that is not open is EBADF (8) and moves
;; nothing, as the official WASI testsuite and wasmtime require; onto an
;; open one it closes that one and moves the descriptor: stdout moved onto
;; stderr's number writes to stdout, and fd 1 is then free.
;; RUN: expect-stdout
;; moved
;; 8
;; 0
;; 8
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
    (local $to_free i32) (local $to_open i32) (local $old i32)
    (local.set $to_free (call $fd_renumber (i32.const 1) (i32.const 10)))
    (local.set $to_open (call $fd_renumber (i32.const 1) (i32.const 2)))
    (drop (call $write_to (i32.const 2)))
    (local.set $old (call $write_to (i32.const 1)))
    ;; print through fd 2, which is stdout now
    (i32.store8 (i32.const 72) (i32.add (i32.const 48) (local.get $to_free)))
    (i32.store8 (i32.const 73) (i32.const 10))
    (i32.store8 (i32.const 74) (i32.add (i32.const 48) (local.get $to_open)))
    (i32.store8 (i32.const 75) (i32.const 10))
    (i32.store8 (i32.const 76) (i32.add (i32.const 48) (local.get $old)))
    (i32.store8 (i32.const 77) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 72))
    (i32.store (i32.const 4) (i32.const 6))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))))
