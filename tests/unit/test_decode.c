/*
 * test_decode.c - unit tests of the module decoder (frontend/decode*.c,
 * names.c): modules built in memory with modbuf.h, decoded with
 * dec_module, and the resulting ir_module checked field by field: counts,
 * the index spaces with imports first, decoded instructions and their
 * block links, element and data segments of every encoding, and the name
 * section.
 */
#include <string.h>

#include "diag_check.h"
#include "frontend.h"
#include "modbuf.h"

static bool name_is(ir_name n, const char *s)
{
	return n.str && n.len == strlen(s) && memcmp(n.str, s, n.len) == 0;
}

/* Decodes `b` and checks that it decoded without a diagnostic. */
static ir_module *decode_ok(const modbuf *b, w2n_diags *d)
{
	ir_module *m = dec_module(b->bytes, b->len, d);
	CHECK(m != NULL);
	CHECK(d->first == NULL);
	return m;
}

/* Decodes `b` and checks the diagnostic it must give. */
static void decode_fails(const modbuf *b, w2n_diag_code code, size_t at)
{
	w2n_diags d = {0};
	ir_module *m = dec_module(b->bytes, b->len, &d);
	CHECK(m == NULL);
	CHECK_DIAG(&d, code, at);
	ir_module_free(m);
	w2n_diags_free(&d);
}

/* Offsets of the entries of the layout module, recorded while built. */
typedef struct layout_offsets {
	size_t import[5], func_decl[2], table, memory, global, export[2];
	size_t body[2];
} layout_offsets;

static void build_layout_imports(modbuf *b, layout_offsets *o)
{
	size_t s = mb_section(b, SEC_TYPE);
	MB(b, 3, 0x60, 0, 0, 0x60, 1, 0x7F, 1, 0x7E, 0x60, 2, 0x7D, 0x7C, 0);
	mb_end(b, s);
	s = mb_section(b, SEC_IMPORT);
	MB(b, 5);
	o->import[0] = b->len; /* function of type 1 */
	mb_name(b, "env"), mb_name(b, "f0"), MB(b, 0x00, 1);
	o->import[1] = b->len; /* table of externref, 1..10 */
	mb_name(b, "env"), mb_name(b, "tab"), MB(b, 0x01, 0x6F, 1, 1, 10);
	o->import[2] = b->len; /* memory, 1.. */
	mb_name(b, "env"), mb_name(b, "mem"), MB(b, 0x02, 0, 1);
	o->import[3] = b->len; /* mutable i64 global */
	mb_name(b, "env"), mb_name(b, "g"), MB(b, 0x03, 0x7E, 1);
	o->import[4] = b->len; /* function of type 0 */
	mb_name(b, "env"), mb_name(b, "f1"), MB(b, 0x00, 0);
	mb_end(b, s);
}

static void build_layout_definitions(modbuf *b, layout_offsets *o)
{
	size_t s = mb_section(b, SEC_FUNCTION);
	MB(b, 2);
	o->func_decl[0] = b->len, MB(b, 2);
	o->func_decl[1] = b->len, MB(b, 0);
	mb_end(b, s);
	s = mb_section(b, SEC_TABLE);
	MB(b, 1), o->table = b->len, MB(b, 0x70, 0, 2);
	mb_end(b, s);
	s = mb_section(b, SEC_MEMORY);
	MB(b, 1), o->memory = b->len, MB(b, 1, 0, 5);
	mb_end(b, s);
	s = mb_section(b, SEC_GLOBAL);
	MB(b, 1), o->global = b->len, MB(b, 0x7F, 0, 0x41, 42, 0x0B);
	mb_end(b, s);
	s = mb_section(b, SEC_EXPORT);
	MB(b, 2);
	o->export[0] = b->len, mb_name(b, "run"), MB(b, 0, 2);
	o->export[1] = b->len, mb_name(b, "g"), MB(b, 3, 1);
	mb_end(b, s);
	s = mb_section(b, SEC_CODE);
	MB(b, 2);
	o->body[0] = b->len;
	MB(b, 7, 2, 2, 0x7F, 1, 0x7E, 0x01, 0x0B); /* 2 i32, 1 i64; nop */
	o->body[1] = b->len;
	MB(b, 2, 0, 0x0B);
	mb_end(b, s);
}

