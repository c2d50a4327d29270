/*
 * test_validate.c - unit tests of the validator (frontend/validate*.c).
 * Every case is a small module around one function body: the standard
 * environment below, with some sections replaced.  A case names the
 * diagnostic it expects and its offset, relative to the start of the body
 * or of a section's contents, so that the expected offsets stay true
 * however the rest of the module is laid out.
 *
 * The standard environment:
 *   types     0 [] -> []      1 [] -> [i32]   2 [i32] -> [i32]
 *             3 [i32 i32] -> [i32]             4 [] -> [i64]
 *   functions 0: the case's body, of the case's type; 1: [] -> [], empty
 *   table     0: funcref, min 1
 *   memory    0: min 1, when the case asks for one
 *   globals   0: immutable i32 0; 1: mutable i32 0
 *   exports   "f1": function 1 (so function 1 is declared for ref.func)
 */
#include <string.h>

#include "diag_check.h"
#include "frontend.h"
#include "modbuf.h"

enum { T_VOID, T_I32, T_I32_TO_I32, T_I32X2_TO_I32, T_I64 };

#define OK W2N_DIAG_COUNT
#define TM W2N_DIAG_TYPE_MISMATCH

#define BYTES(...)                                                             \
	(const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})
#define V128_ZERO 0xFD, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0

/* The contents (after the size) of a section that replaces or adds to
 * the standard environment. */
typedef struct section_text {
	uint8_t id; /* 0: none */
	const uint8_t *bytes;
	size_t len;
} section_text;

typedef struct val_case {
	const char *name;
	bool memory;
	uint32_t type;       /* type of function 0 */
	const uint8_t *body; /* locals and code; NULL: just `end` */
	size_t body_len;
	section_text extra[2];
	w2n_diag_code code; /* OK or the expected diagnostic */
	uint8_t where;      /* SEC_CODE: body; else section contents */
	uint32_t at;        /* offset from there */
} val_case;

/* Where the contents of each section (and the body) start. */
typedef struct env_offsets {
	size_t section[SEC_TAG + 1];
	size_t body;
} env_offsets;

static const section_text *replacement(const val_case *t, uint8_t id)
{
	for (int i = 0; i < 2; i++)
		if (t->extra[i].id == id && t->extra[i].bytes)
			return &t->extra[i];
	return NULL;
}

/* Writes section `id`: the case's replacement if it has one, else the
 * standard contents `dflt` (none when dflt_len is 0). */
static void put_section(modbuf *b, env_offsets *o, const val_case *t,
                        uint8_t id, const uint8_t *dflt, size_t dflt_len)
{
	const section_text *r = replacement(t, id);
	if (r) {
		dflt = r->bytes;
		dflt_len = r->len;
	}
	if (!dflt_len)
		return;
	size_t s = mb_section(b, id);
	o->section[id] = b->len;
	mb_put(b, dflt, dflt_len);
	mb_end(b, s);
}

static void put_code(modbuf *b, env_offsets *o, const val_case *t)
{
	static const uint8_t just_end[] = {0x00, 0x0B};
	size_t s = mb_section(b, SEC_CODE);
	o->section[SEC_CODE] = b->len;
	MB(b, 2);
	size_t size = mb_begin(b);
	o->body = b->len;
	if (t->body)
		mb_put(b, t->body, t->body_len);
	else
		mb_put(b, just_end, sizeof just_end);
	mb_end(b, size);
	MB(b, 2, 0x00, 0x0B);
	mb_end(b, s);
}

static void build_env(modbuf *b, env_offsets *o, const val_case *t)
{
	static const uint8_t types[] = {
	    5,    0x60, 0, 0,    0x60, 0, 1,    0x7F, 0x60, 1, 0x7F, 1,
	    0x7F, 0x60, 2, 0x7F, 0x7F, 1, 0x7F, 0x60, 0,    1, 0x7E};
	static const uint8_t table[] = {1, 0x70, 0, 1};
	static const uint8_t memory[] = {1, 0, 1};
	static const uint8_t globals[] = {2,    0x7F, 0,    0x41, 0,   0x0B,
	                                  0x7F, 1,    0x41, 0,    0x0B};
	static const uint8_t exports[] = {1, 2, 'f', '1', 0, 1};
	uint8_t funcs[] = {2, (uint8_t)t->type, 0};
	memset(o, 0, sizeof *o);
	b->len = 0;
	mb_header(b);
	put_section(b, o, t, SEC_TYPE, types, sizeof types);
	put_section(b, o, t, SEC_IMPORT, NULL, 0);
	put_section(b, o, t, SEC_FUNCTION, funcs, sizeof funcs);
	put_section(b, o, t, SEC_TABLE, table, sizeof table);
	put_section(b, o, t, SEC_MEMORY, memory, t->memory ? sizeof memory : 0);
	put_section(b, o, t, SEC_TAG, NULL, 0);
	put_section(b, o, t, SEC_GLOBAL, globals, sizeof globals);
	put_section(b, o, t, SEC_EXPORT, exports, sizeof exports);
	put_section(b, o, t, SEC_START, NULL, 0);
	put_section(b, o, t, SEC_ELEMENT, NULL, 0);
	put_section(b, o, t, SEC_DATA_COUNT, NULL, 0);
	put_code(b, o, t);
	put_section(b, o, t, SEC_DATA, NULL, 0);
}

