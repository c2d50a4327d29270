;; Exception handling: ten million exceptions thrown in a callee and
;; caught (catch, catch_all: the handler frees each one), in a process
;; whose data size is limited to 256 MiB, which a leak of a few dozen bytes
;; per exception would exceed.
;; RUN: wabt 3.0
;; RUN: opt-levels 2
;; RUN: timeout 300
;; RUN: data-limit 256
;; RUN: expect-stdout
;; 50000005000000
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (tag $e (param i64))
  (tag $f)
  (func $throw (param $v i64)
    (if (i64.eqz (i64.and (local.get $v) (i64.const 1)))
      (then (throw $f)))
    (throw $e (local.get $v)))
  (func (export "_start") (local $i i64) (local $sum i64)
    (loop $next
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (block $done
        (block $all
          (block $h (result i64)
            (try_table (catch $e $h) (catch_all $all)
              (call $throw (local.get $i)))
            (unreachable))
          (local.set $sum (i64.add (local.get $sum)))
          (br $done))
        (local.set $sum (i64.add (local.get $sum) (local.get $i))))
      (br_if $next (i64.lt_u (local.get $i) (i64.const 10000000))))
    (call $put_i64 (local.get $sum)) (call $nl)))
