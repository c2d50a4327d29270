;; Exception handling: an uncaught exception of a tag without a name is
;; reported by the tag's index.
;; RUN: wabt 3.0
;; RUN: expect-exception uncaught exception of tag 1
(module
  (tag $a (export "a"))
  (tag $b)
  (func (export "_start") (throw $b)))
