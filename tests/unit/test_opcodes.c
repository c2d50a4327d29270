/*
 * test_opcodes.c - the rows of frontend/opcodes.def agree with each other
 * and with code generation.  Every row must decode back to itself, have a
 * family whose codegen emitter (and, for the table-driven families, rule)
 * lowers it, and columns consistent with its immediates and types: vector
 * rows a shape, memory accesses a width that fits their value, narrow
 * accesses an extension or a wrap, atomic read-modify-writes what they
 * store, lane instructions a shape with lanes,
 * _s and _u names a SIGN.  A row added without the columns its kind of
 * instruction needs fails here.
 */
#include <string.h>

#include "../check.h"
#include "codegen.h"

/* Bytes of the value type of a PARAMS/RESULTS letter. */
static unsigned letter_bytes(char c)
{
	switch (c) {
	case 'i':
	case 'f': return 4;
	case 'l':
	case 'd': return 8;
	case 'v': return 16;
	}
	return 0;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

/* The vocabularies: every value in range, shapes 128 bits wide. */
static void check_row_ranges(const ir_opcode_info *info)
{
	CHECK(info->name && info->name[0]);
	CHECK(info->family < IR_FAMILY_COUNT);
	CHECK(info->oper < IR_OPER_COUNT);
	CHECK(info->shape < IR_SHAPE_COUNT);
	CHECK(info->sign <= IR_SIGN_U);
	CHECK(info->mem <= IR_MEM_NOTIFY);
	CHECK(strcmp(info->params, "!") == 0 ||
	      strspn(info->params, "ilfdva") == strlen(info->params));
	CHECK(strcmp(info->results, "!") == 0 ||
	      strspn(info->results, "ilfdva") == strlen(info->results));
}

/* The text name's _s / _u (at the end or before a _zero) is the SIGN. */
static void check_sign(const ir_opcode_info *info)
{
	bool s = ends_with(info->name, "_s") || strstr(info->name, "_s_");
	bool u = ends_with(info->name, "_u") || strstr(info->name, "_u_");
	CHECK_EQ(info->sign, s ? IR_SIGN_S : u ? IR_SIGN_U : IR_SIGN_NONE);
}

/* Vector rows, and only they, are 0xFD-prefixed and have a shape, the
 * one their name starts with (v128.* loads and stores name their lanes
 * in the operation). */
static void check_shape(const ir_opcode_info *info)
{
	bool vector = info->family == IR_FAMILY_VECTOR;
	CHECK_EQ(vector, info->prefix == 0xFD);
	CHECK_EQ(vector, info->shape != IR_SHAPE_NONE);
	if (!vector || info->shape == IR_SHAPE_NONE)
		return;
	const char *shape = ir_shapes[info->shape].name;
	size_t n = strlen(shape);
	bool named = strncmp(info->name, shape, n) == 0 && info->name[n] == '.';
	CHECK(named || strncmp(info->name, "v128.", 5) == 0);
	ir_imm_kind imm = (ir_imm_kind)info->imm;
	if (imm == IMM_LANE || imm == IMM_MEMARG_LANE)
		CHECK(ir_shapes[info->shape].lanes > 1 &&
		      (info->oper == IR_OPER_EXTRACT_LANE ||
		       info->oper == IR_OPER_REPLACE_LANE));
}

/* An atomic read-modify-write (RMW) says what it stores, and zero-extends
 * (U) what it returns when narrower than its value. */
static void check_rmw(const ir_opcode_info *info, unsigned size)
{
	CHECK(info->oper == IR_OPER_ADD || info->oper == IR_OPER_SUB ||
	      info->oper == IR_OPER_AND || info->oper == IR_OPER_OR ||
	      info->oper == IR_OPER_XOR || info->oper == IR_OPER_XCHG ||
	      info->oper == IR_OPER_CMPXCHG);
	CHECK_EQ(info->sign, info->width < size ? IR_SIGN_U : IR_SIGN_NONE);
	CHECK_EQ(strlen(info->params), info->oper == IR_OPER_CMPXCHG ? 3u : 2u);
}

/* A scalar access narrower than its value extends (load) or wraps
 * (store); one of the whole value does neither. */
static void check_scalar_access(const ir_opcode_info *info, unsigned size)
{
	bool load = info->mem == IR_MEM_LOAD;
	if (info->mem == IR_MEM_RMW) {
		check_rmw(info, size);
	} else if (info->mem == IR_MEM_WAIT || info->mem == IR_MEM_NOTIFY) {
		CHECK_EQ(info->oper, IR_OPER_NONE);
	} else if (info->width == size) {
		CHECK_EQ(info->oper, IR_OPER_NONE);
		CHECK_EQ(info->sign, IR_SIGN_NONE);
	} else if (load) {
		CHECK_EQ(info->oper, IR_OPER_EXTEND);
		CHECK(info->sign != IR_SIGN_NONE);
	} else {
		CHECK_EQ(info->oper, IR_OPER_WRAP);
	}
}

/* A vector access: whole, or lanes of its shape's width; an extending
 * load reads half a vector of lanes half as wide as its shape's. */
static void check_vector_access(const ir_opcode_info *info)
{
	const ir_shape_info *s = &ir_shapes[info->shape];
	switch (info->oper) {
	case IR_OPER_NONE: CHECK_EQ(info->width, 16); break;
	case IR_OPER_EXTEND:
		CHECK_EQ(info->width, 8);
		CHECK_EQ(s->lanes * s->lane_bits / 2, 64);
		CHECK(info->sign != IR_SIGN_NONE);
		break;
	default: /* SPLAT, ZERO, REPLACE_LANE, EXTRACT_LANE */
		CHECK_EQ(info->width * 8u, s->lane_bits);
		break;
	}
}

/* Accesses (loads, stores, atomic RMW, wait, notify), and only they,
 * take a memarg and have a width: a power of two no larger than the value
 * they load or store (wait: the value waited for, its operand 2). */
static void check_access(const ir_opcode_info *info)
{
	ir_imm_kind imm = (ir_imm_kind)info->imm;
	bool memarg = imm == IMM_MEMARG || imm == IMM_MEMARG_LANE;
	bool access = ir_mem_accesses((ir_mem_kind)info->mem);
	CHECK_EQ(memarg, access);
	if (!access)
		return;
	bool store = info->mem == IR_MEM_STORE;
	CHECK_EQ(info->params[0], 'a'); /* the address */
	CHECK_EQ(strlen(info->results), store ? 0u : 1u);
	char value = info->mem == IR_MEM_WAIT ? info->params[2]
	             : store ? info->params[strlen(info->params) - 1]
	                     : info->results[0];
	unsigned size = letter_bytes(value);
	CHECK(info->width && !(info->width & (info->width - 1)) &&
	      info->width <= size);
	if (info->family == IR_FAMILY_VECTOR)
		check_vector_access(info);
	else
		check_scalar_access(info, size);
}

/* Which columns a family needs: an operation where instructions
 * compute, a memory kind for memory ones, neither elsewhere but TAIL for
 * the tail calls (return_call...).  WIDTH is for accesses, and
 * sign-extension operators (the bytes they extend). */
static void check_family_columns(const ir_opcode_info *info)
{
	bool memory = info->family == IR_FAMILY_MEMORY;
	bool vector = info->family == IR_FAMILY_VECTOR;
	bool atomic = info->family == IR_FAMILY_ATOMIC;
	bool computes = info->family == IR_FAMILY_NUMERIC ||
	                info->family == IR_FAMILY_CONVERT || vector;
	bool access = ir_mem_accesses((ir_mem_kind)info->mem);
	/* Atomic rows, and only they, are 0xFE-prefixed; all access
	 * memory but atomic.fence. */
	CHECK_EQ(atomic, info->prefix == 0xFE);
	if (memory)
		CHECK(info->mem != IR_MEM_NONE);
	else if (atomic)
		CHECK_EQ(info->mem == IR_MEM_NONE, info->code == 0x03);
	else if (!vector)
		CHECK_EQ(info->mem, IR_MEM_NONE);
	bool rmw = info->mem == IR_MEM_RMW;
	if (computes && info->mem == IR_MEM_NONE)
		CHECK(info->oper != IR_OPER_NONE);
	bool tail = strncmp(info->name, "return_call", 11) == 0;
	CHECK_EQ(info->oper == IR_OPER_TAIL,
	         tail && info->family == IR_FAMILY_CALL);
	if (!computes && !memory && !tail && !rmw &&
	    !(atomic && info->oper == IR_OPER_EXTEND) &&
	    !(atomic && info->oper == IR_OPER_WRAP))
		CHECK_EQ(info->oper, IR_OPER_NONE);
	unsigned operand = letter_bytes(info->params[0]);
	if (info->family == IR_FAMILY_NUMERIC && info->oper == IR_OPER_EXTEND)
		CHECK(info->width && info->width < operand);
	else if (!access)
		CHECK_EQ(info->width, 0);
}

static void check_row(uint16_t op)
{
	const ir_opcode_info *info = &ir_opcodes[op];
	check_context(info->name);
	check_row_ranges(info);
	CHECK_EQ(ir_opcode_lookup(info->prefix, info->code), op);
	CHECK(cg_lowers(op));
	check_sign(info);
	check_shape(info);
	check_access(info);
	check_family_columns(info);
}

static void check_shapes(void)
{
	check_context("shapes");
	for (unsigned s = IR_SHAPE_V128; s < IR_SHAPE_COUNT; s++)
		CHECK_EQ(ir_shapes[s].lanes * ir_shapes[s].lane_bits, 128);
}

int main(void)
{
	check_shapes();
	for (uint16_t op = 0; op < OP_COUNT; op++)
		check_row(op);
	return check_report("test_opcodes");
}
