/*
 * cg_simd.c - fixed-width SIMD (spec 4.3.x vector numerics, 4.4.3) through
 * LLVM vector types.
 *
 * Input: one instruction of the VECTOR family, with v128 operands on the
 * value stack as <4 x i32> (cx->t_v128).  Output: its results pushed, v128
 * results again as <4 x i32>.  An operation bitcasts its operands to the
 * vector type of its lane shape (<16 x i8> ... <2 x double>) and its result
 * back.  Every target is little-endian, as Wasm is, so these bitcasts put
 * byte 0 of a v128 in lane 0 of every shape.
 *
 * The opcode's row in opcodes.def says what to build: its memory access
 * (MEM), operation (OPER), lane shape (SHAPE) and signedness (SIGN).  The
 * tables at the end map an operation to its rule: an emitter and the LLVM
 * operation or intrinsic it uses, for integer or float lanes.  A new
 * instruction of a known operation needs no code here.
 *
 * Float lanes follow Wasm where LLVM does not by itself: results that LLVM
 * may fold or lower so that a signalling NaN survives get their NaN lanes
 * quieted, and a few backend defects are worked around per target
 * (cg_float.c, the quirks of cg_target).
 */
#include <string.h>

#include "cg_internal.h"

/* ---- Lane shapes ---- */

typedef struct shape {
	unsigned lanes, bits;
	bool is_float;
} shape;

static shape shape_from(ir_shape s)
{
	const ir_shape_info *i = &ir_shapes[s];
	return (shape){i->lanes, i->lane_bits, i->is_float};
}

/* The same lanes as integers (comparison results). */
static shape int_shape(shape s)
{
	return (shape){s.lanes, s.bits, false};
}

/* Half as many lanes, twice as wide, and the converse. */
static shape wider(shape s)
{
	return (shape){s.lanes / 2, s.bits * 2, false};
}

static shape narrower(shape s)
{
	return (shape){s.lanes * 2, s.bits / 2, false};
}

static LLVMTypeRef lane_type(cg_ctx *cx, shape s)
{
	if (s.is_float)
		return s.bits == 32 ? cx->t_f32 : cx->t_f64;
	return LLVMIntTypeInContext(cx->ctx, s.bits);
}

static LLVMTypeRef vec_type(cg_ctx *cx, shape s)
{
	return LLVMVectorType(lane_type(cx, s), s.lanes);
}

static LLVMValueRef pop_as(cg_ctx *cx, cg_func *fx, shape s)
{
	return LLVMBuildBitCast(cx->b, cg_pop(fx), vec_type(cx, s), "");
}

/* Pushes a 128-bit vector of any shape as the canonical v128 type. */
static void push_v128(cg_ctx *cx, cg_func *fx, LLVMValueRef v)
{
	cg_push(fx, LLVMBuildBitCast(cx->b, v, cx->t_v128, ""));
}

static void push_bool(cg_ctx *cx, cg_func *fx, LLVMValueRef i1)
{
	cg_push(fx, LLVMBuildZExt(cx->b, i1, cx->t_i32, ""));
}

/* An integer vector constant with every lane `v` (truncated). */
static LLVMValueRef const_splat(cg_ctx *cx, shape s, uint64_t v)
{
	LLVMValueRef lanes[16];
	for (unsigned i = 0; i < s.lanes; i++)
		lanes[i] = LLVMConstInt(lane_type(cx, s), v, false);
	return LLVMConstVector(lanes, s.lanes);
}

/* The n lanes first, first + step, ... of a ++ b (b NULL: a alone). */
static LLVMValueRef pick(cg_ctx *cx, LLVMValueRef a, LLVMValueRef b,
                         unsigned first, unsigned step, unsigned n)
{
	LLVMValueRef mask[16];
	W2N_ASSERT(n <= 16);
	for (unsigned i = 0; i < n; i++)
		mask[i] = cg_i32(cx, first + i * step);
	if (!b)
		b = LLVMGetPoison(LLVMTypeOf(a));
	return LLVMBuildShuffleVector(cx->b, a, b, LLVMConstVector(mask, n),
	                              "");
}

/* A vector of `lanes` copies of the scalar x. */
static LLVMValueRef splat(cg_ctx *cx, LLVMValueRef x, unsigned lanes)
{
	LLVMTypeRef t = LLVMVectorType(LLVMTypeOf(x), lanes);
	LLVMValueRef v = LLVMBuildInsertElement(cx->b, LLVMGetPoison(t), x,
	                                        cg_i32(cx, 0), "");
	return pick(cx, v, NULL, 0, 0, lanes);
}

/* Scalar operand x (i32, i64, f32 or f64) as a lane of shape s. */
static LLVMValueRef to_lane(cg_ctx *cx, LLVMValueRef x, shape s)
{
	if (!s.is_float && s.bits < 32)
		return LLVMBuildTrunc(cx->b, x, lane_type(cx, s), "");
	return x;
}

static LLVMValueRef extend(cg_ctx *cx, LLVMValueRef v, LLVMTypeRef t, bool sgn)
{
	return sgn ? LLVMBuildSExt(cx->b, v, t, "")
	           : LLVMBuildZExt(cx->b, v, t, "");
}

/* ---- Rules ---- */

typedef struct vec_rule vec_rule;

/* One vector instruction being lowered, with the facts of its row. */
typedef struct vec_op {
	const ir_instr *in;
	const vec_rule *r;
	shape s;  /* its SHAPE */
	bool sgn; /* its SIGN is S */
} vec_op;

/* Pops the operands of v->in and pushes its result. */
typedef void vec_emitter(cg_ctx *cx, cg_func *fx, const vec_op *v);

struct vec_rule {
	vec_emitter *emit;
	LLVMOpcode opcode[2];     /* by signedness: unsigned (or none),
	                           * signed */
	const char *intrinsic[2]; /* the same */
	bool high;                /* extend, extmul: the upper half; min/max:
	                           * max; relaxed_madd: negated (nmadd) */
	uint8_t from, n;          /* conversions: the operand's ir_shape and
	                           * how many of its lanes convert */
};

/* ---- Loads and stores (spec 4.4.7) ---- */