static void check_layout_imports(const ir_module *m, const layout_offsets *o)
{
	CHECK_EQ(m->ntypes, 3);
	CHECK(m->types[1].nparams == 1 && m->types[1].params[0] == IR_I32);
	CHECK(m->types[1].nresults == 1 && m->types[1].results[0] == IR_I64);
	CHECK(m->types[2].nparams == 2 && m->types[2].params[1] == IR_F64);
	CHECK_EQ(m->nimports, 5);
	const ir_import *im = m->imports;
	CHECK(name_is(im[0].module, "env") && name_is(im[0].name, "f0"));
	CHECK(im[0].kind == IR_EXTERN_FUNC && im[0].index == 0);
	CHECK_EQ(im[0].desc.func_type, 1);
	CHECK(im[1].kind == IR_EXTERN_TABLE && im[1].index == 0);
	CHECK(im[1].desc.table.elem == IR_EXTERNREF);
	CHECK(im[1].desc.table.limits.min == 1 &&
	      im[1].desc.table.limits.has_max &&
	      im[1].desc.table.limits.max == 10);
	CHECK(im[2].kind == IR_EXTERN_MEMORY && im[2].index == 0);
	CHECK(im[2].desc.memory.min == 1 && !im[2].desc.memory.has_max);
	CHECK(im[3].kind == IR_EXTERN_GLOBAL && im[3].index == 0);
	CHECK(im[3].desc.global.type == IR_I64 && im[3].desc.global.mutable_);
	CHECK(im[4].kind == IR_EXTERN_FUNC && im[4].index == 1);
	CHECK(name_is(im[4].name, "f1") && im[4].desc.func_type == 0);
	for (int i = 0; i < 5; i++)
		CHECK_EQ(im[i].offset, o->import[i]);
}

static void check_layout_funcs(const ir_module *m, const layout_offsets *o)
{
	CHECK_EQ(m->nfuncs, 4);
	CHECK_EQ(m->nfunc_imports, 2);
	const ir_func *f = m->funcs;
	CHECK(f[0].imported && f[0].import_index == 0 && f[0].type_index == 1);
	CHECK(f[1].imported && f[1].import_index == 4 && f[1].type_index == 0);
	CHECK(!f[2].imported && f[2].type_index == 2);
	CHECK(!f[3].imported && f[3].type_index == 0);
	CHECK_EQ(f[2].type_offset, o->func_decl[0]);
	CHECK_EQ(f[3].type_offset, o->func_decl[1]);
	CHECK_EQ(f[2].body_offset, o->body[0]);
	CHECK_EQ(f[3].body_offset, o->body[1]);
	CHECK(ir_func_type(m, 0) == &m->types[1]);
	CHECK(ir_func_type(m, 2) == &m->types[2]);
	CHECK_EQ(f[2].nlocals, 3);
	CHECK(ir_local_type(m, &f[2], 0) == IR_F32);
	CHECK(ir_local_type(m, &f[2], 1) == IR_F64);
	CHECK(ir_local_type(m, &f[2], 2) == IR_I32);
	CHECK(ir_local_type(m, &f[2], 3) == IR_I32);
	CHECK(ir_local_type(m, &f[2], 4) == IR_I64);
	CHECK(f[2].ncode == 2 && f[2].code[0].op == OP_NOP &&
	      f[2].code[1].op == OP_END);
	CHECK(f[3].ncode == 1 && f[3].code[0].op == OP_END);
	CHECK_EQ(f[3].code[0].offset, o->body[1] + 2);
	CHECK(f[2].name.len == 0 && f[2].local_names == NULL);
}

static void check_layout_others(const ir_module *m, const layout_offsets *o)
{
	CHECK(m->ntables == 2 && m->ntable_imports == 1);
	CHECK(m->tables[0].imported && m->tables[0].import_index == 1);
	CHECK(m->tables[0].type.elem == IR_EXTERNREF);
	CHECK_EQ(m->tables[0].offset, o->import[1]);
	CHECK(!m->tables[1].imported && m->tables[1].type.elem == IR_FUNCREF);
	CHECK(m->tables[1].type.limits.min == 2 &&
	      !m->tables[1].type.limits.has_max);
	CHECK_EQ(m->tables[1].offset, o->table);
	CHECK(m->nmemories == 2 && m->nmemory_imports == 1);
	CHECK(m->memories[0].imported && m->memories[0].import_index == 2);
	CHECK(!m->memories[1].imported && m->memories[1].limits.max == 5);
	CHECK_EQ(m->memories[1].offset, o->memory);
	CHECK(m->nglobals == 2 && m->nglobal_imports == 1);
	CHECK(m->globals[0].imported && m->globals[0].import_index == 3);
	CHECK(m->globals[0].type.type == IR_I64 && m->globals[0].type.mutable_);
	const ir_global *g = &m->globals[1];
	CHECK(!g->imported && g->type.type == IR_I32 && !g->type.mutable_);
	CHECK(g->init.ncode == 1 && g->init.code[0].op == OP_I32_CONST);
	CHECK_EQ(g->init.code[0].imm.i32, 42);
	CHECK_EQ(g->init.offset, o->global + 2);
	CHECK_EQ(g->offset, o->global);
	CHECK_EQ(m->nexports, 2);
	CHECK(name_is(m->exports[0].name, "run"));
	CHECK(m->exports[0].kind == IR_EXTERN_FUNC && m->exports[0].index == 2);
	CHECK(name_is(m->exports[1].name, "g"));
	CHECK(m->exports[1].kind == IR_EXTERN_GLOBAL &&
	      m->exports[1].index == 1);
	CHECK_EQ(m->exports[1].offset, o->export[1]);
	CHECK(m->nelems == 0 && m->ndatas == 0 && !m->has_start);
	CHECK(!m->has_data_count && m->ncustoms == 0);
}

