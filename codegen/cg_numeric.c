/*
 * cg_numeric.c - constants, comparisons and arithmetic on i32, i64, f32
 * and f64 (spec 4.4.1), with Wasm's exact semantics where LLVM's differ:
 * division traps, shift counts taken modulo the width, IEEE 754-2019
 * minimum/maximum for min/max, round-half-even for nearest.
 */
#include <string.h>

#include "cg_internal.h"

static LLVMValueRef intrinsic(cg_ctx *cx, const char *name, LLVMTypeRef t,
                              LLVMValueRef *args, unsigned nargs)
{
	unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(cx->mod, id, &t, 1);
	LLVMTypeRef ft = LLVMIntrinsicGetType(cx->ctx, id, &t, 1);
	return LLVMBuildCall2(cx->b, ft, fn, args, nargs, "");
}

LLVMValueRef cg_intrinsic(cg_ctx *cx, const char *name, LLVMTypeRef t,
                          LLVMValueRef *args, unsigned nargs)
{
	return intrinsic(cx, name, t, args, nargs);
}

static void emit_const(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_I32_CONST:
		cg_push(fx, cg_i32(cx, (uint32_t)in->imm.i32));
		return;
	case OP_I64_CONST:
		cg_push(fx, cg_i64(cx, (uint64_t)in->imm.i64));
		return;
	case OP_F32_CONST:
		/* From the bits, so that NaN payloads survive. */
		cg_push(fx, LLVMConstBitCast(cg_i32(cx, in->imm.f32_bits),
		                             cx->t_f32));
		return;
	default: /* OP_F64_CONST */
		cg_push(fx, LLVMConstBitCast(cg_i64(cx, in->imm.f64_bits),
		                             cx->t_f64));
		return;
	}
}

static void push_bool(cg_ctx *cx, cg_func *fx, LLVMValueRef i1)
{
	cg_push(fx, LLVMBuildZExt(cx->b, i1, cx->t_i32, ""));
}

static bool int_compare(const ir_instr *in, LLVMIntPredicate *p)
{
	static const LLVMIntPredicate preds[] = {
		LLVMIntEQ, LLVMIntNE, LLVMIntSLT, LLVMIntULT, LLVMIntSGT,
		LLVMIntUGT, LLVMIntSLE, LLVMIntULE, LLVMIntSGE, LLVMIntUGE};
	if (in->op >= OP_I32_EQ && in->op <= OP_I32_GE_U)
		*p = preds[in->op - OP_I32_EQ];
	else if (in->op >= OP_I64_EQ && in->op <= OP_I64_GE_U)
		*p = preds[in->op - OP_I64_EQ];
	else
		return false;
	return true;
}

/* Ordered comparisons are false on NaN; ne is the one unordered one. */
static bool float_compare(const ir_instr *in, LLVMRealPredicate *p)
{
	static const LLVMRealPredicate preds[] = {
		LLVMRealOEQ, LLVMRealUNE, LLVMRealOLT,
		LLVMRealOGT, LLVMRealOLE, LLVMRealOGE};
	if (in->op >= OP_F32_EQ && in->op <= OP_F32_GE)
		*p = preds[in->op - OP_F32_EQ];
	else if (in->op >= OP_F64_EQ && in->op <= OP_F64_GE)
		*p = preds[in->op - OP_F64_EQ];
	else
		return false;
	return true;
}

static bool emit_compare(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMIntPredicate ip;
	LLVMRealPredicate rp;
	if (in->op == OP_I32_EQZ || in->op == OP_I64_EQZ) {
		LLVMValueRef v = cg_pop(fx);
		push_bool(cx, fx, LLVMBuildIsNull(cx->b, v, ""));
		return true;
	}
	if (int_compare(in, &ip)) {
		LLVMValueRef b = cg_pop(fx), a = cg_pop(fx);
		push_bool(cx, fx, LLVMBuildICmp(cx->b, ip, a, b, ""));
		return true;
	}
	if (float_compare(in, &rp)) {
		LLVMValueRef b = cg_pop(fx), a = cg_pop(fx);
		push_bool(cx, fx, LLVMBuildFCmp(cx->b, rp, a, b, ""));
		return true;
	}
	return false;
}

/* Division and remainder: trap on zero; signed division traps on
 * INT_MIN / -1 and signed remainder yields 0 there (spec 4.3.2). */