/* The address popped, for an access of the row's WIDTH. */
static LLVMValueRef pop_address(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	return cg_memory_address(cx, fx, v->in->imm.mem.memory, cg_pop(fx),
	                         v->in->imm.mem.offset,
	                         ir_opcodes[v->in->op].width);
}

static void load_whole(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef p = pop_address(cx, fx, v);
	cg_push(fx, cg_load_memory(cx, cx->t_v128, p));
}

/* v128.loadMxN_s/u: N lanes of M bits (64 in all), each extended to the
 * row's shape. */
static void load_extend(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef p = pop_address(cx, fx, v);
	shape narrow = {v->s.lanes, v->s.bits / 2, false};
	LLVMValueRef x = cg_load_memory(cx, vec_type(cx, narrow), p);
	push_v128(cx, fx, extend(cx, x, vec_type(cx, v->s), v->sgn));
}

static void load_splat(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef p = pop_address(cx, fx, v);
	LLVMValueRef x = cg_load_memory(cx, lane_type(cx, v->s), p);
	push_v128(cx, fx, splat(cx, x, v->s.lanes));
}

/* v128.load32_zero, v128.load64_zero: into lane 0 of zeros. */
static void load_zero(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef p = pop_address(cx, fx, v);
	LLVMValueRef x = cg_load_memory(cx, lane_type(cx, v->s), p);
	LLVMValueRef zero = LLVMConstNull(vec_type(cx, v->s));
	push_v128(cx, fx,
	          LLVMBuildInsertElement(cx->b, zero, x, cg_i32(cx, 0), ""));
}

static void store_whole(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef x = cg_pop(fx);
	cg_store_memory(cx, x, pop_address(cx, fx, v));
}

/* v128.loadN_lane and v128.storeN_lane: operands address, vector. */
static void access_lane(cg_ctx *cx, cg_func *fx, const vec_op *v, bool store)
{
	LLVMValueRef x = pop_as(cx, fx, v->s);
	LLVMValueRef p = pop_address(cx, fx, v);
	LLVMValueRef lane = cg_i32(cx, v->in->imm.mem.lane);
	if (store) {
		cg_store_memory(cx, LLVMBuildExtractElement(cx->b, x, lane, ""),
		                p);
	} else {
		LLVMValueRef y = cg_load_memory(cx, lane_type(cx, v->s), p);
		x = LLVMBuildInsertElement(cx->b, x, y, lane, "");
		push_v128(cx, fx, x);
	}
}

static void load_lane(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	access_lane(cx, fx, v, false);
}

static void store_lane(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	access_lane(cx, fx, v, true);
}

/* ---- Constant, shuffle, swizzle, splat ---- */

static void emit_const(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef bytes[16];
	for (unsigned i = 0; i < 16; i++)
		bytes[i] = LLVMConstInt(cx->t_i8, v->in->imm.v128[i], false);
	cg_push(fx, LLVMConstBitCast(LLVMConstVector(bytes, 16), cx->t_v128));
}

/* Lane i of the result is lane shuffle[i] of a ++ b (indices below twice
 * the lane count, as validated). */
static void emit_shuffle(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef b = pop_as(cx, fx, v->s), a = pop_as(cx, fx, v->s);
	LLVMValueRef mask[16];
	for (unsigned i = 0; i < v->s.lanes; i++)
		mask[i] = cg_i32(cx, v->in->imm.shuffle[i]);
	LLVMValueRef mask_v = LLVMConstVector(mask, v->s.lanes);
	push_v128(cx, fx, LLVMBuildShuffleVector(cx->b, a, b, mask_v, ""));
}

/*
 * Lane i of the result is a[s[i]], or 0 when s[i] >= 16.  LLVM has no
 * generic variable shuffle: gather lanes at s[i] & 15 (always in range, as
 * extractelement needs) and zero the out-of-range ones with a select.
 * Backends match this gather to a table lookup (pshufb, tbl) if they can.
 */
static LLVMValueRef gather(cg_ctx *cx, LLVMValueRef a, LLVMValueRef idx,
                           shape s)
{
	LLVMValueRef safe =
	    LLVMBuildAnd(cx->b, idx, const_splat(cx, s, s.lanes - 1), "");
	LLVMValueRef r = LLVMGetPoison(vec_type(cx, s));
	for (unsigned i = 0; i < s.lanes; i++) {
		LLVMValueRef k =
		    LLVMBuildExtractElement(cx->b, safe, cg_i32(cx, i), "");
		LLVMValueRef x = LLVMBuildExtractElement(cx->b, a, k, "");
		r = LLVMBuildInsertElement(cx->b, r, x, cg_i32(cx, i), "");
	}
	return r;
}

static void emit_swizzle(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s;
	LLVMValueRef idx = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	LLVMValueRef in_range = LLVMBuildICmp(cx->b, LLVMIntULT, idx,
	                                      const_splat(cx, s, s.lanes), "");
	LLVMValueRef r = gather(cx, a, idx, s);
	push_v128(cx, fx,
	          LLVMBuildSelect(cx->b, in_range, r,
	                          LLVMConstNull(vec_type(cx, s)), ""));
}

static void emit_splat(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef x = to_lane(cx, cg_pop(fx), v->s);
	push_v128(cx, fx, splat(cx, x, v->s.lanes));
}

/* ---- Lane access ---- */

/* extract_lane: _s/_u extend i8 and i16 lanes to i32. */
static void emit_extract_lane(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef x = pop_as(cx, fx, v->s);
	LLVMValueRef lane = cg_i32(cx, v->in->imm.lane);
	LLVMValueRef y = LLVMBuildExtractElement(cx->b, x, lane, "");
	if (!v->s.is_float && v->s.bits < 32)
		y = extend(cx, y, cx->t_i32, v->sgn);
	cg_push(fx, y);
}

static void emit_replace_lane(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef lane = cg_i32(cx, v->in->imm.lane);
	LLVMValueRef y = to_lane(cx, cg_pop(fx), v->s);
	LLVMValueRef x = pop_as(cx, fx, v->s);
	push_v128(cx, fx, LLVMBuildInsertElement(cx->b, x, y, lane, ""));
}

/* ---- Comparisons: all-ones lanes where true, zero where false ---- */

