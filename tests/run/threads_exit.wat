;; proc_exit from a thread spawned with wasi-threads ends the whole program
;; with its code, while main sleeps forever.
;; RUN: features threads
;; RUN: expect-exit 7
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  (func (export "wasi_thread_start") (param i32 i32)
    (call $exit (i32.const 7)))
  (func (export "_start")
    (drop (call $spawn (i32.const 0)))
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0)
                                (i64.const -1)))))
