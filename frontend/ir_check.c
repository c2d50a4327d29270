/*
 * ir_check.c - checks that a module IR keeps the promises of docs/ir.md
 * (as QBE's ssacheck checks its IL between passes).  It does not
 * validate Wasm: it checks what later stages rely on without checking,
 * i.e. what a bug in the decoder, the validator or a later edit of the
 * IR would break: counts and index spaces agree, every index is in
 * range, block structure is linked both ways, bodies end with `end`,
 * offsets increase.  Debug builds run it between the frontend and codegen.
 */
#include "frontend.h"

#include <stdarg.h>
#include <stdio.h>

typedef struct checker {
	const ir_module *m;
	char *why;
	size_t why_size;
	bool ok;
} checker;

/* Records the first broken promise; false, so checks can `return fail`. */
static bool fail(checker *c, const char *fmt, ...)
{
	if (c->ok && c->why_size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(c->why, c->why_size, fmt, ap);
		va_end(ap);
	}
	c->ok = false;
	return false;
}

static bool in_range(checker *c, uint32_t i, uint32_t n, const char *what,
                     uint32_t offset)
{
	return i < n ||
	       fail(c, "0x%x: %s %u out of range (%u)", offset, what, i, n);
}

/* Whether entry `index` of the index space of `kind` is import `i`. */
static bool points_back(const ir_module *m, ir_extern_kind kind, uint32_t index,
                        uint32_t i)
{
#define IMPORTED(space, count)                                                 \
	(index < m->count && m->space[index].imported &&                       \
	 m->space[index].import_index == i)
	switch (kind) {
	case IR_EXTERN_FUNC: return IMPORTED(funcs, nfuncs);
	case IR_EXTERN_TABLE: return IMPORTED(tables, ntables);
	case IR_EXTERN_MEMORY: return IMPORTED(memories, nmemories);
	case IR_EXTERN_GLOBAL: return IMPORTED(globals, nglobals);
	case IR_EXTERN_TAG: return IMPORTED(tags, ntags);
	}
#undef IMPORTED
	return false;
}

/* Each import names an entry of its kind's index space, in order, and
 * that entry points back at it. */
static bool check_imports(checker *c)
{
	const ir_module *m = c->m;
	uint32_t seen[5] = {0};
	const uint32_t counts[5] = {m->nfunc_imports, m->ntable_imports,
	                            m->nmemory_imports, m->nglobal_imports,
	                            m->ntag_imports};
	for (uint32_t i = 0; i < m->nimports; i++) {
		const ir_import *im = &m->imports[i];
		if ((unsigned)im->kind > IR_EXTERN_TAG)
			return fail(c, "import %u: kind %u", i, im->kind);
		if (im->index != seen[im->kind]++)
			return fail(c, "import %u: index %u out of order", i,
			            im->index);
		if (!points_back(m, im->kind, im->index, i))
			return fail(c,
			            "import %u: its entry does not point "
			            "back at it",
			            i);
	}
	for (int k = 0; k < 5; k++)
		if (seen[k] != counts[k])
			return fail(c, "%u imports of kind %d, counted %u",
			            seen[k], k, counts[k]);
	return true;
}

/* The index immediate of `in`, checked against the space it names. */
static bool check_index(checker *c, const ir_func *f, const ir_instr *in,
                        uint32_t depth)
{
	const ir_module *m = c->m;
	const ir_functype *t = &m->types[f->type_index];
	uint32_t i = in->imm.index, at = in->offset;
	switch (in->op) {
	case OP_BR:
	case OP_BR_IF:
	case OP_BR_ON_NULL:
	case OP_BR_ON_NON_NULL:
	case OP_RETHROW: return in_range(c, i, depth, "label", at);
	case OP_DELEGATE: /* its try is closed: outer labels */
		return in_range(c, i, depth - 1, "label", at);
	case OP_THROW:
	case OP_CATCH: return in_range(c, i, m->ntags, "tag", at);
	case OP_CALL_REF:
	case OP_RETURN_CALL_REF: return in_range(c, i, m->ntypes, "type", at);
	case OP_CALL:
	case OP_RETURN_CALL:
	case OP_REF_FUNC: return in_range(c, i, m->nfuncs, "function", at);
	case OP_LOCAL_GET:
	case OP_LOCAL_SET:
	case OP_LOCAL_TEE:
		return in_range(c, i, t->nparams + f->nlocals, "local", at);
	case OP_GLOBAL_GET:
	case OP_GLOBAL_SET: return in_range(c, i, m->nglobals, "global", at);
	case OP_ELEM_DROP:
		return in_range(c, i, m->nelems, "element segment", at);
	case OP_DATA_DROP: return in_range(c, i, m->ndatas, "data segment", at);
	case OP_ELSE:
	case OP_END: return true; /* the opener, checked with the block */
	case OP_TABLE_GET:
	case OP_TABLE_SET:
	case OP_TABLE_GROW:
	case OP_TABLE_SIZE:
	case OP_TABLE_FILL: return in_range(c, i, m->ntables, "table", at);
	default:
		return fail(c, "0x%x: no rule for the index of %s", at,
		            ir_opcodes[in->op].name);
	}
}