static void emit_compare(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef b = pop_as(cx, fx, v->s), a = pop_as(cx, fx, v->s);
	LLVMValueRef c = cg_compare(cx, &ir_opcodes[v->in->op], a, b);
	push_v128(cx, fx,
	          LLVMBuildSExt(cx->b, c, vec_type(cx, int_shape(v->s)), ""));
}

/* ---- Bitwise ---- */

/* Bits of v1 where c is 1, of v2 where c is 0. */
static LLVMValueRef bitselect(cg_ctx *cx, LLVMValueRef v1, LLVMValueRef v2,
                              LLVMValueRef c)
{
	LLVMValueRef not_c = LLVMBuildNot(cx->b, c, "");
	LLVMValueRef t = LLVMBuildAnd(cx->b, v1, c, "");
	LLVMValueRef f = LLVMBuildAnd(cx->b, v2, not_c, "");
	return LLVMBuildOr(cx->b, t, f, "");
}

static void emit_bitwise(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMBuilderRef b = cx->b;
	ir_operation oper = (ir_operation)ir_opcodes[v->in->op].oper;
	if (oper == IR_OPER_ANY_TRUE) {
		LLVMTypeRef i128 = LLVMIntTypeInContext(cx->ctx, 128);
		LLVMValueRef x = LLVMBuildBitCast(b, cg_pop(fx), i128, "");
		push_bool(cx, fx, LLVMBuildIsNotNull(b, x, ""));
		return;
	}
	if (oper == IR_OPER_NOT) {
		cg_push(fx, LLVMBuildNot(b, cg_pop(fx), ""));
		return;
	}
	if (oper == IR_OPER_BITSELECT) {
		LLVMValueRef c = cg_pop(fx), v2 = cg_pop(fx), v1 = cg_pop(fx);
		cg_push(fx, bitselect(cx, v1, v2, c));
		return;
	}
	LLVMValueRef y = cg_pop(fx), x = cg_pop(fx);
	switch (oper) {
	case IR_OPER_AND: cg_push(fx, LLVMBuildAnd(b, x, y, "")); return;
	case IR_OPER_OR: cg_push(fx, LLVMBuildOr(b, x, y, "")); return;
	case IR_OPER_XOR: cg_push(fx, LLVMBuildXor(b, x, y, "")); return;
	case IR_OPER_ANDNOT:
		cg_push(fx, LLVMBuildAnd(b, x, LLVMBuildNot(b, y, ""), ""));
		return;
	default: W2N_UNREACHABLE();
	}
}

/* ---- Lane-wise integer and float operations ---- */

/* Whether v is a float constant with a lane LLVM may treat as an
 * identity or a negation (0, -0, 1, -1). */
static bool has_identity_lane(LLVMValueRef v, shape s)
{
	if (!LLVMIsConstant(v))
		return false;
	for (unsigned i = 0; i < s.lanes; i++) {
		LLVMValueRef e = LLVMGetAggregateElement(v, i);
		LLVMBool lost;
		if (!e || !LLVMIsAConstantFP(e))
			return true; /* undecided: assume so */
		double d = LLVMConstRealGetDouble(e, &lost);
		if (d == 0.0 || d == 1.0 || d == -1.0)
			return true;
	}
	return false;
}

static void emit_binary(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s;
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	LLVMValueRef x = LLVMBuildBinOp(cx->b, v->r->opcode[0], a, b, "");
	if (s.is_float && (has_identity_lane(a, s) || has_identity_lane(b, s)))
		x = cg_quiet_nan(cx, x);
	push_v128(cx, fx, x);
}

static void emit_intrinsic1(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef a = pop_as(cx, fx, v->s);
	push_v128(cx, fx,
	          cg_intrinsic(cx, v->r->intrinsic[v->sgn], vec_type(cx, v->s),
	                       &a, 1));
}

static void emit_intrinsic2(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef args[2];
	args[1] = pop_as(cx, fx, v->s);
	args[0] = pop_as(cx, fx, v->s);
	push_v128(cx, fx,
	          cg_intrinsic(cx, v->r->intrinsic[v->sgn], vec_type(cx, v->s),
	                       args, 2));
}

/* Integer negation wraps; float negation flips the sign bit, NaN too. */
static void emit_neg(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef a = pop_as(cx, fx, v->s);
	push_v128(cx, fx,
	          v->s.is_float ? LLVMBuildFNeg(cx->b, a, "")
	                        : LLVMBuildNeg(cx->b, a, ""));
}

/* Integer abs wraps: the minimum lane value stays as it is, so the
 * intrinsic must not treat it as poison. */
static void emit_abs(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef args[] = {pop_as(cx, fx, v->s),
	                       LLVMConstInt(cx->t_i1, 0, false)};
	push_v128(cx, fx,
	          cg_intrinsic(cx, "llvm.abs", vec_type(cx, v->s), args, 2));
}

/* ---- Float lanes: pmin/pmax, rounding, min/max ---- */

/* pmin is b < a ? b : a and pmax a < b ? b : a (spec 4.3.3): with a NaN
 * operand the result is a, bit for bit, unlike min/max. */
static void emit_pseudo_minmax(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	bool max = v->r->high;
	LLVMValueRef b = pop_as(cx, fx, v->s), a = pop_as(cx, fx, v->s);
	LLVMValueRef lt = max ? LLVMBuildFCmp(cx->b, LLVMRealOLT, a, b, "")
	                      : LLVMBuildFCmp(cx->b, LLVMRealOLT, b, a, "");
	push_v128(cx, fx, LLVMBuildSelect(cx->b, lt, b, a, ""));
}

/* ceil, floor, trunc, nearest: with Wasm's NaN rules on every target. */
static void emit_rounding(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	ir_operation oper = (ir_operation)ir_opcodes[v->in->op].oper;
	push_v128(cx, fx, cg_float_round(cx, oper, pop_as(cx, fx, v->s)));
}

static void emit_minmax(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef b = pop_as(cx, fx, v->s), a = pop_as(cx, fx, v->s);
	push_v128(cx, fx, cg_float_minmax(cx, a, b, v->r->high));
}

/* ---- Integer lanes: shifts, averages, saturation, widening ---- */

