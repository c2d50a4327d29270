;; Imported (host) functions in a table: fd_write called through
;; call_indirect and through a ref.func put in the table by table.set.
;; RUN: expect-stdout
;; via table
;; via ref.func
;; 0 0
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $write_t (func (param i32 i32 i32 i32) (result i32)))
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $fd_write)
  (elem declare func $fd_write)
  (data (i32.const 100) "via table\n")
  (data (i32.const 120) "via ref.func\n")
  (func $write_via (param $slot i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 200) (local.get $ptr))
    (i32.store (i32.const 204) (local.get $len))
    (call_indirect $t (type $write_t)
      (i32.const 1) (i32.const 200) (i32.const 1) (i32.const 208)
      (local.get $slot)))
  (func (export "_start") (local $r1 i32) (local $r2 i32)
    (local.set $r1 (call $write_via (i32.const 0) (i32.const 100) (i32.const 10)))
    (table.set $t (i32.const 1) (ref.func $fd_write))
    (local.set $r2 (call $write_via (i32.const 1) (i32.const 120) (i32.const 13)))
    (call $put_i32 (local.get $r1)) (call $sp)
    (call $print_i32 (local.get $r2))))
