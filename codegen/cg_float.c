/*
 * cg_float.c - the float operations whose Wasm semantics LLVM's generic
 * lowering misses somewhere, for scalars and vectors alike: NaN quieting
 * (a signalling NaN must come out quiet), min/max, and rounding.  What a
 * target's backend gets wrong is a row of quirks in its cg_target.
 */
#include "cg_internal.h"

/* The element type of a float scalar or vector, and the lane count. */
static LLVMTypeRef element_type(LLVMTypeRef t, unsigned *lanes)
{
	if (LLVMGetTypeKind(t) == LLVMVectorTypeKind) {
		*lanes = LLVMGetVectorSize(t);
		return LLVMGetElementType(t);
	}
	*lanes = 0;
	return t;
}

/* The integer type of the same shape as float type `t`. */
static LLVMTypeRef int_type_like(cg_ctx *cx, LLVMTypeRef t)
{
	unsigned lanes;
	LLVMTypeRef e = element_type(t, &lanes);
	LLVMTypeRef i = e == cx->t_f64 ? cx->t_i64 : cx->t_i32;
	return lanes ? LLVMVectorType(i, lanes) : i;
}

/* A constant of type `t` (scalar or vector) with every lane `v`. */
static LLVMValueRef splat_int(LLVMTypeRef t, uint64_t v)
{
	if (LLVMGetTypeKind(t) != LLVMVectorTypeKind)
		return LLVMConstInt(t, v, false);
	unsigned n = LLVMGetVectorSize(t);
	LLVMValueRef lane = LLVMConstInt(LLVMGetElementType(t), v, false);
	LLVMValueRef lanes[16];
	for (unsigned i = 0; i < n; i++)
		lanes[i] = lane;
	return LLVMConstVector(lanes, n);
}

static LLVMValueRef splat_real(LLVMTypeRef t, double v)
{
	if (LLVMGetTypeKind(t) != LLVMVectorTypeKind)
		return LLVMConstReal(t, v);
	unsigned n = LLVMGetVectorSize(t);
	LLVMValueRef lane = LLVMConstReal(LLVMGetElementType(t), v);
	LLVMValueRef lanes[16];
	for (unsigned i = 0; i < n; i++)
		lanes[i] = lane;
	return LLVMConstVector(lanes, n);
}

static bool is_f64(cg_ctx *cx, LLVMTypeRef t)
{
	unsigned lanes;
	return element_type(t, &lanes) == cx->t_f64;
}

/*
 * Sets the quiet bit of every NaN (lane) of `v`, with integer operations
 * that no float folding can remove (llvm.canonicalize would say the same,
 * but x86 cannot select it).
 */
LLVMValueRef cg_quiet_nan(cg_ctx *cx, LLVMValueRef v)
{
	LLVMTypeRef ft = LLVMTypeOf(v), it = int_type_like(cx, ft);
	LLVMValueRef quiet =
	    splat_int(it, is_f64(cx, ft) ? 1ull << 51 : 1ull << 22);
	LLVMValueRef is_nan = LLVMBuildFCmp(cx->b, LLVMRealUNO, v, v, "");
	LLVMValueRef bit =
	    LLVMBuildSelect(cx->b, is_nan, quiet, LLVMConstNull(it), "");
	LLVMValueRef bits = LLVMBuildBitCast(cx->b, v, it, "");
	return LLVMBuildBitCast(cx->b, LLVMBuildOr(cx->b, bits, bit, ""), ft,
	                        "");
}

/*
 * Wasm min and max (spec 4.3.3) from selects: the lesser (greater)
 * operand; of equal ones, the OR (AND) of their bits, which orders -0
 * below +0; and a NaN, quieted by an addition, when either is NaN.
 */
