/*
 * cg_simd.c - fixed-width SIMD (spec 4.3.x vector numerics, 4.4.3) through
 * LLVM vector types.
 *
 * Input: one 0xFD-prefixed instruction, with v128 operands on the value
 * stack as <4 x i32> (cx->t_v128).  Output: its results pushed, v128
 * results again as <4 x i32>.  An operation bitcasts its operands to the
 * vector type of its lane shape (<16 x i8> ... <2 x double>) and its result
 * back.  Every target is little-endian, as Wasm is, so these bitcasts put
 * byte 0 of a v128 in lane 0 of every shape.
 *
 * The families are told apart by the sections they occupy in
 * opcodes.def.  Within a family, the lane shape and the operation are read
 * from the opcode's text name ("i16x8.add_sat_s": shape i16x8, operation
 * add_sat_s), so the tables here are keyed by the spec's operation names
 * and there is no second list of opcodes to keep in step with opcodes.def.
 *
 * Float lanes follow Wasm where LLVM does not by itself: results that LLVM
 * may fold or lower so that a signalling NaN survives get their NaN lanes
 * quieted, and a few backend defects are worked around per target
 * (cg_float.c, the quirks of cg_target).
 */
#include <stdlib.h>
#include <string.h>

#include "cg_internal.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* ---- Lane shapes ---- */

typedef struct shape {
	unsigned lanes, bits;
	bool is_float;
} shape;

enum { S_I8X16, S_I16X8, S_I32X4, S_I64X2, S_F32X4, S_F64X2, S_COUNT };

static const struct {
	const char *name;
	shape s;
} shapes[S_COUNT] = {
	[S_I8X16] = {"i8x16", {16, 8, false}},
	[S_I16X8] = {"i16x8", {8, 16, false}},
	[S_I32X4] = {"i32x4", {4, 32, false}},
	[S_I64X2] = {"i64x2", {2, 64, false}},
	[S_F32X4] = {"f32x4", {4, 32, true}},
	[S_F64X2] = {"f64x2", {2, 64, true}},
};

/* The shape an opcode's name starts with; i32x4 for "v128.". */
static shape shape_of(uint16_t op)
{
	const char *name = ir_opcodes[op].name;
	for (unsigned i = 0; i < S_COUNT; i++)
		if (strncmp(name, shapes[i].name, 5) == 0 && name[5] == '.')
			return shapes[i].s;
	return shapes[S_I32X4].s;
}

/* The operation: the opcode's name after the shape. */
static const char *op_name(uint16_t op)
{
	const char *dot = strchr(ir_opcodes[op].name, '.');
	W2N_ASSERT(dot);
	return dot + 1;
}

