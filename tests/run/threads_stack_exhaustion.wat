;; Unbounded recursion on a thread spawned with wasi-threads is detected as
;; on the main thread: its own signal stack and stack bounds are set up
;; when it starts, and the trap ends the program with status 134.
;; RUN: features threads
;; RUN: expect-trap call stack exhausted
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  (func $down (param i32) (result i32)
    (i32.add (call $down (i32.add (local.get 0) (i32.const 1)))
             (local.get 0)))
  (func (export "wasi_thread_start") (param i32 i32)
    (drop (call $down (i32.const 0))))
  (func (export "_start")
    (drop (call $spawn (i32.const 0)))
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0)
                                (i64.const -1)))))