/* Index spaces (spec 2.5.1): imports first, in import order. */
static void test_layout(void)
{
	static modbuf b;
	layout_offsets o;
	w2n_diags d = {0};
	check_context("layout");
	b.len = 0;
	mb_header(&b);
	build_layout_imports(&b, &o);
	build_layout_definitions(&b, &o);
	ir_module *m = decode_ok(&b, &d);
	if (m) {
		check_layout_imports(m, &o);
		check_layout_funcs(m, &o);
		check_layout_others(m, &o);
	}
	ir_module_free(m);
	w2n_diags_free(&d);
}

/* A module with one function of type [] -> [] and the given body
 * (locals and instructions); the body's first byte is at *at. */
static void build_one_func(modbuf *b, const uint8_t *body, size_t len,
                           size_t *at)
{
	mb_void_funcs(b, 1);
	size_t s;
	s = mb_section(b, SEC_MEMORY);
	MB(b, 1, 0, 1);
	mb_end(b, s);
	s = mb_section(b, SEC_CODE);
	MB(b, 1);
	size_t size = mb_begin(b);
	*at = b->len;
	mb_put(b, body, len);
	mb_end(b, size);
	mb_end(b, s);
}

/* The body of the instruction test: offsets relative to its start. */
/* clang-format off */
static const uint8_t instr_body[] = {
	0x00,                         /* 0x00 no locals */
	0x02, 0x7F,                   /* 0x01 [0] block (result i32) */
	0x41, 0x80, 0x7F,             /* 0x03 [1] i32.const -128 */
	0x04, 0x40,                   /* 0x06 [2] if */
	0x01,                         /* 0x08 [3] nop */
	0x05,                         /* 0x09 [4] else */
	0x01,                         /* 0x0a [5] nop */
	0x0B,                         /* 0x0b [6] end */
	0x03, 0x00,                   /* 0x0c [7] loop (type 0) */
	0x0E, 0x02, 0x00, 0x01, 0x02, /* 0x0e [8] br_table 0 1 2 */
	0x0B,                         /* 0x13 [9] end */
	0x0B,                         /* 0x14 [10] end */
	0x28, 0x02, 0x10,             /* 0x15 [11] i32.load align=4 off=16 */
	0x42, 0x7F,                   /* 0x18 [12] i64.const -1 */
	0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F,
	                              /* 0x1a [13] i64.const INT64_MIN */
	0x43, 0x01, 0x00, 0xA0, 0x7F, /* 0x25 [14] f32.const nan:0x200001 */
	0x44, 0x01, 0, 0, 0, 0, 0, 0xF0, 0xFF,
	                              /* 0x2a [15] f64.const -nan:0x1 */
	0xFD, 0x0C, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0xFF,
	                              /* 0x33 [16] v128.const */
	0xFD, 0x0D, 0x1F, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0,
	                              /* 0x45 [17] i8x16.shuffle */
	0xFD, 0x54, 0x00, 0x03, 0x07, /* 0x57 [18] v128.load8_lane 3 7 */
	0x11, 0x00, 0x01,             /* 0x5c [19] call_indirect t0 table1 */
	0x1C, 0x01, 0x7E,             /* 0x5f [20] select (result i64) */
	0xD0, 0x6F,                   /* 0x62 [21] ref.null extern */
	0xFC, 0x0A, 0x00, 0x00,       /* 0x64 [22] memory.copy */
	0xFC, 0x00,                   /* 0x68 [23] i32.trunc_sat_f32_s */
	0x20, 0xAC, 0x02,             /* 0x6a [24] local.get 300 */
	0x0B,                         /* 0x6d [25] end */
};
/* clang-format on */

