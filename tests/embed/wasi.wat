;; WASI as an import provider (test_api.c): arguments, stdout, polling
;; and proc_exit, each instance with a context of its own; test_oom.c
;; fails each allocation of its life in turn.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff"
    (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello\n")
  (func (export "argc") (result i32)
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (i32.load (i32.const 0)))
  ;; Writes "hello\n" to fd 1; the WASI errno.
  (func (export "hello") (result i32)
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 6))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  ;; Waits 0 ns on the monotonic clock (a subscription at 64, its event
  ;; at 112, the count at 144); the WASI errno, NOMEM out of memory.
  (func (export "nap") (result i32)
    (i32.store (i32.const 80) (i32.const 1))
    (call $poll_oneoff (i32.const 64) (i32.const 112) (i32.const 1)
                       (i32.const 144)))
  (func (export "quit") (param i32) (call $proc_exit (local.get 0)))
)
