/*
 * cg_convert.c - conversions (spec 4.3.3/4.4.1): wrap, extend, trapping
 * and saturating float-to-int truncation, int-to-float conversion,
 * promote/demote, reinterpretation.
 *
 * Input: one instruction of the CONVERT family.  Its row gives the
 * operation (OPER), the signedness (SIGN) and the operand and result types
 * (PARAMS, RESULTS); a rule per operation says how to build it.
 */
#include "cg_internal.h"

typedef struct convert_rule convert_rule;

/* Converts x to the result type `t` of instruction `in`. */
typedef LLVMValueRef convert_emitter(cg_ctx *cx, cg_func *fx,
                                     const ir_instr *in, const convert_rule *r,
                                     LLVMValueRef x, LLVMTypeRef t);

struct convert_rule {
	convert_emitter *emit;
	LLVMOpcode cast[2]; /* by signedness: unsigned (or none), signed */
	bool saturating;    /* emit_trunc: trunc_sat */
};

static bool is_signed(const ir_instr *in)
{
	return ir_opcodes[in->op].sign == IR_SIGN_S;
}

/*
 * The open interval (lo, hi) of floats that truncate to a representable
 * integer.  All bounds are powers of two (exact in f32 and f64) except
 * the signed lower bound, -2^(n-1) - 1, which is exact in f64 for n = 32
 * only; elsewhere -2^(n-1) itself is representable and the bound is
 * inclusive, handled by comparing with >= instead.
 */
static void trunc_bounds(bool is_signed, bool wide_result, bool f64, double *lo,
                         double *hi, bool *lo_inclusive)
{
	double half = wide_result ? 9223372036854775808.0 : 2147483648.0;
	*lo_inclusive = false;
	if (!is_signed) {
		*lo = -1.0;
		*hi = half * 2.0;
		return;
	}
	*hi = half;
	if (f64 && !wide_result) {
		*lo = -half - 1.0;
	} else {
		*lo = -half;
		*lo_inclusive = true;
	}
}

static LLVMValueRef emit_trunc(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                               const convert_rule *r, LLVMValueRef x,
                               LLVMTypeRef it)
{
	bool sgn = is_signed(in);
	LLVMTypeRef ft = LLVMTypeOf(x);
	if (r->saturating) /* NaN to 0, out-of-range values clamped */
		return cg_cast_intrinsic(
		    cx, sgn ? "llvm.fptosi.sat" : "llvm.fptoui.sat", it, x);
	double lo, hi;
	bool lo_inclusive;
	trunc_bounds(sgn, it == cx->t_i64, ft == cx->t_f64, &lo, &hi,
	             &lo_inclusive);
	LLVMValueRef is_nan = LLVMBuildFCmp(cx->b, LLVMRealUNO, x, x, "");
	cg_trap_if(cx, fx, is_nan, W2N_TRAP_INVALID_CONVERSION);
	LLVMValueRef above_lo =
	    LLVMBuildFCmp(cx->b, lo_inclusive ? LLVMRealOGE : LLVMRealOGT, x,
	                  LLVMConstReal(ft, lo), "");
	LLVMValueRef below_hi =
	    LLVMBuildFCmp(cx->b, LLVMRealOLT, x, LLVMConstReal(ft, hi), "");
	LLVMValueRef in_range = LLVMBuildAnd(cx->b, above_lo, below_hi, "");
	cg_trap_if(cx, fx, LLVMBuildNot(cx->b, in_range, ""),
	           W2N_TRAP_INT_OVERFLOW);
	return LLVMBuildCast(cx->b, r->cast[sgn], x, it, "");
}

/* An LLVM cast, signed or unsigned as the row says. */
static LLVMValueRef emit_cast(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                              const convert_rule *r, LLVMValueRef x,
                              LLVMTypeRef t)
{
	(void)fx;
	return LLVMBuildCast(cx->b, r->cast[is_signed(in)], x, t, "");
}

/* LLVM folds demote(promote(x)) to x, keeping a signalling NaN that the
 * two conversions would have quieted. */
static LLVMValueRef emit_demote(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                                const convert_rule *r, LLVMValueRef x,
                                LLVMTypeRef t)
{
	LLVMValueRef v = emit_cast(cx, fx, in, r, x, t);
	return LLVMIsAFPExtInst(x) ? cg_quiet_nan(cx, v) : v;
}

static const convert_rule rules[IR_OPER_COUNT] = {
    [IR_OPER_WRAP] = {emit_cast, {LLVMTrunc}},
    [IR_OPER_EXTEND] = {emit_cast, {LLVMZExt, LLVMSExt}},
    [IR_OPER_TRUNC] = {emit_trunc, {LLVMFPToUI, LLVMFPToSI}},
    [IR_OPER_TRUNC_SAT] = {emit_trunc, .saturating = true},
    [IR_OPER_CONVERT] = {emit_cast, {LLVMUIToFP, LLVMSIToFP}},
    [IR_OPER_DEMOTE] = {emit_demote, {LLVMFPTrunc}},
    [IR_OPER_PROMOTE] = {emit_cast, {LLVMFPExt}},
    [IR_OPER_REINTERPRET] = {emit_cast, {LLVMBitCast}},
};

bool cg_convert_lowers(const ir_opcode_info *info)
{
	return rules[info->oper].emit != NULL;
}

void cg_convert(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_opcode_info *info = &ir_opcodes[in->op];
	const convert_rule *r = &rules[info->oper];
	W2N_ASSERT(r->emit);
	LLVMTypeRef t = cg_valtype(cx, ir_letter_type(info->results[0]));
	LLVMValueRef x = cg_pop(fx);
	cg_push(fx, r->emit(cx, fx, in, r, x, t));
}
