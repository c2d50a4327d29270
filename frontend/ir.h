/*
 * ir.h - the validated module IR: the one structure that crosses from
 * frontend/ to codegen/.
 *
 * The decoder (decode.c) builds an ir_module from bytes; the validator
 * (validate.c) checks it against the spec's validation rules and never
 * changes it.  Everything lives in the module's arena and is freed by
 * ir_module_free().  Index spaces are flattened as in the spec: imported
 * functions, tables, memories and globals come first, in import order.
 * Function bodies are stored decoded (one ir_instr per instruction, with its
 * immediates and byte offset), so no later stage reads Wasm bytes again.
 * docs/ir.md describes the IR in prose.
 */
#ifndef W2N_IR_H
#define W2N_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "opcodes.h"

/*
 * Value types (spec 2.3.4).  An ir_valtype is a 32-bit code: a number or
 * vector type is its binary encoding (IR_I32 ... IR_V128).  A reference
 * type has in its low byte the abstract heap type its values belong to
 * (IR_FUNCREF's 0x70 for functions, IR_EXTERNREF's 0x6F for external
 * references), IR_REF_NONNULL when it excludes null, and IR_REF_TYPED
 * with a type index in the bits from IR_REF_INDEX_SHIFT when its heap
 * type is a defined function type.  So IR_FUNCREF is (ref null func),
 * IR_FUNCREF | IR_REF_NONNULL is (ref func) and (ref $t) is
 * IR_FUNCREF | IR_REF_NONNULL | IR_REF_TYPED | t << IR_REF_INDEX_SHIFT.
 * Two reference types are equivalent when they are equal after mapping
 * type indices through ir_module.type_canon (ir_valtype_sub).
 */
typedef uint32_t ir_valtype;
enum {
	IR_I32 = 0x7F,
	IR_I64 = 0x7E,
	IR_F32 = 0x7D,
	IR_F64 = 0x7C,
	IR_V128 = 0x7B,
	IR_FUNCREF = 0x70,
	IR_EXTERNREF = 0x6F,
	IR_EXNREF = 0x69, /* exception handling's (ref null exn) */
	IR_REF_NONNULL = 0x100,
	IR_REF_TYPED = 0x200,
	IR_REF_INDEX_SHIFT = 10,
};
/* Type indices a reference type can carry: every index below this. */
#define IR_REF_INDEX_LIMIT (1u << (32 - IR_REF_INDEX_SHIFT))

/* External kinds, as encoded in import and export descriptors. */
typedef enum ir_extern_kind {
	IR_EXTERN_FUNC = 0,
	IR_EXTERN_TABLE = 1,
	IR_EXTERN_MEMORY = 2,
	IR_EXTERN_GLOBAL = 3,
	IR_EXTERN_TAG = 4,
} ir_extern_kind;

/* A name as it appears in the binary: UTF-8 (checked), not NUL-terminated
 * in the input, but copied with a terminating NUL into the arena. */
typedef struct ir_name {
	const char *str;
	uint32_t len;
} ir_name;

typedef struct ir_functype {
	uint32_t nparams, nresults;
	const ir_valtype *params;
	const ir_valtype *results;
} ir_functype;

/* Limits of a table (elements) or memory (64 KiB pages).  `addr64`: the
 * address type is i64 (memory64, table64; limits flag bit 2), so that
 * addresses, indices and sizes of the memory or table are i64.
 * `shared`: a shared memory (threads; flag bit 1), which every thread's
 * instance may import and which must have a maximum. */
typedef struct ir_limits {
	uint64_t min;
	uint64_t max;
	bool has_max;
	bool shared;
	bool addr64;
} ir_limits;

typedef struct ir_tabletype {
	ir_valtype elem; /* a reference type */
	ir_limits limits;
} ir_tabletype;

typedef struct ir_globaltype {
	ir_valtype type;
	bool mutable_;
} ir_globaltype;

/*
 * A block's type (spec 3.2.8), resolved by the decoder from the immediate
 * (empty, one value type or a type index): the block's parameters and
 * results.  A type index the module does not define resolves to no types
 * with `unknown` set; the validator rejects it ("unknown type").
 */
/* A catch clause of try_table (spec 3.0, 5.4.1): catch $tag $label,
 * catch_ref, catch_all, catch_all_ref; `tag` only for the first two. */
