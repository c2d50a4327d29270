;; Exception handling: an exception thrown at the end of a chain of
;; return_calls (direct, indirect and to a function with a tail entry of
;; its own) reaches the try_table of the function that made the first
;; call; a return_call written inside a try_table leaves the try, so the
;; callee's exception goes past that try to the caller's.
;; RUN: wabt 3.0
;; RUN: expect-stdout
;; 1000
;; 7
;; 2
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $v (func (param i32)))
  (tag $e (param i32))
  (table funcref (elem $hop $hop_indirect $thrower))
  (func $hop (param $n i32)
    (if (i32.eqz (local.get $n)) (then (throw $e (i32.const 1000))))
    (return_call_indirect (type $v)
      (i32.sub (local.get $n) (i32.const 1)) (i32.const 1)))
  (func $hop_indirect (param $n i32)
    (return_call $hop (local.get $n)))
  (func $thrower (param $n i32) (throw $e (local.get $n)))
  ;; Its try_table never sees the exception: the call is a tail call.
  (func $leaves (param $n i32)
    (block $h (result i32)
      (try_table (catch $e $h)
        (return_call $thrower (local.get $n)))
      (return))
    (drop)
    (throw $e (i32.const -1)))
  (func $leaves_indirect (param $n i32)
    (block $h (result i32)
      (try_table (catch $e $h)
        (return_call_indirect (type $v) (local.get $n) (i32.const 2)))
      (return))
    (drop)
    (throw $e (i32.const -1)))
  (func (export "_start")
    (block $h (result i32)
      (try_table (catch $e $h) (call $hop (i32.const 100000)))
      (i32.const -1))
    (call $put_i32) (call $nl)
    (block $h (result i32)
      (try_table (catch $e $h) (call $leaves (i32.const 7)))
      (i32.const -1))
    (call $put_i32) (call $nl)
    (block $h (result i32)
      (try_table (catch $e $h) (call $leaves_indirect (i32.const 2)))
      (i32.const -1))
    (call $put_i32) (call $nl)))
