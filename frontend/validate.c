/*
 * validate.c - module validation (spec 3.4): limits, index references,
 * constant expressions, segments, exports and the start function; each
 * function body is handed to validate_code.c.  The module is read only.
 */
#include <stdlib.h>
#include <string.h>

#include "validate_internal.h"

/* Memory sizes in pages (spec 3.2.9): 4 GiB of 32-bit addresses, 2^48
 * pages for a 64-bit memory (its byte size still fits in 64 bits). */
#define MAX_PAGES UINT64_C(65536)
#define MAX_PAGES64 (UINT64_C(1) << 48)

static bool check_limits(val_module_ctx *vc, const ir_limits *l, uint64_t bound,
                         w2n_diag_code too_big, uint32_t offset)
{
	if (l->min > bound || (l->has_max && l->max > bound))
		return w2n_error(vc->diags, offset, too_big, NULL);
	if (l->has_max && l->min > l->max)
		return w2n_error(vc->diags, offset, W2N_DIAG_LIMITS_MIN_MAX,
		                 NULL);
	return true;
}

static bool check_types_of_funcs(val_module_ctx *vc)
{
	const ir_module *m = vc->m;
	for (uint32_t i = 0; i < m->nfuncs; i++) {
		const ir_func *f = &m->funcs[i];
		if (f->type_index >= m->ntypes)
			return w2n_error_named(vc->diags, f->type_offset,
			                       W2N_DIAG_UNKNOWN_TYPE, "%u",
			                       f->type_index);
	}
	return true;
}

/* A heap type index names a type below `ntypes`: every type of the
 * module, or in a type definition, that type and the ones before it. */
static bool check_valtype(val_module_ctx *vc, ir_valtype t, uint32_t ntypes,
                          uint32_t offset)
{
	if (ir_valtype_typed(t) && ir_valtype_index(t) >= ntypes)
		return w2n_error_named(vc->diags, offset, W2N_DIAG_UNKNOWN_TYPE,
		                       "%u", ir_valtype_index(t));
	return true;
}

static bool check_valtypes(val_module_ctx *vc, const ir_valtype *types,
                           uint32_t n, uint32_t ntypes, uint32_t offset)
{
	for (uint32_t i = 0; i < n; i++)
		if (!check_valtype(vc, types[i], ntypes, offset))
			return false;
	return true;
}

/* Function types (spec 3.0, "Recursive Types"): each is a recursion
 * group of its own, so it may refer to itself and earlier types. */
static bool check_types(val_module_ctx *vc)
{
	const ir_module *m = vc->m;
	for (uint32_t i = 0; i < m->ntypes; i++) {
		const ir_functype *t = &m->types[i];
		uint32_t off = m->type_offsets[i];
		if (!check_valtypes(vc, t->params, t->nparams, i + 1, off) ||
		    !check_valtypes(vc, t->results, t->nresults, i + 1, off))
			return false;
	}
	return true;
}

static bool check_constexpr(val_module_ctx *vc, const ir_constexpr *e,
                            ir_valtype want, uint32_t nglobals);

/* A table's limits, bounded by what its address type can index (spec
 * 3.2.8), and its element type; one that is not nullable needs an initial
 * element, as a table without one starts with nulls (spec 3.0, "Tables"). */
static bool check_table(val_module_ctx *vc, const ir_table *t)
{
	const ir_module *m = vc->m;
	uint64_t bound = t->type.limits.addr64 ? UINT64_MAX : UINT32_MAX;
	if (!check_valtype(vc, t->type.elem, m->ntypes, t->offset) ||
	    !check_limits(vc, &t->type.limits, bound, W2N_DIAG_TABLE_SIZE,
	                  t->offset))
		return false;
	if (t->has_init)
		return check_constexpr(vc, &t->init, t->type.elem,
		                       m->nglobal_imports);
	if (!t->imported && !ir_valtype_defaultable(t->type.elem))
		return w2n_error(vc->diags, t->offset, W2N_DIAG_TYPE_MISMATCH,
		                 "a table of non-nullable references needs an "
		                 "initial element");
	return true;
}