static void run_case(const val_case *t)
{
	static modbuf b;
	env_offsets o;
	w2n_diags d = {0};
	check_context(t->name);
	build_env(&b, &o, t);
	ir_module *m = dec_module(b.bytes, b.len, &d);
	CHECK(m != NULL);
	if (!m) {
		if (d.first)
			fprintf(stderr, "    decode: %s at 0x%llx\n",
			        d.first->message,
			        (unsigned long long)d.first->offset);
		w2n_diags_free(&d);
		return;
	}
	bool ok = val_module(m, &d);
	if (t->code == OK) {
		CHECK(ok && d.first == NULL);
		if (d.first)
			fprintf(stderr, "    got: %s\n", d.first->message);
	} else {
		size_t base =
		    t->where == SEC_CODE ? o.body : o.section[t->where];
		CHECK(!ok);
		CHECK_DIAG(&d, t->code, base + t->at);
	}
	ir_module_free(m);
	w2n_diags_free(&d);
}

/* Operand stack and the polymorphic stack (spec 3.3, appendix). */
/* clang-format off */
static const val_case stack_cases[] = {
	{"i32.const for an i32 result", .type = T_I32,
	 .body = BYTES(0, 0x41, 1, 0x0B), .code = OK},
	{"nothing for an i32 result", .type = T_I32,
	 .body = BYTES(0, 0x0B), .code = TM, SEC_CODE, 1},
	{"two values for one result", .type = T_I32,
	 .body = BYTES(0, 0x41, 1, 0x41, 2, 0x0B), .code = TM, SEC_CODE, 5},
	{"i64 for an i32 result", .type = T_I32,
	 .body = BYTES(0, 0x42, 0, 0x0B), .code = TM, SEC_CODE, 3},
	{"i32.add on an empty stack", .type = T_VOID,
	 .body = BYTES(0, 0x6A, 0x0B), .code = TM, SEC_CODE, 1},
	{"i32.add with one operand", .type = T_I32,
	 .body = BYTES(0, 0x41, 0, 0x6A, 0x0B), .code = TM, SEC_CODE, 3},
	{"i32.add of i32 and i64", .type = T_I32,
	 .body = BYTES(0, 0x41, 0, 0x42, 0, 0x6A, 0x0B), .code = TM,
	 SEC_CODE, 5},
	{"unreachable; i32.add", .type = T_I32,
	 .body = BYTES(0, 0x00, 0x6A, 0x0B), .code = OK},
	{"unreachable; i64.const 0; i32.add", .type = T_I32,
	 .body = BYTES(0, 0x00, 0x42, 0, 0x6A, 0x0B), .code = TM, SEC_CODE,
	 4},
	{"unreachable for an i32 result", .type = T_I32,
	 .body = BYTES(0, 0x00, 0x0B), .code = OK},
	{"unreachable; i64 for an i32 result", .type = T_I32,
	 .body = BYTES(0, 0x00, 0x42, 0, 0x0B), .code = TM, SEC_CODE, 4},
	{"unreachable ends with its block", .type = T_VOID,
	 .body = BYTES(0, 0x02, 0x40, 0x00, 0x0B, 0x6A, 0x0B), .code = TM,
	 SEC_CODE, 5},
	{"br makes the rest unreachable", .type = T_I32,
	 .body = BYTES(0, 0x02, 0x7F, 0x41, 1, 0x0C, 0, 0x6A, 0x0B, 0x0B),
	 .code = OK},
	{"return makes the rest unreachable", .type = T_I32,
	 .body = BYTES(0, 0x41, 1, 0x0F, 0x6A, 0x0B), .code = OK},
	{"block leaves a value", .type = T_VOID,
	 .body = BYTES(0, 0x02, 0x40, 0x41, 0, 0x0B, 0x0B), .code = TM,
	 SEC_CODE, 5},
	{"block parameter missing", .type = T_VOID,
	 .body = BYTES(0, 0x02, T_I32_TO_I32, 0x0B, 0x1A, 0x0B), .code = TM,
	 SEC_CODE, 1},
	{"block of an undefined type", .type = T_VOID,
	 .body = BYTES(0, 0x02, 5, 0x0B, 0x0B),
	 .code = W2N_DIAG_UNKNOWN_TYPE, SEC_CODE, 1},
	{"br to a loop carries its parameters", .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x03, T_I32_TO_I32, 0x0C, 0, 0x0B, 0x1A,
	               0x0B),
	 .code = OK},
	{"br to an unknown label", .type = T_VOID,
	 .body = BYTES(0, 0x0C, 1, 0x0B), .code = W2N_DIAG_UNKNOWN_LABEL,
	 SEC_CODE, 1},
	{"call of an unknown function", .type = T_VOID,
	 .body = BYTES(0, 0x10, 7, 0x0B), .code = W2N_DIAG_UNKNOWN_FUNCTION,
	 SEC_CODE, 1},
	{"local.get of a parameter", .type = T_I32_TO_I32,
	 .body = BYTES(0, 0x20, 0, 0x0B), .code = OK},
	{"local.get of an unknown local", .type = T_VOID,
	 .body = BYTES(0, 0x20, 0, 0x1A, 0x0B),
	 .code = W2N_DIAG_UNKNOWN_LOCAL, SEC_CODE, 1},
	{"local.set of the wrong type", .type = T_VOID,
	 .body = BYTES(1, 1, 0x7E, 0x41, 0, 0x21, 0, 0x0B), .code = TM,
	 SEC_CODE, 5},
};
/* clang-format on */

