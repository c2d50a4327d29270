;; shared_memory.wat - the module of test_shared_memory.c: it imports one
;; shared memory, which instances on several host threads share.
(module
  (import "env" "memory" (memory 1 4 shared))
  ;; n atomic increments of the i32 at 0
  (func (export "add") (param $n i32)
    (loop $more
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $more (local.get $n))))
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  ;; the byte at `at`, wherever another instance grew the memory to
  (func (export "load8") (param $at i32) (result i32)
    (i32.load8_u (local.get $at)))
  (func (export "store8") (param $at i32) (param $v i32)
    (i32.store8 (local.get $at) (local.get $v)))
  ;; sleeps at 8 while it holds 0: 0 woken, 1 not equal
  (func (export "wait") (result i32)
    (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))
  ;; wakes one sleeper at 8: how many woke
  (func (export "wake") (result i32)
    (memory.atomic.notify (i32.const 8) (i32.const 1))))
