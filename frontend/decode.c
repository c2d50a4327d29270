/*
 * decode.c - the binary module decoder (spec 5.5).  Reads the preamble and
 * every section into an ir_module.  Only the binary grammar is checked
 * here (well-formedness); validation rules live in validate.c.
 */
#include <stdlib.h>
#include <string.h>

#include "decode_internal.h"

enum section_id {
	SEC_CUSTOM = 0, SEC_TYPE, SEC_IMPORT, SEC_FUNCTION, SEC_TABLE,
	SEC_MEMORY, SEC_GLOBAL, SEC_EXPORT, SEC_START, SEC_ELEMENT, SEC_CODE,
	SEC_DATA, SEC_DATA_COUNT, SEC_COUNT
};

/* Position of each section in the required order; data count sits
 * between element and code. */
static const uint8_t section_rank[SEC_COUNT] = {
	[SEC_TYPE] = 1, [SEC_IMPORT] = 2, [SEC_FUNCTION] = 3,
	[SEC_TABLE] = 4, [SEC_MEMORY] = 5, [SEC_GLOBAL] = 6,
	[SEC_EXPORT] = 7, [SEC_START] = 8, [SEC_ELEMENT] = 9,
	[SEC_DATA_COUNT] = 10, [SEC_CODE] = 11, [SEC_DATA] = 12,
};

/* Descriptors of imported entities, by kind, until the index spaces are
 * laid out (imports first, then the module's own definitions). */
typedef struct import_descs {
	uint32_t *func_types;
	ir_tabletype *tables;
	ir_limits *memories;
	ir_globaltype *globals;
} import_descs;

typedef struct module_reader {
	dec_state s;
	import_descs imported;
	bool funcs_laid_out, tables_laid_out, memories_laid_out,
		globals_laid_out;
	bool has_function_section, has_code_section, has_data_section;
	uint32_t ndefined_funcs; /* from the function section */
} module_reader;

/* A vector length, bounded by the bytes left (each element takes at least
 * `min_size` bytes) so that allocation stays linear in the input. */
static bool read_count(dec_cursor *c, uint32_t *n, size_t min_size)
{
	uint64_t off = dec_offset(c);
	if (!dec_u32(c, n))
		return false;
	if ((uint64_t)*n * min_size > dec_remaining(c))
		return w2n_error(c->diags, off, c->end_code,
		                 "count %u exceeds the bytes left", *n);
	return true;
}

static bool read_name(module_reader *r, dec_cursor *c, ir_name *name)
{
	uint32_t len;
	const uint8_t *p;
	if (!dec_u32(c, &len))
		return false;
	uint64_t off = dec_offset(c);
	if (!dec_bytes(c, len, &p))
		return false;
	if (!dec_utf8_valid(p, len))
		return w2n_error(c->diags, off, W2N_DIAG_UTF8, NULL);
	char *s = w2n_arena_alloc(&r->s.m->arena, (size_t)len + 1);
	memcpy(s, p, len);
	s[len] = '\0';
	name->str = s;
	name->len = len;
	return true;
}

static bool read_limits(dec_cursor *c, ir_limits *l)
{
	uint64_t off = dec_offset(c);
	uint8_t flags;
	uint32_t v;
	if (!dec_u8(c, &flags))
		return false;
	if (flags > 1)
		return w2n_error(c->diags, off, W2N_DIAG_INT_TOO_LARGE,
		                 "limits flags 0x%02x", flags);
	if (!dec_u32(c, &v))
		return false;
	l->min = v;
	l->has_max = flags == 1;
	if (l->has_max) {
		if (!dec_u32(c, &v))
			return false;
		l->max = v;
	}
	return true;
}

static bool read_tabletype(dec_cursor *c, ir_tabletype *t)
{
	return dec_reftype(c, &t->elem) && read_limits(c, &t->limits);
}