/* br_table (spec 3.3.8.9): every label of the default's arity. */
/* clang-format off */
static const val_case br_table_cases[] = {
	{"br_table labels of different arity", .type = T_I32,
	 .body = BYTES(0, 0x02, 0x7F, 0x02, 0x40, 0x41, 0, 0x41, 0,
	               0x0E, 1, 0, 1, 0x0B, 0x41, 0, 0x0B, 0x0B),
	 .code = TM, SEC_CODE, 9},
	{"br_table labels of the same arity", .type = T_I32,
	 .body = BYTES(0, 0x02, 0x7F, 0x02, 0x7F, 0x41, 0, 0x41, 0,
	               0x0E, 1, 0, 1, 0x0B, 0x0B, 0x0B),
	 .code = OK},
	{"br_table arity mismatch in unreachable code", .type = T_I32,
	 .body = BYTES(0, 0x02, 0x7F, 0x02, 0x40, 0x00, 0x0E, 1, 0, 1, 0x0B,
	               0x41, 0, 0x0B, 0x0B),
	 .code = TM, SEC_CODE, 6},
	{"br_table labels of different types", .type = T_I32,
	 .body = BYTES(0, 0x02, 0x7F, 0x02, 0x7E, 0x41, 0, 0x41, 0,
	               0x0E, 1, 0, 1, 0x0B, 0x1A, 0x41, 0, 0x0B, 0x0B),
	 .code = TM, SEC_CODE, 9},
	{"br_table to an unknown label", .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x0E, 0, 5, 0x0B),
	 .code = W2N_DIAG_UNKNOWN_LABEL, SEC_CODE, 3},
};
/* clang-format on */

/* if (spec 3.3.8.5) and select (3.3.5.2). */
/* clang-format off */
static const val_case if_select_cases[] = {
	{"if without else changes the type", .type = T_I32,
	 .body = BYTES(0, 0x41, 1, 0x04, 0x7F, 0x41, 2, 0x0B, 0x0B),
	 .code = TM, SEC_CODE, 7},
	{"if without else keeps the type [i32] -> [i32]", .type = T_I32,
	 .body = BYTES(0, 0x41, 1, 0x41, 0, 0x04, T_I32_TO_I32, 0x0B, 0x0B),
	 .code = OK},
	{"if with else", .type = T_I32,
	 .body = BYTES(0, 0x41, 1, 0x04, 0x7F, 0x41, 2, 0x05, 0x41, 3, 0x0B,
	               0x0B),
	 .code = OK},
	{"else branch of the wrong type", .type = T_I32,
	 .body = BYTES(0, 0x41, 1, 0x04, 0x7F, 0x41, 2, 0x05, 0x42, 3, 0x0B,
	               0x0B),
	 .code = TM, SEC_CODE, 10},
	{"if without a condition", .type = T_VOID,
	 .body = BYTES(0, 0x04, 0x40, 0x0B, 0x0B), .code = TM, SEC_CODE, 1},
	{"select of i32", .type = T_I32,
	 .body = BYTES(0, 0x41, 1, 0x41, 2, 0x41, 0, 0x1B, 0x0B), .code = OK},
	{"select of i32 and i64", .type = T_I32,
	 .body = BYTES(0, 0x41, 1, 0x42, 2, 0x41, 0, 0x1B, 0x0B), .code = TM,
	 SEC_CODE, 7},
	{"select of funcref without a type", .type = T_VOID,
	 .body = BYTES(0, 0xD0, 0x70, 0xD0, 0x70, 0x41, 0, 0x1B, 0x1A, 0x0B),
	 .code = TM, SEC_CODE, 7},
	{"typed select of funcref", .type = T_VOID,
	 .body = BYTES(0, 0xD0, 0x70, 0xD0, 0x70, 0x41, 0, 0x1C, 1, 0x70,
	               0x1A, 0x0B),
	 .code = OK},
	{"typed select of the wrong type", .type = T_VOID,
	 .body = BYTES(0, 0x41, 1, 0x41, 2, 0x41, 0, 0x1C, 1, 0x7E, 0x1A,
	               0x0B),
	 .code = TM, SEC_CODE, 7},
	{"typed select with two types", .type = T_VOID,
	 .body = BYTES(0, 0x41, 1, 0x41, 2, 0x41, 0, 0x1C, 2, 0x7F, 0x7F,
	               0x1A, 0x0B),
	 .code = W2N_DIAG_RESULT_ARITY, SEC_CODE, 7},
	{"select in unreachable code", .type = T_VOID,
	 .body = BYTES(0, 0x00, 0x1B, 0x1A, 0x0B), .code = OK},
	{"select result left in unreachable code", .type = T_VOID,
	 .body = BYTES(0, 0x00, 0x1B, 0x0B), .code = TM, SEC_CODE, 3},
	{"select takes the known operand's type", .type = T_I32,
	 .body = BYTES(0, 0x00, 0x42, 0, 0x41, 0, 0x1B, 0x0B), .code = TM,
	 SEC_CODE, 7},
};
/* clang-format on */