static bool check_tables_and_memories(val_module_ctx *vc)
{
	const ir_module *m = vc->m;
	for (uint32_t i = 0; i < m->ntables; i++)
		if (!check_table(vc, &m->tables[i]))
			return false;
	for (uint32_t i = 0; i < m->nmemories; i++) {
		const ir_memory *mem = &m->memories[i];
		bool is64 = mem->limits.addr64;
		if (!check_limits(
		        vc, &mem->limits, is64 ? MAX_PAGES64 : MAX_PAGES,
		        is64 ? W2N_DIAG_MEMORY64_SIZE : W2N_DIAG_MEMORY_SIZE,
		        mem->offset))
			return false;
		/* Threads proposal, "Memory Types": a shared memory's
		 * reservation is its maximum. */
		if (mem->limits.shared && !mem->limits.has_max)
			return w2n_error(vc->diags, mem->offset,
			                 W2N_DIAG_SHARED_NO_MAX, NULL);
	}
	return true;
}

/* Sets *t to the type of `in`, a constant instruction pushing one value;
 * false with a diagnostic when it is not constant or names nothing. */
static bool constant_value(val_module_ctx *vc, const ir_instr *in,
                           uint32_t nglobals, ir_valtype *t)
{
	const ir_module *m = vc->m;
	switch (in->op) {
	case OP_I32_CONST: *t = IR_I32; return true;
	case OP_I64_CONST: *t = IR_I64; return true;
	case OP_F32_CONST: *t = IR_F32; return true;
	case OP_F64_CONST: *t = IR_F64; return true;
	case OP_V128_CONST: *t = IR_V128; return true;
	case OP_REF_NULL:
		*t = in->imm.type;
		return check_valtype(vc, *t, m->ntypes, in->offset);
	case OP_REF_FUNC:
		if (in->imm.index >= m->nfuncs)
			return w2n_error_named(vc->diags, in->offset,
			                       W2N_DIAG_UNKNOWN_FUNCTION, "%u",
			                       in->imm.index);
		*t = ir_valtype_ref(m->funcs[in->imm.index].type_index, false);
		return true;
	case OP_GLOBAL_GET:
		if (in->imm.index >= nglobals)
			return w2n_error_named(vc->diags, in->offset,
			                       W2N_DIAG_UNKNOWN_GLOBAL, "%u",
			                       in->imm.index);
		if (m->globals[in->imm.index].type.mutable_)
			return w2n_error(vc->diags, in->offset,
			                 W2N_DIAG_CONST_EXPR,
			                 "global %u is mutable", in->imm.index);
		*t = m->globals[in->imm.index].type.type;
		return true;
	default:
		return w2n_error(vc->diags, in->offset, W2N_DIAG_CONST_EXPR,
		                 "%s", ir_opcodes[in->op].name);
	}
}

/* Extended constant expressions (Wasm 3.0): the integer add, sub and mul
 * (NUMERIC rows of i32 or i64 operands), which wrap like their
 * instructions. */
static bool is_constant_arithmetic(const ir_opcode_info *op)
{
	bool integer = op->params[0] == 'i' || op->params[0] == 'l';
	return op->family == IR_FAMILY_NUMERIC && integer &&
	       (op->oper == IR_OPER_ADD || op->oper == IR_OPER_SUB ||
	        op->oper == IR_OPER_MUL);
}

/* The operand type of constant arithmetic `in` checked against the two
 * values on top of `stack` (spec 3.3.x, numeric instructions). */
static bool check_arithmetic(val_module_ctx *vc, const ir_instr *in,
                             const ir_valtype *stack, uint32_t depth)
{
	ir_valtype t = ir_letter_type(ir_opcodes[in->op].params[0]);
	char buf[IR_VALTYPE_NAME_MAX];
	if (depth < 2 || stack[depth - 1] != t || stack[depth - 2] != t)
		return w2n_error(vc->diags, in->offset, W2N_DIAG_TYPE_MISMATCH,
		                 "%s expects two %s", ir_opcodes[in->op].name,
		                 ir_valtype_name(t, buf));
	return true;
}

/*
 * Constant expressions (spec 3.3.10): constant instructions leaving one
 * value of type `want`.  Wasm 3.0 makes constant the integer add, sub and
 * mul and global.get of any immutable global among the first `nglobals`
 * (for a global's initializer, the globals before it; for segments,
 * every global).
 */