static void check_control(const ir_module *m, const ir_instr *c, size_t at)
{
	static const uint16_t ops[] = {
	    OP_BLOCK, OP_I32_CONST, OP_IF,       OP_NOP, OP_ELSE, OP_NOP,
	    OP_END,   OP_LOOP,      OP_BR_TABLE, OP_END, OP_END};
	static const uint8_t offsets[] = {0x01, 0x03, 0x06, 0x08, 0x09, 0x0a,
	                                  0x0b, 0x0c, 0x0e, 0x13, 0x14};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		CHECK_EQ(c[i].op, ops[i]);
		CHECK_EQ(c[i].offset, at + offsets[i]);
	}
	/* Block types come resolved: [] -> [i32], [] -> [], type 0. */
	const ir_functype *t0 = &c[0].imm.block.type->type;
	CHECK(t0->nparams == 0 && t0->nresults == 1 &&
	      t0->results[0] == IR_I32);
	CHECK(c[0].imm.block.else_index == 10 &&
	      c[0].imm.block.end_index == 10);
	CHECK_EQ(c[1].imm.i32, -128);
	const ir_functype *t2 = &c[2].imm.block.type->type;
	CHECK(t2->nparams == 0 && t2->nresults == 0);
	CHECK(c[2].imm.block.else_index == 4 && c[2].imm.block.end_index == 6);
	CHECK_EQ(c[4].imm.index, 2); /* else -> its if */
	CHECK_EQ(c[6].imm.index, 2); /* end -> its if */
	CHECK(c[7].imm.block.type == &m->blocktypes[0] &&
	      c[7].imm.block.type->type.results == m->types[0].results);
	CHECK(!c[0].imm.block.type->unknown && !c[7].imm.block.type->unknown);
	CHECK(c[7].imm.block.else_index == 9 && c[7].imm.block.end_index == 9);
	CHECK_EQ(c[8].imm.br_table.count, 2);
	CHECK(c[8].imm.br_table.labels[0] == 0 &&
	      c[8].imm.br_table.labels[1] == 1 &&
	      c[8].imm.br_table.labels[2] == 2);
	CHECK_EQ(c[9].imm.index, 7);
	CHECK_EQ(c[10].imm.index, 0);
}

static void check_immediates(const ir_instr *c)
{
	static const uint8_t v128[16] = {0, 1, 2,  3,  4,  5,  6,  7,
	                                 8, 9, 10, 11, 12, 13, 14, 0xFF};
	CHECK(c[11].op == OP_I32_LOAD && c[11].imm.mem.align_log2 == 2 &&
	      c[11].imm.mem.offset == 16 && c[11].imm.mem.memory == 0);
	CHECK(c[12].op == OP_I64_CONST && c[12].imm.i64 == -1);
	CHECK(c[13].op == OP_I64_CONST && c[13].imm.i64 == INT64_MIN);
	CHECK(c[14].op == OP_F32_CONST && c[14].imm.f32_bits == 0x7FA00001);
	CHECK(c[15].op == OP_F64_CONST &&
	      c[15].imm.f64_bits == UINT64_C(0xFFF0000000000001));
	CHECK(c[16].op == OP_V128_CONST &&
	      memcmp(c[16].imm.v128, v128, 16) == 0);
	CHECK(c[17].op == OP_I8X16_SHUFFLE && c[17].imm.shuffle[0] == 0x1F &&
	      c[17].imm.shuffle[14] == 14 && c[17].imm.shuffle[15] == 0);
	CHECK(c[18].op == OP_V128_LOAD8_LANE && c[18].imm.mem.align_log2 == 0 &&
	      c[18].imm.mem.offset == 3 && c[18].imm.mem.lane == 7);
	CHECK(c[19].op == OP_CALL_INDIRECT && c[19].imm.index2.a == 0 &&
	      c[19].imm.index2.b == 1);
	CHECK(c[20].op == OP_SELECT_T && c[20].imm.select.count == 1 &&
	      c[20].imm.select.type == IR_I64);
	CHECK(c[21].op == OP_REF_NULL && c[21].imm.type == IR_EXTERNREF);
	CHECK(c[22].op == OP_MEMORY_COPY);
	CHECK(c[23].op == OP_I32_TRUNC_SAT_F32_S);
	CHECK(c[24].op == OP_LOCAL_GET && c[24].imm.index == 300);
	CHECK(c[25].op == OP_END && c[25].imm.index == UINT32_MAX);
}

/* Decoded instructions (spec 5.4): ops, immediates, offsets, links. */
static void test_instructions(void)
{
	static modbuf b;
	size_t at;
	w2n_diags d = {0};
	check_context("instructions");
	build_one_func(&b, instr_body, sizeof instr_body, &at);
	ir_module *m = decode_ok(&b, &d);
	if (m) {
		const ir_func *f = &m->funcs[0];
		CHECK_EQ(f->ncode, 26);
		CHECK_EQ(f->max_depth, 2);
		CHECK_EQ(f->nlocals, 0);
		if (f->ncode == 26) {
			check_control(m, f->code, at);
			check_immediates(f->code);
		}
	}
	ir_module_free(m);
	w2n_diags_free(&d);
}

/* Two functions of type [] -> [] and two funcref tables, for segments. */
static void build_segment_prelude(modbuf *b)
{
	mb_void_funcs(b, 2);
	size_t s = mb_section(b, SEC_TABLE);
	MB(b, 2, 0x70, 0, 10, 0x70, 0, 10);
	mb_end(b, s);
}