/* Signed variants end in _s (the operands are read as signed). */
static bool is_signed(uint16_t op)
{
	const char *name = ir_opcodes[op].name;
	size_t n = strlen(name);
	return n > 2 && strcmp(name + n - 2, "_s") == 0;
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

static LLVMValueRef extend(cg_ctx *cx, LLVMValueRef v, LLVMTypeRef t,
                           bool sgn)
{
	return sgn ? LLVMBuildSExt(cx->b, v, t, "")
	           : LLVMBuildZExt(cx->b, v, t, "");
}

/* A call of an intrinsic overloaded on its result and operand types. */
static LLVMValueRef cast_intrinsic(cg_ctx *cx, const char *name,
                               LLVMTypeRef result, LLVMValueRef x)
{
	LLVMTypeRef tys[] = {result, LLVMTypeOf(x)};
	unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(cx->mod, id, tys, 2);
	LLVMTypeRef ft = LLVMIntrinsicGetType(cx->ctx, id, tys, 2);
	return LLVMBuildCall2(cx->b, ft, fn, &x, 1, "");
}

/* ---- Loads and stores (spec 4.4.7) ---- */

/* The access's address; its size is the opcode's width (opcodes.def). */
static LLVMValueRef access(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                           LLVMValueRef addr)
{
	return cg_memory_address(cx, fx, addr, in->imm.mem.offset,
	                         ir_opcodes[in->op].width);
}

/* v128.loadMxN_s/u: N lanes of M bits (64 in all), each extended. */
static LLVMValueRef load_extend(cg_ctx *cx, const ir_instr *in,
                                LLVMValueRef p)
{
	const char *m = op_name(in->op) + strlen("load");
	unsigned bits = (unsigned)strtoul(m, NULL, 10);
	W2N_ASSERT(bits == 8 || bits == 16 || bits == 32);
	shape narrow = {64 / bits, bits, false};
	shape wide = {64 / bits, bits * 2, false};
	LLVMValueRef v = cg_load_memory(cx, vec_type(cx, narrow), p);
	return extend(cx, v, vec_type(cx, wide), is_signed(in->op));
}

/* Loads producing a v128: whole, extended, splat, or into lane 0 of
 * zeros. */
static void emit_load(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMValueRef p = access(cx, fx, in, cg_pop(fx));
	unsigned bits = ir_opcodes[in->op].width * 8u;
	shape s = {128 / bits, bits, false};
	uint16_t op = in->op;
	if (op == OP_V128_LOAD) {
		cg_push(fx, cg_load_memory(cx, cx->t_v128, p));
	} else if (op >= OP_V128_LOAD8X8_S && op <= OP_V128_LOAD32X2_U) {
		push_v128(cx, fx, load_extend(cx, in, p));
	} else if (op >= OP_V128_LOAD8_SPLAT && op <= OP_V128_LOAD64_SPLAT) {
		LLVMValueRef x = cg_load_memory(cx, lane_type(cx, s), p);
		push_v128(cx, fx, splat(cx, x, s.lanes));
	} else { /* v128.load32_zero, v128.load64_zero */
		LLVMValueRef x = cg_load_memory(cx, lane_type(cx, s), p);
		LLVMValueRef zero = LLVMConstNull(vec_type(cx, s));
		push_v128(cx, fx, LLVMBuildInsertElement(cx->b, zero, x,
		                                         cg_i32(cx, 0), ""));
	}
}

/* v128.loadN_lane and v128.storeN_lane: operands address, vector. */
static void emit_lane_access(cg_ctx *cx, cg_func *fx, const ir_instr *in,
                             bool store)
{
	unsigned bits = ir_opcodes[in->op].width * 8u;
	shape s = {128 / bits, bits, false};
	LLVMValueRef v = pop_as(cx, fx, s);
	LLVMValueRef p = access(cx, fx, in, cg_pop(fx));
	LLVMValueRef lane = cg_i32(cx, in->imm.mem.lane);
	if (store) {
		cg_store_memory(cx, LLVMBuildExtractElement(cx->b, v, lane, ""),
		                p);
	} else {
		LLVMValueRef x = cg_load_memory(cx, lane_type(cx, s), p);
		v = LLVMBuildInsertElement(cx->b, v, x, lane, "");
		push_v128(cx, fx, v);
	}
}

static void emit_memory(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	uint16_t op = in->op;
	if (op == OP_V128_STORE) {
		LLVMValueRef v = cg_pop(fx);
		cg_store_memory(cx, v, access(cx, fx, in, cg_pop(fx)));
	} else if (op >= OP_V128_LOAD8_LANE && op <= OP_V128_LOAD64_LANE) {
		emit_lane_access(cx, fx, in, false);
	} else if (op >= OP_V128_STORE8_LANE && op <= OP_V128_STORE64_LANE) {
		emit_lane_access(cx, fx, in, true);
	} else {
		emit_load(cx, fx, in);
	}
}

/* ---- Constant, shuffle, swizzle, splat ---- */

static void emit_const(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMValueRef bytes[16];
	for (unsigned i = 0; i < 16; i++)
		bytes[i] = LLVMConstInt(cx->t_i8, in->imm.v128[i], false);
	cg_push(fx, LLVMConstBitCast(LLVMConstVector(bytes, 16), cx->t_v128));
}

/* Lane i of the result is lane shuffle[i] of a ++ b (indices < 32, as
 * validated). */
static void emit_shuffle(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	shape s = shapes[S_I8X16].s;
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	LLVMValueRef mask[16];
	for (unsigned i = 0; i < 16; i++)
		mask[i] = cg_i32(cx, in->imm.shuffle[i]);
	LLVMValueRef mask_v = LLVMConstVector(mask, 16);
	push_v128(cx, fx, LLVMBuildShuffleVector(cx->b, a, b, mask_v, ""));
}

/*
 * Lane i of the result is a[s[i]], or 0 when s[i] >= 16.  LLVM has no
 * generic variable shuffle: gather lanes at s[i] & 15 (always in range, as
 * extractelement needs) and zero the out-of-range ones with a select.
 * Backends match this gather to a table lookup (pshufb, tbl) if they can.
 */
static void emit_swizzle(cg_ctx *cx, cg_func *fx)
{
	shape s = shapes[S_I8X16].s;
	LLVMValueRef idx = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	LLVMValueRef in_range = LLVMBuildICmp(cx->b, LLVMIntULT, idx,
	                                      const_splat(cx, s, 16), "");
	LLVMValueRef safe = LLVMBuildAnd(cx->b, idx, const_splat(cx, s, 15),
	                                 "");
	LLVMValueRef r = LLVMGetPoison(vec_type(cx, s));
	for (unsigned i = 0; i < 16; i++) {
		LLVMValueRef k = LLVMBuildExtractElement(cx->b, safe,
		                                         cg_i32(cx, i), "");
		LLVMValueRef x = LLVMBuildExtractElement(cx->b, a, k, "");
		r = LLVMBuildInsertElement(cx->b, r, x, cg_i32(cx, i), "");
	}
	push_v128(cx, fx, LLVMBuildSelect(cx->b, in_range, r,
	                                  LLVMConstNull(vec_type(cx, s)), ""));
}

static void emit_construct(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	switch (in->op) {
	case OP_V128_CONST:
		emit_const(cx, fx, in);
		return;
	case OP_I8X16_SHUFFLE:
		emit_shuffle(cx, fx, in);
		return;
	case OP_I8X16_SWIZZLE:
		emit_swizzle(cx, fx);
		return;
	default: { /* splat */
		shape s = shape_of(in->op);
		LLVMValueRef x = to_lane(cx, cg_pop(fx), s);
		push_v128(cx, fx, splat(cx, x, s.lanes));
		return;
	}
	}
}

/* ---- Lane access ---- */

/* extract_lane (_s/_u extend i8 and i16 lanes to i32) and replace_lane. */
static void emit_lane(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	shape s = shape_of(in->op);
	LLVMValueRef lane = cg_i32(cx, in->imm.lane);
	if (ir_opcodes[in->op].results[0] == 'v') {
		LLVMValueRef x = to_lane(cx, cg_pop(fx), s);
		LLVMValueRef v = pop_as(cx, fx, s);
		v = LLVMBuildInsertElement(cx->b, v, x, lane, "");
		push_v128(cx, fx, v);
		return;
	}
	LLVMValueRef v = pop_as(cx, fx, s);
	LLVMValueRef x = LLVMBuildExtractElement(cx->b, v, lane, "");
	if (!s.is_float && s.bits < 32)
		x = extend(cx, x, cx->t_i32, is_signed(in->op));
	cg_push(fx, x);
}

/* ---- Comparisons: all-ones lanes where true, zero where false ---- */

static const struct {
	const char *name;
	LLVMIntPredicate pred;
} int_preds[] = {
	{"eq", LLVMIntEQ}, {"ne", LLVMIntNE},
	{"lt_s", LLVMIntSLT}, {"lt_u", LLVMIntULT},
	{"gt_s", LLVMIntSGT}, {"gt_u", LLVMIntUGT},
	{"le_s", LLVMIntSLE}, {"le_u", LLVMIntULE},
	{"ge_s", LLVMIntSGE}, {"ge_u", LLVMIntUGE},
};

/* Ordered comparisons are false on NaN; ne is the one unordered one. */
static const struct {
	const char *name;
	LLVMRealPredicate pred;
} float_preds[] = {
	{"eq", LLVMRealOEQ}, {"ne", LLVMRealUNE}, {"lt", LLVMRealOLT},
	{"gt", LLVMRealOGT}, {"le", LLVMRealOLE}, {"ge", LLVMRealOGE},
};

static LLVMValueRef compare(cg_ctx *cx, shape s, const char *name,
                            LLVMValueRef a, LLVMValueRef b)
{
	if (s.is_float) {
		for (size_t i = 0; i < COUNT(float_preds); i++)
			if (strcmp(float_preds[i].name, name) == 0)
				return LLVMBuildFCmp(cx->b, float_preds[i].pred,
				                     a, b, "");
	} else {
		for (size_t i = 0; i < COUNT(int_preds); i++)
			if (strcmp(int_preds[i].name, name) == 0)
				return LLVMBuildICmp(cx->b, int_preds[i].pred,
				                     a, b, "");
	}
	W2N_UNREACHABLE();
}

static void emit_compare(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	shape s = shape_of(in->op);
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	LLVMValueRef c = compare(cx, s, op_name(in->op), a, b);
	push_v128(cx, fx,
	          LLVMBuildSExt(cx->b, c, vec_type(cx, int_shape(s)), ""));
}

/* ---- Bitwise ---- */

static void emit_bitwise(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	LLVMBuilderRef b = cx->b;
	if (in->op == OP_V128_ANY_TRUE) {
		LLVMTypeRef i128 = LLVMIntTypeInContext(cx->ctx, 128);
		LLVMValueRef v = LLVMBuildBitCast(b, cg_pop(fx), i128, "");
		push_bool(cx, fx, LLVMBuildIsNotNull(b, v, ""));
		return;
	}
	if (in->op == OP_V128_NOT) {
		cg_push(fx, LLVMBuildNot(b, cg_pop(fx), ""));
		return;
	}
	if (in->op == OP_V128_BITSELECT) {
		/* Bits of v1 where c is 1, of v2 where c is 0. */
		LLVMValueRef c = cg_pop(fx), v2 = cg_pop(fx), v1 = cg_pop(fx);
		LLVMValueRef not_c = LLVMBuildNot(b, c, "");
		LLVMValueRef t = LLVMBuildAnd(b, v1, c, "");
		LLVMValueRef f = LLVMBuildAnd(b, v2, not_c, "");
		cg_push(fx, LLVMBuildOr(b, t, f, ""));
		return;
	}
	LLVMValueRef y = cg_pop(fx), x = cg_pop(fx);
	switch (in->op) {
	case OP_V128_AND: cg_push(fx, LLVMBuildAnd(b, x, y, "")); return;
	case OP_V128_OR: cg_push(fx, LLVMBuildOr(b, x, y, "")); return;
	case OP_V128_XOR: cg_push(fx, LLVMBuildXor(b, x, y, "")); return;
	case OP_V128_ANDNOT:
		cg_push(fx, LLVMBuildAnd(b, x, LLVMBuildNot(b, y, ""), ""));
		return;
	default: W2N_UNREACHABLE();
	}
}

/* ---- Lane-wise integer and float operations ---- */

typedef struct op_rule op_rule;

/* Pops the operands, read as shape s, and pushes the result; sgn says
 * whether the operation's name ends in _s. */
typedef void op_emitter(cg_ctx *cx, cg_func *fx, const op_rule *r,
                        shape s, bool sgn);

struct op_rule {
	const char *name;      /* the operation; a prefix if it ends in _ */
	op_emitter *emit;
	LLVMOpcode opcode;     /* emit_binary, emit_shift */
	const char *intrinsic; /* emit_intrinsic1, emit_intrinsic2 */
	bool high;             /* emit_extend, emit_extmul: upper half */
};


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

static void emit_binary(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                        bool sgn)
{
	(void)sgn;
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	LLVMValueRef v = LLVMBuildBinOp(cx->b, r->opcode, a, b, "");
	if (s.is_float && (has_identity_lane(a, s) || has_identity_lane(b, s)))
		v = cg_quiet_nan(cx, v);
	push_v128(cx, fx, v);
}

static void emit_intrinsic1(cg_ctx *cx, cg_func *fx, const op_rule *r,
                            shape s, bool sgn)
{
	(void)sgn;
	LLVMValueRef a = pop_as(cx, fx, s);
	push_v128(cx, fx, cg_intrinsic(cx, r->intrinsic, vec_type(cx, s), &a,
	                               1));
}

static void emit_intrinsic2(cg_ctx *cx, cg_func *fx, const op_rule *r,
                            shape s, bool sgn)
{
	(void)sgn;
	LLVMValueRef args[2];
	args[1] = pop_as(cx, fx, s);
	args[0] = pop_as(cx, fx, s);
	push_v128(cx, fx, cg_intrinsic(cx, r->intrinsic, vec_type(cx, s), args,
	                               2));
}

/* Integer negation wraps; float negation flips the sign bit, NaN too. */
static void emit_neg(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                     bool sgn)
{
	(void)r, (void)sgn;
	LLVMValueRef a = pop_as(cx, fx, s);
	push_v128(cx, fx, s.is_float ? LLVMBuildFNeg(cx->b, a, "")
	                             : LLVMBuildNeg(cx->b, a, ""));
}

/* Integer abs wraps: the minimum lane value stays as it is, so the
 * intrinsic must not treat it as poison. */
static void emit_abs(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                     bool sgn)
{
	(void)r, (void)sgn;
	LLVMValueRef args[] = {pop_as(cx, fx, s),
	                       LLVMConstInt(cx->t_i1, 0, false)};
	push_v128(cx, fx, cg_intrinsic(cx, "llvm.abs", vec_type(cx, s), args,
	                               2));
}

/* ---- Float lanes: pmin/pmax, rounding, min/max ---- */

/* pmin is b < a ? b : a and pmax a < b ? b : a (spec 4.3.3): with a NaN
 * operand the result is a, bit for bit, unlike min/max. */
static void emit_pseudo_minmax(cg_ctx *cx, cg_func *fx, shape s, bool max)
{
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	LLVMValueRef lt = max ? LLVMBuildFCmp(cx->b, LLVMRealOLT, a, b, "")
	                      : LLVMBuildFCmp(cx->b, LLVMRealOLT, b, a, "");
	push_v128(cx, fx, LLVMBuildSelect(cx->b, lt, b, a, ""));
}

static void emit_pmin(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                      bool sgn)
{
	(void)r, (void)sgn;
	emit_pseudo_minmax(cx, fx, s, false);
}

static void emit_pmax(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                      bool sgn)
{
	(void)r, (void)sgn;
	emit_pseudo_minmax(cx, fx, s, true);
}

/* ceil, floor, trunc, nearest: with Wasm's NaN rules on every target. */
static void emit_rounding(cg_ctx *cx, cg_func *fx, const op_rule *r,
                          shape s, bool sgn)
{
	(void)sgn;
	push_v128(cx, fx, cg_float_round(cx, r->intrinsic, pop_as(cx, fx, s)));
}

static void emit_minmax(cg_ctx *cx, cg_func *fx, shape s, bool max)
{
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	push_v128(cx, fx, cg_float_minmax(cx, a, b, max));
}

static void emit_min(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                     bool sgn)
{
	(void)r, (void)sgn;
	emit_minmax(cx, fx, s, false);
}

static void emit_max(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                     bool sgn)
{
	(void)r, (void)sgn;
	emit_minmax(cx, fx, s, true);
}

/* ---- Integer lanes: shifts, averages, saturation, widening ---- */

/* The shift count is taken modulo the lane width. */
static void emit_shift(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                       bool sgn)
{
	(void)sgn;
	LLVMValueRef n = cg_pop(fx);
	LLVMValueRef a = pop_as(cx, fx, s);
	n = LLVMBuildAnd(cx->b, n, cg_i32(cx, s.bits - 1), "");
	n = LLVMBuildZExtOrBitCast(cx->b, to_lane(cx, n, s), lane_type(cx, s),
	                           "");
	n = splat(cx, n, s.lanes);
	push_v128(cx, fx, LLVMBuildBinOp(cx->b, r->opcode, a, n, ""));
}

/* Rounding average: (a + b + 1) / 2 without overflow, in wider lanes. */
static void emit_avgr(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                      bool sgn)
{
	(void)r, (void)sgn;
	shape w = {s.lanes, s.bits * 2, false};
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	a = LLVMBuildZExt(cx->b, a, vec_type(cx, w), "");
	b = LLVMBuildZExt(cx->b, b, vec_type(cx, w), "");
	LLVMValueRef one = const_splat(cx, w, 1);
	LLVMValueRef sum = LLVMBuildAdd(cx->b, LLVMBuildAdd(cx->b, a, b, ""),
	                                one, "");
	sum = LLVMBuildLShr(cx->b, sum, one, "");
	push_v128(cx, fx, LLVMBuildTrunc(cx->b, sum, vec_type(cx, s), ""));
}

/*
 * (a * b + 2^14) >> 15 in 32-bit lanes, saturated to i16.  Only
 * -32768 * -32768 exceeds the range (giving 32768), and nothing falls
 * below it, so one smin saturates.
 */
static void emit_q15mulr(cg_ctx *cx, cg_func *fx, const op_rule *r,
                         shape s, bool sgn)
{
	(void)r, (void)sgn;
	shape w = {s.lanes, 32, false};
	LLVMTypeRef wide = vec_type(cx, w);
	LLVMValueRef b = pop_as(cx, fx, s), a = pop_as(cx, fx, s);
	LLVMValueRef p = LLVMBuildMul(cx->b, LLVMBuildSExt(cx->b, a, wide, ""),
	                              LLVMBuildSExt(cx->b, b, wide, ""), "");
	p = LLVMBuildAdd(cx->b, p, const_splat(cx, w, 0x4000), "");
	p = LLVMBuildAShr(cx->b, p, const_splat(cx, w, 15), "");
	LLVMValueRef args[] = {p, const_splat(cx, w, 0x7FFF)};
	p = cg_intrinsic(cx, "llvm.smin", wide, args, 2);
	push_v128(cx, fx, LLVMBuildTrunc(cx->b, p, vec_type(cx, s), ""));
}

/* all_true: 1 when no lane is zero. */
static void emit_all_true(cg_ctx *cx, cg_func *fx, const op_rule *r,
                          shape s, bool sgn)
{
	(void)r, (void)sgn;
	LLVMValueRef a = pop_as(cx, fx, s);
	LLVMValueRef nz = LLVMBuildICmp(cx->b, LLVMIntNE, a,
	                                LLVMConstNull(vec_type(cx, s)), "");
	push_bool(cx, fx, cg_intrinsic(cx, "llvm.vector.reduce.and",
	                               LLVMTypeOf(nz), &nz, 1));
}

/* bitmask: bit i of the result is the sign bit of lane i. */
static void emit_bitmask(cg_ctx *cx, cg_func *fx, const op_rule *r,
                         shape s, bool sgn)
{
	(void)r, (void)sgn;
	LLVMValueRef a = pop_as(cx, fx, s);
	LLVMValueRef neg = LLVMBuildICmp(cx->b, LLVMIntSLT, a,
	                                 LLVMConstNull(vec_type(cx, s)), "");
	LLVMTypeRef bits = LLVMIntTypeInContext(cx->ctx, s.lanes);
	LLVMValueRef m = LLVMBuildBitCast(cx->b, neg, bits, "");
	cg_push(fx, LLVMBuildZExt(cx->b, m, cx->t_i32, ""));
}

/* narrow: the lanes of a then b, read as signed and saturated to the
 * narrow lane's signed or unsigned range. */
static void emit_narrow(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                        bool sgn)
{
	(void)r;
	shape src = wider(s), both = {s.lanes, src.bits, false};
	LLVMValueRef b = pop_as(cx, fx, src), a = pop_as(cx, fx, src);
	LLVMValueRef v = pick(cx, a, b, 0, 1, s.lanes);
	uint64_t lo = sgn ? ~0ull << (s.bits - 1) : 0;
	uint64_t hi = sgn ? (1ull << (s.bits - 1)) - 1 : (1ull << s.bits) - 1;
	LLVMValueRef args[] = {v, const_splat(cx, both, lo)};
	v = cg_intrinsic(cx, "llvm.smax", vec_type(cx, both), args, 2);
	args[0] = v;
	args[1] = const_splat(cx, both, hi);
	v = cg_intrinsic(cx, "llvm.smin", vec_type(cx, both), args, 2);
	push_v128(cx, fx, LLVMBuildTrunc(cx->b, v, vec_type(cx, s), ""));
}

/* Lanes first, first + step, ... of v (of shape narrower(s)), extended
 * to shape s. */
static LLVMValueRef widen(cg_ctx *cx, LLVMValueRef v, shape s,
                          unsigned first, unsigned step, bool sgn)
{
	return extend(cx, pick(cx, v, NULL, first, step, s.lanes),
	              vec_type(cx, s), sgn);
}

static void emit_extend(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                        bool sgn)
{
	LLVMValueRef a = pop_as(cx, fx, narrower(s));
	push_v128(cx, fx, widen(cx, a, s, r->high ? s.lanes : 0, 1, sgn));
}

static void emit_extmul(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                        bool sgn)
{
	unsigned first = r->high ? s.lanes : 0;
	LLVMValueRef b = pop_as(cx, fx, narrower(s));
	LLVMValueRef a = pop_as(cx, fx, narrower(s));
	push_v128(cx, fx, LLVMBuildMul(cx->b, widen(cx, a, s, first, 1, sgn),
	                               widen(cx, b, s, first, 1, sgn), ""));
}

/* extadd_pairwise: lane i is a[2i] + a[2i+1], extended first. */
static void emit_extadd(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                        bool sgn)
{
	(void)r;
	LLVMValueRef a = pop_as(cx, fx, narrower(s));
	push_v128(cx, fx, LLVMBuildAdd(cx->b, widen(cx, a, s, 0, 2, sgn),
	                               widen(cx, a, s, 1, 2, sgn), ""));
}

/* dot: lane i is a[2i] * b[2i] + a[2i+1] * b[2i+1], signed, wrapping. */
static void emit_dot(cg_ctx *cx, cg_func *fx, const op_rule *r, shape s,
                     bool sgn)
{
	(void)r;
	LLVMValueRef b = pop_as(cx, fx, narrower(s));
	LLVMValueRef a = pop_as(cx, fx, narrower(s));
	LLVMValueRef even = LLVMBuildMul(cx->b, widen(cx, a, s, 0, 2, sgn),
	                                 widen(cx, b, s, 0, 2, sgn), "");
	LLVMValueRef odd = LLVMBuildMul(cx->b, widen(cx, a, s, 1, 2, sgn),
	                                widen(cx, b, s, 1, 2, sgn), "");
	push_v128(cx, fx, LLVMBuildAdd(cx->b, even, odd, ""));
}

/* Integer operations of every shape; arithmetic wraps. */
static const op_rule int_rules[] = {
	{"add", emit_binary, LLVMAdd, NULL, false},
	{"sub", emit_binary, LLVMSub, NULL, false},
	{"mul", emit_binary, LLVMMul, NULL, false},
	{"add_sat_s", emit_intrinsic2, 0, "llvm.sadd.sat", false},
	{"add_sat_u", emit_intrinsic2, 0, "llvm.uadd.sat", false},
	{"sub_sat_s", emit_intrinsic2, 0, "llvm.ssub.sat", false},
	{"sub_sat_u", emit_intrinsic2, 0, "llvm.usub.sat", false},
	{"min_s", emit_intrinsic2, 0, "llvm.smin", false},
	{"min_u", emit_intrinsic2, 0, "llvm.umin", false},
	{"max_s", emit_intrinsic2, 0, "llvm.smax", false},
	{"max_u", emit_intrinsic2, 0, "llvm.umax", false},
	{"popcnt", emit_intrinsic1, 0, "llvm.ctpop", false},
	{"shl", emit_shift, LLVMShl, NULL, false},
	{"shr_s", emit_shift, LLVMAShr, NULL, false},
	{"shr_u", emit_shift, LLVMLShr, NULL, false},
	{"neg", emit_neg, 0, NULL, false},
	{"abs", emit_abs, 0, NULL, false},
	{"avgr_u", emit_avgr, 0, NULL, false},
	{"q15mulr_sat_s", emit_q15mulr, 0, NULL, false},
	{"all_true", emit_all_true, 0, NULL, false},
	{"bitmask", emit_bitmask, 0, NULL, false},
	{"narrow_", emit_narrow, 0, NULL, false},
	{"extend_low_", emit_extend, 0, NULL, false},
	{"extend_high_", emit_extend, 0, NULL, true},
	{"extmul_low_", emit_extmul, 0, NULL, false},
	{"extmul_high_", emit_extmul, 0, NULL, true},
	{"extadd_pairwise_", emit_extadd, 0, NULL, false},
	{"dot_", emit_dot, 0, NULL, false},
};

/* Float operations of both shapes.  NaN results are whatever the
 * hardware makes, which Wasm allows (spec 4.3.3, nondeterminism); min
 * and max propagate NaN and order -0 below +0, as llvm.minimum does. */
static const op_rule float_rules[] = {
	{"add", emit_binary, LLVMFAdd, NULL, false},
	{"sub", emit_binary, LLVMFSub, NULL, false},
	{"mul", emit_binary, LLVMFMul, NULL, false},
	{"div", emit_binary, LLVMFDiv, NULL, false},
	{"min", emit_min, 0, "llvm.minimum", false},
	{"max", emit_max, 0, "llvm.maximum", false},
	{"pmin", emit_pmin, 0, NULL, false},
	{"pmax", emit_pmax, 0, NULL, false},
	{"ceil", emit_rounding, 0, "llvm.ceil", false},
	{"floor", emit_rounding, 0, "llvm.floor", false},
	{"trunc", emit_rounding, 0, "llvm.trunc", false},
	{"nearest", emit_rounding, 0, "llvm.roundeven", false},
	{"abs", emit_intrinsic1, 0, "llvm.fabs", false},
	{"sqrt", emit_intrinsic1, 0, "llvm.sqrt", false},
	{"neg", emit_neg, 0, NULL, false},
};

static const op_rule *find_rule(const op_rule *rules, size_t n,
                                const char *name)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(rules[i].name);
		bool prefix = rules[i].name[len - 1] == '_';
		if (prefix ? strncmp(name, rules[i].name, len) == 0
		           : strcmp(name, rules[i].name) == 0)
			return &rules[i];
	}
	W2N_UNREACHABLE();
}

