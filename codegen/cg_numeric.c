/*
 * cg_numeric.c - constants, comparisons and arithmetic on i32, i64, f32
 * and f64 (spec 4.4.1), with Wasm's exact semantics where LLVM's differ:
 * division traps, shift counts taken modulo the width, IEEE 754-2019
 * minimum/maximum for min/max, round-half-even for nearest.
 *
 * Input: one instruction of the NUMERIC family.  Its row's operation
 * (OPER) picks a rule in the integer or the float table, by the type of
 * its operands; a rule is an emitter and the LLVM operation it builds.
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

LLVMValueRef cg_cast_intrinsic(cg_ctx *cx, const char *name, LLVMTypeRef result,
                               LLVMValueRef x)
{
	LLVMTypeRef tys[] = {result, LLVMTypeOf(x)};
	unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(cx->mod, id, tys, 2);
	LLVMTypeRef ft = LLVMIntrinsicGetType(cx->ctx, id, tys, 2);
	return LLVMBuildCall2(cx->b, ft, fn, &x, 1, "");
}

/* ---- Comparisons, for scalars and vectors ---- */

/* Indexed by operation, then by signedness (unsigned, signed). */
static const LLVMIntPredicate int_predicates[IR_OPER_COUNT][2] = {
    [IR_OPER_EQ] = {LLVMIntEQ, LLVMIntEQ},
    [IR_OPER_NE] = {LLVMIntNE, LLVMIntNE},
    [IR_OPER_LT] = {LLVMIntULT, LLVMIntSLT},
    [IR_OPER_GT] = {LLVMIntUGT, LLVMIntSGT},
    [IR_OPER_LE] = {LLVMIntULE, LLVMIntSLE},
    [IR_OPER_GE] = {LLVMIntUGE, LLVMIntSGE},
};

/* Ordered comparisons are false on NaN; ne is the one unordered one. */
static const LLVMRealPredicate real_predicates[IR_OPER_COUNT] = {
    [IR_OPER_EQ] = LLVMRealOEQ, [IR_OPER_NE] = LLVMRealUNE,
    [IR_OPER_LT] = LLVMRealOLT, [IR_OPER_GT] = LLVMRealOGT,
    [IR_OPER_LE] = LLVMRealOLE, [IR_OPER_GE] = LLVMRealOGE,
};

LLVMValueRef cg_compare(cg_ctx *cx, const ir_opcode_info *info, LLVMValueRef a,
                        LLVMValueRef b)
{
	char t = info->params[0];
	if (ir_shapes[info->shape].is_float || t == 'f' || t == 'd') {
		LLVMRealPredicate p = real_predicates[info->oper];
		W2N_ASSERT(p != LLVMRealPredicateFalse);
		return LLVMBuildFCmp(cx->b, p, a, b, "");
	}
	LLVMIntPredicate p =
	    int_predicates[info->oper][info->sign == IR_SIGN_S];
	W2N_ASSERT(p >= LLVMIntEQ);
	return LLVMBuildICmp(cx->b, p, a, b, "");
}

/* ---- Rules ---- */

typedef struct num_rule num_rule;

/* Pops the operands of `in` and pushes its result. */
typedef void num_emitter(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                         const num_rule *r);

struct num_rule {
	num_emitter *emit;
	LLVMOpcode opcode[2]; /* by signedness: unsigned (or none), signed */
	const char *intrinsic;
	unsigned nargs; /* of the intrinsic */
	bool max;       /* emit_minmax: max, not min */
};

static bool is_signed(const ir_instr *in)
{
	return ir_opcodes[in->op].sign == IR_SIGN_S;
}

static void emit_const(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                       const num_rule *r)
{
	(void)r;
	switch (ir_opcodes[in->op].imm) {
	case IMM_I32: cg_push(fx, cg_i32(cx, (uint32_t)in->imm.i32)); return;
	case IMM_I64: cg_push(fx, cg_i64(cx, (uint64_t)in->imm.i64)); return;
	case IMM_F32:
		/* From the bits, so that NaN payloads survive. */
		cg_push(fx, LLVMConstBitCast(cg_i32(cx, in->imm.f32_bits),
		                             cx->t_f32));
		return;
	default: /* IMM_F64 */
		cg_push(fx, LLVMConstBitCast(cg_i64(cx, in->imm.f64_bits),
		                             cx->t_f64));
		return;
	}
}

static void push_bool(cg_ctx *cx, cg_func *fx, LLVMValueRef i1)
{
	cg_push(fx, LLVMBuildZExt(cx->b, i1, cx->t_i32, ""));
}

static void emit_eqz(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                     const num_rule *r)
{
	(void)in, (void)r;
	LLVMValueRef v = cg_pop(fx);
	push_bool(cx, fx, LLVMBuildIsNull(cx->b, v, ""));
}