static void build_code_two_funcs(modbuf *b)
{
	size_t s = mb_section(b, SEC_CODE);
	MB(b, 2, 2, 0, 0x0B, 2, 0, 0x0B);
	mb_end(b, s);
}

/* One segment of each flags value 0..7 (spec 5.5.12); pos[i] records
 * where segment i starts. */
static void build_elems(modbuf *b, size_t pos[8])
{
	size_t s = mb_section(b, SEC_ELEMENT);
	MB(b, 8);
	pos[0] = b->len, MB(b, 0, 0x41, 1, 0x0B, 2, 0, 1);
	pos[1] = b->len, MB(b, 1, 0x00, 1, 1);
	pos[2] = b->len, MB(b, 2, 1, 0x41, 2, 0x0B, 0x00, 1, 0);
	pos[3] = b->len, MB(b, 3, 0x00, 2, 0, 1);
	pos[4] = b->len;
	MB(b, 4, 0x41, 3, 0x0B, 2, 0xD2, 1, 0x0B, 0xD0, 0x70, 0x0B);
	pos[5] = b->len, MB(b, 5, 0x6F, 1, 0xD0, 0x6F, 0x0B);
	pos[6] = b->len, MB(b, 6, 1, 0x41, 4, 0x0B, 0x70, 1, 0xD2, 0, 0x0B);
	pos[7] = b->len, MB(b, 7, 0x70, 1, 0xD2, 1, 0x0B);
	mb_end(b, s);
}

/* Segment `e` is active on `table` at i32.const `offset`. */
static bool active_at(const ir_elem *e, uint32_t table, int32_t offset)
{
	return e->mode == IR_SEG_ACTIVE && e->table == table &&
	       e->offset.ncode == 1 && e->offset.code[0].op == OP_I32_CONST &&
	       e->offset.code[0].imm.i32 == offset;
}

/* Item `i` of `e` is exactly `ref.func func`. */
static bool item_func(const ir_elem *e, uint32_t i, uint32_t func)
{
	return i < e->nitems && e->items[i].ncode == 1 &&
	       e->items[i].code[0].op == OP_REF_FUNC &&
	       e->items[i].code[0].imm.index == func;
}

static void check_elems(const ir_module *m, const size_t pos[8])
{
	const ir_elem *e = m->elems;
	for (int i = 0; i < 8; i++)
		CHECK_EQ(e[i].pos, pos[i]);
	/* Segments of function indices hold (ref func) (Wasm 3.0). */
	CHECK(active_at(&e[0], 0, 1) &&
	      e[0].type == (IR_FUNCREF | IR_REF_NONNULL));
	CHECK(e[0].nitems == 2 && item_func(&e[0], 0, 0) &&
	      item_func(&e[0], 1, 1));
	CHECK(e[1].mode == IR_SEG_PASSIVE &&
	      e[1].type == (IR_FUNCREF | IR_REF_NONNULL));
	CHECK(e[1].nitems == 1 && item_func(&e[1], 0, 1));
	CHECK(active_at(&e[2], 1, 2) && item_func(&e[2], 0, 0));
	CHECK(e[3].mode == IR_SEG_DECLARATIVE && e[3].nitems == 2 &&
	      item_func(&e[3], 1, 1));
	CHECK(active_at(&e[4], 0, 3) && e[4].type == IR_FUNCREF);
	CHECK(e[4].nitems == 2 && item_func(&e[4], 0, 1));
	CHECK(e[4].items[1].ncode == 1 &&
	      e[4].items[1].code[0].op == OP_REF_NULL &&
	      e[4].items[1].code[0].imm.type == IR_FUNCREF);
	CHECK(e[5].mode == IR_SEG_PASSIVE && e[5].type == IR_EXTERNREF);
	CHECK(e[5].nitems == 1 && e[5].items[0].code[0].op == OP_REF_NULL);
	CHECK(active_at(&e[6], 1, 4) && e[6].type == IR_FUNCREF &&
	      item_func(&e[6], 0, 0));
	CHECK(e[7].mode == IR_SEG_DECLARATIVE && e[7].type == IR_FUNCREF &&
	      item_func(&e[7], 0, 1));
}

static void test_elem_segments(void)
{
	static modbuf b;
	size_t pos[8];
	w2n_diags d = {0};
	check_context("element segments");
	build_segment_prelude(&b);
	build_elems(&b, pos);
	build_code_two_funcs(&b);
	ir_module *m = decode_ok(&b, &d);
	CHECK(m && m->nelems == 8);
	if (m && m->nelems == 8)
		check_elems(m, pos);
	ir_module_free(m);
	m = w2n_frontend_load(b.bytes, b.len, &d);
	CHECK(m != NULL && d.first == NULL);
	ir_module_free(m);
	w2n_diags_free(&d);
}

