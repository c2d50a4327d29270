;; A program that never ends on its own: an empty infinite loop.
(module
  (memory (export "memory") 1)
  (func (export "_start") (loop br 0)))
