/*
 * opcodes.h - the opcode enum and per-opcode facts, generated from
 * opcodes.def, and the vocabularies its columns draw on: instruction
 * families, operations, lane shapes, signedness and memory access kinds.
 * Later stages read an opcode's facts from its row (ir_opcodes[op]), never
 * from its place in opcodes.def or from its text name.
 */
#ifndef W2N_OPCODES_H
#define W2N_OPCODES_H

#include <stdbool.h>
#include <stdint.h>

typedef enum ir_opcode {
#define W2N_OP(name, text, code, imm, params, results, family, oper, shape,    \
               sign, mem, width)                                               \
	OP_##name,
#define W2N_OP_FC W2N_OP
#define W2N_OP_FD W2N_OP
#define W2N_OP_FE W2N_OP
#include "opcodes.def"
#undef W2N_OP
#undef W2N_OP_FC
#undef W2N_OP_FD
#undef W2N_OP_FE
	OP_COUNT,
	OP_INVALID = 0xFFFF
} ir_opcode;

/* Layout of an instruction's immediates in the binary and in ir_instr. */
typedef enum ir_imm_kind {
	IMM_NONE,
	IMM_BLOCK,     /* block type */
	IMM_TRY_TABLE, /* block type, vec(catch) (imm.block) */
	IMM_INDEX,     /* one u32 index */
	IMM_INDEX2,    /* two u32 indices */
	IMM_BR_TABLE,  /* vec(labelidx) labelidx */
	IMM_MEMARG,    /* align, offset */
	IMM_MEMARG_LANE,
	IMM_LANE,    /* one lane byte */
	IMM_SHUFFLE, /* 16 lane bytes */
	IMM_I32,
	IMM_I64,
	IMM_F32,
	IMM_F64,
	IMM_V128,
	IMM_REFTYPE,     /* ref.null ht: a heap type */
	IMM_SELECT_T,    /* vec(valtype), length 1 in Wasm 2.0 */
	IMM_MEMIDX,      /* a memory index (imm.memory) */
	IMM_DATA_MEMIDX, /* dataidx, then a memory index (imm.index2) */
	IMM_MEMIDX2,     /* destination and source memory (imm.index2) */
	IMM_ZERO,        /* a reserved 0x00 byte (atomic.fence) */
} ir_imm_kind;

/*
 * FAMILY: which kind of instruction an opcode is, the unit that code
 * generation dispatches on (one handler per family).
 */
typedef enum ir_family {
	IR_FAMILY_CONTROL,    /* blocks, branches, return, unreachable, nop */
	IR_FAMILY_CALL,       /* direct and indirect calls */
	IR_FAMILY_PARAMETRIC, /* drop, select */
	IR_FAMILY_VARIABLE,   /* locals and globals */
	IR_FAMILY_REFERENCE,  /* ref.null, ref.is_null, ref.func */
	IR_FAMILY_TABLE,      /* table.*, elem.drop */
	IR_FAMILY_MEMORY,     /* scalar loads and stores, memory.*, data.drop */
	IR_FAMILY_NUMERIC,    /* scalar constants, tests, comparisons,
	                       * arithmetic */
	IR_FAMILY_CONVERT,    /* scalar conversions between value types */
	IR_FAMILY_VECTOR,     /* every 0xFD-prefixed instruction */
	IR_FAMILY_ATOMIC,     /* every 0xFE-prefixed instruction (threads) */
	IR_FAMILY_EXCEPTION,  /* throw, throw_ref, try_table and the legacy
	                       * try, catch, catch_all, delegate, rethrow */
	IR_FAMILY_COUNT
} ir_family;

/*
 * OPER: what an instruction computes, named after the spec's operators.
 * One operation serves every type and shape it applies to (i32.add,
 * f64.add and i8x16.add are all ADD); signedness is the SIGN column, not
 * part of the name.  A family reads only the operations it has rows for.
 */