static void emit_compare(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                         const num_rule *r)
{
	LLVMValueRef b = cg_pop(fx), a = cg_pop(fx);
	(void)r;
	push_bool(cx, fx, cg_compare(cx, &ir_opcodes[in->op], a, b));
}

/* Division and remainder: trap on zero; signed division traps on
 * INT_MIN / -1 and signed remainder yields 0 there (spec 4.3.2). */
static LLVMValueRef divide(cg_ctx *cx, cg_func *fx, LLVMOpcode op,
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
	LLVMValueRef overflow =
	    LLVMBuildAnd(cx->b, LLVMBuildICmp(cx->b, LLVMIntEQ, a, min, ""),
	                 LLVMBuildICmp(cx->b, LLVMIntEQ, b, minus1, ""), "");
	if (op == LLVMSDiv) {
		cg_trap_if(cx, fx, overflow, W2N_TRAP_INT_OVERFLOW);
		return LLVMBuildSDiv(cx->b, a, b, "");
	}
	/* Avoid LLVM's undefined INT_MIN % -1 by dividing by 1 instead. */
	LLVMValueRef safe =
	    LLVMBuildSelect(cx->b, overflow, LLVMConstInt(t, 1, false), b, "");
	return LLVMBuildSRem(cx->b, a, safe, "");
}

static void emit_divrem(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                        const num_rule *r)
{
	LLVMValueRef b = cg_pop(fx), a = cg_pop(fx);
	cg_push(fx, divide(cx, fx, r->opcode[is_signed(in)], a, b));
}

static void emit_binary(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                        const num_rule *r)
{
	(void)in;
	LLVMValueRef b = cg_pop(fx), a = cg_pop(fx);
	cg_push(fx, LLVMBuildBinOp(cx->b, r->opcode[0], a, b, ""));
}

/* The shift count is taken modulo the width. */
static void emit_shift(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                       const num_rule *r)
{
	LLVMValueRef b = cg_pop(fx), a = cg_pop(fx);
	LLVMTypeRef t = LLVMTypeOf(a);
	LLVMValueRef mask = LLVMConstInt(t, LLVMGetIntTypeWidth(t) - 1, false);
	cg_push(fx, LLVMBuildBinOp(cx->b, r->opcode[is_signed(in)], a,
	                           LLVMBuildAnd(cx->b, b, mask, ""), ""));
}

/* Rotations are funnel shifts of the operand with itself. */
static void emit_rotate(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                        const num_rule *r)
{
	(void)in;
	LLVMValueRef b = cg_pop(fx), a = cg_pop(fx);
	LLVMValueRef args[] = {a, a, b};
	cg_push(fx, intrinsic(cx, r->intrinsic, LLVMTypeOf(a), args, 3));
}

/* clz and ctz are defined at zero: their "zero is poison" flag is off. */
static void emit_count(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                       const num_rule *r)
{
	(void)in;
	LLVMValueRef a = cg_pop(fx);
	LLVMValueRef args[] = {a, LLVMConstInt(cx->t_i1, 0, false)};
	cg_push(fx, intrinsic(cx, r->intrinsic, LLVMTypeOf(a), args, r->nargs));
}

/* Sign extension operators: truncate to the narrow width (the row's
 * WIDTH), then extend. */
static void emit_sign_extend(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                             const num_rule *r)
{
	(void)r;
	LLVMValueRef a = cg_pop(fx);
	unsigned bits = ir_opcodes[in->op].width * 8u;
	LLVMTypeRef narrow = LLVMIntTypeInContext(cx->ctx, bits);
	LLVMValueRef t = LLVMBuildTrunc(cx->b, a, narrow, "");
	cg_push(fx, LLVMBuildSExt(cx->b, t, LLVMTypeOf(a), ""));
}

static void emit_fneg(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                      const num_rule *r)
{
	(void)in, (void)r;
	cg_push(fx, LLVMBuildFNeg(cx->b, cg_pop(fx), ""));
}

/* ceil, floor, trunc, nearest. */
static void emit_round(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                       const num_rule *r)
{
	(void)r;
	LLVMValueRef a = cg_pop(fx);
	cg_push(fx,
	        cg_float_round(cx, (ir_operation)ir_opcodes[in->op].oper, a));
}