/* A module with only an element section holding `seg`. */
static void build_one_elem(modbuf *b, const uint8_t *seg, size_t len,
                           size_t *at)
{
	build_segment_prelude(b);
	size_t s = mb_section(b, SEC_ELEMENT);
	MB(b, 1);
	*at = b->len;
	mb_put(b, seg, len);
	mb_end(b, s);
	build_code_two_funcs(b);
}

static void test_bad_elem_segments(void)
{
	static modbuf b;
	size_t at;
	check_context("elem flags 8");
	build_one_elem(&b, (const uint8_t[]){8, 0, 0}, 3, &at);
	decode_fails(&b, W2N_DIAG_MALFORMED_ELEM_KIND, at);
	check_context("elem kind 1");
	build_one_elem(&b, (const uint8_t[]){1, 1, 0}, 3, &at);
	decode_fails(&b, W2N_DIAG_MALFORMED_ELEM_KIND, at + 1);
	check_context("elem reftype i32");
	build_one_elem(&b, (const uint8_t[]){5, 0x7F, 0}, 3, &at);
	decode_fails(&b, W2N_DIAG_MALFORMED_REFTYPE, at + 1);
}

/* Memory, data count 3 and a data section of the three encodings. */
static void build_data_module(modbuf *b, uint32_t count, size_t pos[3])
{
	b->len = 0;
	mb_header(b);
	size_t s = mb_section(b, SEC_MEMORY);
	MB(b, 1, 0, 1);
	mb_end(b, s);
	s = mb_section(b, SEC_DATA_COUNT);
	mb_u32(b, count);
	mb_end(b, s);
	s = mb_section(b, SEC_DATA);
	pos[0] = b->len; /* the count here, then the first segment */
	MB(b, 3);
	pos[0] = b->len, MB(b, 0, 0x41, 16, 0x0B, 3, 'a', 'b', 'c');
	pos[1] = b->len, MB(b, 1, 2, 'x', 'y');
	pos[2] = b->len, MB(b, 2, 0, 0x41, 32, 0x0B, 1, 'z');
	mb_end(b, s);
}

static void check_datas(const ir_module *m, const size_t pos[3])
{
	const ir_data *d = m->datas;
	CHECK(m->has_data_count && m->data_count == 3 && m->ndatas == 3);
	if (m->ndatas != 3)
		return;
	for (int i = 0; i < 3; i++)
		CHECK_EQ(d[i].pos, pos[i]);
	CHECK(d[0].mode == IR_SEG_ACTIVE && d[0].memory == 0);
	CHECK(d[0].offset.ncode == 1 && d[0].offset.code[0].imm.i32 == 16);
	CHECK(d[0].len == 3 && memcmp(d[0].bytes, "abc", 3) == 0);
	CHECK(d[1].mode == IR_SEG_PASSIVE && d[1].len == 2 &&
	      memcmp(d[1].bytes, "xy", 2) == 0);
	CHECK(d[2].mode == IR_SEG_ACTIVE && d[2].memory == 0);
	CHECK(d[2].offset.ncode == 1 && d[2].offset.code[0].imm.i32 == 32);
	CHECK(d[2].len == 1 && d[2].bytes[0] == 'z');
}

static void test_data_segments(void)
{
	static modbuf b;
	size_t pos[3];
	w2n_diags d = {0};
	check_context("data segments");
	build_data_module(&b, 3, pos);
	ir_module *m = decode_ok(&b, &d);
	if (m)
		check_datas(m, pos);
	ir_module_free(m);
	m = w2n_frontend_load(b.bytes, b.len, &d);
	CHECK(m != NULL && d.first == NULL);
	ir_module_free(m);
	w2n_diags_free(&d);

	check_context("data count mismatch");
	build_data_module(&b, 2, pos);
	decode_fails(&b, W2N_DIAG_DATA_COUNT_MISMATCH, pos[0] - 1);
	check_context("data flags 3");
	build_data_module(&b, 3, pos);
	b.bytes[pos[1]] = 3;
	decode_fails(&b, W2N_DIAG_MALFORMED_DATA_KIND, pos[1]);
}

/* Functions: import 0 of type [i32] -> [], defined 1 (one i32 local) and
 * 2, then a custom section "name" holding `names`. */
static void build_named_module(modbuf *b, const uint8_t *names, size_t len)
{
	b->len = 0;
	mb_header(b);
	size_t s = mb_section(b, SEC_TYPE);
	MB(b, 1, 0x60, 1, 0x7F, 0);
	mb_end(b, s);
	s = mb_section(b, SEC_IMPORT);
	MB(b, 1), mb_name(b, "m"), mb_name(b, "f"), MB(b, 0, 0);
	mb_end(b, s);
	s = mb_section(b, SEC_FUNCTION);
	MB(b, 2, 0, 0);
	mb_end(b, s);
	s = mb_section(b, SEC_CODE);
	MB(b, 2, 4, 1, 1, 0x7F, 0x0B, 2, 0, 0x0B);
	mb_end(b, s);
	s = mb_section(b, SEC_CUSTOM);
	mb_name(b, "name");
	mb_put(b, names, len);
	mb_end(b, s);
}