typedef enum ir_catch_kind {
	IR_CATCH = 0,
	IR_CATCH_REF = 1,
	IR_CATCH_ALL = 2,
	IR_CATCH_ALL_REF = 3,
} ir_catch_kind;
typedef struct ir_catch {
	uint8_t kind; /* ir_catch_kind */
	uint32_t tag, label;
} ir_catch;

typedef struct ir_blocktype {
	ir_functype type;       /* parameters and results */
	bool unknown;           /* an undefined type index ... */
	uint32_t unknown_index; /* ... this one */
	/* try_table: its catch clauses, in order (a record of its own);
	 * none for other blocks. */
	uint32_t ncatches;
	const ir_catch *catches;
} ir_blocktype;

/*
 * One decoded instruction.  `op` says which member of `imm` is meaningful;
 * opcodes.def names the immediate kind of every opcode.
 */
typedef struct ir_instr {
	uint16_t op;     /* ir_opcode */
	uint32_t offset; /* byte offset of the opcode in the input file */
	union {
		/* IMM_BLOCK (block, loop, if, try, try_table): the resolved
		 * block type (with try_table's catch clauses), and the
		 * indices (within the function's code) of the matching
		 * `else` (if any, else equal to end; a legacy try's first
		 * catch or catch_all) and `end` (or a try's delegate). */
		struct {
			const ir_blocktype *type;
			uint32_t else_index;
			uint32_t end_index;
		} block;
		/* IMM_INDEX: label depth, function, local, global, table,
		 * elem, data or type index.  Also, filled in by the decoder
		 * for `else` and `end` (which have no immediates in the
		 * binary): the index of the instruction that opened the
		 * block, or UINT32_MAX for the end of the function body. */
		uint32_t index;
		/* IMM_INDEX2: call_indirect (a = type, b = table),
		 * table.copy (a = dst, b = src), table.init (a = elem,
		 * b = table).  IMM_MEMIDX2: memory.copy (a = dst, b = src
		 * memory).  IMM_DATA_MEMIDX: memory.init (a = data,
		 * b = memory). */
		struct {
			uint32_t a, b;
		} index2;
		/* IMM_BR_TABLE: `count` label depths followed by the default,
		 * so labels has count + 1 entries. */
		struct {
			uint32_t count;
			const uint32_t *labels;
		} br_table;
		/* IMM_MEMARG and IMM_MEMARG_LANE: the offset is a u64 in
		 * the binary (below 2^32 for a memory of address type i32,
		 * which the validator checks); the alignment exponent is
		 * below 64 (the flags' low 6 bits). */
		struct {
			uint64_t offset;
			uint32_t memory;
			uint8_t align_log2;
			uint8_t lane;
		} mem;
		/* IMM_LANE (extract/replace lane). */
		uint8_t lane;
		/* IMM_SHUFFLE: 16 lane indices. */
		uint8_t shuffle[16];
		/* IMM_I32, IMM_I64, IMM_F32, IMM_F64 (floats as raw bits, so
		 * NaN payloads survive), IMM_V128 (16 bytes, little-endian). */
		int32_t i32;
		int64_t i64;
		uint32_t f32_bits;
		uint64_t f64_bits;
		uint8_t v128[16];
		/* IMM_REFTYPE (ref.null ht): the type of the null, the
		 * nullable reference type (ref null ht). */
		ir_valtype type;
		/* IMM_SELECT_T: how many types the binary lists (valid only
		 * when 1) and the first of them. */
		struct {
			uint32_t count;
			ir_valtype type;
		} select;
		/* IMM_MEMIDX (memory.size, memory.grow, memory.fill). */
		uint32_t memory;
	} imm;
} ir_instr;

/* A constant expression: instructions up to (not including) the final end.
 * Wasm 2.0 allows exactly one of *.const, ref.null, ref.func, global.get. */
typedef struct ir_constexpr {
	const ir_instr *code;
	uint32_t ncode;
	uint32_t offset; /* byte offset of the expression */
} ir_constexpr;

typedef struct ir_import {
	ir_name module, name;
	ir_extern_kind kind;
	uint32_t index; /* index in the index space of its kind */
	uint32_t offset;
	union {
		uint32_t func_type; /* IR_EXTERN_FUNC: type index */
		ir_tabletype table;
		ir_limits memory;
		ir_globaltype global;
		uint32_t tag_type; /* IR_EXTERN_TAG: type index */
	} desc;
} ir_import;