/* The shift count is taken modulo the lane width. */
static void emit_shift(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s;
	LLVMValueRef n = cg_pop(fx);
	LLVMValueRef a = pop_as(cx, fx, s);
	n = LLVMBuildAnd(cx->b, n, cg_i32(cx, s.bits - 1), "");
	n = LLVMBuildZExtOrBitCast(cx->b, to_lane(cx, n, s), lane_type(cx, s),
	                           "");
	n = splat(cx, n, s.lanes);
	push_v128(cx, fx,
	          LLVMBuildBinOp(cx->b, v->r->opcode[v->sgn], a, n, ""));
}

/* Rounding average: (a + b + 1) / 2 without overflow, in wider lanes. */
static void emit_avgr(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s, w = {s.lanes, s.bits * 2, false};
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	a = LLVMBuildZExt(cx->b, a, vec_type(cx, w), "");
	b = LLVMBuildZExt(cx->b, b, vec_type(cx, w), "");
	LLVMValueRef one = const_splat(cx, w, 1);
	LLVMValueRef sum =
	    LLVMBuildAdd(cx->b, LLVMBuildAdd(cx->b, a, b, ""), one, "");
	sum = LLVMBuildLShr(cx->b, sum, one, "");
	push_v128(cx, fx, LLVMBuildTrunc(cx->b, sum, vec_type(cx, s), ""));
}

/*
 * (a * b + 2^14) >> 15 in 32-bit lanes, saturated to i16.  Only
 * -32768 * -32768 exceeds the range (giving 32768), and nothing falls
 * below it, so one smin saturates.
 */
static LLVMValueRef q15_product(cg_ctx *cx, LLVMValueRef a, LLVMValueRef b,
                                shape w)
{
	LLVMTypeRef wide = vec_type(cx, w);
	LLVMValueRef p = LLVMBuildMul(cx->b, LLVMBuildSExt(cx->b, a, wide, ""),
	                              LLVMBuildSExt(cx->b, b, wide, ""), "");
	p = LLVMBuildAdd(cx->b, p, const_splat(cx, w, 0x4000), "");
	return LLVMBuildAShr(cx->b, p, const_splat(cx, w, 15), "");
}

static void emit_q15mulr(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s, w = {s.lanes, 32, false};
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	LLVMValueRef p = q15_product(cx, a, b, w);
	LLVMValueRef args[] = {p, const_splat(cx, w, 0x7FFF)};
	p = cg_intrinsic(cx, "llvm.smin", vec_type(cx, w), args, 2);
	push_v128(cx, fx, LLVMBuildTrunc(cx->b, p, vec_type(cx, s), ""));
}

/* all_true: 1 when no lane is zero. */
static void emit_all_true(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef a = pop_as(cx, fx, v->s);
	LLVMValueRef nz = LLVMBuildICmp(cx->b, LLVMIntNE, a,
	                                LLVMConstNull(vec_type(cx, v->s)), "");
	push_bool(
	    cx, fx,
	    cg_intrinsic(cx, "llvm.vector.reduce.and", LLVMTypeOf(nz), &nz, 1));
}

/* bitmask: bit i of the result is the sign bit of lane i. */
static void emit_bitmask(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef a = pop_as(cx, fx, v->s);
	LLVMValueRef neg = LLVMBuildICmp(cx->b, LLVMIntSLT, a,
	                                 LLVMConstNull(vec_type(cx, v->s)), "");
	LLVMTypeRef bits = LLVMIntTypeInContext(cx->ctx, v->s.lanes);
	LLVMValueRef m = LLVMBuildBitCast(cx->b, neg, bits, "");
	cg_push(fx, LLVMBuildZExt(cx->b, m, cx->t_i32, ""));
}

/* narrow: the lanes of a then b, read as signed and saturated to the
 * narrow lane's signed or unsigned range. */
static void emit_narrow(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s, src = wider(s), both = {s.lanes, src.bits, false};
	bool sgn = v->sgn;
	LLVMValueRef b = pop_as(cx, fx, src), a = pop_as(cx, fx, src);
	LLVMValueRef x = pick(cx, a, b, 0, 1, s.lanes);
	uint64_t lo = sgn ? ~0ull << (s.bits - 1) : 0;
	uint64_t hi = sgn ? (1ull << (s.bits - 1)) - 1 : (1ull << s.bits) - 1;
	LLVMValueRef args[] = {x, const_splat(cx, both, lo)};
	x = cg_intrinsic(cx, "llvm.smax", vec_type(cx, both), args, 2);
	args[0] = x;
	args[1] = const_splat(cx, both, hi);
	x = cg_intrinsic(cx, "llvm.smin", vec_type(cx, both), args, 2);
	push_v128(cx, fx, LLVMBuildTrunc(cx->b, x, vec_type(cx, s), ""));
}

/* Lanes first, first + step, ... of x (of shape narrower(s)), extended
 * to shape s. */
static LLVMValueRef widen(cg_ctx *cx, LLVMValueRef x, shape s, unsigned first,
                          unsigned step, bool sgn)
{
	return extend(cx, pick(cx, x, NULL, first, step, s.lanes),
	              vec_type(cx, s), sgn);
}

static void emit_extend(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	LLVMValueRef a = pop_as(cx, fx, narrower(v->s));
	unsigned first = v->r->high ? v->s.lanes : 0;
	push_v128(cx, fx, widen(cx, a, v->s, first, 1, v->sgn));
}

static void emit_extmul(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s;
	unsigned first = v->r->high ? s.lanes : 0;
	LLVMValueRef b = pop_as(cx, fx, narrower(s));
	LLVMValueRef a = pop_as(cx, fx, narrower(s));
	push_v128(cx, fx,
	          LLVMBuildMul(cx->b, widen(cx, a, s, first, 1, v->sgn),
	                       widen(cx, b, s, first, 1, v->sgn), ""));
}

/* extadd_pairwise: lane i is a[2i] + a[2i+1], extended first. */
static void emit_extadd(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s;
	LLVMValueRef a = pop_as(cx, fx, narrower(s));
	push_v128(cx, fx,
	          LLVMBuildAdd(cx->b, widen(cx, a, s, 0, 2, v->sgn),
	                       widen(cx, a, s, 1, 2, v->sgn), ""));
}