static bool read_globaltype(dec_cursor *c, ir_globaltype *g)
{
	uint8_t mut;
	if (!dec_valtype(c, &g->type))
		return false;
	uint64_t off = dec_offset(c);
	if (!dec_u8(c, &mut))
		return false;
	if (mut > 1)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_MUTABILITY,
		                 NULL);
	g->mutable_ = mut == 1;
	return true;
}

static bool read_constexpr(module_reader *r, dec_cursor *c, ir_constexpr *e)
{
	uint32_t depth;
	e->offset = (uint32_t)dec_offset(c);
	if (!dec_expr(&r->s, c, &e->code, &e->ncode, &depth))
		return false;
	e->ncode--; /* the final end is implied */
	return true;
}

static bool read_valtypes(module_reader *r, dec_cursor *c, uint32_t *n,
                          const ir_valtype **out)
{
	if (!read_count(c, n, 1))
		return false;
	ir_valtype *v = w2n_arena_array(&r->s.m->arena, *n, sizeof *v);
	for (uint32_t i = 0; i < *n; i++)
		if (!dec_valtype(c, &v[i]))
			return false;
	*out = v;
	return true;
}

static bool read_type_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	if (!read_count(c, &m->ntypes, 3))
		return false;
	m->types = w2n_arena_array(&m->arena, m->ntypes, sizeof *m->types);
	for (uint32_t i = 0; i < m->ntypes; i++) {
		ir_functype *t = &m->types[i];
		uint64_t off = dec_offset(c);
		uint8_t form;
		if (!dec_u8(c, &form))
			return false;
		if (form != 0x60)
			return w2n_error(c->diags, off,
			                 W2N_DIAG_MALFORMED_FUNCTYPE, "0x%02x",
			                 form);
		if (!read_valtypes(r, c, &t->nparams, &t->params) ||
		    !read_valtypes(r, c, &t->nresults, &t->results))
			return false;
	}
	return true;
}

static bool read_import_desc(dec_cursor *c, ir_import *im)
{
	uint64_t off = dec_offset(c);
	uint8_t kind;
	if (!dec_u8(c, &kind))
		return false;
	if (kind > IR_EXTERN_GLOBAL)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_IMPORT_KIND,
		                 "0x%02x", kind);
	im->kind = (ir_extern_kind)kind;
	return true;
}

static bool read_import(module_reader *r, dec_cursor *c, ir_import *im)
{
	ir_module *m = r->s.m;
	import_descs *d = &r->imported;
	im->offset = (uint32_t)dec_offset(c);
	if (!read_name(r, c, &im->module) || !read_name(r, c, &im->name) ||
	    !read_import_desc(c, im))
		return false;
	switch (im->kind) {
	case IR_EXTERN_FUNC:
		im->index = m->nfunc_imports++;
		return dec_u32(c, &d->func_types[im->index]);
	case IR_EXTERN_TABLE:
		im->index = m->ntable_imports++;
		return read_tabletype(c, &d->tables[im->index]);
	case IR_EXTERN_MEMORY:
		im->index = m->nmemory_imports++;
		return read_limits(c, &d->memories[im->index]);
	case IR_EXTERN_GLOBAL:
		im->index = m->nglobal_imports++;
		return read_globaltype(c, &d->globals[im->index]);
	}
	W2N_UNREACHABLE();
}

static bool read_import_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	w2n_arena *a = &m->arena;
	if (!read_count(c, &m->nimports, 4))
		return false;
	size_t n = m->nimports;
	m->imports = w2n_arena_array(a, n, sizeof *m->imports);
	r->imported.func_types = w2n_arena_array(a, n, sizeof(uint32_t));
	r->imported.tables = w2n_arena_array(a, n, sizeof(ir_tabletype));
	r->imported.memories = w2n_arena_array(a, n, sizeof(ir_limits));
	r->imported.globals = w2n_arena_array(a, n, sizeof(ir_globaltype));
	for (uint32_t i = 0; i < m->nimports; i++)
		if (!read_import(r, c, &m->imports[i]))
			return false;
	return true;
}

