;; A start function that calls a host function which fails (test_api.c):
;; instantiation traps, and the instance is kept for
;; w2n_free_failed_instances because it imports a function.
(module
  (import "env" "host_fail" (func $host_fail))
  (func $start (call $host_fail))
  (start $start)
)