static void emit_lanewise(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	shape s = shape_of(in->op);
	const char *name = op_name(in->op);
	const op_rule *r;
	if (s.is_float)
		r = find_rule(float_rules, COUNT(float_rules), name);
	else
		r = find_rule(int_rules, COUNT(int_rules), name);
	r->emit(cx, fx, r, s, is_signed(in->op));
}

/* ---- Conversions between integer and float lanes ---- */

/*
 * Each converts the low `n` lanes of its operand, read as shape `from`,
 * to lanes of shape `to`, and fills the rest of the result with zeros
 * (the _zero variants).  The saturating truncations map NaN to 0 and clamp
 * out-of-range values, as llvm.fpto[su]i.sat do.
 */
typedef struct convert_rule {
	uint16_t op;
	uint8_t from, to, n;   /* shapes (S_*), lanes converted */
	LLVMOpcode cast;       /* an LLVM cast, or 0 when intrinsic is set */
	const char *intrinsic;
} convert_rule;

static const convert_rule convert_rules[] = {
	{OP_F32X4_DEMOTE_F64X2_ZERO, S_F64X2, S_F32X4, 2, LLVMFPTrunc, NULL},
	{OP_F64X2_PROMOTE_LOW_F32X4, S_F32X4, S_F64X2, 2, LLVMFPExt, NULL},
	{OP_I32X4_TRUNC_SAT_F32X4_S, S_F32X4, S_I32X4, 4, 0, "llvm.fptosi.sat"},
	{OP_I32X4_TRUNC_SAT_F32X4_U, S_F32X4, S_I32X4, 4, 0, "llvm.fptoui.sat"},
	{OP_F32X4_CONVERT_I32X4_S, S_I32X4, S_F32X4, 4, LLVMSIToFP, NULL},
	{OP_F32X4_CONVERT_I32X4_U, S_I32X4, S_F32X4, 4, LLVMUIToFP, NULL},
	{OP_I32X4_TRUNC_SAT_F64X2_S_ZERO, S_F64X2, S_I32X4, 2, 0,
	 "llvm.fptosi.sat"},
	{OP_I32X4_TRUNC_SAT_F64X2_U_ZERO, S_F64X2, S_I32X4, 2, 0,
	 "llvm.fptoui.sat"},
	{OP_F64X2_CONVERT_LOW_I32X4_S, S_I32X4, S_F64X2, 2, LLVMSIToFP, NULL},
	{OP_F64X2_CONVERT_LOW_I32X4_U, S_I32X4, S_F64X2, 2, LLVMUIToFP, NULL},
};