/* Import index of the `nth` import of `kind`. */
static uint32_t import_position(const ir_module *m, ir_extern_kind kind,
                                uint32_t nth)
{
	for (uint32_t i = 0; i < m->nimports; i++)
		if (m->imports[i].kind == kind && m->imports[i].index == nth)
			return i;
	W2N_UNREACHABLE();
}

/* The index spaces: each is laid out by its defining section, or at the
 * end of the module when that section is absent. */
static void lay_out_funcs(module_reader *r, uint32_t ndefined)
{
	ir_module *m = r->s.m;
	m->nfuncs = m->nfunc_imports + ndefined;
	m->funcs = w2n_arena_array(&m->arena, m->nfuncs, sizeof *m->funcs);
	for (uint32_t i = 0; i < m->nfunc_imports; i++) {
		m->funcs[i].imported = true;
		m->funcs[i].type_index = r->imported.func_types[i];
		m->funcs[i].import_index =
			import_position(m, IR_EXTERN_FUNC, i);
	}
	r->funcs_laid_out = true;
}

static void lay_out_tables(module_reader *r, uint32_t ndefined)
{
	ir_module *m = r->s.m;
	m->ntables = m->ntable_imports + ndefined;
	m->tables = w2n_arena_array(&m->arena, m->ntables, sizeof *m->tables);
	for (uint32_t i = 0; i < m->ntable_imports; i++) {
		m->tables[i].imported = true;
		m->tables[i].type = r->imported.tables[i];
		m->tables[i].import_index =
			import_position(m, IR_EXTERN_TABLE, i);
	}
	r->tables_laid_out = true;
}

static void lay_out_memories(module_reader *r, uint32_t ndefined)
{
	ir_module *m = r->s.m;
	m->nmemories = m->nmemory_imports + ndefined;
	m->memories = w2n_arena_array(&m->arena, m->nmemories,
	                              sizeof *m->memories);
	for (uint32_t i = 0; i < m->nmemory_imports; i++) {
		m->memories[i].imported = true;
		m->memories[i].limits = r->imported.memories[i];
		m->memories[i].import_index =
			import_position(m, IR_EXTERN_MEMORY, i);
	}
	r->memories_laid_out = true;
}

static void lay_out_globals(module_reader *r, uint32_t ndefined)
{
	ir_module *m = r->s.m;
	m->nglobals = m->nglobal_imports + ndefined;
	m->globals = w2n_arena_array(&m->arena, m->nglobals,
	                             sizeof *m->globals);
	for (uint32_t i = 0; i < m->nglobal_imports; i++) {
		m->globals[i].imported = true;
		m->globals[i].type = r->imported.globals[i];
		m->globals[i].import_index =
			import_position(m, IR_EXTERN_GLOBAL, i);
	}
	r->globals_laid_out = true;
}

static bool read_function_section(module_reader *r, dec_cursor *c)
{
	uint32_t n;
	if (!read_count(c, &n, 1))
		return false;
	lay_out_funcs(r, n);
	ir_func *defined = r->s.m->funcs + r->s.m->nfunc_imports;
	for (uint32_t i = 0; i < n; i++)
		if (!dec_u32(c, &defined[i].type_index))
			return false;
	r->ndefined_funcs = n;
	r->has_function_section = true;
	return true;
}

static bool read_table_section(module_reader *r, dec_cursor *c)
{
	uint32_t n;
	if (!read_count(c, &n, 3))
		return false;
	lay_out_tables(r, n);
	ir_table *defined = r->s.m->tables + r->s.m->ntable_imports;
	for (uint32_t i = 0; i < n; i++)
		if (!read_tabletype(c, &defined[i].type))
			return false;
	return true;
}

static bool read_memory_section(module_reader *r, dec_cursor *c)
{
	uint32_t n;
	if (!read_count(c, &n, 2))
		return false;
	lay_out_memories(r, n);
	ir_memory *defined = r->s.m->memories + r->s.m->nmemory_imports;
	for (uint32_t i = 0; i < n; i++)
		if (!read_limits(c, &defined[i].limits))
			return false;
	return true;
}

