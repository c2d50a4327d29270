;; Exceptions between two instances (docs/exceptions.md): tags compare by
;; identity, so $M2's import of $M1's tag catches what $M1 throws and
;; $M1 catches what $M2 throws with it, across calls both ways and through
;; a table; $M2's own tag of the same type is another tag; an exception of
;; it passes through $M1's handlers to the host, and a trap is caught by
;; no one.
(module $M1
  (tag $e (export "e") (param i32))
  (type $cb (func (param i32) (result i32)))
  (table (export "tab") 2 funcref)
  (func $throw (export "throw") (param i32) (throw $e (local.get 0)))
  ;; calls the callback at table slot 1, catching $e
  (func (export "catch_cb") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h)
        (call_indirect (type $cb) (local.get 0) (i32.const 1)))
      (return))
    (i32.add (i32.const 1000)))
  ;; calls the callback, catching everything else but $e
  (func (export "catch_all_cb") (param i32) (result i32)
    (block $h
      (try_table (result i32) (catch_all $h)
        (call_indirect (type $cb) (local.get 0) (i32.const 1)))
      (return))
    (i32.const -2)))
(register "M1" $M1)
(module $M2
  (import "M1" "e" (tag $e (param i32)))
  (import "M1" "throw" (func $throw (param i32)))
  (import "M1" "tab" (table 2 funcref))
  (import "M1" "catch_cb" (func $catch_cb (param i32) (result i32)))
  (import "M1" "catch_all_cb" (func $catch_all_cb (param i32) (result i32)))
  (tag $mine (export "mine") (param i32))
  (type $cb (func (param i32) (result i32)))
  (elem (i32.const 1) $cb)
  ;; 0: throws M1's tag, 1: its own, 2: traps, else returns
  (func $cb (type $cb)
    (if (i32.eqz (local.get 0)) (then (throw $e (i32.const 7))))
    (if (i32.eq (local.get 0) (i32.const 1))
      (then (throw $mine (i32.const 8))))
    (if (i32.eq (local.get 0) (i32.const 2)) (then (unreachable)))
    (local.get 0))
  ;; M1 throws, M2 catches with the imported tag
  (func (export "catch_import") (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $throw (i32.const 42)))
      (i32.const -1)))
  ;; its own tag does not catch M1's exception
  (func (export "catch_mine") (result i32)
    (block $h (result i32)
      (try_table (catch $mine $h) (call $throw (i32.const 42)))
      (i32.const -1)))
  (func (export "via_m1") (param i32) (result i32)
    (call $catch_cb (local.get 0)))
  (func (export "via_m1_all") (param i32) (result i32)
    (call $catch_all_cb (local.get 0))))
(assert_return (invoke $M2 "catch_import") (i32.const 42))
(assert_exception (invoke $M2 "catch_mine"))
(assert_return (invoke $M2 "via_m1" (i32.const 0)) (i32.const 1007))
(assert_return (invoke $M2 "via_m1" (i32.const 5)) (i32.const 5))
(assert_exception (invoke $M2 "via_m1" (i32.const 1)))
(assert_trap (invoke $M2 "via_m1" (i32.const 2)) "unreachable")
(assert_return (invoke $M2 "via_m1_all" (i32.const 1)) (i32.const -2))
(assert_trap (invoke $M2 "via_m1_all" (i32.const 2)) "unreachable")
(assert_exception (invoke $M1 "throw" (i32.const 3)))