static bool check_index2(checker *c, const ir_instr *in)
{
	const ir_module *m = c->m;
	uint32_t a = in->imm.index2.a, b = in->imm.index2.b, at = in->offset;
	switch (in->op) {
	case OP_CALL_INDIRECT:
	case OP_RETURN_CALL_INDIRECT:
		return in_range(c, a, m->ntypes, "type", at) &&
		       in_range(c, b, m->ntables, "table", at);
	case OP_TABLE_INIT:
		return in_range(c, a, m->nelems, "element segment", at) &&
		       in_range(c, b, m->ntables, "table", at);
	case OP_TABLE_COPY:
		return in_range(c, a, m->ntables, "table", at) &&
		       in_range(c, b, m->ntables, "table", at);
	default:
		return fail(c, "0x%x: no rule for the indices of %s", at,
		            ir_opcodes[in->op].name);
	}
}

/* A legacy try's links: its first catch or catch_all (or its end), and
 * its end or delegate. */
static bool check_try_links(checker *c, const ir_func *f, const ir_instr *b,
                            uint32_t e, uint32_t end)
{
	uint16_t eop = f->code[e].op, endop = f->code[end].op;
	if (endop != OP_END && endop != OP_DELEGATE)
		return fail(c, "0x%x: try closed by %s", b->offset,
		            ir_opcodes[endop].name);
	if (e != end && eop != OP_CATCH && eop != OP_CATCH_ALL)
		return fail(c, "0x%x: try's first handler is %s", b->offset,
		            ir_opcodes[eop].name);
	return true;
}

/* try_table's catch clauses name tags and labels (outside it). */
static bool check_catches(checker *c, const ir_instr *b, uint32_t depth)
{
	const ir_blocktype *bt = b->imm.block.type;
	for (uint32_t i = 0; i < bt->ncatches; i++) {
		const ir_catch *k = &bt->catches[i];
		if (k->kind <= IR_CATCH_REF &&
		    !in_range(c, k->tag, c->m->ntags, "tag", b->offset))
			return false;
		if (!in_range(c, k->label, depth, "label", b->offset))
			return false;
	}
	return true;
}

/* block, loop and if point at their else and end, which point back. */
static bool check_block(checker *c, const ir_func *f, uint32_t at)
{
	const ir_instr *b = &f->code[at];
	uint32_t e = b->imm.block.else_index, end = b->imm.block.end_index;
	if (!(at < e && e <= end && end < f->ncode))
		return fail(c, "0x%x: block links %u, %u out of order",
		            b->offset, e, end);
	if (b->op == OP_TRY) {
		if (!check_try_links(c, f, b, e, end))
			return false;
	} else if (f->code[end].op != OP_END || f->code[end].imm.index != at) {
		return fail(c, "0x%x: its end does not point back", b->offset);
	} else if (e != end && (b->op != OP_IF || f->code[e].op != OP_ELSE ||
	                        f->code[e].imm.index != at)) {
		return fail(c, "0x%x: its else does not point back", b->offset);
	}
	const ir_blocktype *bt = b->imm.block.type;
	return (bt && !bt->unknown) ||
	       fail(c, "0x%x: unresolved block type", b->offset);
}

static bool check_instr(checker *c, const ir_func *f, uint32_t at,
                        uint32_t depth)
{
	const ir_module *m = c->m;
	const ir_instr *in = &f->code[at];
	switch (ir_opcodes[in->op].imm) {
	case IMM_BLOCK: return check_block(c, f, at);
	case IMM_TRY_TABLE:
		return check_block(c, f, at) && check_catches(c, in, depth);
	case IMM_INDEX: return check_index(c, f, in, depth);
	case IMM_INDEX2: return check_index2(c, in);
	case IMM_BR_TABLE:
		for (uint32_t i = 0; i <= in->imm.br_table.count; i++)
			if (!in_range(c, in->imm.br_table.labels[i], depth,
			              "label", in->offset))
				return false;
		return true;
	case IMM_MEMARG:
	case IMM_MEMARG_LANE:
		return in_range(c, in->imm.mem.memory, m->nmemories, "memory",
		                in->offset);
	case IMM_MEMIDX:
		return in_range(c, in->imm.memory, m->nmemories, "memory",
		                in->offset);
	case IMM_MEMIDX2:
		return in_range(c, in->imm.index2.a, m->nmemories, "memory",
		                in->offset) &&
		       in_range(c, in->imm.index2.b, m->nmemories, "memory",
		                in->offset);
	case IMM_DATA_MEMIDX:
		return in_range(c, in->imm.index2.a, m->ndatas, "data segment",
		                in->offset) &&
		       in_range(c, in->imm.index2.b, m->nmemories, "memory",
		                in->offset);
	default: return true;
	}
}

