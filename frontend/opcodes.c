/*
 * opcodes.c - opcode tables generated from opcodes.def, and the facts of
 * the vocabularies its columns use.
 */
#include "opcodes.h"

/* `_` in a column of opcodes.def: none. */
#define IR_OPER__ IR_OPER_NONE
#define IR_SHAPE__ IR_SHAPE_NONE
#define IR_SIGN__ IR_SIGN_NONE
#define IR_MEM__ IR_MEM_NONE

#define ROW(prefix, name, text, code, imm, params, results, family, oper,      \
            shape, sign, mem, width)                                           \
	[OP_##name] = {text,                                                   \
	               prefix,                                                 \
	               code,                                                   \
	               IMM_##imm,                                              \
	               params,                                                 \
	               results,                                                \
	               IR_FAMILY_##family,                                     \
	               IR_OPER_##oper,                                         \
	               IR_SHAPE_##shape,                                       \
	               IR_SIGN_##sign,                                         \
	               IR_MEM_##mem,                                           \
	               width},

const ir_opcode_info ir_opcodes[OP_COUNT] = {
#define W2N_OP(...) ROW(0, __VA_ARGS__)
#define W2N_OP_FC(...) ROW(0xFC, __VA_ARGS__)
#define W2N_OP_FD(...) ROW(0xFD, __VA_ARGS__)
#define W2N_OP_FE(...) ROW(0xFE, __VA_ARGS__)
#include "opcodes.def"
#undef W2N_OP
#undef W2N_OP_FC
#undef W2N_OP_FD
#undef W2N_OP_FE
};

const ir_shape_info ir_shapes[IR_SHAPE_COUNT] = {
    [IR_SHAPE_NONE] = {"", 0, 0, false},
    [IR_SHAPE_V128] = {"v128", 1, 128, false},
    [IR_SHAPE_I8X16] = {"i8x16", 16, 8, false},
    [IR_SHAPE_I16X8] = {"i16x8", 8, 16, false},
    [IR_SHAPE_I32X4] = {"i32x4", 4, 32, false},
    [IR_SHAPE_I64X2] = {"i64x2", 2, 64, false},
    [IR_SHAPE_F32X4] = {"f32x4", 4, 32, true},
    [IR_SHAPE_F64X2] = {"f64x2", 2, 64, true},
};

bool ir_mem_uses_data(ir_mem_kind k)
{
	return k == IR_MEM_INIT || k == IR_MEM_DATA_DROP;
}

bool ir_mem_uses_memory(ir_mem_kind k)
{
	return k != IR_MEM_NONE && k != IR_MEM_DATA_DROP;
}

bool ir_mem_accesses(ir_mem_kind k)
{
	return k == IR_MEM_LOAD || k == IR_MEM_STORE || k == IR_MEM_RMW ||
	       k == IR_MEM_WAIT || k == IR_MEM_NOTIFY;
}

/* The decode table holds opcode + 1 so that zero means "no
 * instruction". */
/* One table for every encoding: single bytes, then the sub-opcodes of
 * each prefix from its base.  0xFD codes run to 0x113 (the last relaxed
 * SIMD instruction), 0xFE codes to 0x4E (the last cmpxchg). */
enum {
	FC_BASE = 256,
	FC_CODES = 32,
	FD_BASE = FC_BASE + FC_CODES,
	FD_CODES = 0x114,
	FE_BASE = FD_BASE + FD_CODES,
	FE_CODES = 0x4F,
	ALL_CODES = FE_BASE + FE_CODES,
};

static const uint16_t by_code[ALL_CODES] = {
#define W2N_OP(name, text, code, ...) [code] = OP_##name + 1,
#define W2N_OP_FC(name, text, code, ...) [FC_BASE + code] = OP_##name + 1,
#define W2N_OP_FD(name, text, code, ...) [FD_BASE + code] = OP_##name + 1,
#define W2N_OP_FE(name, text, code, ...) [FE_BASE + code] = OP_##name + 1,
#include "opcodes.def"
#undef W2N_OP
#undef W2N_OP_FC
#undef W2N_OP_FD
#undef W2N_OP_FE
};

static ir_opcode from_table(const uint16_t *table, uint32_t size, uint32_t code)
{
	return code < size && table[code] ? (ir_opcode)(table[code] - 1)
	                                  : OP_INVALID;
}

ir_opcode ir_opcode_lookup(uint8_t prefix, uint32_t code)
{
	switch (prefix) {
	case 0: return from_table(by_code, 256, code);
	case 0xFC: return from_table(by_code + FC_BASE, FC_CODES, code);
	case 0xFD: return from_table(by_code + FD_BASE, FD_CODES, code);
	case 0xFE: return from_table(by_code + FE_BASE, FE_CODES, code);
	default: return OP_INVALID;
	}
}