/* The name of one local (parameters first) from the name section. */
typedef struct ir_local_name {
	uint32_t index;
	ir_name name;
} ir_local_name;

typedef struct ir_func {
	uint32_t type_index;
	uint32_t type_offset; /* where the type index is in the input */
	bool imported;
	uint32_t import_index; /* when imported */
	/* Declared locals (not parameters): the type of each. */
	uint32_t nlocals;
	const ir_valtype *locals;
	/* Body, when not imported: every instruction including the final
	 * `end`.  ncode >= 1. */
	const ir_instr *code;
	uint32_t ncode;
	uint32_t body_offset;  /* offset of the body's size field */
	uint32_t max_depth;    /* deepest block nesting, for codegen stacks */
	bool tail_calls;       /* the body has a tail call (return_call...) */
	uint32_t legacy_tries; /* how many legacy `try` the body has */
	ir_name name;          /* from the name section; len 0 when absent */
	/* Named locals, by increasing index (only those the name section
	 * names). */
	uint32_t nlocal_names;
	const ir_local_name *local_names;
} ir_func;

typedef struct ir_table {
	ir_tabletype type;
	bool imported;
	uint32_t import_index;
	uint32_t offset; /* of its import or definition in the input */
	/* A defined table's initial element (the table type's 0x40 0x00
	 * form); without one, elements start null. */
	bool has_init;
	ir_constexpr init;
	/* Facts the decoder notes for codegen: an export names the table;
	 * a table.grow of some function names it. */
	bool exported, grown;
} ir_table;

typedef struct ir_memory {
	ir_limits limits; /* in 64 KiB pages */
	bool imported;
	uint32_t import_index;
	uint32_t offset; /* of its import or definition in the input */
} ir_memory;

typedef struct ir_global {
	ir_globaltype type;
	bool imported;
	uint32_t import_index;
	ir_constexpr init; /* when not imported */
	uint32_t offset;   /* of its import or definition in the input */
} ir_global;

/* A tag (exception handling): the index of a function type with no
 * results, whose parameters are the exception's values. */
typedef struct ir_tag {
	uint32_t type_index;
	bool imported;
	uint32_t import_index;
	uint32_t offset; /* of its import or definition in the input */
} ir_tag;

typedef struct ir_export {
	ir_name name;
	ir_extern_kind kind;
	uint32_t index;
	uint32_t offset;
} ir_export;

typedef enum ir_segment_mode {
	IR_SEG_ACTIVE,
	IR_SEG_PASSIVE,
	IR_SEG_DECLARATIVE, /* element segments only */
} ir_segment_mode;

typedef struct ir_elem {
	ir_segment_mode mode;
	ir_valtype type;     /* a reference type; (ref func) for the
	                      * encodings that list function indices */
	uint32_t table;      /* active only */
	ir_constexpr offset; /* active only */
	uint32_t nitems;
	const ir_constexpr *items; /* each ref.func, ref.null or global.get */
	uint32_t pos;
} ir_elem;

typedef struct ir_data {
	ir_segment_mode mode;
	uint32_t memory;     /* active only */
	ir_constexpr offset; /* active only */
	const uint8_t *bytes;
	uint32_t len;
	uint32_t pos;
} ir_data;

typedef struct ir_custom {
	ir_name name;
	const uint8_t *bytes;
	uint32_t len;
	uint32_t offset;
} ir_custom;

typedef struct ir_module {
	w2n_arena arena;

	uint32_t ntypes;
	ir_functype *types;
	const uint32_t *type_offsets; /* where each is defined in the input */
	/* type_canon[i]: the least index of a type equivalent to type i
	 * (spec 3.0, "Type Equivalence": without recursion groups, each
	 * function type is a group of its own and types compare
	 * structurally), so that two type indices denote equivalent types
	 * exactly when their entries are equal (frontend/types.c). */
	const uint32_t *type_canon;
	/* types[i] as a block type, for the blocks whose immediate is type
	 * index i. */
	ir_blocktype *blocktypes;

	uint32_t nimports;
	ir_import *imports;

	uint32_t nfuncs, nfunc_imports;
	ir_func *funcs;

	uint32_t ntables, ntable_imports;
	ir_table *tables;

	uint32_t nmemories, nmemory_imports;
	ir_memory *memories;

	uint32_t nglobals, nglobal_imports;
	ir_global *globals;

	uint32_t ntags, ntag_imports;
	ir_tag *tags;

	uint32_t nexports;
	ir_export *exports;

	bool has_start;
	uint32_t start;
	uint32_t start_offset;

	uint32_t nelems;
	ir_elem *elems;

	bool has_data_count;
	uint32_t data_count;
	uint32_t ndatas;
	ir_data *datas;

	uint32_t ncustoms;
	ir_custom *customs;

	ir_name name; /* module name from the name section, if any */
	/* Where the code section's contents start in the input (0: no code
	 * section): Wasm DWARF addresses count from there. */
	uint32_t code_start;
} ir_module;

