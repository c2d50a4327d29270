/*
 * ir.c - small queries over the module IR shared by every stage.
 */
#include "ir.h"

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "frontend.h"

void ir_module_free(ir_module *m)
{
	if (!m)
		return;
	w2n_arena_free(&m->arena);
	free(m);
}

const ir_functype *ir_func_type(const ir_module *m, uint32_t func)
{
	W2N_ASSERT(func < m->nfuncs);
	W2N_ASSERT(m->funcs[func].type_index < m->ntypes);
	return &m->types[m->funcs[func].type_index];
}

ir_valtype ir_local_type(const ir_module *m, const ir_func *f, uint32_t index)
{
	const ir_functype *t = &m->types[f->type_index];
	if (index < t->nparams)
		return t->params[index];
	W2N_ASSERT(index - t->nparams < f->nlocals);
	return f->locals[index - t->nparams];
}

/* The text format's name of a reference type: its abbreviation when it
 * has one, else "(ref null? HEAP)" with a type index as a number. */
static const char *ref_name(ir_valtype t, char buf[IR_VALTYPE_NAME_MAX])
{
	const char *heap = (t & 0xFF) == IR_FUNCREF     ? "func"
	                   : (t & 0xFF) == IR_EXTERNREF ? "extern"
	                                                : "exn";
	if (t == IR_FUNCREF)
		return "funcref";
	if (t == IR_EXTERNREF)
		return "externref";
	if (t == IR_EXNREF)
		return "exnref";
	const char *null = ir_valtype_nullable(t) ? "null " : "";
	if (ir_valtype_typed(t))
		snprintf(buf, IR_VALTYPE_NAME_MAX, "(ref %s%u)", null,
		         ir_valtype_index(t));
	else
		snprintf(buf, IR_VALTYPE_NAME_MAX, "(ref %s%s)", null, heap);
	return buf;
}

const char *ir_valtype_name(ir_valtype t, char buf[IR_VALTYPE_NAME_MAX])
{
	switch (t) {
	case IR_I32: return "i32";
	case IR_I64: return "i64";
	case IR_F32: return "f32";
	case IR_F64: return "f64";
	case IR_V128: return "v128";
	}
	return ir_valtype_is_ref(t) ? ref_name(t, buf) : "?";
}

ir_valtype ir_addr_type(const ir_limits *l)
{
	return l->addr64 ? IR_I64 : IR_I32;
}

uint32_t ir_instr_memory(const ir_instr *in)
{
	switch (ir_opcodes[in->op].imm) {
	case IMM_MEMARG:
	case IMM_MEMARG_LANE: return in->imm.mem.memory;
	case IMM_MEMIDX: return in->imm.memory;
	case IMM_DATA_MEMIDX: return in->imm.index2.b;
	case IMM_MEMIDX2: return in->imm.index2.a;
	default: W2N_UNREACHABLE();
	}
}

ir_valtype ir_letter_type(char c)
{
	switch (c) {
	case 'i': return IR_I32;
	case 'l': return IR_I64;
	case 'f': return IR_F32;
	case 'd': return IR_F64;
	case 'v': return IR_V128;
	}
	W2N_UNREACHABLE();
}

ir_module *w2n_frontend_load(const uint8_t *bytes, size_t len, w2n_diags *d)
{
	ir_module *m = dec_module(bytes, len, d);
	if (m && !val_module(m, d)) {
		ir_module_free(m);
		return NULL;
	}
	return m;
}
