;; Wasm 3.0 types the embedding API reports in full: typed function
;; references in a function's signature, a table and a global, and a
;; 64-bit memory and table (converted by ../shared's wabt).
(module
  (type $t (func (result i32)))
  (type $u (func (param (ref $t)) (result (ref null $t))))
  (func $seven (type $t) (i32.const 7))
  (func (export "pass") (type $u) (local.get 0))
  (table (export "refs") 2 (ref null $t))
  (table (export "table64") i64 1 funcref)
  (memory (export "memory64") i64 1 2)
  (global (export "seven") (ref $t) (ref.func $seven))
  (elem declare func $seven))