/* clang-format off */
static const uint8_t good_names[] = {
	0, 4, 3, 'm', 'o', 'd',                      /* module "mod" */
	1, 14, 2, 0, 3, 'i', 'm', 'p',               /* func 0 "imp" */
	2, 6, 's', 'e', 'c', 'o', 'n', 'd',          /* func 2 "second" */
	2, 9, 1, 1, 2, 0, 1, 'p', 1, 1, 'l',         /* func 1: "p", "l" */
};
/* clang-format on */

static void test_name_section(void)
{
	static modbuf b;
	w2n_diags d = {0};
	check_context("name section");
	build_named_module(&b, good_names, sizeof good_names);
	ir_module *m = w2n_frontend_load(b.bytes, b.len, &d);
	CHECK(m != NULL && d.first == NULL);
	if (m) {
		CHECK(name_is(m->name, "mod"));
		CHECK(name_is(m->funcs[0].name, "imp"));
		CHECK(m->funcs[1].name.len == 0);
		CHECK(name_is(m->funcs[2].name, "second"));
		CHECK(m->funcs[1].nlocal_names == 2);
		if (m->funcs[1].nlocal_names == 2) {
			CHECK(m->funcs[1].local_names[0].index == 0);
			CHECK(name_is(m->funcs[1].local_names[0].name, "p"));
			CHECK(m->funcs[1].local_names[1].index == 1);
			CHECK(name_is(m->funcs[1].local_names[1].name, "l"));
		}
		CHECK(m->funcs[2].local_names == NULL);
		CHECK(m->ncustoms == 1 && name_is(m->customs[0].name, "name"));
	}
	ir_module_free(m);
	w2n_diags_free(&d);
}

typedef struct names_case {
	const char *name;
	const uint8_t *bytes;
	size_t len;
} names_case;

#define BYTES(...)                                                             \
	(const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})

/* Name sections that are malformed: the module must still load. */
/* clang-format off */
static const names_case bad_names[] = {
	{"truncated function names", BYTES(1, 5, 3, 0, 1, 'a', 2)},
	{"bad UTF-8 in a function name", BYTES(1, 4, 1, 0, 1, 0xFF)},
	{"bad UTF-8 in the module name", BYTES(0, 3, 2, 0xC0, 0x80)},
	{"subsection past the end", BYTES(1, 100, 1, 0, 1, 'a')},
	{"subsection size too long", BYTES(1, 0x80, 0x80, 0x80, 0x80, 0x80)},
	{"local names out of range",
	 BYTES(2, 11, 2, 9, 1, 0, 1, 'x', 1, 1, 7, 1, 'y')},
	{"local names of an import", BYTES(2, 5, 1, 0, 1, 0, 0)},
	{"count too large", BYTES(1, 2, 0xFF, 0x0F)},
	{"unknown subsection", BYTES(9, 2, 0xAA, 0xBB, 1, 4, 1, 0, 1, 'a')},
	{"empty", NULL, 0},
	{"lone id", BYTES(1)},
	{"duplicate and out of order",
	 BYTES(1, 4, 1, 2, 1, 'a', 1, 4, 1, 0, 1, 'b', 0, 2, 1, 'm')},
};
/* clang-format on */

static void test_bad_name_sections(void)
{
	static modbuf b;
	for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++) {
		w2n_diags d = {0};
		check_context(bad_names[i].name);
		build_named_module(&b, bad_names[i].bytes, bad_names[i].len);
		ir_module *m = w2n_frontend_load(b.bytes, b.len, &d);
		CHECK(m != NULL && d.first == NULL);
		ir_module_free(m);
		w2n_diags_free(&d);
	}
	/* Entries read before the malformation are kept. */
	w2n_diags d = {0};
	check_context("names before a malformation");
	build_named_module(&b, bad_names[0].bytes, bad_names[0].len);
	ir_module *m = w2n_frontend_load(b.bytes, b.len, &d);
	CHECK(m && name_is(m->funcs[0].name, "a"));
	ir_module_free(m);
	w2n_diags_free(&d);
}

/* A custom section's own name must be UTF-8, unlike the names inside
 * the name section (spec 5.5.3). */
static void test_custom_section_name(void)
{
	static modbuf b;
	check_context("custom section name");
	b.len = 0;
	mb_header(&b);
	size_t s = mb_section(&b, SEC_CUSTOM);
	size_t at = b.len;
	MB(&b, 3, 'a', 0xED, 0xA0);
	mb_end(&b, s);
	decode_fails(&b, W2N_DIAG_UTF8, at + 2);
}