static bool read_global_section(module_reader *r, dec_cursor *c)
{
	uint32_t n;
	if (!read_count(c, &n, 3))
		return false;
	lay_out_globals(r, n);
	ir_global *defined = r->s.m->globals + r->s.m->nglobal_imports;
	for (uint32_t i = 0; i < n; i++)
		if (!read_globaltype(c, &defined[i].type) ||
		    !read_constexpr(r, c, &defined[i].init))
			return false;
	return true;
}

static bool read_export_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	if (!read_count(c, &m->nexports, 3))
		return false;
	m->exports = w2n_arena_array(&m->arena, m->nexports,
	                             sizeof *m->exports);
	for (uint32_t i = 0; i < m->nexports; i++) {
		ir_export *e = &m->exports[i];
		e->offset = (uint32_t)dec_offset(c);
		if (!read_name(r, c, &e->name))
			return false;
		uint64_t off = dec_offset(c);
		uint8_t kind;
		if (!dec_u8(c, &kind))
			return false;
		if (kind > IR_EXTERN_GLOBAL)
			return w2n_error(c->diags, off,
			                 W2N_DIAG_MALFORMED_EXPORT_KIND,
			                 "0x%02x", kind);
		e->kind = (ir_extern_kind)kind;
		if (!dec_u32(c, &e->index))
			return false;
	}
	return true;
}

static bool read_start_section(module_reader *r, dec_cursor *c)
{
	r->s.m->has_start = true;
	return dec_u32(c, &r->s.m->start);
}

/* A function index in an element segment becomes the constant expression
 * `ref.func idx`, so that every segment has one item representation. */
static bool read_func_index_item(module_reader *r, dec_cursor *c,
                                 ir_constexpr *item)
{
	ir_instr *in = w2n_arena_zalloc(&r->s.m->arena, sizeof *in);
	item->offset = (uint32_t)dec_offset(c);
	in->op = OP_REF_FUNC;
	in->offset = item->offset;
	item->code = in;
	item->ncode = 1;
	return dec_u32(c, &in->imm.index);
}

static bool read_elem_items(module_reader *r, dec_cursor *c, ir_elem *e,
                            bool as_exprs)
{
	if (!read_count(c, &e->nitems, 1))
		return false;
	ir_constexpr *items = w2n_arena_array(&r->s.m->arena, e->nitems,
	                                      sizeof *items);
	for (uint32_t i = 0; i < e->nitems; i++) {
		bool ok = as_exprs ? read_constexpr(r, c, &items[i])
		                   : read_func_index_item(r, c, &items[i]);
		if (!ok)
			return false;
	}
	e->items = items;
	return true;
}

/* elemkind (spec 5.5.12): only 0x00, funcref. */
static bool read_elemkind(dec_cursor *c)
{
	uint64_t off = dec_offset(c);
	uint8_t b;
	if (!dec_u8(c, &b))
		return false;
	if (b != 0)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_ELEM_KIND,
		                 "elemkind 0x%02x", b);
	return true;
}

/*
 * Element segment flags (spec 5.5.12): bit 0 passive/declarative, bit 1
 * explicit table index (active) or declarative (non-active), bit 2 items
 * as expressions with an explicit reference type.
 */
static bool read_elem(module_reader *r, dec_cursor *c, ir_elem *e)
{
	uint64_t off = dec_offset(c);
	uint32_t flags;
	if (!dec_u32(c, &flags))
		return false;
	if (flags > 7)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_ELEM_KIND,
		                 "%u", flags);
	bool active = !(flags & 1), exprs = flags & 4;
	e->type = IR_FUNCREF;
	if (active) {
		e->mode = IR_SEG_ACTIVE;
		if ((flags & 2) && !dec_u32(c, &e->table))
			return false;
		if (!read_constexpr(r, c, &e->offset))
			return false;
	} else {
		e->mode = flags & 2 ? IR_SEG_DECLARATIVE : IR_SEG_PASSIVE;
	}
	if (!active || (flags & 2)) {
		bool ok = exprs ? dec_reftype(c, &e->type) : read_elemkind(c);
		if (!ok)
			return false;
	}
	return read_elem_items(r, c, e, exprs);
}

