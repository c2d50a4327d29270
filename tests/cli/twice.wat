;; A program with one host import, env.twice, provided by twice.c.
(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (func (export "_start") (drop (call $twice (i32.const 21)))))