/* dot: lane i is a[2i] * b[2i] + a[2i+1] * b[2i+1], signed, wrapping. */
static void emit_dot(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s;
	bool sgn = v->sgn;
	LLVMValueRef b = pop_as(cx, fx, narrower(s));
	LLVMValueRef a = pop_as(cx, fx, narrower(s));
	LLVMValueRef even = LLVMBuildMul(cx->b, widen(cx, a, s, 0, 2, sgn),
	                                 widen(cx, b, s, 0, 2, sgn), "");
	LLVMValueRef odd = LLVMBuildMul(cx->b, widen(cx, a, s, 1, 2, sgn),
	                                widen(cx, b, s, 1, 2, sgn), "");
	push_v128(cx, fx, LLVMBuildAdd(cx->b, even, odd, ""));
}

/* ---- Conversions between integer and float lanes ---- */

/* Whether v is an fpext under bitcasts: LLVM folds demote(promote(x)) to
 * x, keeping a signalling NaN the two conversions would have quieted. */
static bool is_fpext(LLVMValueRef v)
{
	while (LLVMIsABitCastInst(v))
		v = LLVMGetOperand(v, 0);
	return LLVMIsAFPExtInst(v) != NULL;
}

/*
 * Converts the low r->n lanes of the operand, read as shape r->from, to
 * lanes of the row's shape, and fills the rest of the result with zeros
 * (the _zero variants).  The saturating truncations map NaN to 0 and clamp
 * out-of-range values, as llvm.fpto[su]i.sat do.
 */
static void emit_convert(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	const vec_rule *r = v->r;
	shape from = shape_from((ir_shape)r->from), to = v->s;
	LLVMValueRef a = pop_as(cx, fx, from);
	if (r->n < from.lanes)
		a = pick(cx, a, NULL, 0, 1, r->n);
	LLVMTypeRef t = LLVMVectorType(lane_type(cx, to), r->n);
	const char *name = r->intrinsic[v->sgn];
	LLVMValueRef x =
	    name ? cg_cast_intrinsic(cx, name, t, a)
	         : LLVMBuildCast(cx->b, r->opcode[v->sgn], a, t, "");
	if (r->opcode[0] == LLVMFPTrunc && is_fpext(a))
		x = cg_quiet_nan(cx, x);
	if (r->n < to.lanes)
		x = pick(cx, x, LLVMConstNull(t), 0, 1, to.lanes);
	push_v128(cx, fx, x);
}

/* ---- Relaxed SIMD (spec 4.3.4): the target's choice of result ----
 *
 * The target row's RELAXED flags (codegen.h) say which of the results the
 * spec allows each instruction gives; without a flag, the deterministic
 * profile's.  The choice is the row's, so it is the same at every -O; the
 * instructions computing it may depend on the CPU (cg_cpu_has): a choice
 * made for an x86 instruction has a generic form for x86 CPUs without it,
 * with the same results.
 */

static bool chooses(cg_ctx *cx, unsigned choice)
{
	return (cx->o->target->relaxed & choice) != 0;
}

/* Whether the unit compiles for target row `id`, for the forms that are
 * one of its own instructions (a target intrinsic). */
static bool on_target(cg_ctx *cx, cg_target_id id)
{
	return cx->o->target->id == id;
}

static bool has_ssse3(cg_ctx *cx)
{
	return on_target(cx, CG_TARGET_X86_64) && cg_cpu_has(cx, CG_CPU_SSSE3);
}

/* A call of the target intrinsic `name`, which is not overloaded. */
static LLVMValueRef target_intrinsic(cg_ctx *cx, const char *name,
                                     LLVMTypeRef result, LLVMValueRef *args,
                                     unsigned nargs)
{
	LLVMTypeRef params[3];
	W2N_ASSERT(nargs <= 3);
	for (unsigned i = 0; i < nargs; i++)
		params[i] = LLVMTypeOf(args[i]);
	LLVMTypeRef ft = LLVMFunctionType(result, params, nargs, false);
	LLVMValueRef fn = LLVMGetNamedFunction(cx->mod, name);
	if (!fn)
		fn = LLVMAddFunction(cx->mod, name, ft);
	return LLVMBuildCall2(cx->b, ft, fn, args, nargs, "");
}

/* relaxed_swizzle: as swizzle, or (SWIZZLE_MOD16) an index below 128
 * reads lane index mod 16 and a larger one gives 0, as pshufb does. */
/* NEON's table lookups give swizzle's 0 for an index past the table. */
static LLVMValueRef neon_swizzle(cg_ctx *cx, LLVMValueRef a, LLVMValueRef idx,
                                 shape s)
{
	LLVMValueRef args[3];
	if (on_target(cx, CG_TARGET_AARCH64)) {
		args[0] = a;
		args[1] = idx;
		return cg_intrinsic(cx, "llvm.aarch64.neon.tbl1",
		                    vec_type(cx, s), args, 2);
	}
	/* ARMv7: vtbl.8 of both halves of a, for each half of idx. */
	shape half = {8, 8, false};
	args[0] = pick(cx, a, NULL, 0, 1, 8);
	args[1] = pick(cx, a, NULL, 8, 1, 8);
	LLVMValueRef r[2];
	for (unsigned i = 0; i < 2; i++) {
		args[2] = pick(cx, idx, NULL, 8 * i, 1, 8);
		r[i] = target_intrinsic(cx, "llvm.arm.neon.vtbl2",
		                        vec_type(cx, half), args, 3);
	}
	return pick(cx, r[0], r[1], 0, 1, 16);
}

static void emit_relaxed_swizzle(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s;
	bool neon =
	    on_target(cx, CG_TARGET_AARCH64) || on_target(cx, CG_TARGET_ARM);
	if (!chooses(cx, CG_RELAXED_SWIZZLE_MOD16) && !neon) {
		emit_swizzle(cx, fx, v);
		return;
	}
	LLVMValueRef idx = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	if (!chooses(cx, CG_RELAXED_SWIZZLE_MOD16)) {
		push_v128(cx, fx, neon_swizzle(cx, a, idx, s));
		return;
	}
	if (has_ssse3(cx)) {
		LLVMValueRef args[] = {a, idx};
		push_v128(cx, fx,
		          target_intrinsic(cx, "llvm.x86.ssse3.pshuf.b.128",
		                           vec_type(cx, s), args, 2));
		return;
	}
	LLVMValueRef zero = LLVMConstNull(vec_type(cx, s));
	LLVMValueRef top = LLVMBuildICmp(cx->b, LLVMIntSLT, idx, zero, "");
	push_v128(cx, fx,
	          LLVMBuildSelect(cx->b, top, zero, gather(cx, a, idx, s), ""));
}