static bool read_element_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	if (!read_count(c, &m->nelems, 2))
		return false;
	m->elems = w2n_arena_array(&m->arena, m->nelems, sizeof *m->elems);
	for (uint32_t i = 0; i < m->nelems; i++) {
		m->elems[i].pos = (uint32_t)dec_offset(c);
		if (!read_elem(r, c, &m->elems[i]))
			return false;
	}
	return true;
}

static bool read_data_count_section(module_reader *r, dec_cursor *c)
{
	r->s.m->has_data_count = true;
	return dec_u32(c, &r->s.m->data_count);
}

static bool read_locals(module_reader *r, dec_cursor *c, ir_func *f,
                        uint32_t nparams)
{
	uint32_t nruns;
	if (!read_count(c, &nruns, 2))
		return false;
	const uint8_t *runs_start = c->pos;
	uint64_t total = 0;
	for (uint32_t i = 0; i < nruns; i++) {
		uint64_t off = dec_offset(c);
		uint32_t n;
		ir_valtype t;
		if (!dec_u32(c, &n) || !dec_valtype(c, &t))
			return false;
		total += n;
		if (total > UINT32_MAX)
			return w2n_error(c->diags, off,
			                 W2N_DIAG_TOO_MANY_LOCALS, NULL);
	}
	if (total + nparams > DEC_MAX_LOCALS)
		return w2n_error(c->diags, dec_offset(c), W2N_DIAG_IMPL_LIMIT,
		                 "%llu locals (at most %d)",
		                 (unsigned long long)total + nparams,
		                 DEC_MAX_LOCALS);
	/* Second pass over the already checked runs to expand them. */
	dec_cursor again = *c;
	again.pos = runs_start;
	ir_valtype *locals = w2n_arena_array(&r->s.m->arena, total,
	                                     sizeof *locals);
	uint32_t k = 0;
	for (uint32_t i = 0; i < nruns; i++) {
		uint32_t n;
		ir_valtype t;
		dec_u32(&again, &n);
		dec_valtype(&again, &t);
		for (uint32_t j = 0; j < n; j++)
			locals[k++] = t;
	}
	f->nlocals = (uint32_t)total;
	f->locals = locals;
	return true;
}

static bool read_body(module_reader *r, dec_cursor *c, ir_func *f)
{
	ir_module *m = r->s.m;
	uint32_t size;
	dec_cursor body;
	f->body_offset = (uint32_t)dec_offset(c);
	if (!dec_u32(c, &size) || !dec_sub(c, size, &body))
		return false;
	body.end_code = W2N_DIAG_UNEXPECTED_END_SECTION;
	uint32_t nparams = f->type_index < m->ntypes
	                           ? m->types[f->type_index].nparams
	                           : 0;
	if (!read_locals(r, &body, f, nparams) ||
	    !dec_expr(&r->s, &body, &f->code, &f->ncode, &f->max_depth))
		return false;
	if (!dec_at_end(&body))
		return w2n_error(c->diags, dec_offset(&body),
		                 W2N_DIAG_SECTION_SIZE_MISMATCH,
		                 "function body continues after its end");
	return true;
}

/* memory.init and data.drop need the data count section (spec 5.5.16). */
static bool check_data_count_use(module_reader *r, const ir_func *f)
{
	if (r->s.m->has_data_count)
		return true;
	for (uint32_t i = 0; i < f->ncode; i++)
		if (f->code[i].op == OP_MEMORY_INIT ||
		    f->code[i].op == OP_DATA_DROP)
			return w2n_error(r->s.diags, f->code[i].offset,
			                 W2N_DIAG_DATA_COUNT_REQUIRED, NULL);
	return true;
}