static bool check_constexpr(val_module_ctx *vc, const ir_constexpr *e,
                            ir_valtype want, uint32_t nglobals)
{
	ir_valtype *stack = w2n_xmalloc((e->ncode + 1) * sizeof *stack);
	uint32_t depth = 0;
	bool ok = true;
	for (uint32_t i = 0; ok && i < e->ncode; i++) {
		const ir_instr *in = &e->code[i];
		if (is_constant_arithmetic(&ir_opcodes[in->op])) {
			ok = check_arithmetic(vc, in, stack, depth);
			depth--; /* two operands, one result of their type */
		} else {
			ok = constant_value(vc, in, nglobals, &stack[depth++]);
		}
	}
	char buf[IR_VALTYPE_NAME_MAX];
	if (ok && (depth != 1 || !ir_valtype_sub(vc->m, stack[0], want)))
		ok = w2n_error(vc->diags, e->offset, W2N_DIAG_TYPE_MISMATCH,
		               "constant expression must produce one %s",
		               ir_valtype_name(want, buf));
	free(stack);
	return ok;
}

static bool check_globals(val_module_ctx *vc)
{
	const ir_module *m = vc->m;
	for (uint32_t i = 0; i < m->nglobals; i++)
		if (!check_valtype(vc, m->globals[i].type.type, m->ntypes,
		                   m->globals[i].offset))
			return false;
	for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++)
		if (!check_constexpr(vc, &m->globals[i].init,
		                     m->globals[i].type.type, i))
			return false;
	return true;
}

static bool check_elem(val_module_ctx *vc, const ir_elem *e)
{
	const ir_module *m = vc->m;
	char buf[2][IR_VALTYPE_NAME_MAX];
	if (!check_valtype(vc, e->type, m->ntypes, e->pos))
		return false;
	for (uint32_t i = 0; i < e->nitems; i++)
		if (!check_constexpr(vc, &e->items[i], e->type, m->nglobals))
			return false;
	if (e->mode != IR_SEG_ACTIVE)
		return true;
	if (e->table >= m->ntables)
		return w2n_error_named(vc->diags, e->pos,
		                       W2N_DIAG_UNKNOWN_TABLE, "%u", e->table);
	if (!ir_valtype_sub(m, e->type, m->tables[e->table].type.elem))
		return w2n_error(
		    vc->diags, e->pos, W2N_DIAG_TYPE_MISMATCH,
		    "segment of %s for a table of %s",
		    ir_valtype_name(e->type, buf[0]),
		    ir_valtype_name(m->tables[e->table].type.elem, buf[1]));
	return check_constexpr(vc, &e->offset,
	                       ir_addr_type(&m->tables[e->table].type.limits),
	                       m->nglobals);
}

static bool check_segments(val_module_ctx *vc)
{
	const ir_module *m = vc->m;
	for (uint32_t i = 0; i < m->nelems; i++)
		if (!check_elem(vc, &m->elems[i]))
			return false;
	for (uint32_t i = 0; i < m->ndatas; i++) {
		const ir_data *d = &m->datas[i];
		if (d->mode != IR_SEG_ACTIVE)
			continue;
		if (d->memory >= m->nmemories)
			return w2n_error_named(vc->diags, d->pos,
			                       W2N_DIAG_UNKNOWN_MEMORY, "%u",
			                       d->memory);
		if (!check_constexpr(
		        vc, &d->offset,
		        ir_addr_type(&m->memories[d->memory].limits),
		        m->nglobals))
			return false;
	}
	return true;
}

static bool check_export_index(val_module_ctx *vc, const ir_export *e)
{
	const ir_module *m = vc->m;
	static const w2n_diag_code unknown[] = {
	    [IR_EXTERN_FUNC] = W2N_DIAG_UNKNOWN_FUNCTION,
	    [IR_EXTERN_TABLE] = W2N_DIAG_UNKNOWN_TABLE,
	    [IR_EXTERN_MEMORY] = W2N_DIAG_UNKNOWN_MEMORY,
	    [IR_EXTERN_GLOBAL] = W2N_DIAG_UNKNOWN_GLOBAL,
	    [IR_EXTERN_TAG] = W2N_DIAG_UNKNOWN_TAG,
	};
	uint32_t count[] = {m->nfuncs, m->ntables, m->nmemories, m->nglobals,
	                    m->ntags};
	if (e->index >= count[e->kind])
		return w2n_error_named(vc->diags, e->offset, unknown[e->kind],
		                       "%u", e->index);
	return true;
}