/* An intrinsic on the operands, of their type (abs, sqrt, copysign). */
static void emit_intrinsic(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                           const num_rule *r)
{
	(void)in;
	LLVMValueRef args[2];
	for (unsigned i = r->nargs; i-- > 0;)
		args[i] = cg_pop(fx);
	cg_push(fx, intrinsic(cx, r->intrinsic, LLVMTypeOf(args[0]), args,
	                      r->nargs));
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

static void emit_float_arith(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                             const num_rule *r)
{
	(void)in;
	LLVMValueRef b = cg_pop(fx), a = cg_pop(fx);
	/* LLVM folds x * 1 to x, keeping a signalling NaN. */
	LLVMValueRef v = LLVMBuildBinOp(cx->b, r->opcode[0], a, b, "");
	if (is_identity_constant(a) || is_identity_constant(b))
		v = cg_quiet_nan(cx, v);
	cg_push(fx, v);
}

static void emit_minmax(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                        const num_rule *r)
{
	(void)in;
	LLVMValueRef b = cg_pop(fx), a = cg_pop(fx);
	cg_push(fx, cg_float_minmax(cx, a, b, r->max));
}

/* Operations on i32 and i64, by operation. */
static const num_rule int_rules[IR_OPER_COUNT] = {
    [IR_OPER_CONST] = {emit_const},
    [IR_OPER_EQZ] = {emit_eqz},
    [IR_OPER_EQ] = {emit_compare},
    [IR_OPER_NE] = {emit_compare},
    [IR_OPER_LT] = {emit_compare},
    [IR_OPER_GT] = {emit_compare},
    [IR_OPER_LE] = {emit_compare},
    [IR_OPER_GE] = {emit_compare},
    [IR_OPER_CLZ] = {emit_count, .intrinsic = "llvm.ctlz", .nargs = 2},
    [IR_OPER_CTZ] = {emit_count, .intrinsic = "llvm.cttz", .nargs = 2},
    [IR_OPER_POPCNT] = {emit_count, .intrinsic = "llvm.ctpop", .nargs = 1},
    [IR_OPER_ADD] = {emit_binary, {LLVMAdd}},
    [IR_OPER_SUB] = {emit_binary, {LLVMSub}},
    [IR_OPER_MUL] = {emit_binary, {LLVMMul}},
    [IR_OPER_DIV] = {emit_divrem, {LLVMUDiv, LLVMSDiv}},
    [IR_OPER_REM] = {emit_divrem, {LLVMURem, LLVMSRem}},
    [IR_OPER_AND] = {emit_binary, {LLVMAnd}},
    [IR_OPER_OR] = {emit_binary, {LLVMOr}},
    [IR_OPER_XOR] = {emit_binary, {LLVMXor}},
    [IR_OPER_SHL] = {emit_shift, {LLVMShl}},
    [IR_OPER_SHR] = {emit_shift, {LLVMLShr, LLVMAShr}},
    [IR_OPER_ROTL] = {emit_rotate, .intrinsic = "llvm.fshl"},
    [IR_OPER_ROTR] = {emit_rotate, .intrinsic = "llvm.fshr"},
    [IR_OPER_EXTEND] = {emit_sign_extend},
};

/* Operations on f32 and f64, by operation. */
static const num_rule float_rules[IR_OPER_COUNT] = {
    [IR_OPER_CONST] = {emit_const},
    [IR_OPER_EQ] = {emit_compare},
    [IR_OPER_NE] = {emit_compare},
    [IR_OPER_LT] = {emit_compare},
    [IR_OPER_GT] = {emit_compare},
    [IR_OPER_LE] = {emit_compare},
    [IR_OPER_GE] = {emit_compare},
    [IR_OPER_ABS] = {emit_intrinsic, .intrinsic = "llvm.fabs", .nargs = 1},
    [IR_OPER_NEG] = {emit_fneg},
    [IR_OPER_CEIL] = {emit_round},
    [IR_OPER_FLOOR] = {emit_round},
    [IR_OPER_TRUNC] = {emit_round},
    [IR_OPER_NEAREST] = {emit_round},
    [IR_OPER_SQRT] = {emit_intrinsic, .intrinsic = "llvm.sqrt", .nargs = 1},
    [IR_OPER_ADD] = {emit_float_arith, {LLVMFAdd}},
    [IR_OPER_SUB] = {emit_float_arith, {LLVMFSub}},
    [IR_OPER_MUL] = {emit_float_arith, {LLVMFMul}},
    [IR_OPER_DIV] = {emit_float_arith, {LLVMFDiv}},
    [IR_OPER_MIN] = {emit_minmax},
    [IR_OPER_MAX] = {emit_minmax, .max = true},
    [IR_OPER_COPYSIGN] = {emit_intrinsic, .intrinsic = "llvm.copysign",
                          .nargs = 2},
};

/* The rule for a row: by the type of its operands (of its result for a
 * constant). */
static const num_rule *rule_for(const ir_opcode_info *info)
{
	char t = info->params[0] ? info->params[0] : info->results[0];
	const num_rule *rules = t == 'f' || t == 'd' ? float_rules : int_rules;
	return rules[info->oper].emit ? &rules[info->oper] : NULL;
}

bool cg_numeric_lowers(const ir_opcode_info *info)
{
	return rule_for(info) != NULL;
}

void cg_numeric(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const num_rule *r = rule_for(&ir_opcodes[in->op]);
	W2N_ASSERT(r);
	r->emit(cx, fx, in, r);
}