static bool read_code_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	uint64_t off = dec_offset(c);
	uint32_t n;
	if (!read_count(c, &n, 2))
		return false;
	if (n != r->ndefined_funcs)
		return w2n_error(c->diags, off, W2N_DIAG_FUNC_CODE_MISMATCH,
		                 "%u functions, %u bodies", r->ndefined_funcs,
		                 n);
	r->has_code_section = true;
	for (uint32_t i = 0; i < n; i++) {
		ir_func *f = &m->funcs[m->nfunc_imports + i];
		if (!read_body(r, c, f) || !check_data_count_use(r, f))
			return false;
	}
	return true;
}

static bool read_data(module_reader *r, dec_cursor *c, ir_data *d)
{
	uint64_t off = dec_offset(c);
	uint32_t flags, len;
	const uint8_t *p;
	if (!dec_u32(c, &flags))
		return false;
	if (flags > 2)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_DATA_KIND,
		                 "%u", flags);
	d->mode = flags == 1 ? IR_SEG_PASSIVE : IR_SEG_ACTIVE;
	if (flags == 2 && !dec_u32(c, &d->memory))
		return false;
	if (flags != 1 && !read_constexpr(r, c, &d->offset))
		return false;
	if (!dec_u32(c, &len) || !dec_bytes(c, len, &p))
		return false;
	d->bytes = w2n_arena_dup(&r->s.m->arena, p, len);
	d->len = len;
	return true;
}

static bool read_data_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	uint64_t off = dec_offset(c);
	if (!read_count(c, &m->ndatas, 1))
		return false;
	if (m->has_data_count && m->data_count != m->ndatas)
		return w2n_error(c->diags, off, W2N_DIAG_DATA_COUNT_MISMATCH,
		                 NULL);
	r->has_data_section = true;
	m->datas = w2n_arena_array(&m->arena, m->ndatas, sizeof *m->datas);
	for (uint32_t i = 0; i < m->ndatas; i++) {
		m->datas[i].pos = (uint32_t)dec_offset(c);
		if (!read_data(r, c, &m->datas[i]))
			return false;
	}
	return true;
}

static bool read_custom_section(module_reader *r, dec_cursor *c,
                                uint64_t start)
{
	ir_module *m = r->s.m;
	ir_custom cs = {.offset = (uint32_t)start};
	const uint8_t *p;
	if (!read_name(r, c, &cs.name))
		return false;
	cs.len = (uint32_t)dec_remaining(c);
	dec_bytes(c, cs.len, &p);
	cs.bytes = w2n_arena_dup(&m->arena, p, cs.len);
	ir_custom *grown = w2n_arena_array(&m->arena, m->ncustoms + 1,
	                                   sizeof *grown);
	if (m->ncustoms)
		memcpy(grown, m->customs, m->ncustoms * sizeof *grown);
	grown[m->ncustoms++] = cs;
	m->customs = grown;
	return true;
}

static bool read_section_body(module_reader *r, uint8_t id, dec_cursor *c,
                              uint64_t start)
{
	switch (id) {
	case SEC_CUSTOM: return read_custom_section(r, c, start);
	case SEC_TYPE: return read_type_section(r, c);
	case SEC_IMPORT: return read_import_section(r, c);
	case SEC_FUNCTION: return read_function_section(r, c);
	case SEC_TABLE: return read_table_section(r, c);
	case SEC_MEMORY: return read_memory_section(r, c);
	case SEC_GLOBAL: return read_global_section(r, c);
	case SEC_EXPORT: return read_export_section(r, c);
	case SEC_START: return read_start_section(r, c);
	case SEC_ELEMENT: return read_element_section(r, c);
	case SEC_CODE: return read_code_section(r, c);
	case SEC_DATA: return read_data_section(r, c);
	case SEC_DATA_COUNT: return read_data_count_section(r, c);
	}
	W2N_UNREACHABLE();
}

