;; Several memories (multi-memory): loads and stores, memory.size and
;; memory.grow, active and passive data, memory.fill, memory.init and
;; memory.copy between memories, each memory with its own size.
;; RUN: features multi-memory
;; RUN: expect-stdout
;; 0x11223344 0x62626262 0
;; 1 1 -1 3 2
;; AAAA
;; passive
;; 0 0x00000042
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (memory $b 1 3)
  (memory $c 2)
  (data (memory $b) (i32.const 100) "bbbb")
  (data $p "passive")
  (func (export "_start")
    (i32.store $c (i32.const 70000) (i32.const 0x11223344))
    (call $put_hex32 (i32.load $c (i32.const 70000))) (call $sp)
    (call $put_hex32 (i32.load $b offset=50 (i32.const 50))) (call $sp)
    (call $print_i32 (i32.load (i32.const 100)))
    (call $put_i32 (memory.size $b)) (call $sp)
    (call $put_i32 (memory.grow $b (i32.const 2))) (call $sp)
    (call $put_i32 (memory.grow $b (i32.const 1))) (call $sp)
    (call $put_i32 (memory.size $b)) (call $sp)
    (call $print_i32 (memory.size $c))
    (memory.fill $b (i32.const 200) (i32.const 0x41) (i32.const 4))
    (memory.copy 0 $b (i32.const 300) (i32.const 200) (i32.const 4))
    (call $print_str (i32.const 300) (i32.const 4))
    (memory.init $c $p (i32.const 10) (i32.const 0) (i32.const 7))
    (memory.copy 0 $c (i32.const 400) (i32.const 10) (i32.const 7))
    (call $print_str (i32.const 400) (i32.const 7))
    (i32.store8 $b (i32.const 196607) (i32.const 0x42))
    (call $put_i32 (i32.load8_u (i32.const 65535))) (call $sp)
    (call $print_hex32 (i32.load8_u $b (i32.const 196607)))))
