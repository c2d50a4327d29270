/*
 * opcodes.c - opcode tables generated from opcodes.def.
 */
#include "opcodes.h"

const ir_opcode_info ir_opcodes[OP_COUNT] = {
#define W2N_OP(name, text, code, imm, params, results, width) \
	[OP_##name] = {text, 0, code, IMM_##imm, params, results, width},
#define W2N_OP_FC(name, text, code, imm, params, results, width) \
	[OP_##name] = {text, 0xFC, code, IMM_##imm, params, results, width},
#define W2N_OP_FD(name, text, code, imm, params, results, width) \
	[OP_##name] = {text, 0xFD, code, IMM_##imm, params, results, width},
#include "opcodes.def"
#undef W2N_OP
#undef W2N_OP_FC
#undef W2N_OP_FD
};

/* Decode tables hold opcode + 1 so that zero means "no instruction". */
#define IGNORE(name, text, code, imm, params, results, width)
#define ENTRY(name, text, code, imm, params, results, width) \
	[code] = OP_##name + 1,

static const uint16_t single_byte[256] = {
#define W2N_OP ENTRY
#define W2N_OP_FC IGNORE
#define W2N_OP_FD IGNORE
#include "opcodes.def"
#undef W2N_OP
#undef W2N_OP_FC
#undef W2N_OP_FD
};

static const uint16_t prefix_fc[32] = {
#define W2N_OP IGNORE
#define W2N_OP_FC ENTRY
#define W2N_OP_FD IGNORE
#include "opcodes.def"
#undef W2N_OP
#undef W2N_OP_FC
#undef W2N_OP_FD
};

static const uint16_t prefix_fd[256] = {
#define W2N_OP IGNORE
#define W2N_OP_FC IGNORE
#define W2N_OP_FD ENTRY
#include "opcodes.def"
#undef W2N_OP
#undef W2N_OP_FC
#undef W2N_OP_FD
};

static ir_opcode from_table(const uint16_t *table, uint32_t size,
                            uint32_t code)
{
	return code < size && table[code] ? (ir_opcode)(table[code] - 1)
	                                  : OP_INVALID;
}

ir_opcode ir_opcode_lookup(uint8_t prefix, uint32_t code)
{
	switch (prefix) {
	case 0:
		return from_table(single_byte, 256, code);
	case 0xFC:
		return from_table(prefix_fc, 32, code);
	case 0xFD:
		return from_table(prefix_fd, 256, code);
	default:
		return OP_INVALID;
	}
}