/* Whether v is an fpext under bitcasts: LLVM folds demote(promote(x)) to
 * x, keeping a signalling NaN the two conversions would have quieted. */
static bool is_fpext(LLVMValueRef v)
{
	while (LLVMIsABitCastInst(v))
		v = LLVMGetOperand(v, 0);
	return LLVMIsAFPExtInst(v) != NULL;
}

static void emit_convert(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	const convert_rule *r = NULL;
	for (size_t i = 0; i < COUNT(convert_rules) && !r; i++)
		if (convert_rules[i].op == in->op)
			r = &convert_rules[i];
	W2N_ASSERT(r);
	shape from = shapes[r->from].s, to = shapes[r->to].s;
	LLVMValueRef a = pop_as(cx, fx, from);
	if (r->n < from.lanes)
		a = pick(cx, a, NULL, 0, 1, r->n);
	LLVMTypeRef t = LLVMVectorType(lane_type(cx, to), r->n);
	LLVMValueRef v = r->intrinsic ? cast_intrinsic(cx, r->intrinsic, t, a)
	                              : LLVMBuildCast(cx->b, r->cast, a, t, "");
	if (r->cast == LLVMFPTrunc && is_fpext(a))
		v = cg_quiet_nan(cx, v);
	if (r->n < to.lanes)
		v = pick(cx, v, LLVMConstNull(t), 0, 1, to.lanes);
	push_v128(cx, fx, v);
}