/* relaxed_trunc: as trunc_sat, or (TRUNC_INT_MIN, signed) NaN and
 * out-of-range lanes give INT32_MIN, as x86's cvttps2dq and cvttpd2dq
 * (SSE2, on every x86-64) do. */
static void emit_relaxed_trunc(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	if (!v->sgn || !chooses(cx, CG_RELAXED_TRUNC_INT_MIN)) {
		emit_convert(cx, fx, v);
		return;
	}
	W2N_ASSERT(on_target(cx, CG_TARGET_X86_64));
	shape from = shape_from((ir_shape)v->r->from);
	LLVMValueRef a = pop_as(cx, fx, from);
	const char *name = from.bits == 32 ? "llvm.x86.sse2.cvttps2dq"
	                                   : "llvm.x86.sse2.cvttpd2dq";
	push_v128(cx, fx,
	          target_intrinsic(cx, name, vec_type(cx, v->s), &a, 1));
}

/*
 * relaxed_madd a * b + c and relaxed_nmadd -a * b + c (the rule's `high`):
 * fused where the CPU has a fused multiply-add, else rounded twice.  Both
 * are explicit (llvm.fma, or fmul then fadd without contraction), never
 * llvm.fmuladd, whose constant folding fuses where the CPU would not.
 */
static void emit_relaxed_madd(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s;
	LLVMValueRef c = pop_as(cx, fx, s), b = pop_as(cx, fx, s);
	LLVMValueRef a = pop_as(cx, fx, s);
	if (v->r->high)
		a = LLVMBuildFNeg(cx->b, a, "");
	LLVMValueRef x;
	if (cg_cpu_has(cx, CG_CPU_FMA)) {
		LLVMValueRef args[] = {a, b, c};
		x = cg_intrinsic(cx, "llvm.fma", vec_type(cx, s), args, 3);
	} else {
		x = LLVMBuildFAdd(cx->b, LLVMBuildFMul(cx->b, a, b, ""), c, "");
	}
	if (has_identity_lane(a, s) || has_identity_lane(b, s) ||
	    has_identity_lane(c, s))
		x = cg_quiet_nan(cx, x);
	push_v128(cx, fx, x);
}

/* relaxed_laneselect: as bitselect, or (LANESELECT_SIGN) each lane of a
 * where its mask lane's top bit is set, else of b, as blendv does. */
static void emit_relaxed_laneselect(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s;
	LLVMValueRef m = pop_as(cx, fx, s), b = pop_as(cx, fx, s);
	LLVMValueRef a = pop_as(cx, fx, s);
	if (!chooses(cx, CG_RELAXED_LANESELECT_SIGN)) {
		push_v128(cx, fx, bitselect(cx, a, b, m));
		return;
	}
	LLVMValueRef top = LLVMBuildICmp(cx->b, LLVMIntSLT, m,
	                                 LLVMConstNull(vec_type(cx, s)), "");
	push_v128(cx, fx, LLVMBuildSelect(cx->b, top, a, b, ""));
}

/* relaxed_min/max: as min/max, or (MINMAX_SELECT) a < b ? a : b and
 * a > b ? a : b, bit for bit, as x86's minps and maxps. */
static void emit_relaxed_minmax(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	if (!chooses(cx, CG_RELAXED_MINMAX_SELECT)) {
		emit_minmax(cx, fx, v);
		return;
	}
	LLVMValueRef b = pop_as(cx, fx, v->s), a = pop_as(cx, fx, v->s);
	if (on_target(cx, CG_TARGET_X86_64)) {
		/* LLVM would turn the select below into one of integers,
		 * which x86 does not match to minps. */
		static const char *const forms[2][2] = {
		    {"llvm.x86.sse2.min.pd", "llvm.x86.sse2.max.pd"},
		    {"llvm.x86.sse.min.ps", "llvm.x86.sse.max.ps"}};
		LLVMValueRef args[] = {a, b};
		push_v128(cx, fx,
		          target_intrinsic(cx,
		                           forms[v->s.bits == 32][v->r->high],
		                           vec_type(cx, v->s), args, 2));
		return;
	}
	LLVMRealPredicate p = v->r->high ? LLVMRealOGT : LLVMRealOLT;
	LLVMValueRef first = LLVMBuildFCmp(cx->b, p, a, b, "");
	push_v128(cx, fx, LLVMBuildSelect(cx->b, first, a, b, ""));
}

/* NEON's saturating rounding doubling multiply high, which is
 * q15mulr_sat, or NULL. */
static const char *neon_sqrdmulh(cg_ctx *cx)
{
	if (on_target(cx, CG_TARGET_AARCH64))
		return "llvm.aarch64.neon.sqrdmulh";
	if (on_target(cx, CG_TARGET_ARM))
		return "llvm.arm.neon.vqrdmulh";
	return NULL;
}

/* relaxed_q15mulr_s: as q15mulr_sat, or (Q15MULR_WRAPS) -32768 * -32768
 * wraps to -32768, as x86's pmulhrsw does. */
static void emit_relaxed_q15mulr(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape s = v->s, w = {s.lanes, 32, false};
	const char *sat = neon_sqrdmulh(cx);
	bool wraps = chooses(cx, CG_RELAXED_Q15MULR_WRAPS);
	if (!wraps && !sat) {
		emit_q15mulr(cx, fx, v);
		return;
	}
	LLVMValueRef args[] = {pop_as(cx, fx, s), NULL};
	args[1] = args[0];
	args[0] = pop_as(cx, fx, s);
	LLVMValueRef x;
	if (!wraps)
		x = cg_intrinsic(cx, sat, vec_type(cx, s), args, 2);
	else if (has_ssse3(cx))
		x = target_intrinsic(cx, "llvm.x86.ssse3.pmul.hr.sw.128",
		                     vec_type(cx, s), args, 2);
	else
		x = LLVMBuildTrunc(cx->b, q15_product(cx, args[0], args[1], w),
		                   vec_type(cx, s), "");
	push_v128(cx, fx, x);
}

