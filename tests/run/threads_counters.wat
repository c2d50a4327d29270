;; wasi-threads: four threads spawned with thread-spawn add to shared
;; counters with atomic read-modify-writes (i32, i64 and a narrow i32 rmw8
;; that wraps at 256) 10000 times each, while two more play ping-pong on
;; one cell with memory.atomic.wait32 and notify (1000 moves each).  Main
;; waits on a "done" counter until all six have finished, then prints the
;; counters, which do not depend on the interleaving, and what wait and
;; notify return without partners: 1 (not equal), 2 (timed out), 0 woken.
;; RUN: features threads
;; RUN: timeout 120
;; RUN: expect-stdout
;; 40000
;; 80000
;; 64
;; 2000
;; 1
;; 1
;; 2
;; 0
;; 5
;; RUN: expect-exit 0
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  ;; INCLUDE print.wat
  (export "memory" (memory 0))

  ;; 64: i32 counter, 72: i64 counter, 80: threads done, 84: ping-pong
  ;; cell, 88: a cell nobody notifies, 92: tids all positive and distinct,
  ;; 96: the narrow counter, 100: the cmpxchg cell, 104: an i64 nobody
  ;; notifies.
  (global $workers i32 (i32.const 4))
  (global $rounds i32 (i32.const 10000))
  (global $moves i32 (i32.const 1000))

  (func $add_counters
    (local $i i32)
    (loop $more
      (drop (i32.atomic.rmw.add (i32.const 64) (i32.const 1)))
      (drop (i64.atomic.rmw.add (i32.const 72) (i64.const 2)))
      (drop (i32.atomic.rmw8.add_u (i32.const 96) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $i) (global.get $rounds)))))

  ;; Moves the ball when the cell's parity is `side`: v -> v + 1, then
  ;; wakes the other player; else sleeps until the cell changes.
  (func $ping_pong (param $side i32)
    (local $moved i32) (local $v i32)
    (loop $more
      (local.set $v (i32.atomic.load (i32.const 84)))
      (if (i32.eq (i32.and (local.get $v) (i32.const 1)) (local.get $side))
        (then
          (i32.atomic.store (i32.const 84)
            (i32.add (local.get $v) (i32.const 1)))
          (drop (memory.atomic.notify (i32.const 84) (i32.const 1)))
          (local.set $moved (i32.add (local.get $moved) (i32.const 1))))
        (else
          (drop (memory.atomic.wait32 (i32.const 84) (local.get $v)
                                      (i64.const -1)))))
      (br_if $more (i32.lt_u (local.get $moved) (global.get $moves)))))

  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (if (i32.ge_u (local.get $arg) (i32.const 100))
      (then (call $ping_pong (i32.sub (local.get $arg) (i32.const 100))))
      (else (call $add_counters)))
    (drop (i32.atomic.rmw.add (i32.const 80) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 80) (i32.const -1))))

  ;; Spawns a thread for `arg`; clears the tid flag on a bad tid.
  (func $start (param $arg i32) (param $last i32) (result i32)
    (local $tid i32)
    (local.set $tid (call $spawn (local.get $arg)))
    (if (i32.or (i32.le_s (local.get $tid) (i32.const 0))
                (i32.le_s (local.get $tid) (local.get $last)))
      (then (i32.store (i32.const 92) (i32.const 0))))
    (local.get $tid))

  (func (export "_start")
    (local $i i32) (local $tid i32) (local $done i32)
    (i32.store (i32.const 92) (i32.const 1))
    (loop $spawn_workers
      (local.set $tid (call $start (i32.const 1) (local.get $tid)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $spawn_workers (i32.lt_u (local.get $i) (global.get $workers))))
    (local.set $tid (call $start (i32.const 100) (local.get $tid)))
    (local.set $tid (call $start (i32.const 101) (local.get $tid)))
    ;; Sleep until all six are done.
    (loop $wait
      (local.set $done (i32.atomic.load (i32.const 80)))
      (if (i32.lt_u (local.get $done) (i32.const 6))
        (then
          (drop (memory.atomic.wait32 (i32.const 80) (local.get $done)
                                      (i64.const -1)))
          (br $wait))))
    (call $print_i32 (i32.atomic.load (i32.const 64)))
    (call $print_i64 (i64.atomic.load (i32.const 72)))
    (call $print_i32 (i32.atomic.load8_u (i32.const 96)))
    (call $print_i32 (i32.atomic.load (i32.const 84)))
    (call $print_i32 (i32.load (i32.const 92)))
    ;; No partner: the value differs, the time runs out (1 ms), nobody
    ;; is woken.
    (call $print_i32 (memory.atomic.wait32 (i32.const 88) (i32.const 7)
                                           (i64.const 1000000)))
    (call $print_i32 (memory.atomic.wait64 (i32.const 104) (i64.const 0)
                                           (i64.const 1000000)))
    (call $print_i32 (memory.atomic.notify (i32.const 88) (i32.const 1)))
    ;; cmpxchg returns the old value: 0 then 5 (no swap the second time).
    (drop (i32.atomic.rmw.cmpxchg (i32.const 100) (i32.const 0)
                                  (i32.const 5)))
    (call $print_i32 (i32.atomic.rmw.cmpxchg (i32.const 100) (i32.const 0)
                                             (i32.const 9)))))