static LLVMValueRef emit_divrem(cg_ctx *cx, cg_func *fx, LLVMOpcode op,
                                LLVMValueRef a, LLVMValueRef b)
{
	LLVMTypeRef t = LLVMTypeOf(a);
	LLVMValueRef zero = LLVMConstNull(t);
	cg_trap_if(cx, fx, LLVMBuildICmp(cx->b, LLVMIntEQ, b, zero, ""),
	           W2N_TRAP_DIV_BY_ZERO);
	if (op != LLVMSDiv && op != LLVMSRem)
		return LLVMBuildBinOp(cx->b, op, a, b, "");
	LLVMValueRef minus1 = LLVMConstAllOnes(t);
	unsigned bits = LLVMGetIntTypeWidth(t);
	LLVMValueRef min = LLVMConstInt(t, 1ull << (bits - 1), false);
	LLVMValueRef overflow = LLVMBuildAnd(
		cx->b, LLVMBuildICmp(cx->b, LLVMIntEQ, a, min, ""),
		LLVMBuildICmp(cx->b, LLVMIntEQ, b, minus1, ""), "");
	if (op == LLVMSDiv) {
		cg_trap_if(cx, fx, overflow, W2N_TRAP_INT_OVERFLOW);
		return LLVMBuildSDiv(cx->b, a, b, "");
	}
	/* Avoid LLVM's undefined INT_MIN % -1 by dividing by 1 instead. */
	LLVMValueRef safe = LLVMBuildSelect(cx->b, overflow,
	                                    LLVMConstInt(t, 1, false), b, "");
	return LLVMBuildSRem(cx->b, a, safe, "");
}

static LLVMValueRef masked_shift(cg_ctx *cx, LLVMOpcode op, LLVMValueRef a,
                                 LLVMValueRef b)
{
	LLVMTypeRef t = LLVMTypeOf(a);
	LLVMValueRef mask = LLVMConstInt(t, LLVMGetIntTypeWidth(t) - 1, false);
	return LLVMBuildBinOp(cx->b, op, a, LLVMBuildAnd(cx->b, b, mask, ""),
	                      "");
}

static LLVMValueRef emit_rotate(cg_ctx *cx, const char *name, LLVMValueRef a,
                                LLVMValueRef b)
{
	LLVMValueRef args[] = {a, a, b};
	return intrinsic(cx, name, LLVMTypeOf(a), args, 3);
}

/* Integer binary operators; the two operand families share the order of
 * their opcodes (add..rotr). */
static bool emit_int_binary(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	unsigned k;
	if (in->op >= OP_I32_ADD && in->op <= OP_I32_ROTR)
		k = in->op - OP_I32_ADD;
	else if (in->op >= OP_I64_ADD && in->op <= OP_I64_ROTR)
		k = in->op - OP_I64_ADD;
	else
		return false;
	LLVMValueRef b = cg_pop(fx), a = cg_pop(fx), r;
	static const LLVMOpcode simple[] = {LLVMAdd, LLVMSub, LLVMMul};
	static const LLVMOpcode divrem[] = {LLVMSDiv, LLVMUDiv, LLVMSRem,
	                                    LLVMURem};
	static const LLVMOpcode bitwise[] = {LLVMAnd, LLVMOr, LLVMXor};
	static const LLVMOpcode shifts[] = {LLVMShl, LLVMAShr, LLVMLShr};
	if (k < 3)
		r = LLVMBuildBinOp(cx->b, simple[k], a, b, "");
	else if (k < 7)
		r = emit_divrem(cx, fx, divrem[k - 3], a, b);
	else if (k < 10)
		r = LLVMBuildBinOp(cx->b, bitwise[k - 7], a, b, "");
	else if (k < 13)
		r = masked_shift(cx, shifts[k - 10], a, b);
	else
		r = emit_rotate(cx, k == 13 ? "llvm.fshl" : "llvm.fshr", a, b);
	cg_push(fx, r);
	return true;
}

static bool emit_int_unary(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const char *name;
	switch (in->op) {
	case OP_I32_CLZ: case OP_I64_CLZ: name = "llvm.ctlz"; break;
	case OP_I32_CTZ: case OP_I64_CTZ: name = "llvm.cttz"; break;
	case OP_I32_POPCNT: case OP_I64_POPCNT: name = "llvm.ctpop"; break;
	default: return false;
	}
	LLVMValueRef a = cg_pop(fx);
	LLVMValueRef args[] = {a, LLVMConstInt(cx->t_i1, 0, false)};
	cg_push(fx, intrinsic(cx, name, LLVMTypeOf(a), args,
	                      in->op == OP_I32_POPCNT || in->op == OP_I64_POPCNT
	                              ? 1 : 2));
	return true;
}