static LLVMValueRef minmax_by_select(cg_ctx *cx, LLVMValueRef a, LLVMValueRef b,
                                     bool max)
{
	LLVMBuilderRef bld = cx->b;
	LLVMTypeRef ft = LLVMTypeOf(a), it = int_type_like(cx, ft);
	LLVMValueRef ai = LLVMBuildBitCast(bld, a, it, "");
	LLVMValueRef bi = LLVMBuildBitCast(bld, b, it, "");
	LLVMValueRef both =
	    max ? LLVMBuildAnd(bld, ai, bi, "") : LLVMBuildOr(bld, ai, bi, "");
	LLVMValueRef a_first =
	    LLVMBuildFCmp(bld, max ? LLVMRealOGT : LLVMRealOLT, a, b, "");
	LLVMValueRef r = LLVMBuildSelect(bld, a_first, a, b, "");
	LLVMValueRef eq = LLVMBuildFCmp(bld, LLVMRealOEQ, a, b, "");
	r = LLVMBuildSelect(bld, eq, LLVMBuildBitCast(bld, both, ft, ""), r,
	                    "");
	LLVMValueRef nan = LLVMBuildFCmp(bld, LLVMRealUNO, a, b, "");
	return LLVMBuildSelect(bld, nan, LLVMBuildFAdd(bld, a, b, ""), r, "");
}

LLVMValueRef cg_float_minmax(cg_ctx *cx, LLVMValueRef a, LLVMValueRef b,
                             bool max)
{
	unsigned quirks = cx->o->target->quirks;
	bool f64 = is_f64(cx, LLVMTypeOf(a));
	/* ARMv7 lowers f32 minimum/maximum, scalars too, to NEON's vmin and
	 * vmax, which flush subnormals. */
	if (((quirks & CG_QUIRK_NO_F64_MINMAX) && f64) ||
	    ((quirks & CG_QUIRK_F32_VECTOR_FTZ) && !f64))
		return minmax_by_select(cx, a, b, max);
	LLVMValueRef args[] = {a, b};
	/* minimum/maximum may pass a signalling NaN operand through. */
	return cg_quiet_nan(
	    cx, cg_intrinsic(cx, max ? "llvm.maximum" : "llvm.minimum",
	                     LLVMTypeOf(a), args, 2));
}

/*
 * Round half to even without llvm.roundeven: for |a| < 2^p (p the number
 * of fraction bits), |a| + 2^p lands where the spacing of floats is 1, so
 * the default rounding mode rounds it to the nearest integer, ties to even
 * (2^p being even); subtracting 2^p is exact, and copysign keeps -0 and
 * the sign of values that round to 0.  Larger values are integers
 * already.  NaN takes the first path too, and the addition quiets it.
 */
static LLVMValueRef nearest_by_adding(cg_ctx *cx, LLVMValueRef a)
{
	LLVMTypeRef t = LLVMTypeOf(a);
	LLVMValueRef big = splat_real(t, is_f64(cx, t) ? 0x1p52 : 0x1p23);
	LLVMValueRef abs = cg_intrinsic(cx, "llvm.fabs", t, &a, 1);
	LLVMValueRef r =
	    LLVMBuildFSub(cx->b, LLVMBuildFAdd(cx->b, abs, big, ""), big, "");
	LLVMValueRef args[] = {r, a};
	r = cg_intrinsic(cx, "llvm.copysign", t, args, 2);
	LLVMValueRef small = LLVMBuildFCmp(cx->b, LLVMRealULT, abs, big, "");
	return LLVMBuildSelect(cx->b, small, r, a, "");
}

/* The intrinsic of each rounding operation. */
static const char *const rounding[IR_OPER_COUNT] = {
    [IR_OPER_CEIL] = "llvm.ceil",
    [IR_OPER_FLOOR] = "llvm.floor",
    [IR_OPER_TRUNC] = "llvm.trunc",
    [IR_OPER_NEAREST] = "llvm.roundeven",
};

LLVMValueRef cg_float_round(cg_ctx *cx, ir_operation oper, LLVMValueRef a)
{
	unsigned quirks = cx->o->target->quirks;
	bool vector = LLVMGetTypeKind(LLVMTypeOf(a)) == LLVMVectorTypeKind;
	W2N_ASSERT(rounding[oper]);
	if (oper == IR_OPER_NEAREST && vector &&
	    (quirks & CG_QUIRK_NO_VECTOR_ROUNDEVEN))
		return nearest_by_adding(cx, a);
	LLVMValueRef r = cg_intrinsic(cx, rounding[oper], LLVMTypeOf(a), &a, 1);
	if (quirks & CG_QUIRK_ROUNDING_KEEPS_SNAN)
		r = cg_quiet_nan(cx, r);
	return r;
}