/* References, globals, memory immediates and lanes. */
/* clang-format off */
static const val_case immediate_cases[] = {
	{"ref.func of an undeclared function", .type = T_VOID,
	 .body = BYTES(0, 0xD2, 0, 0x1A, 0x0B),
	 .code = W2N_DIAG_UNDECLARED_FUNC_REF, SEC_CODE, 1},
	{"ref.func of an exported function", .type = T_VOID,
	 .body = BYTES(0, 0xD2, 1, 0x1A, 0x0B), .code = OK},
	{"ref.func declared by a declarative segment", .type = T_VOID,
	 .body = BYTES(0, 0xD2, 0, 0x1A, 0x0B),
	 .extra = {{SEC_ELEMENT, BYTES(1, 3, 0, 1, 0)}}, .code = OK},
	{"ref.func declared by a global", .type = T_VOID,
	 .body = BYTES(0, 0xD2, 0, 0x1A, 0x0B),
	 .extra = {{SEC_GLOBAL, BYTES(1, 0x70, 0, 0xD2, 0, 0x0B)}},
	 .code = OK},
	{"ref.func of an unknown function", .type = T_VOID,
	 .body = BYTES(0, 0xD2, 9, 0x1A, 0x0B),
	 .code = W2N_DIAG_UNKNOWN_FUNCTION, SEC_CODE, 1},
	{"global.set of an immutable global", .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x24, 0, 0x0B),
	 .code = W2N_DIAG_IMMUTABLE_GLOBAL, SEC_CODE, 3},
	{"global.set of a mutable global", .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x24, 1, 0x0B), .code = OK},
	{"global.set of the wrong type", .type = T_VOID,
	 .body = BYTES(0, 0x42, 0, 0x24, 1, 0x0B), .code = TM, SEC_CODE, 3},
	{"global.get of an unknown global", .type = T_VOID,
	 .body = BYTES(0, 0x23, 5, 0x1A, 0x0B),
	 .code = W2N_DIAG_UNKNOWN_GLOBAL, SEC_CODE, 1},
	{"i32.load with natural alignment", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x28, 2, 0, 0x1A, 0x0B), .code = OK},
	{"i32.load aligned beyond natural", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x28, 3, 0, 0x1A, 0x0B),
	 .code = W2N_DIAG_ALIGNMENT, SEC_CODE, 3},
	{"i64.load8_s with alignment 2", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x30, 1, 0, 0x1A, 0x0B),
	 .code = W2N_DIAG_ALIGNMENT, SEC_CODE, 3},
	{"i64.store with alignment 8", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x42, 0, 0x37, 3, 0, 0x0B), .code = OK},
	{"v128.load with alignment 16", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0xFD, 0x00, 4, 0, 0x1A, 0x0B), .code = OK},
	{"v128.load with alignment 32", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0xFD, 0x00, 5, 0, 0x1A, 0x0B),
	 .code = W2N_DIAG_ALIGNMENT, SEC_CODE, 3},
	{"i32.load without a memory", .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x28, 2, 0, 0x1A, 0x0B),
	 .code = W2N_DIAG_UNKNOWN_MEMORY, SEC_CODE, 3},
	{"i8x16.extract_lane_s 15", .type = T_VOID,
	 .body = BYTES(0, V128_ZERO, 0xFD, 0x15, 15, 0x1A, 0x0B), .code = OK},
	{"i8x16.extract_lane_s 16", .type = T_VOID,
	 .body = BYTES(0, V128_ZERO, 0xFD, 0x15, 16, 0x1A, 0x0B),
	 .code = W2N_DIAG_LANE_INDEX, SEC_CODE, 19},
	{"f64x2.extract_lane 2", .type = T_VOID,
	 .body = BYTES(0, V128_ZERO, 0xFD, 0x21, 2, 0x1A, 0x0B),
	 .code = W2N_DIAG_LANE_INDEX, SEC_CODE, 19},
	{"i8x16.shuffle lane 31", .type = T_VOID,
	 .body = BYTES(0, V128_ZERO, V128_ZERO, 0xFD, 0x0D, 31, 0, 0, 0, 0,
	               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1A, 0x0B),
	 .code = OK},
	{"i8x16.shuffle lane 32", .type = T_VOID,
	 .body = BYTES(0, V128_ZERO, V128_ZERO, 0xFD, 0x0D, 0, 0, 0, 0, 0,
	               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0x1A, 0x0B),
	 .code = W2N_DIAG_LANE_INDEX, SEC_CODE, 37},
	{"v128.load8_lane 15", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, V128_ZERO, 0xFD, 0x54, 0, 0, 15, 0x1A,
	               0x0B),
	 .code = OK},
	{"v128.load8_lane 16", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, V128_ZERO, 0xFD, 0x54, 0, 0, 16, 0x1A,
	               0x0B),
	 .code = W2N_DIAG_LANE_INDEX, SEC_CODE, 21},
	/* threads: atomics on the (unshared) memory, alignment exactly
	 * natural, operands from the opcode rows */
	{"i32.atomic.load with natural alignment", .memory = true,
	 .type = T_VOID, .body = BYTES(0, 0x41, 0, 0xFE, 0x10, 2, 0, 0x1A, 0x0B),
	 .code = OK},
	{"i32.atomic.load with alignment 2", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0xFE, 0x10, 1, 0, 0x1A, 0x0B),
	 .code = W2N_DIAG_ATOMIC_ALIGNMENT, SEC_CODE, 3},
	{"i64.atomic.rmw8.add_u of an i32", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x41, 0, 0xFE, 0x22, 0, 0, 0x1A, 0x0B),
	 .code = TM, SEC_CODE, 5},
	{"memory.atomic.wait64", .memory = true, .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x42, 0, 0x42, 0, 0xFE, 0x02, 3, 0, 0x1A,
	               0x0B),
	 .code = OK},
	{"i32.atomic.rmw.cmpxchg without a memory", .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x41, 0, 0x41, 0, 0xFE, 0x48, 2, 0, 0x1A,
	               0x0B),
	 .code = W2N_DIAG_UNKNOWN_MEMORY, SEC_CODE, 7},
	{"atomic.fence without a memory", .type = T_VOID,
	 .body = BYTES(0, 0xFE, 0x03, 0, 0x0B), .code = OK},
};
/* clang-format on */

/* Imports of an immutable and a mutable i32 global (globals 0 and 1;
 * the standard ones become 2 and 3). */