typedef enum ir_operation {
	IR_OPER_NONE,
	/* Constants, tests and comparisons */
	IR_OPER_CONST,
	IR_OPER_EQZ,
	IR_OPER_EQ,
	IR_OPER_NE,
	IR_OPER_LT,
	IR_OPER_GT,
	IR_OPER_LE,
	IR_OPER_GE,
	/* Integer and bitwise arithmetic */
	IR_OPER_CLZ,
	IR_OPER_CTZ,
	IR_OPER_POPCNT,
	IR_OPER_ADD,
	IR_OPER_SUB,
	IR_OPER_MUL,
	IR_OPER_DIV,
	IR_OPER_REM,
	IR_OPER_AND,
	IR_OPER_OR,
	IR_OPER_XOR,
	IR_OPER_SHL,
	IR_OPER_SHR,
	IR_OPER_ROTL,
	IR_OPER_ROTR,
	IR_OPER_NOT,
	IR_OPER_ANDNOT,
	IR_OPER_BITSELECT,
	/* Float arithmetic; TRUNC is the rounding here and the float to
	 * integer conversion in the CONVERT family */
	IR_OPER_ABS,
	IR_OPER_NEG,
	IR_OPER_CEIL,
	IR_OPER_FLOOR,
	IR_OPER_TRUNC,
	IR_OPER_NEAREST,
	IR_OPER_SQRT,
	IR_OPER_MIN,
	IR_OPER_MAX,
	IR_OPER_COPYSIGN,
	IR_OPER_PMIN,
	IR_OPER_PMAX,
	/* Width and type changes: EXTEND widens by sign or zero extension
	 * (a conversion, a sign-extension operator, a narrow load), WRAP
	 * keeps the low bits (a conversion, a narrow store) */
	IR_OPER_WRAP,
	IR_OPER_EXTEND,
	IR_OPER_TRUNC_SAT,
	IR_OPER_CONVERT,
	IR_OPER_DEMOTE,
	IR_OPER_PROMOTE,
	IR_OPER_REINTERPRET,
	/* Lanes: building vectors, reading and writing one lane; ZERO puts
	 * a loaded value in lane 0 of a zero vector */
	IR_OPER_SPLAT,
	IR_OPER_SHUFFLE,
	IR_OPER_SWIZZLE,
	IR_OPER_EXTRACT_LANE,
	IR_OPER_REPLACE_LANE,
	IR_OPER_ZERO,
	/* Vector reductions and lane-wise operations */
	IR_OPER_ANY_TRUE,
	IR_OPER_ALL_TRUE,
	IR_OPER_BITMASK,
	IR_OPER_NARROW,
	IR_OPER_EXTEND_LOW,
	IR_OPER_EXTEND_HIGH,
	IR_OPER_ADD_SAT,
	IR_OPER_SUB_SAT,
	IR_OPER_AVGR,
	IR_OPER_Q15MULR_SAT,
	IR_OPER_EXTADD_PAIRWISE,
	IR_OPER_EXTMUL_LOW,
	IR_OPER_EXTMUL_HIGH,
	IR_OPER_DOT,
	/* Vector conversions: _ZERO fills the upper half of the result with
	 * zeros, _LOW reads the lower half of the operand */
	IR_OPER_DEMOTE_ZERO,
	IR_OPER_PROMOTE_LOW,
	IR_OPER_TRUNC_SAT_ZERO,
	IR_OPER_CONVERT_LOW,
	/* Relaxed SIMD (Wasm 3.0), each the relaxed form of an operation
	 * above whose result on some inputs the target chooses (spec 4.3.4):
	 * TRUNC and TRUNC_ZERO of TRUNC_SAT(_ZERO), MADD and NMADD of a
	 * multiply then add (fused or not), LANESELECT of BITSELECT, Q15MULR
	 * of Q15MULR_SAT, DOT and DOT_ADD the i8 x i7 dot products */
	IR_OPER_RELAXED_SWIZZLE,
	IR_OPER_RELAXED_TRUNC,
	IR_OPER_RELAXED_TRUNC_ZERO,
	IR_OPER_RELAXED_MADD,
	IR_OPER_RELAXED_NMADD,
	IR_OPER_RELAXED_LANESELECT,
	IR_OPER_RELAXED_MIN,
	IR_OPER_RELAXED_MAX,
	IR_OPER_RELAXED_Q15MULR,
	IR_OPER_RELAXED_DOT,
	IR_OPER_RELAXED_DOT_ADD,
	/* Atomic read-modify-writes: XCHG stores the operand, CMPXCHG the
	 * replacement when memory holds the expected value (ADD... as
	 * above); each returns the old value */
	IR_OPER_XCHG,
	IR_OPER_CMPXCHG,
	/* Calls: TAIL is a call whose callee replaces the caller's frame
	 * and returns to the caller's caller (return_call*) */
	IR_OPER_TAIL,
	IR_OPER_COUNT
} ir_operation;

