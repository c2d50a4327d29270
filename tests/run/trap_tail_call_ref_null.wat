;; return_call_ref of a null reference traps before any call.
;; RUN: wabt 3.0
;; RUN: expect-trap null function reference
(module
  (type $f (func (result i32)))
  (memory (export "memory") 1)
  (func $go (result i32)
    (return_call_ref $f (ref.null $f)))
  (func (export "_start")
    (drop (call $go))))