#define IMPORT_GLOBALS                                                         \
	{SEC_IMPORT,                                                           \
	 BYTES(2, 1, 'm', 1, 'c', 3, 0x7F, 0, 1, 'm', 1, 'v', 3, 0x7F, 1)}

/* Constant expressions (spec 3.3.10) and segments (3.4.6, 3.4.7). */
/* clang-format off */
static const val_case constexpr_cases[] = {
	{"global init i32.add (3.0: extended constants)", .type = T_VOID,
	 .extra = {{SEC_GLOBAL, BYTES(1, 0x7F, 0, 0x41, 0, 0x41, 0, 0x6A,
	                              0x0B)}},
	 .code = OK},
	{"global init i32.div_s", .type = T_VOID,
	 .extra = {{SEC_GLOBAL, BYTES(1, 0x7F, 0, 0x41, 0, 0x41, 1, 0x6D,
	                              0x0B)}},
	 .code = W2N_DIAG_CONST_EXPR, SEC_GLOBAL, 7},
	{"global init nop", .type = T_VOID,
	 .extra = {{SEC_GLOBAL, BYTES(1, 0x7F, 0, 0x01, 0x41, 0, 0x0B)}},
	 .code = W2N_DIAG_CONST_EXPR, SEC_GLOBAL, 3},
	{"global init of two values", .type = T_VOID,
	 .extra = {{SEC_GLOBAL, BYTES(1, 0x7F, 0, 0x41, 0, 0x41, 0, 0x0B)}},
	 .code = TM, SEC_GLOBAL, 3},
	{"global init empty", .type = T_VOID,
	 .extra = {{SEC_GLOBAL, BYTES(1, 0x7F, 0, 0x0B)}}, .code = TM,
	 SEC_GLOBAL, 3},
	{"i64 global with an i32 init", .type = T_VOID,
	 .extra = {{SEC_GLOBAL, BYTES(1, 0x7E, 0, 0x41, 0, 0x0B)}},
	 .code = TM, SEC_GLOBAL, 3},
	{"global init reads an earlier defined global (3.0)", .type = T_VOID,
	 .extra = {{SEC_GLOBAL, BYTES(2, 0x7F, 0, 0x41, 0, 0x0B, 0x7F, 0,
	                              0x23, 0, 0x0B)}},
	 .code = OK},
	{"global init reads a later global", .type = T_VOID,
	 .extra = {{SEC_GLOBAL, BYTES(2, 0x7F, 0, 0x23, 1, 0x0B, 0x7F, 0,
	                              0x41, 0, 0x0B)}},
	 .code = W2N_DIAG_UNKNOWN_GLOBAL, SEC_GLOBAL, 3},
	{"global init reads an imported immutable global", .type = T_VOID,
	 .extra = {IMPORT_GLOBALS,
	           {SEC_GLOBAL, BYTES(1, 0x7F, 0, 0x23, 0, 0x0B)}},
	 .code = OK},
	{"global init reads an imported mutable global", .type = T_VOID,
	 .extra = {IMPORT_GLOBALS,
	           {SEC_GLOBAL, BYTES(1, 0x7F, 0, 0x23, 1, 0x0B)}},
	 .code = W2N_DIAG_CONST_EXPR, SEC_GLOBAL, 3},
	{"elem offset from an imported global", .type = T_VOID,
	 .extra = {IMPORT_GLOBALS,
	           {SEC_ELEMENT, BYTES(1, 0, 0x23, 0, 0x0B, 1, 1)}},
	 .code = OK},
	{"elem offset of type i64", .type = T_VOID,
	 .extra = {{SEC_ELEMENT, BYTES(1, 0, 0x42, 0, 0x0B, 1, 1)}},
	 .code = TM, SEC_ELEMENT, 2},
	{"elem of externref for a funcref table", .type = T_VOID,
	 .extra = {{SEC_ELEMENT, BYTES(1, 6, 0, 0x41, 0, 0x0B, 0x6F, 0)}},
	 .code = TM, SEC_ELEMENT, 1},
	{"elem item of the wrong type", .type = T_VOID,
	 .extra = {{SEC_ELEMENT, BYTES(1, 5, 0x70, 1, 0xD0, 0x6F, 0x0B)}},
	 .code = TM, SEC_ELEMENT, 4},
	{"elem for an unknown table", .type = T_VOID,
	 .extra = {{SEC_ELEMENT, BYTES(1, 2, 3, 0x41, 0, 0x0B, 0, 0)}},
	 .code = W2N_DIAG_UNKNOWN_TABLE, SEC_ELEMENT, 1},
	{"data offset of type i64", .memory = true, .type = T_VOID,
	 .extra = {{SEC_DATA, BYTES(1, 0, 0x42, 0, 0x0B, 0)}}, .code = TM,
	 SEC_DATA, 2},
	{"data for a missing memory", .type = T_VOID,
	 .extra = {{SEC_DATA, BYTES(1, 0, 0x41, 0, 0x0B, 0)}},
	 .code = W2N_DIAG_UNKNOWN_MEMORY, SEC_DATA, 1},
};
/* clang-format on */