/*
 * ARMv7's NEON flushes f32 subnormals to zero, inputs and results, in
 * every arithmetic operation and comparison, whatever the FPSCR says; the
 * scalar VFP unit does not.  So on such a target, after optimisation (so
 * that nothing merges the lanes again), every f32 vector operation that
 * computes is split into lanes that run on VFP; shuffles, loads, integer
 * SIMD and conversions from integers (which cannot make a subnormal) stay
 * on NEON.  An intrinsic is split when it returns an f32 vector from
 * operands of that same type (sqrt, fabs, min/max, rounding, copysign).
 */
static bool is_f32_vector(LLVMTypeRef t)
{
	return LLVMGetTypeKind(t) == LLVMVectorTypeKind &&
	       LLVMGetTypeKind(LLVMGetElementType(t)) == LLVMFloatTypeKind;
}

static unsigned intrinsic_on_f32_vectors(LLVMValueRef call)
{
	LLVMValueRef callee = LLVMGetCalledValue(call);
	unsigned id =
	    callee && LLVMIsAFunction(callee) ? LLVMGetIntrinsicID(callee) : 0;
	LLVMTypeRef t = LLVMTypeOf(call);
	unsigned n = LLVMGetNumArgOperands(call);
	if (!id || !is_f32_vector(t) || n > 3)
		return 0;
	for (unsigned i = 0; i < n; i++)
		if (LLVMTypeOf(LLVMGetOperand(call, i)) != t)
			return 0;
	return id;
}

/* The lane-by-lane form of `in`, or NULL when it stays as it is. */
static LLVMValueRef split_lanes(cg_ctx *cx, LLVMValueRef in)
{
	LLVMOpcode op = LLVMGetInstructionOpcode(in);
	unsigned id = op == LLVMCall ? intrinsic_on_f32_vectors(in) : 0;
	bool arith = op == LLVMFAdd || op == LLVMFSub || op == LLVMFMul ||
	             op == LLVMFDiv || op == LLVMFRem || op == LLVMFNeg ||
	             op == LLVMFCmp;
	if (!id && !(arith && is_f32_vector(LLVMTypeOf(LLVMGetOperand(in, 0)))))
		return NULL;
	LLVMTypeRef f32 = LLVMFloatTypeInContext(cx->ctx);
	LLVMTypeRef fn_type = NULL;
	LLVMValueRef fn = NULL;
	unsigned nargs = id ? LLVMGetNumArgOperands(in)         /* at most 3 */
	                    : (unsigned)LLVMGetNumOperands(in); /* 1 or 2 */
	if (id) {
		fn = LLVMGetIntrinsicDeclaration(cx->mod, id, &f32, 1);
		fn_type = LLVMIntrinsicGetType(cx->ctx, id, &f32, 1);
	}
	LLVMPositionBuilderBefore(cx->b, in);
	LLVMTypeRef vt = LLVMTypeOf(in);
	LLVMValueRef out = LLVMGetUndef(vt);
	unsigned lanes = LLVMGetVectorSize(vt);
	for (unsigned i = 0; i < lanes; i++) {
		LLVMValueRef lane = cg_i32(cx, i), args[3], r;
		for (unsigned k = 0; k < nargs; k++)
			args[k] = LLVMBuildExtractElement(
			    cx->b, LLVMGetOperand(in, k), lane, "");
		if (id)
			r = LLVMBuildCall2(cx->b, fn_type, fn, args, nargs, "");
		else if (op == LLVMFNeg)
			r = LLVMBuildFNeg(cx->b, args[0], "");
		else if (op == LLVMFCmp)
			r = LLVMBuildFCmp(cx->b, LLVMGetFCmpPredicate(in),
			                  args[0], args[1], "");
		else
			r = LLVMBuildBinOp(cx->b, op, args[0], args[1], "");
		out = LLVMBuildInsertElement(cx->b, out, r, lane, "");
	}
	return out;
}

void cg_float_split_f32_vectors(cg_ctx *cx)
{
	for (LLVMValueRef f = LLVMGetFirstFunction(cx->mod); f;
	     f = LLVMGetNextFunction(f)) {
		for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb;
		     bb = LLVMGetNextBasicBlock(bb)) {
			LLVMValueRef in = LLVMGetFirstInstruction(bb), next;
			for (; in; in = next) {
				next = LLVMGetNextInstruction(in);
				LLVMValueRef lanes = split_lanes(cx, in);
				if (!lanes)
					continue;
				LLVMReplaceAllUsesWith(in, lanes);
				LLVMInstructionEraseFromParent(in);
			}
		}
	}
}