/* SHAPE: the lanes a vector instruction reads its v128 operands and
 * result as (for conversions, the result); V128 when it has no lanes. */
typedef enum ir_shape {
	IR_SHAPE_NONE,
	IR_SHAPE_V128,
	IR_SHAPE_I8X16,
	IR_SHAPE_I16X8,
	IR_SHAPE_I32X4,
	IR_SHAPE_I64X2,
	IR_SHAPE_F32X4,
	IR_SHAPE_F64X2,
	IR_SHAPE_COUNT
} ir_shape;

typedef struct ir_shape_info {
	const char *name; /* as the text format spells it, "i16x8" */
	uint8_t lanes;    /* 16 * 8 / lane_bits */
	uint8_t lane_bits;
	bool is_float;
} ir_shape_info;

extern const ir_shape_info ir_shapes[IR_SHAPE_COUNT];

/* SIGN: how an operation reads integers, the _s and _u of the spec. */
typedef enum ir_sign {
	IR_SIGN_NONE,
	IR_SIGN_S,
	IR_SIGN_U,
} ir_sign;

/*
 * MEM: how an instruction uses linear memory or data segments.  It is the
 * one classification of memory instructions: the decoder (the data count
 * rule), the validator (memory, data and alignment rules) and codegen all
 * read it.
 */
typedef enum ir_mem_kind {
	IR_MEM_NONE,      /* not a memory instruction */
	IR_MEM_LOAD,      /* reads WIDTH bytes at a memarg */
	IR_MEM_STORE,     /* writes WIDTH bytes at a memarg */
	IR_MEM_SIZE,      /* memory.size */
	IR_MEM_GROW,      /* memory.grow */
	IR_MEM_FILL,      /* memory.fill */
	IR_MEM_COPY,      /* memory.copy */
	IR_MEM_INIT,      /* memory.init: a data segment into memory */
	IR_MEM_DATA_DROP, /* data.drop: a data segment, no memory */
	IR_MEM_RMW,       /* atomic read-modify-write of WIDTH bytes */
	IR_MEM_WAIT,      /* memory.atomic.wait32/64 */
	IR_MEM_NOTIFY,    /* memory.atomic.notify */
} ir_mem_kind;

typedef struct ir_opcode_info {
	const char *name;   /* text format name */
	uint8_t prefix;     /* 0, 0xFC, 0xFD or 0xFE */
	uint32_t code;      /* byte, or the u32 after the prefix */
	uint8_t imm;        /* ir_imm_kind */
	const char *params; /* operand types, "ilfdv" letters; "!" special */
	const char *results;
	uint8_t family; /* ir_family */
	uint8_t oper;   /* ir_operation */
	uint8_t shape;  /* ir_shape */
	uint8_t sign;   /* ir_sign */
	uint8_t mem;    /* ir_mem_kind */
	uint8_t width;  /* bytes accessed; bits extended from / 8 */
} ir_opcode_info;

extern const ir_opcode_info ir_opcodes[OP_COUNT];

/* Opcode for a single byte, a 0xFC, 0xFD or 0xFE sub-opcode; OP_INVALID when
 * the encoding is not an instruction. */
ir_opcode ir_opcode_lookup(uint8_t prefix, uint32_t code);

/* Whether instructions of memory kind `k` name a data segment
 * (memory.init, data.drop) and whether they need a memory (all but
 * data.drop). */
bool ir_mem_uses_data(ir_mem_kind k);
bool ir_mem_uses_memory(ir_mem_kind k);
/* Whether instructions of memory kind `k` take a memarg and access WIDTH
 * bytes at it (loads, stores, RMW, wait, notify). */
bool ir_mem_accesses(ir_mem_kind k);

#endif