/* ---- Dispatch ---- */

/* Each family is a contiguous section of opcodes.def. */
static const struct {
	uint16_t first, last;
	void (*emit)(cg_ctx *cx, cg_func *fx, const ir_instr *in);
} families[] = {
	{OP_V128_LOAD, OP_V128_LOAD64_ZERO, emit_memory},
	{OP_V128_CONST, OP_F64X2_SPLAT, emit_construct},
	{OP_I8X16_EXTRACT_LANE_S, OP_F64X2_REPLACE_LANE, emit_lane},
	{OP_I8X16_EQ, OP_I64X2_GE_S, emit_compare},
	{OP_V128_NOT, OP_V128_ANY_TRUE, emit_bitwise},
	{OP_I8X16_ABS, OP_F64X2_PMAX, emit_lanewise},
	{OP_F32X4_DEMOTE_F64X2_ZERO, OP_F64X2_CONVERT_LOW_I32X4_U,
	 emit_convert},
};

void cg_simd(cg_ctx *cx, cg_func *fx, const ir_instr *in)
{
	for (size_t i = 0; i < COUNT(families); i++)
		if (in->op >= families[i].first && in->op <= families[i].last) {
			families[i].emit(cx, fx, in);
			return;
		}
	W2N_UNREACHABLE();
}
