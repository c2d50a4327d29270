;; Exception handling: catch_ref and catch_all_ref capture the exception
;; as an exnref; throw_ref raises that same exception again, caught by tag
;; (with its values) further out, also after the exnref was kept in a
;; local and thrown twice; throw_ref of a null exnref traps.
;; RUN: wabt 3.0
;; RUN: expect-stdout
;; 42
;; 43
;; 44 44
;; RUN: expect-trap null exception reference
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (tag $e (param i32))
  (tag $other)
  (func $catch_all_ref (param $v i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $e (local.get $v)))
      (unreachable))
    (throw_ref))
  (func $twice (param $v i32) (result i32 i32) (local $x exnref)
    (local $a i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $e (local.get $v)))
      (unreachable))
    (local.set $x)
    (block $h1 (result i32)
      (try_table (catch $e $h1) (throw_ref (local.get $x)))
      (unreachable))
    (local.set $a)
    (block $h2 (result i32)
      (try_table (catch $e $h2) (throw_ref (local.get $x)))
      (unreachable))
    (local.get $a) (return))
  (func (export "_start")
    (block $h (result i32)
      (try_table (catch $e $h) (call $catch_all_ref (i32.const 42)))
      (i32.const -1))
    (call $put_i32) (call $nl)
    (block $h (result i32 exnref)
      (try_table (catch $other 1) (catch_ref $e $h)
        (call $catch_all_ref (i32.const 43)))
      (i32.const -1) (ref.null exn))
    (drop)
    (call $put_i32) (call $nl)
    (call $twice (i32.const 44))
    (call $put_i32) (call $sp) (call $put_i32) (call $nl)
    (throw_ref (ref.null exn))))