/*
 * The relaxed dot product of i8 lanes a and b into i16 lanes: lane i is
 * a[2i] * b[2i] + a[2i+1] * b[2i+1], the sum saturated (the spec's
 * ivdotsat); a's lanes are signed, b's signed too or (DOT_UNSIGNED)
 * unsigned, as x86's pmaddubsw reads them.
 */
static LLVMValueRef relaxed_dot(cg_ctx *cx, LLVMValueRef a, LLVMValueRef b,
                                shape s)
{
	shape w = {16, 16, false};
	bool b_unsigned = chooses(cx, CG_RELAXED_DOT_UNSIGNED);
	if (b_unsigned && has_ssse3(cx)) {
		LLVMValueRef args[] = {b, a};
		return target_intrinsic(cx, "llvm.x86.ssse3.pmadd.ub.sw.128",
		                        vec_type(cx, s), args, 2);
	}
	LLVMTypeRef wide = vec_type(cx, w);
	LLVMValueRef p = LLVMBuildMul(cx->b, extend(cx, a, wide, true),
	                              extend(cx, b, wide, !b_unsigned), "");
	LLVMValueRef args[] = {pick(cx, p, NULL, 0, 2, s.lanes),
	                       pick(cx, p, NULL, 1, 2, s.lanes)};
	return cg_intrinsic(cx, "llvm.sadd.sat", vec_type(cx, s), args, 2);
}

static void emit_relaxed_dot(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape i8 = shape_from(IR_SHAPE_I8X16);
	LLVMValueRef b = pop_as(cx, fx, i8), a = pop_as(cx, fx, i8);
	push_v128(cx, fx, relaxed_dot(cx, a, b, v->s));
}

/* relaxed_dot_add: the i16 lanes of the dot product added in pairs,
 * extended, to the i32 lanes of c (wrapping). */
static void emit_relaxed_dot_add(cg_ctx *cx, cg_func *fx, const vec_op *v)
{
	shape i8 = shape_from(IR_SHAPE_I8X16), s = v->s;
	LLVMValueRef c = pop_as(cx, fx, s), b = pop_as(cx, fx, i8);
	LLVMValueRef a = pop_as(cx, fx, i8);
	LLVMValueRef d = relaxed_dot(cx, a, b, narrower(s)), sum;
	if (on_target(cx, CG_TARGET_X86_64)) {
		/* pmaddwd with ones (SSE2), which LLVM does not find. */
		LLVMValueRef args[] = {d, const_splat(cx, narrower(s), 1)};
		sum = target_intrinsic(cx, "llvm.x86.sse2.pmadd.wd",
		                       vec_type(cx, s), args, 2);
	} else {
		sum = LLVMBuildAdd(cx->b, widen(cx, d, s, 0, 2, true),
		                   widen(cx, d, s, 1, 2, true), "");
	}
	push_v128(cx, fx, LLVMBuildAdd(cx->b, sum, c, ""));
}

/* ---- Rule tables ---- */

/* A pair of a rule's fields: for unsigned (or unsigned-agnostic) and for
 * signed rows. */
#define BY_SIGN(u, s) {u, s}

/* Loads by the operation that makes their result. */
static const vec_rule load_rules[IR_OPER_COUNT] = {
    [IR_OPER_NONE] = {load_whole},        [IR_OPER_EXTEND] = {load_extend},
    [IR_OPER_SPLAT] = {load_splat},       [IR_OPER_ZERO] = {load_zero},
    [IR_OPER_REPLACE_LANE] = {load_lane},
};

static const vec_rule store_rules[IR_OPER_COUNT] = {
    [IR_OPER_NONE] = {store_whole},
    [IR_OPER_EXTRACT_LANE] = {store_lane},
};

/* Operations the same for every shape (or on the whole v128). */
static const vec_rule any_rules[IR_OPER_COUNT] = {
    [IR_OPER_CONST] = {emit_const},
    [IR_OPER_SHUFFLE] = {emit_shuffle},
    [IR_OPER_SWIZZLE] = {emit_swizzle},
    [IR_OPER_SPLAT] = {emit_splat},
    [IR_OPER_EXTRACT_LANE] = {emit_extract_lane},
    [IR_OPER_REPLACE_LANE] = {emit_replace_lane},
    [IR_OPER_EQ] = {emit_compare},
    [IR_OPER_NE] = {emit_compare},
    [IR_OPER_LT] = {emit_compare},
    [IR_OPER_GT] = {emit_compare},
    [IR_OPER_LE] = {emit_compare},
    [IR_OPER_GE] = {emit_compare},
    [IR_OPER_NOT] = {emit_bitwise},
    [IR_OPER_AND] = {emit_bitwise},
    [IR_OPER_ANDNOT] = {emit_bitwise},
    [IR_OPER_OR] = {emit_bitwise},
    [IR_OPER_XOR] = {emit_bitwise},
    [IR_OPER_BITSELECT] = {emit_bitwise},
    [IR_OPER_ANY_TRUE] = {emit_bitwise},
    [IR_OPER_DEMOTE_ZERO] = {emit_convert,
                             {LLVMFPTrunc},
                             .from = IR_SHAPE_F64X2,
                             .n = 2},
    [IR_OPER_PROMOTE_LOW] = {emit_convert,
                             {LLVMFPExt},
                             .from = IR_SHAPE_F32X4,
                             .n = 2},
    [IR_OPER_TRUNC_SAT] = {emit_convert,
                           .intrinsic =
                               BY_SIGN("llvm.fptoui.sat", "llvm.fptosi.sat"),
                           .from = IR_SHAPE_F32X4, .n = 4},
    [IR_OPER_TRUNC_SAT_ZERO] = {emit_convert,
                                .intrinsic = BY_SIGN("llvm.fptoui.sat",
                                                     "llvm.fptosi.sat"),
                                .from = IR_SHAPE_F64X2, .n = 2},
    [IR_OPER_CONVERT] = {emit_convert, BY_SIGN(LLVMUIToFP, LLVMSIToFP),
                         .from = IR_SHAPE_I32X4, .n = 4},
    [IR_OPER_CONVERT_LOW] = {emit_convert, BY_SIGN(LLVMUIToFP, LLVMSIToFP),
                             .from = IR_SHAPE_I32X4, .n = 2},
    [IR_OPER_RELAXED_SWIZZLE] = {emit_relaxed_swizzle},
    [IR_OPER_RELAXED_TRUNC] = {emit_relaxed_trunc,
                               .intrinsic = BY_SIGN("llvm.fptoui.sat",
                                                    "llvm.fptosi.sat"),
                               .from = IR_SHAPE_F32X4, .n = 4},
    [IR_OPER_RELAXED_TRUNC_ZERO] = {emit_relaxed_trunc,
                                    .intrinsic = BY_SIGN("llvm.fptoui.sat",
                                                         "llvm.fptosi.sat"),
                                    .from = IR_SHAPE_F64X2, .n = 2},
    [IR_OPER_RELAXED_MADD] = {emit_relaxed_madd},
    [IR_OPER_RELAXED_NMADD] = {emit_relaxed_madd, .high = true},
    [IR_OPER_RELAXED_LANESELECT] = {emit_relaxed_laneselect},
    [IR_OPER_RELAXED_MIN] = {emit_relaxed_minmax},
    [IR_OPER_RELAXED_MAX] = {emit_relaxed_minmax, .high = true},
    [IR_OPER_RELAXED_Q15MULR] = {emit_relaxed_q15mulr},
    [IR_OPER_RELAXED_DOT] = {emit_relaxed_dot},
    [IR_OPER_RELAXED_DOT_ADD] = {emit_relaxed_dot_add},
};

