/*
 * opcodes.h - the opcode enum and per-opcode facts, generated from
 * opcodes.def.
 */
#ifndef W2N_OPCODES_H
#define W2N_OPCODES_H

#include <stdint.h>

typedef enum ir_opcode {
#define W2N_OP(name, text, code, imm, params, results, width) OP_##name,
#define W2N_OP_FC W2N_OP
#define W2N_OP_FD W2N_OP
#include "opcodes.def"
#undef W2N_OP
#undef W2N_OP_FC
#undef W2N_OP_FD
	OP_COUNT,
	OP_INVALID = 0xFFFF
} ir_opcode;

/* Layout of an instruction's immediates in the binary and in ir_instr. */
typedef enum ir_imm_kind {
	IMM_NONE,
	IMM_BLOCK,     /* block type */
	IMM_INDEX,     /* one u32 index */
	IMM_INDEX2,    /* two u32 indices */
	IMM_BR_TABLE,  /* vec(labelidx) labelidx */
	IMM_MEMARG,    /* align, offset */
	IMM_MEMARG_LANE,
	IMM_LANE,      /* one lane byte */
	IMM_SHUFFLE,   /* 16 lane bytes */
	IMM_I32,
	IMM_I64,
	IMM_F32,
	IMM_F64,
	IMM_V128,
	IMM_REFTYPE,   /* ref.null t */
	IMM_SELECT_T,  /* vec(valtype), length 1 in Wasm 2.0 */
	IMM_MEM0,      /* a reserved 0x00 byte (memory index 0) */
	IMM_DATA_MEM0, /* dataidx, then a reserved 0x00 byte */
	IMM_MEM0_MEM0, /* two reserved 0x00 bytes */
} ir_imm_kind;

typedef struct ir_opcode_info {
	const char *name;    /* text format name */
	uint8_t prefix;      /* 0, 0xFC or 0xFD */
	uint32_t code;       /* byte, or the u32 after the prefix */
	uint8_t imm;         /* ir_imm_kind */
	const char *params;  /* operand types, "ilfdv" letters; "!" special */
	const char *results;
	uint8_t width;       /* access or lane width in bytes */
} ir_opcode_info;

extern const ir_opcode_info ir_opcodes[OP_COUNT];

/* Opcode for a single byte, a 0xFC or 0xFD sub-opcode; OP_INVALID when
 * the encoding is not an instruction. */
ir_opcode ir_opcode_lookup(uint8_t prefix, uint32_t code);

#endif
