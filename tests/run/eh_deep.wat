;; Exception handling: a throw 10,000 frames below its try_table is caught
;; there with its value, the frames in between unwound; then a try_table in
;; every frame, the innermost catching, each frame rethrowing with throw_ref
;; to the next (10,000 handlers run in turn).
;; RUN: wabt 3.0
;; RUN: expect-stdout
;; 10000
;; 12345
;; 10000
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (tag $e (param i32))
  (global $handled (mut i32) (i32.const 0))
  (func $down (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (throw $e (i32.const 12345))))
    (i32.add (call $down (i32.sub (local.get $n) (i32.const 1)))
             (i32.const 1)))
  ;; Every frame catches with catch_all_ref, counts, and throws again.
  (func $nested (param $n i32) (result i32)
    (block $h (result exnref)
      (try_table (result i32) (catch_all_ref $h)
        (if (i32.eqz (local.get $n)) (then (throw $e (i32.const 1))))
        (call $nested (i32.sub (local.get $n) (i32.const 1))))
      (return))
    (global.set $handled (i32.add (global.get $handled) (i32.const 1)))
    (throw_ref))
  (func (export "_start")
    (call $put_i32 (i32.const 10000)) (call $nl)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h)
        (call $down (i32.const 10000)))
      (drop) (i32.const -1))
    (call $put_i32) (call $nl)
    (block $h2 (result i32)
      (try_table (result i32) (catch $e $h2)
        (call $nested (i32.const 9999)))
      (drop) (i32.const -1))
    (drop)
    (call $put_i32 (global.get $handled)) (call $nl)))
