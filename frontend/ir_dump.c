/*
 * ir_dump.c - the module IR as text (wasm2native -d i), to see what the
 * frontend hands to codegen: the index spaces, then every defined
 * function's instructions with their byte offsets, decoded immediates and
 * block links (`-> else E end N` on openers, `<- B` on else and end).
 */
#include "frontend.h"

#include <inttypes.h>
#include <stdio.h>

static void dump_name(FILE *out, ir_name n)
{
	if (n.len)
		fprintf(out, " \"%.*s\"", (int)n.len, n.str);
}

static void dump_type(ir_valtype t, FILE *out)
{
	char buf[IR_VALTYPE_NAME_MAX];
	fprintf(out, " %s", ir_valtype_name(t, buf));
}

static void dump_types(const ir_valtype *t, uint32_t n, FILE *out)
{
	for (uint32_t i = 0; i < n; i++)
		dump_type(t[i], out);
}

static void dump_blocktype(const ir_blocktype *bt, FILE *out)
{
	if (bt->type.nparams) {
		fprintf(out, " (param");
		dump_types(bt->type.params, bt->type.nparams, out);
		fputc(')', out);
	}
	if (bt->type.nresults) {
		fprintf(out, " (result");
		dump_types(bt->type.results, bt->type.nresults, out);
		fputc(')', out);
	}
}

static void dump_bytes(const uint8_t *b, unsigned n, FILE *out)
{
	for (unsigned i = 0; i < n; i++)
		fprintf(out, " %u", b[i]);
}

/* The immediates of `in`, by its opcode's immediate kind. */
static void dump_imm(const ir_instr *in, FILE *out)
{
	if (in->op == OP_ELSE || in->op == OP_END) {
		if (in->imm.index != UINT32_MAX)
			fprintf(out, " <- %u", in->imm.index);
		return;
	}
	switch (ir_opcodes[in->op].imm) {
	case IMM_BLOCK:
		dump_blocktype(in->imm.block.type, out);
		fprintf(out, " -> else %u end %u", in->imm.block.else_index,
		        in->imm.block.end_index);
		break;
	case IMM_INDEX:
	case IMM_MEMIDX: fprintf(out, " %u", in->imm.index); break;
	case IMM_INDEX2:
	case IMM_DATA_MEMIDX:
	case IMM_MEMIDX2:
		fprintf(out, " %u %u", in->imm.index2.a, in->imm.index2.b);
		break;
	case IMM_BR_TABLE:
		for (uint32_t i = 0; i <= in->imm.br_table.count; i++)
			fprintf(out, " %u", in->imm.br_table.labels[i]);
		break;
	case IMM_MEMARG:
	case IMM_MEMARG_LANE:
		fprintf(out, " memory=%u offset=%" PRIu64 " align=%u",
		        in->imm.mem.memory, in->imm.mem.offset,
		        1u << in->imm.mem.align_log2);
		if (ir_opcodes[in->op].imm == IMM_MEMARG_LANE)
			fprintf(out, " lane=%u", in->imm.mem.lane);
		break;
	case IMM_LANE: fprintf(out, " %u", in->imm.lane); break;
	case IMM_SHUFFLE: dump_bytes(in->imm.shuffle, 16, out); break;
	case IMM_I32: fprintf(out, " %" PRId32, in->imm.i32); break;
	case IMM_I64: fprintf(out, " %" PRId64, in->imm.i64); break;
	case IMM_F32:
		fprintf(out, " bits:0x%08" PRIx32, in->imm.f32_bits);
		break;
	case IMM_F64:
		fprintf(out, " bits:0x%016" PRIx64, in->imm.f64_bits);
		break;
	case IMM_V128: dump_bytes(in->imm.v128, 16, out); break;
	case IMM_REFTYPE: dump_type(in->imm.type, out); break;
	case IMM_SELECT_T: dump_type(in->imm.select.type, out); break;
	default: break;
	}
}

static void dump_code(const ir_instr *code, uint32_t n, int indent, FILE *out)
{
	for (uint32_t i = 0; i < n; i++) {
		const ir_instr *in = &code[i];
		if (in->op == OP_END || in->op == OP_ELSE)
			indent--;
		fprintf(out, "  %6u 0x%06x %*s%s", i, in->offset, 2 * indent,
		        "", ir_opcodes[in->op].name);
		dump_imm(in, out);
		fputc('\n', out);
		if (ir_opcodes[in->op].imm == IMM_BLOCK || in->op == OP_ELSE)
			indent++;
	}
}