/* Index spaces whose defining section is absent hold only imports. */
static void lay_out_missing(module_reader *r)
{
	if (!r->funcs_laid_out)
		lay_out_funcs(r, 0);
	if (!r->tables_laid_out)
		lay_out_tables(r, 0);
	if (!r->memories_laid_out)
		lay_out_memories(r, 0);
	if (!r->globals_laid_out)
		lay_out_globals(r, 0);
}

/* Reads one section, checking its id, order and declared size.  A code
 * section without a function section still needs the function space. */
static bool read_section(module_reader *r, dec_cursor *c, uint8_t *last_rank)
{
	uint64_t start = dec_offset(c);
	uint8_t id;
	uint32_t size;
	dec_cursor body;
	if (!dec_u8(c, &id))
		return false;
	if (id >= SEC_COUNT)
		return w2n_error(c->diags, start, W2N_DIAG_MALFORMED_SECTION_ID,
		                 "%u", id);
	if (!dec_u32(c, &size) || !dec_sub(c, size, &body))
		return false;
	if (id != SEC_CUSTOM) {
		if (section_rank[id] <= *last_rank)
			return w2n_error(c->diags, start,
			                 W2N_DIAG_SECTION_ORDER,
			                 "section %u out of order", id);
		*last_rank = section_rank[id];
	}
	if (id == SEC_CODE && !r->funcs_laid_out)
		lay_out_funcs(r, 0);
	if (!read_section_body(r, id, &body, start))
		return false;
	if (!dec_at_end(&body))
		return w2n_error(c->diags, dec_offset(&body),
		                 W2N_DIAG_SECTION_SIZE_MISMATCH, NULL);
	return true;
}

static bool read_preamble(dec_cursor *c)
{
	static const uint8_t magic[4] = {0x00, 0x61, 0x73, 0x6D};
	static const uint8_t version[4] = {0x01, 0x00, 0x00, 0x00};
	if (dec_remaining(c) < 4 || memcmp(c->pos, magic, 4) != 0)
		return w2n_error(c->diags, 0, W2N_DIAG_MAGIC, NULL);
	c->pos += 4;
	if (dec_remaining(c) < 4 || memcmp(c->pos, version, 4) != 0)
		return w2n_error(c->diags, 4, W2N_DIAG_VERSION, NULL);
	c->pos += 4;
	return true;
}

/* Section-count rules that need the whole module (spec 5.5.16). */
static bool check_counts(module_reader *r, uint64_t end)
{
	ir_module *m = r->s.m;
	if (r->ndefined_funcs && !r->has_code_section)
		return w2n_error(r->s.diags, end, W2N_DIAG_FUNC_CODE_MISMATCH,
		                 "%u functions, no code section",
		                 r->ndefined_funcs);
	if (m->has_data_count && m->data_count && !r->has_data_section)
		return w2n_error(r->s.diags, end, W2N_DIAG_DATA_COUNT_MISMATCH,
		                 NULL);
	return true;
}

static bool read_module(module_reader *r, dec_cursor *c)
{
	uint8_t last_rank = 0;
	if (!read_preamble(c))
		return false;
	while (!dec_at_end(c))
		if (!read_section(r, c, &last_rank))
			return false;
	lay_out_missing(r);
	return check_counts(r, dec_offset(c));
}

ir_module *dec_module(const uint8_t *bytes, size_t len, w2n_diags *d)
{
	ir_module *m = w2n_xmalloc(sizeof *m);
	memset(m, 0, sizeof *m);
	module_reader r = {.s = {.m = m, .diags = d}};
	dec_cursor c = dec_cursor_init(bytes, len, d);
	bool ok = read_module(&r, &c);
	dec_state_free(&r.s);
	if (!ok) {
		ir_module_free(m);
		return NULL;
	}
	dec_names(m);
	return m;
}
