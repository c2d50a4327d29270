;; A trap in a thread spawned with wasi-threads ends the whole program
;; with the trap's message and status 134, while main sleeps forever.
;; RUN: features threads
;; RUN: expect-trap unreachable
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  (func (export "wasi_thread_start") (param i32 i32)
    unreachable)
  (func (export "_start")
    (drop (call $spawn (i32.const 0)))
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0)
                                (i64.const -1)))))
