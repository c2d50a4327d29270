/*
 * cg_convert.c - conversions (spec 4.3.3/4.4.1): wrap, extend, trapping
 * and saturating float-to-int truncation, int-to-float conversion,
 * promote/demote, reinterpretation.
 */
#include <string.h>

#include "cg_internal.h"

typedef struct trunc_rule {
	uint16_t op;
	bool is_signed, wide_result; /* i64 result */
	bool saturating;
} trunc_rule;

static const trunc_rule trunc_rules[] = {
	{OP_I32_TRUNC_F32_S, true, false, false},
	{OP_I32_TRUNC_F32_U, false, false, false},
	{OP_I32_TRUNC_F64_S, true, false, false},
	{OP_I32_TRUNC_F64_U, false, false, false},
	{OP_I64_TRUNC_F32_S, true, true, false},
	{OP_I64_TRUNC_F32_U, false, true, false},
	{OP_I64_TRUNC_F64_S, true, true, false},
	{OP_I64_TRUNC_F64_U, false, true, false},
	{OP_I32_TRUNC_SAT_F32_S, true, false, true},
	{OP_I32_TRUNC_SAT_F32_U, false, false, true},
	{OP_I32_TRUNC_SAT_F64_S, true, false, true},
	{OP_I32_TRUNC_SAT_F64_U, false, false, true},
	{OP_I64_TRUNC_SAT_F32_S, true, true, true},
	{OP_I64_TRUNC_SAT_F32_U, false, true, true},
	{OP_I64_TRUNC_SAT_F64_S, true, true, true},
	{OP_I64_TRUNC_SAT_F64_U, false, true, true},
};

/*
 * The open interval (lo, hi) of floats that truncate to a representable
 * integer.  All bounds are powers of two (exact in f32 and f64) except
 * the signed lower bound, -2^(n-1) - 1, which is exact in f64 for n = 32
 * only; elsewhere -2^(n-1) itself is representable and the bound is
 * inclusive, handled by comparing with >= instead.
 */
static void trunc_bounds(const trunc_rule *r, bool f64, double *lo,
                         double *hi, bool *lo_inclusive)
{
	double half = r->wide_result ? 9223372036854775808.0 : 2147483648.0;
	*lo_inclusive = false;
	if (!r->is_signed) {
		*lo = -1.0;
		*hi = half * 2.0;
		return;
	}
	*hi = half;
	if (f64 && !r->wide_result) {
		*lo = -half - 1.0;
	} else {
		*lo = -half;
		*lo_inclusive = true;
	}
}

static void emit_trunc(cg_ctx *cx, cg_func *fx, const trunc_rule *r)
{
	LLVMValueRef x = cg_pop(fx);
	LLVMTypeRef ft = LLVMTypeOf(x);
	LLVMTypeRef it = r->wide_result ? cx->t_i64 : cx->t_i32;
	if (r->saturating) {
		const char *name = r->is_signed ? "llvm.fptosi.sat"
		                                : "llvm.fptoui.sat";
		LLVMTypeRef tys[] = {it, ft};
		unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
		LLVMValueRef fn = LLVMGetIntrinsicDeclaration(cx->mod, id, tys, 2);
		LLVMTypeRef fty = LLVMIntrinsicGetType(cx->ctx, id, tys, 2);
		cg_push(fx, LLVMBuildCall2(cx->b, fty, fn, &x, 1, ""));
		return;
	}
	double lo, hi;
	bool lo_inclusive;
	trunc_bounds(r, ft == cx->t_f64, &lo, &hi, &lo_inclusive);
	LLVMValueRef is_nan = LLVMBuildFCmp(cx->b, LLVMRealUNO, x, x, "");
	cg_trap_if(cx, fx, is_nan, W2N_TRAP_INVALID_CONVERSION);
	LLVMValueRef above_lo = LLVMBuildFCmp(
		cx->b, lo_inclusive ? LLVMRealOGE : LLVMRealOGT, x,
		LLVMConstReal(ft, lo), "");
	LLVMValueRef below_hi = LLVMBuildFCmp(cx->b, LLVMRealOLT, x,
	                                      LLVMConstReal(ft, hi), "");
	LLVMValueRef in_range = LLVMBuildAnd(cx->b, above_lo, below_hi, "");
	cg_trap_if(cx, fx, LLVMBuildNot(cx->b, in_range, ""),
	           W2N_TRAP_INT_OVERFLOW);
	cg_push(fx, r->is_signed ? LLVMBuildFPToSI(cx->b, x, it, "")
	                         : LLVMBuildFPToUI(cx->b, x, it, ""));
}

static bool emit_truncation(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	for (size_t i = 0; i < sizeof trunc_rules / sizeof *trunc_rules; i++)
		if (trunc_rules[i].op == in->op) {
			emit_trunc(cx, fx, &trunc_rules[i]);
			return true;
		}
	return false;
}

void cg_convert(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	if (emit_truncation(cx, fx, in))
		return;
	LLVMValueRef x = cg_pop(fx);
	LLVMBuilderRef b = cx->b;
	LLVMValueRef r;
	switch (in->op) {
	case OP_I32_WRAP_I64: r = LLVMBuildTrunc(b, x, cx->t_i32, ""); break;
	case OP_I64_EXTEND_I32_S: r = LLVMBuildSExt(b, x, cx->t_i64, ""); break;
	case OP_I64_EXTEND_I32_U: r = LLVMBuildZExt(b, x, cx->t_i64, ""); break;
	case OP_F32_CONVERT_I32_S: case OP_F32_CONVERT_I64_S:
		r = LLVMBuildSIToFP(b, x, cx->t_f32, "");
		break;
	case OP_F32_CONVERT_I32_U: case OP_F32_CONVERT_I64_U:
		r = LLVMBuildUIToFP(b, x, cx->t_f32, "");
		break;
	case OP_F64_CONVERT_I32_S: case OP_F64_CONVERT_I64_S:
		r = LLVMBuildSIToFP(b, x, cx->t_f64, "");
		break;
	case OP_F64_CONVERT_I32_U: case OP_F64_CONVERT_I64_U:
		r = LLVMBuildUIToFP(b, x, cx->t_f64, "");
		break;
	case OP_F32_DEMOTE_F64:
		/* LLVM folds demote(promote(x)) to x, keeping a signalling
		 * NaN that the two conversions would have quieted. */
		r = LLVMBuildFPTrunc(b, x, cx->t_f32, "");
		if (LLVMIsAFPExtInst(x))
			r = cg_quiet_nan(cx, r);
		break;
	case OP_F64_PROMOTE_F32: r = LLVMBuildFPExt(b, x, cx->t_f64, ""); break;
	case OP_I32_REINTERPRET_F32: r = LLVMBuildBitCast(b, x, cx->t_i32, ""); break;
	case OP_I64_REINTERPRET_F64: r = LLVMBuildBitCast(b, x, cx->t_i64, ""); break;
	case OP_F32_REINTERPRET_I32: r = LLVMBuildBitCast(b, x, cx->t_f32, ""); break;
	case OP_F64_REINTERPRET_I64: r = LLVMBuildBitCast(b, x, cx->t_f64, ""); break;
	default: W2N_UNREACHABLE();
	}
	cg_push(fx, r);
}