/* A defined function's body: opcodes known, offsets increasing, blocks
 * nested no deeper than max_depth, the last instruction the end of the
 * function, and tail_calls set exactly when there is a tail call. */
static bool check_body(checker *c, uint32_t index)
{
	const ir_func *f = &c->m->funcs[index];
	if (f->ncode == 0 || f->code[f->ncode - 1].op != OP_END ||
	    f->code[f->ncode - 1].imm.index != UINT32_MAX)
		return fail(c, "function %u: body does not end with its end",
		            index);
	uint32_t depth = 1; /* the function's own label */
	bool tail = false;
	for (uint32_t i = 0; i < f->ncode; i++) {
		const ir_instr *in = &f->code[i];
		if (in->op >= OP_COUNT)
			return fail(c, "function %u: opcode %u", index, in->op);
		tail |= ir_opcodes[in->op].oper == IR_OPER_TAIL;
		if (i > 0 && in->offset <= f->code[i - 1].offset)
			return fail(c, "0x%x: offsets do not increase",
			            in->offset);
		if (in->op == OP_END && i + 1 < f->ncode && --depth == 0)
			return fail(c, "0x%x: end of no block", in->offset);
		if (!check_instr(c, f, i, depth))
			return false;
		if (in->op == OP_DELEGATE && --depth == 0)
			return fail(c, "0x%x: delegate of no try", in->offset);
		if ((ir_opcodes[in->op].imm == IMM_BLOCK ||
		     ir_opcodes[in->op].imm == IMM_TRY_TABLE) &&
		    ++depth > f->max_depth + 1)
			return fail(c, "0x%x: deeper than max_depth %u",
			            in->offset, f->max_depth);
	}
	if (tail != f->tail_calls)
		return fail(c, "function %u: tail_calls is %s", index,
		            f->tail_calls ? "set" : "not set");
	return depth == 1 || fail(c, "function %u: unclosed block", index);
}

static bool check_funcs(checker *c)
{
	const ir_module *m = c->m;
	if (m->nfunc_imports > m->nfuncs)
		return fail(c, "more function imports than functions");
	for (uint32_t i = 0; i < m->nfuncs; i++) {
		const ir_func *f = &m->funcs[i];
		if (!in_range(c, f->type_index, m->ntypes, "type",
		              f->type_offset))
			return false;
		if (f->imported != (i < m->nfunc_imports))
			return fail(c, "function %u: imports are not first", i);
		if (!f->imported && !check_body(c, i))
			return false;
	}
	return true;
}

/* A constant expression's indices. */
static bool check_const(checker *c, const ir_constexpr *e)
{
	for (uint32_t i = 0; i < e->ncode; i++) {
		const ir_instr *in = &e->code[i];
		if (in->op == OP_GLOBAL_GET &&
		    !in_range(c, in->imm.index, c->m->nglobals, "global",
		              in->offset))
			return false;
		if (in->op == OP_REF_FUNC &&
		    !in_range(c, in->imm.index, c->m->nfuncs, "function",
		              in->offset))
			return false;
	}
	return true;
}

static bool check_segments(checker *c)
{
	const ir_module *m = c->m;
	for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++)
		if (!check_const(c, &m->globals[i].init))
			return false;
	for (uint32_t i = 0; i < m->nelems; i++) {
		const ir_elem *e = &m->elems[i];
		if (e->mode == IR_SEG_ACTIVE &&
		    (!in_range(c, e->table, m->ntables, "table", e->pos) ||
		     !check_const(c, &e->offset)))
			return false;
		for (uint32_t j = 0; j < e->nitems; j++)
			if (!check_const(c, &e->items[j]))
				return false;
	}
	for (uint32_t i = 0; i < m->ndatas; i++) {
		const ir_data *d = &m->datas[i];
		if (d->mode == IR_SEG_ACTIVE &&
		    (!in_range(c, d->memory, m->nmemories, "memory", d->pos) ||
		     !check_const(c, &d->offset)))
			return false;
	}
	return true;
}

static bool check_exports(checker *c)
{
	const ir_module *m = c->m;
	const uint32_t sizes[5] = {m->nfuncs, m->ntables, m->nmemories,
	                           m->nglobals, m->ntags};
	for (uint32_t i = 0; i < m->nexports; i++) {
		const ir_export *e = &m->exports[i];
		if ((unsigned)e->kind > IR_EXTERN_TAG)
			return fail(c, "export %u: kind %u", i, e->kind);
		if (!in_range(c, e->index, sizes[e->kind], "export index",
		              e->offset))
			return false;
	}
	return !m->has_start ||
	       in_range(c, m->start, m->nfuncs, "start", m->start_offset);
}

bool ir_check(const ir_module *m, char *why, size_t why_size)
{
	checker c = {m, why, why_size, true};
	return check_imports(&c) && check_funcs(&c) && check_segments(&c) &&
	       check_exports(&c);
}