static int compare_names(const void *a, const void *b)
{
	const ir_export *x = *(const ir_export *const *)a;
	const ir_export *y = *(const ir_export *const *)b;
	if (x->name.len != y->name.len)
		return x->name.len < y->name.len ? -1 : 1;
	int c = memcmp(x->name.str, y->name.str, x->name.len);
	if (c)
		return c;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static bool check_exports(val_module_ctx *vc)
{
	const ir_module *m = vc->m;
	for (uint32_t i = 0; i < m->nexports; i++)
		if (!check_export_index(vc, &m->exports[i]))
			return false;
	if (m->nexports < 2)
		return true;
	const ir_export **sorted = w2n_xmalloc(m->nexports * sizeof *sorted);
	for (uint32_t i = 0; i < m->nexports; i++)
		sorted[i] = &m->exports[i];
	qsort(sorted, m->nexports, sizeof *sorted, compare_names);
	bool ok = true;
	for (uint32_t i = 1; ok && i < m->nexports; i++)
		if (sorted[i]->name.len == sorted[i - 1]->name.len &&
		    memcmp(sorted[i]->name.str, sorted[i - 1]->name.str,
		           sorted[i]->name.len) == 0)
			ok = w2n_error(vc->diags, sorted[i]->offset,
			               W2N_DIAG_DUPLICATE_EXPORT, "\"%s\"",
			               sorted[i]->name.str);
	free(sorted);
	return ok;
}

static bool check_start(val_module_ctx *vc)
{
	const ir_module *m = vc->m;
	if (!m->has_start)
		return true;
	if (m->start >= m->nfuncs)
		return w2n_error_named(vc->diags, m->start_offset,
		                       W2N_DIAG_UNKNOWN_FUNCTION, "%u",
		                       m->start);
	const ir_functype *t = ir_func_type(m, m->start);
	if (t->nparams || t->nresults)
		return w2n_error(vc->diags, m->start_offset,
		                 W2N_DIAG_START_FUNCTION,
		                 "must take and return nothing");
	return true;
}

static void declare_refs_in(const ir_module *m, const ir_constexpr *e,
                            bool *refs)
{
	for (uint32_t i = 0; i < e->ncode; i++)
		if (e->code[i].op == OP_REF_FUNC &&
		    e->code[i].imm.index < m->nfuncs)
			refs[e->code[i].imm.index] = true;
}

/* C.refs (spec 3.4.10): functions referenced outside function bodies. */
static bool *declared_refs(const ir_module *m)
{
	size_t size = (m->nfuncs ? m->nfuncs : 1) * sizeof(bool);
	bool *refs = memset(w2n_xmalloc(size), 0, size);
	for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++)
		declare_refs_in(m, &m->globals[i].init, refs);
	for (uint32_t i = 0; i < m->ntables; i++)
		if (m->tables[i].has_init)
			declare_refs_in(m, &m->tables[i].init, refs);
	for (uint32_t i = 0; i < m->nelems; i++)
		for (uint32_t j = 0; j < m->elems[i].nitems; j++)
			declare_refs_in(m, &m->elems[i].items[j], refs);
	for (uint32_t i = 0; i < m->nexports; i++)
		if (m->exports[i].kind == IR_EXTERN_FUNC &&
		    m->exports[i].index < m->nfuncs)
			refs[m->exports[i].index] = true;
	return refs;
}

/* Tags (exception handling): a function type with no results. */
static bool check_tags(val_module_ctx *vc)
{
	const ir_module *m = vc->m;
	for (uint32_t i = 0; i < m->ntags; i++) {
		const ir_tag *t = &m->tags[i];
		if (t->type_index >= m->ntypes)
			return w2n_error_named(vc->diags, t->offset,
			                       W2N_DIAG_UNKNOWN_TYPE, "%u",
			                       t->type_index);
		if (m->types[t->type_index].nresults)
			return w2n_error(vc->diags, t->offset,
			                 W2N_DIAG_TAG_RESULT, NULL);
	}
	return true;
}

static bool check_bodies(val_module_ctx *vc)
{
	const ir_module *m = vc->m;
	for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
		if (!val_func_body(vc, &m->funcs[i]))
			return false;
	return true;
}

bool val_module(const ir_module *m, w2n_diags *d)
{
	val_module_ctx vc = {.m = m, .diags = d};
	if (!check_types(&vc) || !check_types_of_funcs(&vc) ||
	    !check_tables_and_memories(&vc) || !check_tags(&vc) ||
	    !check_globals(&vc) || !check_segments(&vc))
		return false;
	bool *refs = declared_refs(m);
	vc.declared_refs = refs;
	bool ok = check_bodies(&vc) && check_exports(&vc) && check_start(&vc);
	free(refs);
	return ok;
}
