;; One trap of each kind the code can raise, each in a leaf function
;; reached through a middle function from the export `run`, whose
;; argument picks the trap (run_backtrace.py: the backtrace of each must
;; name leaf, middle and run with the offsets wasm-objdump -d gives).
;; The last case loops forever: compiled --interruptible, it ends
;; "interrupted" or "out of fuel".  env.fail is left unresolved in the
;; program (--trap-unknown-imports) and fails as a host function through
;; the API.
(module
  (import "env" "fail" (func $fail))
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (memory 1 1)
  (table $t 2 funcref)
  (elem (i32.const 0) $leaf_unreachable)
  (tag $e)

  (func $leaf_unreachable unreachable)
  (func $leaf_div_zero (param i32) (result i32)
    i32.const 7
    local.get 0
    i32.div_s)
  (func $leaf_overflow (param i32) (result i32)
    i32.const 0x80000000
    local.get 0
    i32.div_s)
  (func $leaf_conversion (param f32) (result i32)
    local.get 0
    i32.trunc_f32_s)
  (func $leaf_load (param i32) (result i32)
    local.get 0
    i32.load offset=16)
  (func $leaf_store (param i32)
    local.get 0
    i32.const 1
    i64.extend_i32_u
    i64.store offset=8)
  (func $leaf_copy (param i32)
    local.get 0
    i32.const 0
    i32.const 64
    memory.copy)
  (func $leaf_table (param i32) (result funcref)
    local.get 0
    table.get $t)
  (func $leaf_undefined (param i32)
    local.get 0
    call_indirect $t (type $v))
  (func $leaf_uninitialized (param i32)
    local.get 0
    call_indirect $t (type $v))
  (func $leaf_mismatch (param i32) (result i32)
    i32.const 5
    local.get 0
    call_indirect $t (type $ii))
  (func $leaf_recurse (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    call $leaf_recurse
    i32.const 1
    i32.add)
  (func $leaf_unaligned (param i32) (result i32)
    local.get 0
    i32.atomic.load)
  (func $leaf_not_shared (param i32) (result i32)
    local.get 0
    i32.const 0
    i64.const 0
    memory.atomic.wait32)
  (func $leaf_null_exn
    ref.null exn
    throw_ref)
  (func $leaf_null_ref (param externref)
    local.get 0
    ref.as_non_null
    drop)
  (func $leaf_null_func (param (ref null $v))
    local.get 0
    call_ref $v)
  (func $leaf_host call $fail)
  (func $leaf_spin (param i32) (result i32)
    (loop $forever
      local.get 0
      i32.const 1
      i32.add
      local.set 0
      br $forever)
    local.get 0)

  (func $mid_unreachable call $leaf_unreachable)
  (func $mid_div_zero (param i32) (result i32)
    local.get 0 call $leaf_div_zero)
  (func $mid_overflow (param i32) (result i32)
    i32.const -1 call $leaf_overflow)
  (func $mid_conversion (param i32) (result i32)
    f32.const nan call $leaf_conversion)
  (func $mid_load (param i32) (result i32)
    i32.const 65530 call $leaf_load)
  (func $mid_store (param i32)
    i32.const 65530 call $leaf_store)
  (func $mid_copy (param i32)
    i32.const 65500 call $leaf_copy)
  (func $mid_table (param i32)
    i32.const 5 call $leaf_table drop)
  (func $mid_undefined (param i32)
    i32.const 7 call $leaf_undefined)
  (func $mid_uninitialized (param i32)
    i32.const 1 call $leaf_uninitialized)
  (func $mid_mismatch (param i32) (result i32)
    i32.const 0 call $leaf_mismatch)
  (func $mid_recurse (param i32) (result i32)
    local.get 0 call $leaf_recurse)
  (func $mid_unaligned (param i32) (result i32)
    i32.const 1 call $leaf_unaligned)
  (func $mid_not_shared (param i32) (result i32)
    i32.const 0 call $leaf_not_shared)
  (func $mid_null_exn call $leaf_null_exn)
  (func $mid_null_ref
    ref.null extern call $leaf_null_ref)
  (func $mid_null_func
    ref.null $v call $leaf_null_func)
  (func $mid_host call $leaf_host)
  (func $mid_spin (param i32) (result i32)
    local.get 0 call $leaf_spin)

  (func (export "run") (param $which i32)
    (block $spin (block $host (block $null_func (block $null_ref
    (block $null_exn (block $not_shared (block $unaligned (block $recurse
    (block $mismatch (block $uninitialized (block $undefined (block $table
    (block $copy (block $store (block $load (block $conversion
    (block $overflow (block $div_zero (block $unreachable
      local.get $which
      br_table $unreachable $div_zero $overflow $conversion $load $store
               $copy $table $undefined $uninitialized $mismatch $recurse
               $unaligned $not_shared $null_exn $null_ref $null_func
               $host $spin)
    call $mid_unreachable return)
    i32.const 0 call $mid_div_zero drop return)
    i32.const 0 call $mid_overflow drop return)
    i32.const 0 call $mid_conversion drop return)
    i32.const 0 call $mid_load drop return)
    i32.const 0 call $mid_store return)
    i32.const 0 call $mid_copy return)
    i32.const 0 call $mid_table return)
    i32.const 0 call $mid_undefined return)
    i32.const 0 call $mid_uninitialized return)
    i32.const 0 call $mid_mismatch drop return)
    i32.const 0 call $mid_recurse drop return)
    i32.const 0 call $mid_unaligned drop return)
    i32.const 0 call $mid_not_shared drop return)
    call $mid_null_exn return)
    call $mid_null_ref return)
    call $mid_null_func return)
    call $mid_host return)
    i32.const 0 call $mid_spin drop))