/*
 * The source-language line table of a module built with debug info
 * (ir_source_lines_read): rows sorted by the input offset they start at,
 * each holding until the next; a row of line 0 ends a sequence (no
 * source there).  Files are paths as the producer recorded them.
 */
typedef struct ir_source_row {
	uint32_t offset; /* byte offset in the input */
	uint32_t file;   /* index in files; UINT32_MAX: none */
	uint32_t line, column;
} ir_source_row;

typedef struct ir_source_lines {
	w2n_arena arena; /* joined paths */
	const char **files;
	uint32_t nfiles;
	ir_source_row *rows;
	uint32_t nrows, rows_cap;
} ir_source_lines;

/* Frees everything the module owns.  Accepts NULL. */
void ir_module_free(ir_module *m);

/* The function type of function `func` (imported or defined). */
const ir_functype *ir_func_type(const ir_module *m, uint32_t func);

/* Type of local `index` of defined function `f` (parameters first). */
ir_valtype ir_local_type(const ir_module *m, const ir_func *f, uint32_t index);

/* Reference types: whether `t` is one, its nullability, whether its heap
 * type is a type index and which. */
static inline bool ir_valtype_is_ref(ir_valtype t)
{
	return (t & 0xFF) == IR_FUNCREF || (t & 0xFF) == IR_EXTERNREF ||
	       (t & 0xFF) == IR_EXNREF;
}
static inline bool ir_valtype_nullable(ir_valtype t)
{
	return !(t & IR_REF_NONNULL);
}
static inline bool ir_valtype_typed(ir_valtype t)
{
	return (t & IR_REF_TYPED) != 0;
}
static inline uint32_t ir_valtype_index(ir_valtype t)
{
	return t >> IR_REF_INDEX_SHIFT;
}
/* (ref null $t) and (ref $t). */
static inline ir_valtype ir_valtype_ref(uint32_t type_index, bool nullable)
{
	return IR_FUNCREF | IR_REF_TYPED | type_index << IR_REF_INDEX_SHIFT |
	       (nullable ? 0 : IR_REF_NONNULL);
}

/* Whether `a` is a subtype of `b` (spec 3.0, "Matching" of value types):
 * equal number and vector types; for references, (ref ht) <: (ref null
 * ht), (ref null $t) <: (ref null func), and equivalent type indices
 * (type_canon). */
bool ir_valtype_sub(const ir_module *m, ir_valtype a, ir_valtype b);

/* Whether a value of type `t` has a default (spec 3.0, "Defaultable
 * Types"): every type but a non-nullable reference. */
static inline bool ir_valtype_defaultable(ir_valtype t)
{
	return !ir_valtype_is_ref(t) || ir_valtype_nullable(t);
}

/* Text name of a value type: "i32", "funcref", "externref", "(ref func)",
 * "(ref null 3)" (a heap type index as a number), written to `buf`. */
enum { IR_VALTYPE_NAME_MAX = 32 };
const char *ir_valtype_name(ir_valtype t, char buf[IR_VALTYPE_NAME_MAX]);
/* The address type of a memory or table of these limits: IR_I64 for
 * memory64 and table64, else IR_I32. */
ir_valtype ir_addr_type(const ir_limits *l);

/* The memory a memory instruction (MEM column not NONE or DATA_DROP)
 * accesses; memory.copy's destination (its source is imm.index2.b). */
uint32_t ir_instr_memory(const ir_instr *in);

/* The value type of a letter of the PARAMS and RESULTS columns of
 * opcodes.def: i = i32, l = i64, f = f32, d = f64, v = v128. */
ir_valtype ir_letter_type(char c);

#endif