/* Exports (3.4.10), start (3.4.9), memories and limits (3.2.2-3.2.4). */
/* clang-format off */
static const val_case module_cases[] = {
	{"duplicate export names", .type = T_VOID,
	 .extra = {{SEC_EXPORT, BYTES(3, 1, 'a', 0, 1, 1, 'b', 0, 1, 1, 'a',
	                              3, 0)}},
	 .code = W2N_DIAG_DUPLICATE_EXPORT, SEC_EXPORT, 9},
	{"same name, different length", .type = T_VOID,
	 .extra = {{SEC_EXPORT, BYTES(2, 1, 'a', 0, 1, 2, 'a', 'a', 0, 1)}},
	 .code = OK},
	{"export of an unknown function", .type = T_VOID,
	 .extra = {{SEC_EXPORT, BYTES(1, 1, 'x', 0, 9)}},
	 .code = W2N_DIAG_UNKNOWN_FUNCTION, SEC_EXPORT, 1},
	{"start function [] -> []", .type = T_VOID,
	 .extra = {{SEC_START, BYTES(1)}}, .code = OK},
	{"start function with a result", .type = T_I32,
	 .body = BYTES(0, 0x41, 0, 0x0B), .extra = {{SEC_START, BYTES(0)}},
	 .code = W2N_DIAG_START_FUNCTION, SEC_START, 0},
	{"start function with a parameter", .type = T_I32_TO_I32,
	 .body = BYTES(0, 0x20, 0, 0x0B), .extra = {{SEC_START, BYTES(0)}},
	 .code = W2N_DIAG_START_FUNCTION, SEC_START, 0},
	{"unknown start function", .type = T_VOID,
	 .extra = {{SEC_START, BYTES(2)}}, .code = W2N_DIAG_UNKNOWN_FUNCTION,
	 SEC_START, 0},
	{"two memories", .type = T_VOID,
	 .extra = {{SEC_MEMORY, BYTES(2, 0, 1, 0, 1)}}, .code = OK},
	{"imported and defined memory", .memory = true, .type = T_VOID,
	 .extra = {{SEC_IMPORT, BYTES(1, 1, 'm', 1, 'm', 2, 0, 1)}},
	 .code = OK},
	{"memory64 of 2^48 pages", .type = T_VOID,
	 .extra = {{SEC_MEMORY, BYTES(1, 4, 0x80, 0x80, 0x80, 0x80, 0x80,
	                              0x80, 0x40)}},
	 .code = OK},
	{"memory64 minimum of 2^48 + 1 pages", .type = T_VOID,
	 .extra = {{SEC_MEMORY, BYTES(1, 4, 0x81, 0x80, 0x80, 0x80, 0x80,
	                              0x80, 0x40)}},
	 .code = W2N_DIAG_MEMORY64_SIZE, SEC_MEMORY, 1},
	{"memory of 65536 pages", .type = T_VOID,
	 .extra = {{SEC_MEMORY, BYTES(1, 1, 0x80, 0x80, 0x04, 0x80, 0x80,
	                              0x04)}},
	 .code = OK},
	{"memory minimum of 65537 pages", .type = T_VOID,
	 .extra = {{SEC_MEMORY, BYTES(1, 0, 0x81, 0x80, 0x04)}},
	 .code = W2N_DIAG_MEMORY_SIZE, SEC_MEMORY, 1},
	{"memory maximum of 65537 pages", .type = T_VOID,
	 .extra = {{SEC_MEMORY, BYTES(1, 1, 0, 0x81, 0x80, 0x04)}},
	 .code = W2N_DIAG_MEMORY_SIZE, SEC_MEMORY, 1},
	{"memory maximum of 2^32-1 pages", .type = T_VOID,
	 .extra = {{SEC_MEMORY, BYTES(1, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF,
	                              0x0F)}},
	 .code = W2N_DIAG_MEMORY_SIZE, SEC_MEMORY, 1},
	{"imported memory of 65537 pages", .type = T_VOID,
	 .extra = {{SEC_IMPORT, BYTES(1, 1, 'm', 1, 'm', 2, 0, 0x81, 0x80,
	                              0x04)}},
	 .code = W2N_DIAG_MEMORY_SIZE, SEC_IMPORT, 1},
	{"memory minimum above maximum", .type = T_VOID,
	 .extra = {{SEC_MEMORY, BYTES(1, 1, 2, 1)}},
	 .code = W2N_DIAG_LIMITS_MIN_MAX, SEC_MEMORY, 1},
	{"table minimum above maximum", .type = T_VOID,
	 .extra = {{SEC_TABLE, BYTES(1, 0x70, 1, 2, 1)}},
	 .code = W2N_DIAG_LIMITS_MIN_MAX, SEC_TABLE, 1},
};
/* clang-format on */

/* Typed function references (Wasm 3.0): local initialisation, subtyping
 * and type equivalence, call_ref, br_on_null, br_on_non_null,
 * ref.as_non_null, and tables of non-nullable references.  Locals are
 * declared in the first bytes of the body: 01 01 64 00 is one (ref 0). */