/* Integer lanes; arithmetic wraps. */
static const vec_rule int_rules[IR_OPER_COUNT] = {
    [IR_OPER_ADD] = {emit_binary, {LLVMAdd}},
    [IR_OPER_SUB] = {emit_binary, {LLVMSub}},
    [IR_OPER_MUL] = {emit_binary, {LLVMMul}},
    [IR_OPER_ADD_SAT] = {emit_intrinsic2,
                         .intrinsic =
                             BY_SIGN("llvm.uadd.sat", "llvm.sadd.sat")},
    [IR_OPER_SUB_SAT] = {emit_intrinsic2,
                         .intrinsic =
                             BY_SIGN("llvm.usub.sat", "llvm.ssub.sat")},
    [IR_OPER_MIN] = {emit_intrinsic2,
                     .intrinsic = BY_SIGN("llvm.umin", "llvm.smin")},
    [IR_OPER_MAX] = {emit_intrinsic2,
                     .intrinsic = BY_SIGN("llvm.umax", "llvm.smax")},
    [IR_OPER_POPCNT] = {emit_intrinsic1, .intrinsic = {"llvm.ctpop"}},
    [IR_OPER_SHL] = {emit_shift, {LLVMShl}},
    [IR_OPER_SHR] = {emit_shift, BY_SIGN(LLVMLShr, LLVMAShr)},
    [IR_OPER_NEG] = {emit_neg},
    [IR_OPER_ABS] = {emit_abs},
    [IR_OPER_AVGR] = {emit_avgr},
    [IR_OPER_Q15MULR_SAT] = {emit_q15mulr},
    [IR_OPER_ALL_TRUE] = {emit_all_true},
    [IR_OPER_BITMASK] = {emit_bitmask},
    [IR_OPER_NARROW] = {emit_narrow},
    [IR_OPER_EXTEND_LOW] = {emit_extend},
    [IR_OPER_EXTEND_HIGH] = {emit_extend, .high = true},
    [IR_OPER_EXTMUL_LOW] = {emit_extmul},
    [IR_OPER_EXTMUL_HIGH] = {emit_extmul, .high = true},
    [IR_OPER_EXTADD_PAIRWISE] = {emit_extadd},
    [IR_OPER_DOT] = {emit_dot},
};

/* Float lanes.  NaN results are whatever the hardware makes, which Wasm
 * allows (spec 4.3.3, nondeterminism); min and max propagate NaN and
 * order -0 below +0, as llvm.minimum does. */
static const vec_rule float_rules[IR_OPER_COUNT] = {
    [IR_OPER_ADD] = {emit_binary, {LLVMFAdd}},
    [IR_OPER_SUB] = {emit_binary, {LLVMFSub}},
    [IR_OPER_MUL] = {emit_binary, {LLVMFMul}},
    [IR_OPER_DIV] = {emit_binary, {LLVMFDiv}},
    [IR_OPER_MIN] = {emit_minmax},
    [IR_OPER_MAX] = {emit_minmax, .high = true},
    [IR_OPER_PMIN] = {emit_pseudo_minmax},
    [IR_OPER_PMAX] = {emit_pseudo_minmax, .high = true},
    [IR_OPER_CEIL] = {emit_rounding},
    [IR_OPER_FLOOR] = {emit_rounding},
    [IR_OPER_TRUNC] = {emit_rounding},
    [IR_OPER_NEAREST] = {emit_rounding},
    [IR_OPER_ABS] = {emit_intrinsic1, .intrinsic = {"llvm.fabs"}},
    [IR_OPER_SQRT] = {emit_intrinsic1, .intrinsic = {"llvm.sqrt"}},
    [IR_OPER_NEG] = {emit_neg},
};

/* The rule for a row: by its memory access, then by its operation, for
 * any shape or for its kind of lanes. */
static const vec_rule *rule_for(const ir_opcode_info *info)
{
	const vec_rule *r;
	switch (info->mem) {
	case IR_MEM_LOAD: r = &load_rules[info->oper]; break;
	case IR_MEM_STORE: r = &store_rules[info->oper]; break;
	case IR_MEM_NONE:
		r = &any_rules[info->oper];
		if (!r->emit)
			r = ir_shapes[info->shape].is_float
			        ? &float_rules[info->oper]
			        : &int_rules[info->oper];
		break;
	default: return NULL;
	}
	return r->emit ? r : NULL;
}

bool cg_simd_lowers(const ir_opcode_info *info)
{
	return rule_for(info) != NULL;
}

void cg_simd(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const ir_opcode_info *info = &ir_opcodes[in->op];
	vec_op v = {in, rule_for(info), shape_from((ir_shape)info->shape),
	            info->sign == IR_SIGN_S};
	W2N_ASSERT(v.r);
	v.r->emit(cx, fx, &v);
}
