;; memory.grow inside a callee (directly and through call_indirect) while
;; the caller keeps using memory: the caller must see the grown memory,
;; with old contents kept and the new pages zero, after every call.
;; RUN: expect-stdout
;; 1 1000
;; 17 1017
;; 33 1034
;; 49 1051
;; 65 1068
;; 81 0x000003e8 0x00000000
;; 81
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $grow_t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) func $grow)
  (func $grow (type $grow_t) (memory.grow (local.get 0)))
  (func (export "_start") (local $i i32) (local $old i32)
    (i32.store (i32.const 1000) (i32.const 1000))
    (loop $again
      ;; The last word of the current memory holds a running counter.
      (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4))
                 (i32.add (i32.load (i32.const 1000)) (local.get $i)))
      (call $put_i32 (memory.size)) (call $sp)
      (call $print_i32 (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536))
                                          (i32.const 4))))
      (local.set $old
        (if (result i32) (i32.and (local.get $i) (i32.const 1))
          (then (call_indirect (type $grow_t) (i32.const 16) (i32.const 0)))
          (else (call $grow (i32.const 16)))))
      (local.set $i (i32.add (local.get $i) (i32.const 17)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 85))))
    (call $put_i32 (memory.size)) (call $sp)
    (call $put_hex32 (i32.load (i32.const 1000))) (call $sp)
    (call $print_hex32 (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536))
                                          (i32.const 4))))
    (call $print_i32 (i32.add (local.get $old) (i32.const 16)))))