/* Sign extension operators: truncate to the narrow width, then extend. */
static bool emit_sign_extend(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	unsigned bits;
	switch (in->op) {
	case OP_I32_EXTEND8_S: case OP_I64_EXTEND8_S: bits = 8; break;
	case OP_I32_EXTEND16_S: case OP_I64_EXTEND16_S: bits = 16; break;
	case OP_I64_EXTEND32_S: bits = 32; break;
	default: return false;
	}
	LLVMValueRef a = cg_pop(fx);
	LLVMTypeRef narrow = LLVMIntTypeInContext(cx->ctx, bits);
	LLVMValueRef t = LLVMBuildTrunc(cx->b, a, narrow, "");
	cg_push(fx, LLVMBuildSExt(cx->b, t, LLVMTypeOf(a), ""));
	return true;
}

/* Float unary operators, in opcode order abs..sqrt for both widths. */
static bool emit_float_unary(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	static const char *const names[] = {
		"llvm.fabs", NULL, "llvm.ceil", "llvm.floor", "llvm.trunc",
		"llvm.roundeven", "llvm.sqrt"};
	unsigned k;
	if (in->op >= OP_F32_ABS && in->op <= OP_F32_SQRT)
		k = in->op - OP_F32_ABS;
	else if (in->op >= OP_F64_ABS && in->op <= OP_F64_SQRT)
		k = in->op - OP_F64_ABS;
	else
		return false;
	LLVMValueRef a = cg_pop(fx);
	if (!names[k])
		cg_push(fx, LLVMBuildFNeg(cx->b, a, ""));
	else if (k >= 2 && k <= 5) /* ceil, floor, trunc, nearest */
		cg_push(fx, cg_float_round(cx, names[k], a));
	else
		cg_push(fx, intrinsic(cx, names[k], LLVMTypeOf(a), &a, 1));
	return true;
}

/* Whether `v` is a float constant that LLVM treats as an identity or
 * negation (x*1, x/-1, x+-0, x-0, ...), folding the operation away. */
static bool is_identity_constant(LLVMValueRef v)
{
	if (!LLVMIsAConstantFP(v))
		return false;
	LLVMBool lost;
	double d = LLVMConstRealGetDouble(v, &lost);
	return d == 1.0 || d == -1.0 || d == 0.0;
}

static bool emit_float_binary(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	static const LLVMOpcode arith[] = {LLVMFAdd, LLVMFSub, LLVMFMul,
	                                   LLVMFDiv};
	unsigned k;
	if (in->op >= OP_F32_ADD && in->op <= OP_F32_COPYSIGN)
		k = in->op - OP_F32_ADD;
	else if (in->op >= OP_F64_ADD && in->op <= OP_F64_COPYSIGN)
		k = in->op - OP_F64_ADD;
	else
		return false;
	LLVMValueRef b = cg_pop(fx), a = cg_pop(fx), r;
	if (k < 4) {
		/* LLVM folds x * 1 to x, keeping a signalling NaN. */
		r = LLVMBuildBinOp(cx->b, arith[k], a, b, "");
		if (is_identity_constant(a) || is_identity_constant(b))
			r = cg_quiet_nan(cx, r);
	} else if (k < 6) {
		r = cg_float_minmax(cx, a, b, k == 5);
	} else {
		LLVMValueRef args[] = {a, b};
		r = intrinsic(cx, "llvm.copysign", LLVMTypeOf(a), args, 2);
	}
	cg_push(fx, r);
	return true;
}

void cg_numeric(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_I32_CONST: case OP_I64_CONST: case OP_F32_CONST:
	case OP_F64_CONST:
		emit_const(cx, fx, in);
		return;
	default:
		break;
	}
	if (emit_compare(cx, fx, in) || emit_int_binary(cx, fx, in) ||
	    emit_int_unary(cx, fx, in) || emit_sign_extend(cx, fx, in) ||
	    emit_float_unary(cx, fx, in) || emit_float_binary(cx, fx, in))
		return;
	W2N_UNREACHABLE();
}