#define UNINIT W2N_DIAG_UNINITIALIZED_LOCAL
#define UNKNOWN_TYPE W2N_DIAG_UNKNOWN_TYPE
/* clang-format off */
static const val_case typed_ref_cases[] = {
	{"(ref 0) local read before it is set", .type = T_VOID,
	 .body = BYTES(1, 1, 0x64, 0, 0x20, 0, 0x1A, 0x0B), .code = UNINIT,
	 SEC_CODE, 4},
	{"(ref 0) local set, then read", .type = T_VOID,
	 .body = BYTES(1, 1, 0x64, 0, 0xD2, 1, 0x21, 0, 0x20, 0, 0x1A, 0x0B),
	 .code = OK},
	{"local.tee sets a local", .type = T_VOID,
	 .body = BYTES(1, 1, 0x64, 0, 0xD2, 1, 0x22, 0, 0x1A, 0x20, 0, 0x1A,
	               0x0B),
	 .code = OK},
	{"set in a block, read in it", .type = T_VOID,
	 .body = BYTES(1, 1, 0x64, 0, 0x02, 0x40, 0xD2, 1, 0x21, 0, 0x20, 0,
	               0x1A, 0x0B, 0x0B),
	 .code = OK},
	{"set in a block, read after it", .type = T_VOID,
	 .body = BYTES(1, 1, 0x64, 0, 0x02, 0x40, 0xD2, 1, 0x21, 0, 0x0B,
	               0x20, 0, 0x1A, 0x0B),
	 .code = UNINIT, SEC_CODE, 11},
	{"(ref null 0) local needs no set", .type = T_VOID,
	 .body = BYTES(1, 1, 0x63, 0, 0x20, 0, 0x1A, 0x0B), .code = OK},
	{"(ref 0) into a funcref local", .type = T_VOID,
	 .body = BYTES(1, 1, 0x70, 0xD2, 1, 0x21, 0, 0x0B), .code = OK},
	{"(ref 0) into a (ref func) local", .type = T_VOID,
	 .body = BYTES(1, 1, 0x64, 0x70, 0xD2, 1, 0x21, 0, 0x0B), .code = OK},
	{"funcref into a (ref null 0) local", .type = T_VOID,
	 .body = BYTES(1, 1, 0x63, 0, 0xD0, 0x70, 0x21, 0, 0x0B), .code = TM,
	 SEC_CODE, 6},
	{"(ref null 0) into a (ref 0) local", .type = T_VOID,
	 .body = BYTES(1, 1, 0x64, 0, 0xD0, 0, 0x21, 0, 0x0B), .code = TM,
	 SEC_CODE, 6},
	{"externref into a funcref local", .type = T_VOID,
	 .body = BYTES(1, 1, 0x70, 0xD0, 0x6F, 0x21, 0, 0x0B), .code = TM,
	 SEC_CODE, 5},
	{"local of an unknown type", .type = T_VOID,
	 .body = BYTES(1, 1, 0x63, 9, 0x0B), .code = UNKNOWN_TYPE, SEC_CODE,
	 4},
	{"unreachable; ref.as_non_null is any (ref ...)", .type = T_VOID,
	 .body = BYTES(1, 1, 0x64, 0, 0x00, 0xD4, 0x21, 0, 0x0B), .code = OK},
	{"ref.as_non_null of an i32", .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0xD4, 0x1A, 0x0B), .code = TM, SEC_CODE,
	 3},
	{"select of (ref 0)", .type = T_VOID,
	 .body = BYTES(0, 0xD2, 1, 0xD2, 1, 0x41, 0, 0x1C, 1, 0x64, 0, 0x1A,
	               0x0B),
	 .code = OK},
	{"call_ref of type 0", .type = T_VOID,
	 .body = BYTES(0, 0xD2, 1, 0x14, 0, 0x0B), .code = OK},
	{"call_ref of another type", .type = T_VOID,
	 .body = BYTES(0, 0xD2, 1, 0x14, 1, 0x1A, 0x0B), .code = TM, SEC_CODE,
	 3},
	{"call_ref of an unknown type", .type = T_VOID,
	 .body = BYTES(0, 0xD2, 1, 0x14, 9, 0x0B), .code = UNKNOWN_TYPE,
	 SEC_CODE, 3},
	{"br_on_null leaves (ref 0)", .type = T_VOID,
	 .body = BYTES(1, 1, 0x64, 0, 0x02, 0x40, 0xD0, 0, 0xD5, 0, 0x21, 0,
	               0x0B, 0x0B),
	 .code = OK},
	{"br_on_non_null to a label of (ref 0)", .type = T_VOID,
	 .body = BYTES(0, 0x02, 0x64, 0, 0xD0, 0, 0xD6, 0, 0x00, 0x0B, 0x1A,
	               0x0B),
	 .code = OK},
	{"br_on_non_null to a label without values", .type = T_VOID,
	 .body = BYTES(0, 0x02, 0x40, 0xD0, 0, 0xD6, 0, 0x0B, 0x0B),
	 .code = TM, SEC_CODE, 5},
	{"br_on_non_null to a label of (ref 1)", .type = T_VOID,
	 .body = BYTES(0, 0x02, 0x64, 1, 0xD0, 0, 0xD6, 0, 0x00, 0x0B, 0x1A,
	               0x0B),
	 .code = TM, SEC_CODE, 6},
	{"a type refers to itself", .type = T_VOID,
	 .extra = {{SEC_TYPE, BYTES(1, 0x60, 1, 0x64, 0, 0)}}, .code = OK},
	{"a type refers to a later one", .type = T_VOID,
	 .extra = {{SEC_TYPE, BYTES(2, 0x60, 1, 0x64, 1, 0, 0x60, 0, 0)}},
	 .code = UNKNOWN_TYPE, SEC_TYPE, 1},
	{"equivalent types match", .type = T_VOID,
	 .body = BYTES(1, 1, 0x63, 2, 0xD0, 1, 0x21, 0, 0x0B),
	 .extra = {{SEC_TYPE, BYTES(3, 0x60, 0, 0, 0x60, 1, 0x63, 0, 0, 0x60,
	                            1, 0x63, 0, 0)}},
	 .code = OK},
	{"types of different nullability differ", .type = T_VOID,
	 .body = BYTES(1, 1, 0x63, 2, 0xD0, 1, 0x21, 0, 0x0B),
	 .extra = {{SEC_TYPE, BYTES(3, 0x60, 0, 0, 0x60, 1, 0x63, 0, 0, 0x60,
	                            1, 0x64, 0, 0)}},
	 .code = TM, SEC_CODE, 6},
	{"table of (ref func) without an initializer", .type = T_VOID,
	 .extra = {{SEC_TABLE, BYTES(1, 0x64, 0x70, 0, 1)}}, .code = TM,
	 SEC_TABLE, 1},
	{"table of (ref func) with ref.func", .type = T_VOID,
	 .extra = {{SEC_TABLE, BYTES(1, 0x40, 0, 0x64, 0x70, 0, 1, 0xD2, 1,
	                             0x0B)}},
	 .code = OK},
	{"table of (ref func) with ref.null", .type = T_VOID,
	 .extra = {{SEC_TABLE, BYTES(1, 0x40, 0, 0x64, 0x70, 0, 1, 0xD0, 0x70,
	                             0x0B)}},
	 .code = TM, SEC_TABLE, 7},
	{"(ref func) segment into a funcref table", .type = T_VOID,
	 .extra = {{SEC_ELEMENT, BYTES(1, 0, 0x41, 0, 0x0B, 1, 1)}},
	 .code = OK},
	{"funcref segment into a (ref func) table", .type = T_VOID,
	 .extra = {{SEC_TABLE, BYTES(1, 0x40, 0, 0x64, 0x70, 0, 1, 0xD2, 1,
	                             0x0B)},
	           {SEC_ELEMENT, BYTES(1, 4, 0x41, 0, 0x0B, 1, 0xD2, 1, 0x0B)}},
	 .code = TM, SEC_ELEMENT, 1},
};

