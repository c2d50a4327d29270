;; How SIMD lowers on ARMv7 (run_cross.py reads the assembly): integer
;; lanes on NEON, f32 lanes on VFP, whose arithmetic keeps subnormals.
(module
  (func (export "add") (param v128 v128) (result v128)
    (i32x4.add (local.get 0) (local.get 1)))
  (func (export "mul") (param v128 v128) (result v128)
    (f32x4.mul (local.get 0) (local.get 1)))
  (func (export "max") (param v128 v128) (result v128)
    (f32x4.max (local.get 0) (local.get 1))))