static void dump_func(const ir_module *m, uint32_t i, FILE *out)
{
	const ir_func *f = &m->funcs[i];
	const ir_functype *t = &m->types[f->type_index];
	fprintf(out, "func %u type %u", i, f->type_index);
	dump_name(out, f->name);
	fprintf(out, " (param");
	dump_types(t->params, t->nparams, out);
	fprintf(out, ") (result");
	dump_types(t->results, t->nresults, out);
	fprintf(out, ")");
	if (f->imported) {
		const ir_import *im = &m->imports[f->import_index];
		fprintf(out, " import");
		dump_name(out, im->module);
		dump_name(out, im->name);
		fputc('\n', out);
		return;
	}
	fprintf(out, " locals");
	dump_types(f->locals, f->nlocals, out);
	fprintf(out, " max_depth %u%s\n", f->max_depth,
	        f->tail_calls ? " tail_calls" : "");
	dump_code(f->code, f->ncode, 1, out);
}

static void dump_limits(const char *what, uint32_t i, const ir_limits *l,
                        bool imported, FILE *out)
{
	fprintf(out, "%s %u%s min %" PRIu64, what, i, l->addr64 ? " i64" : "",
	        l->min);
	if (l->has_max)
		fprintf(out, " max %" PRIu64, l->max);
	fprintf(out, "%s%s\n", l->shared ? " shared" : "",
	        imported ? " import" : "");
}

static void dump_spaces(const ir_module *m, FILE *out)
{
	for (uint32_t i = 0; i < m->ntypes; i++) {
		fprintf(out, "type %u (param", i);
		dump_types(m->types[i].params, m->types[i].nparams, out);
		fprintf(out, ") (result");
		dump_types(m->types[i].results, m->types[i].nresults, out);
		fprintf(out, ")\n");
	}
	for (uint32_t i = 0; i < m->ntables; i++) {
		const ir_table *t = &m->tables[i];
		char buf[IR_VALTYPE_NAME_MAX];
		dump_limits(ir_valtype_name(t->type.elem, buf), i,
		            &t->type.limits, t->imported, out);
		if (t->has_init)
			dump_code(t->init.code, t->init.ncode, 2, out);
	}
	for (uint32_t i = 0; i < m->nmemories; i++)
		dump_limits("memory", i, &m->memories[i].limits,
		            m->memories[i].imported, out);
	for (uint32_t i = 0; i < m->nglobals; i++) {
		const ir_global *g = &m->globals[i];
		char buf[IR_VALTYPE_NAME_MAX];
		fprintf(out, "global %u %s%s%s\n", i,
		        g->type.mutable_ ? "mut " : "",
		        ir_valtype_name(g->type.type, buf),
		        g->imported ? " import" : "");
		if (!g->imported)
			dump_code(g->init.code, g->init.ncode, 2, out);
	}
	for (uint32_t i = 0; i < m->nexports; i++) {
		fprintf(out, "export");
		dump_name(out, m->exports[i].name);
		fprintf(out, " kind %d index %u\n", m->exports[i].kind,
		        m->exports[i].index);
	}
	if (m->has_start)
		fprintf(out, "start %u\n", m->start);
}

static void dump_segments(const ir_module *m, FILE *out)
{
	static const char *const modes[] = {"active", "passive", "declarative"};
	for (uint32_t i = 0; i < m->nelems; i++) {
		const ir_elem *e = &m->elems[i];
		char buf[IR_VALTYPE_NAME_MAX];
		fprintf(out, "elem %u %s %s table %u items %u\n", i,
		        modes[e->mode], ir_valtype_name(e->type, buf), e->table,
		        e->nitems);
		if (e->mode == IR_SEG_ACTIVE)
			dump_code(e->offset.code, e->offset.ncode, 2, out);
	}
	for (uint32_t i = 0; i < m->ndatas; i++) {
		const ir_data *d = &m->datas[i];
		fprintf(out, "data %u %s memory %u bytes %u\n", i,
		        modes[d->mode], d->memory, d->len);
		if (d->mode == IR_SEG_ACTIVE)
			dump_code(d->offset.code, d->offset.ncode, 2, out);
	}
}

void ir_dump(const ir_module *m, FILE *out)
{
	fprintf(out, "module");
	dump_name(out, m->name);
	fputc('\n', out);
	dump_spaces(m, out);
	dump_segments(m, out);
	for (uint32_t i = 0; i < m->nfuncs; i++)
		dump_func(m, i, out);
}
