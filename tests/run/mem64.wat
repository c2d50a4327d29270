;; A 64-bit memory (memory64) next to memory 0: i64 addresses and sizes,
;; offsets past 4 GiB, memory.grow and its failure past 2^48 pages,
;; memory.fill and memory.init, memory.copy to a 32-bit memory (the length
;; then an i32), data at an i64 offset.
;; RUN: features multi-memory,memory64
;; RUN: expect-stdout
;; 1 1 2
;; 0x0102030405060708 0x6665646362610000
;; zzz
;; ssive
;; -1 -1
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (memory $m i64 1)
  (data (memory $m) (i64.const 65530) "abcdef")
  (data $p "passive")
  (func (export "_start")
    (call $put_i64 (memory.size $m)) (call $sp)
    (call $put_i64 (memory.grow $m (i64.const 1))) (call $sp)
    (call $print_i64 (memory.size $m))
    (i64.store $m (i64.const 131064) (i64.const 0x0102030405060708))
    (call $put_hex64 (i64.load $m offset=131000 (i64.const 64))) (call $sp)
    (call $print_hex64 (i64.load $m (i64.const 65528)))
    (memory.fill $m (i64.const 100) (i32.const 0x7a) (i64.const 3))
    (memory.copy 0 $m (i32.const 500) (i64.const 100) (i32.const 3))
    (call $print_str (i32.const 500) (i32.const 3))
    (memory.init $m $p (i64.const 70000) (i32.const 2) (i32.const 5))
    (memory.copy 0 $m (i32.const 600) (i64.const 70000) (i32.const 5))
    (call $print_str (i32.const 600) (i32.const 5))
    (call $put_i64 (memory.grow $m (i64.const 0x1000000000000))) (call $sp)
    (call $print_i64 (memory.grow $m (i64.const -1)))))