/* Exception handling (spec 3.0, 3.2.11 tag types, 3.3.8 control
 * instructions; the legacy try of the exception-handling proposal). */
#define TAG0 {SEC_TAG, BYTES(1, 0, 0)} /* tag 0 of type 0, [] -> [] */
static const val_case exception_cases[] = {
	{"tag of type [] -> []", .type = T_VOID, .extra = {TAG0}, .code = OK},
	{"tag of a type with results", .type = T_VOID,
	 .extra = {{SEC_TAG, BYTES(1, 0, 1)}}, .code = W2N_DIAG_TAG_RESULT, SEC_TAG, 1},
	{"tag of an unknown type", .type = T_VOID,
	 .extra = {{SEC_TAG, BYTES(1, 0, 9)}}, .code = UNKNOWN_TYPE, SEC_TAG,
	 1},
	{"throw of tag 0", .type = T_I32, .extra = {TAG0},
	 .body = BYTES(0, 0x08, 0, 0x0B), .code = OK},
	{"throw of an unknown tag", .type = T_VOID,
	 .body = BYTES(0, 0x08, 0, 0x0B), .code = W2N_DIAG_UNKNOWN_TAG, SEC_CODE, 1},
	{"throw_ref of an i32", .type = T_VOID,
	 .body = BYTES(0, 0x41, 0, 0x0A, 0x0B), .code = TM, SEC_CODE, 3},
	{"throw_ref of a null exnref", .type = T_VOID,
	 .body = BYTES(0, 0xD0, 0x69, 0x0A, 0x0B), .code = OK},
	{"try_table catch to a label of no values", .type = T_VOID,
	 .extra = {TAG0},
	 .body = BYTES(0, 0x1F, 0x40, 1, 0, 0, 0, 0x0B, 0x0B), .code = OK},
	{"try_table catch_ref to a label of no values", .type = T_VOID,
	 .extra = {TAG0},
	 .body = BYTES(0, 0x1F, 0x40, 1, 1, 0, 0, 0x0B, 0x0B), .code = TM,
	 SEC_CODE, 1},
	{"try_table catch_all_ref to a label of an exnref", .type = T_VOID,
	 .body = BYTES(0, 0x02, 0x69, 0x1F, 0x40, 1, 3, 0, 0x0B, 0x00, 0x0B,
	               0x1A, 0x0B),
	 .code = OK},
	{"try_table catch of an unknown tag", .type = T_VOID,
	 .body = BYTES(0, 0x1F, 0x40, 1, 0, 0, 0, 0x0B, 0x0B),
	 .code = W2N_DIAG_UNKNOWN_TAG, SEC_CODE, 1},
	{"legacy try, catch, rethrow 0", .type = T_VOID, .extra = {TAG0},
	 .body = BYTES(0, 0x06, 0x40, 0x07, 0, 0x09, 0, 0x0B, 0x0B),
	 .code = OK},
	{"rethrow in a try body", .type = T_VOID,
	 .body = BYTES(0, 0x06, 0x40, 0x09, 0, 0x0B, 0x0B),
	 .code = W2N_DIAG_RETHROW_LABEL, SEC_CODE, 3},
	{"delegate to the function's label", .type = T_VOID,
	 .body = BYTES(0, 0x06, 0x40, 0x18, 0, 0x0B), .code = OK},
	{"catch_all then catch", .type = T_VOID, .extra = {TAG0},
	 .body = BYTES(0, 0x06, 0x40, 0x19, 0x07, 0, 0x0B, 0x0B),
	 .code = TM, SEC_CODE, 4},
};
#undef TAG0
/* clang-format on */

#define RUN_ALL(cases)                                                         \
	for (size_t i = 0; i < sizeof(cases) / sizeof((cases)[0]); i++)        \
	run_case(&(cases)[i])

int main(void)
{
	RUN_ALL(stack_cases);
	RUN_ALL(br_table_cases);
	RUN_ALL(if_select_cases);
	RUN_ALL(immediate_cases);
	RUN_ALL(constexpr_cases);
	RUN_ALL(module_cases);
	RUN_ALL(typed_ref_cases);
	RUN_ALL(exception_cases);
	return check_report("test_validate");
}