/* memory.init and data.drop need a data count section (spec 5.5.16). */
static void test_data_count_required(void)
{
	static modbuf b;
	size_t at;
	/* clang-format off */
	static const uint8_t init_body[] = {
		0, 0x41, 0, 0x41, 0, 0x41, 0,
		0xFC, 0x08, 0x00, 0x00, /* 0x07 memory.init 0 */
		0x0B};
	static const uint8_t drop_body[] = {
		0, 0xFC, 0x09, 0x00, /* 0x01 data.drop 0 */
		0x0B};
	/* clang-format on */
	check_context("memory.init without data count");
	build_one_func(&b, init_body, sizeof init_body, &at);
	decode_fails(&b, W2N_DIAG_DATA_COUNT_REQUIRED, at + 7);
	check_context("data.drop without data count");
	build_one_func(&b, drop_body, sizeof drop_body, &at);
	decode_fails(&b, W2N_DIAG_DATA_COUNT_REQUIRED, at + 1);
}

/* The same memory.init with a data count and one passive segment. */
static void test_data_count_present(void)
{
	static modbuf b;
	w2n_diags d = {0};
	check_context("memory.init with data count");
	b.len = 0;
	mb_header(&b);
	size_t s = mb_section(&b, SEC_TYPE);
	MB(&b, 1, 0x60, 0, 0);
	mb_end(&b, s);
	s = mb_section(&b, SEC_FUNCTION);
	MB(&b, 1, 0);
	mb_end(&b, s);
	s = mb_section(&b, SEC_MEMORY);
	MB(&b, 1, 0, 1);
	mb_end(&b, s);
	s = mb_section(&b, SEC_DATA_COUNT);
	MB(&b, 1);
	mb_end(&b, s);
	s = mb_section(&b, SEC_CODE);
	MB(&b, 1, 12, 0, 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x08, 0, 0, 0x0B);
	mb_end(&b, s);
	s = mb_section(&b, SEC_DATA);
	MB(&b, 1, 1, 2, 'h', 'i');
	mb_end(&b, s);
	ir_module *m = w2n_frontend_load(b.bytes, b.len, &d);
	CHECK(m != NULL && d.first == NULL);
	if (m)
		CHECK(m->funcs[0].code[3].op == OP_MEMORY_INIT &&
		      m->funcs[0].code[3].imm.index2.a == 0);
	ir_module_free(m);
	w2n_diags_free(&d);
}

/* A few malformed bodies whose offsets the builder knows. */
static void test_bad_bodies(void)
{
	static modbuf b;
	size_t at;
	check_context("illegal opcode");
	build_one_func(&b, (const uint8_t[]){0, 0x01, 0xFF, 0x0B}, 4, &at);
	decode_fails(&b, W2N_DIAG_ILLEGAL_OPCODE, at + 2);
	check_context("illegal 0xFC opcode");
	build_one_func(&b, (const uint8_t[]){0, 0xFC, 0x20, 0x0B}, 4, &at);
	decode_fails(&b, W2N_DIAG_ILLEGAL_OPCODE, at + 1);
	check_context("memop flags of 128");
	build_one_func(
	    &b, (const uint8_t[]){0, 0x41, 0, 0x28, 0x80, 0x01, 0, 0x1A, 0x0B},
	    9, &at);
	decode_fails(&b, W2N_DIAG_MEMOP_FLAGS, at + 4);
	check_context("body without end");
	build_one_func(&b, (const uint8_t[]){0, 0x01, 0x01}, 3, &at);
	decode_fails(&b, W2N_DIAG_UNEXPECTED_END_SECTION, at + 3);
	check_context("code after the final end");
	build_one_func(&b, (const uint8_t[]){0, 0x0B, 0x01}, 3, &at);
	decode_fails(&b, W2N_DIAG_SECTION_SIZE_MISMATCH, at + 2);
	check_context("v128.const truncated");
	build_one_func(&b, (const uint8_t[]){0, 0xFD, 0x0C, 1, 2}, 5, &at);
	decode_fails(&b, W2N_DIAG_UNEXPECTED_END_SECTION, at + 5);
	check_context("block type index negative");
	build_one_func(&b, (const uint8_t[]){0, 0x02, 0x80, 0x7F, 0x0B, 0x0B},
	               6, &at);
	decode_fails(&b, W2N_DIAG_MALFORMED_VALTYPE, at + 2);
}

int main(void)
{
	test_layout();
	test_instructions();
	test_elem_segments();
	test_bad_elem_segments();
	test_data_segments();
	test_name_section();
	test_bad_name_sections();
	test_custom_section_name();
	test_data_count_required();
	test_data_count_present();
	test_bad_bodies();
	return check_report("test_decode");
}
