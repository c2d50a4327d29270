/*
 * decode.c - the binary module decoder (spec 5.5).  Reads the preamble and
 * every section into an ir_module.  Only the binary grammar is checked
 * here (well-formedness); validation rules live in validate.c.
 */
#include <stdlib.h>
#include <string.h>

#include "decode_internal.h"

enum section_id {
	SEC_CUSTOM = 0,
	SEC_TYPE,
	SEC_IMPORT,
	SEC_FUNCTION,
	SEC_TABLE,
	SEC_MEMORY,
	SEC_GLOBAL,
	SEC_EXPORT,
	SEC_START,
	SEC_ELEMENT,
	SEC_CODE,
	SEC_DATA,
	SEC_DATA_COUNT,
	SEC_TAG,
	SEC_COUNT
};

/* Position of each section in the required order; data count sits
 * between element and code, tag between memory and global. */
static const uint8_t section_rank[SEC_COUNT] = {
    [SEC_TYPE] = 1,     [SEC_IMPORT] = 2,      [SEC_FUNCTION] = 3,
    [SEC_TABLE] = 4,    [SEC_MEMORY] = 5,      [SEC_TAG] = 6,
    [SEC_GLOBAL] = 7,   [SEC_EXPORT] = 8,      [SEC_START] = 9,
    [SEC_ELEMENT] = 10, [SEC_DATA_COUNT] = 11, [SEC_CODE] = 12,
    [SEC_DATA] = 13,
};

typedef struct module_reader {
	dec_state s;
	bool funcs_laid_out, tables_laid_out, memories_laid_out,
	    globals_laid_out, tags_laid_out;
	bool has_function_section, has_code_section, has_data_section;
	uint32_t ndefined_funcs; /* from the function section */
	uint64_t module_locals;  /* declared locals so far */
	/* Custom sections, grown by doubling, moved into the module at the
	 * end. */
	ir_custom *customs;
	uint32_t ncustoms, customs_cap;
} module_reader;

typedef bool read_item_fn(module_reader *r, dec_cursor *c, void *item);

enum { MAX_ITEM_SIZE = 128 };

/*
 * Reads vec(item) into a new array of `item_size` elements.  Allocation
 * stays linear in the input: when the count cannot fit in the bytes left
 * (each item takes at least `min_size` bytes), items are read into one
 * scratch slot until the error that must come, so that the diagnostic
 * still names the first bad byte.
 */
static bool read_vec(module_reader *r, dec_cursor *c, size_t min_size,
                     size_t item_size, read_item_fn *read_item, void **out,
                     uint32_t *n)
{
	if (!dec_u32(c, n))
		return false;
	if ((uint64_t)*n * min_size > dec_remaining(c)) {
		_Alignas(16) unsigned char scratch[MAX_ITEM_SIZE];
		W2N_ASSERT(item_size <= sizeof scratch);
		for (uint32_t i = 0; i < *n; i++) {
			memset(scratch, 0, item_size);
			if (!read_item(r, c, scratch))
				return false;
		}
		return w2n_error(c->diags, dec_offset(c), c->end_code, NULL);
	}
	unsigned char *items = w2n_arena_array(&r->s.m->arena, *n, item_size);
	for (uint32_t i = 0; i < *n; i++)
		if (!read_item(r, c, items + i * item_size))
			return false;
	*out = items;
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
	size_t bad = dec_utf8_check(p, len);
	if (bad < len)
		return w2n_error(c->diags, off + bad, W2N_DIAG_UTF8, NULL);
	char *s = w2n_arena_alloc(&r->s.m->arena, (size_t)len + 1);
	memcpy(s, p, len);
	s[len] = '\0';
	name->str = s;
	name->len = len;
	return true;
}

/* A flag or form byte that the spec reads as a one-byte LEB128 integer:
 * a continuation bit is "too long", a value above `max` "too large". */
static bool check_flag_byte(dec_cursor *c, uint8_t b, uint8_t max, uint64_t off)
{
	if (b & 0x80)
		return w2n_error(c->diags, off, W2N_DIAG_INT_TOO_LONG, "0x%02x",
		                 b);
	if (b > max)
		return w2n_error(c->diags, off, W2N_DIAG_INT_TOO_LARGE,
		                 "0x%02x", b);
	return true;
}

/*
 * Limits (spec 5.3.7): flags bit 0 a maximum, bit 1 shared (threads: a
 * memory's only; a table's is refused), bit 2 the address type i64
 * (memory64, table64: the bounds are then u64).
 */
static bool read_limits(dec_cursor *c, ir_limits *l, bool memory)
{
	uint64_t off = dec_offset(c);
	uint8_t flags;
	if (!dec_u8(c, &flags))
		return false;
	if (!memory && (flags & 2) && !(flags & 0x80))
		return w2n_error(c->diags, off, W2N_DIAG_INT_TOO_LARGE,
		                 "0x%02x%s", flags,
		                 dec_unsupported(DEC_SITE_LIMITS, flags));
	if (!check_flag_byte(c, flags, 7, off))
		return false;
	l->has_max = flags & 1;
	l->shared = flags & 2;
	l->addr64 = flags & 4;
	if (l->addr64)
		return dec_u64(c, &l->min) &&
		       (!l->has_max || dec_u64(c, &l->max));
	uint32_t v;
	if (!dec_u32(c, &v))
		return false;
	l->min = v;
	if (l->has_max) {
		if (!dec_u32(c, &v))
			return false;
		l->max = v;
	}
	return true;
}

static bool read_tabletype(dec_cursor *c, ir_tabletype *t)
{
	return dec_reftype(c, &t->elem) && read_limits(c, &t->limits, false);
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

static bool read_valtype_item(module_reader *r, dec_cursor *c, void *item)
{
	(void)r;
	return dec_valtype(c, item);
}

static bool read_valtypes(module_reader *r, dec_cursor *c, uint32_t *n,
                          const ir_valtype **out)
{
	void *v = NULL;
	if (!read_vec(r, c, 1, sizeof(ir_valtype), read_valtype_item, &v, n))
		return false;
	*out = v;
	return true;
}

static bool read_functype(module_reader *r, dec_cursor *c, void *item)
{
	ir_functype *t = item;
	uint64_t off = dec_offset(c);
	uint8_t form;
	if (!dec_u8(c, &form))
		return false;
	if (form & 0x80)
		return w2n_error(c->diags, off, W2N_DIAG_INT_TOO_LONG, "0x%02x",
		                 form);
	if (form != 0x60)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_FUNCTYPE,
		                 "0x%02x%s", form,
		                 dec_unsupported(DEC_SITE_TYPE_FORM, form));
	return read_valtypes(r, c, &t->nparams, &t->params) &&
	       read_valtypes(r, c, &t->nresults, &t->results);
}

/* A type's offset goes before it, in the item read_vec fills. */
typedef struct type_item {
	ir_functype type;
	uint32_t offset;
} type_item;

static bool read_type_item(module_reader *r, dec_cursor *c, void *item)
{
	((type_item *)item)->offset = (uint32_t)dec_offset(c);
	return read_functype(r, c, &((type_item *)item)->type);
}

static bool read_type_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	void *items = NULL;
	if (!read_vec(r, c, 3, sizeof(type_item), read_type_item, &items,
	              &m->ntypes))
		return false;
	const type_item *it = items;
	uint32_t *offsets =
	    w2n_arena_array(&m->arena, m->ntypes, sizeof *offsets);
	m->types = w2n_arena_array(&m->arena, m->ntypes, sizeof *m->types);
	for (uint32_t i = 0; i < m->ntypes; i++) {
		m->types[i] = it[i].type;
		offsets[i] = it[i].offset;
	}
	m->type_offsets = offsets;
	m->blocktypes =
	    w2n_arena_array(&m->arena, m->ntypes, sizeof *m->blocktypes);
	for (uint32_t i = 0; i < m->ntypes; i++)
		m->blocktypes[i] = (ir_blocktype){.type = m->types[i]};
	dec_canon_types(m);
	return true;
}

/* A tag type (exception handling): attribute 0 (an exception), then a
 * type index. */
static bool read_tagtype(dec_cursor *c, uint32_t *type_index)
{
	uint64_t off = dec_offset(c);
	uint8_t attr;
	if (!dec_u8(c, &attr))
		return false;
	if (attr != 0)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_TAG,
		                 "0x%02x", attr);
	return dec_u32(c, type_index);
}

static bool read_import_kind(dec_cursor *c, ir_import *im)
{
	uint64_t off = dec_offset(c);
	uint8_t kind;
	if (!dec_u8(c, &kind))
		return false;
	if (kind > IR_EXTERN_TAG)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_IMPORT_KIND,
		                 "0x%02x%s", kind,
		                 dec_unsupported(DEC_SITE_EXTERN_KIND, kind));
	im->kind = (ir_extern_kind)kind;
	return true;
}

/* An import's description (after its kind byte); its index is given by
 * number_import. */
static bool read_import_desc(dec_cursor *c, ir_import *im)
{
	switch (im->kind) {
	case IR_EXTERN_FUNC: return dec_u32(c, &im->desc.func_type);
	case IR_EXTERN_TABLE: return read_tabletype(c, &im->desc.table);
	case IR_EXTERN_MEMORY: return read_limits(c, &im->desc.memory, true);
	case IR_EXTERN_GLOBAL: return read_globaltype(c, &im->desc.global);
	case IR_EXTERN_TAG: return read_tagtype(c, &im->desc.tag_type);
	}
	W2N_UNREACHABLE();
}

/* The import's place in the index space of its kind (spec 2.5.1). */
static void number_import(ir_module *m, ir_import *im)
{
	switch (im->kind) {
	case IR_EXTERN_FUNC: im->index = m->nfunc_imports++; return;
	case IR_EXTERN_TABLE: im->index = m->ntable_imports++; return;
	case IR_EXTERN_MEMORY: im->index = m->nmemory_imports++; return;
	case IR_EXTERN_GLOBAL: im->index = m->nglobal_imports++; return;
	case IR_EXTERN_TAG: im->index = m->ntag_imports++; return;
	}
	W2N_UNREACHABLE();
}

/* A new import at the end of the module's list, which grows by doubling
 * in the arena (the compact forms make the count unknown in advance). */
static ir_import *push_import(module_reader *r, uint32_t *cap)
{
	ir_module *m = r->s.m;
	if (m->nimports == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		ir_import *grown =
		    w2n_arena_array(&m->arena, *cap, sizeof *grown);
		if (m->nimports)
			memcpy(grown, m->imports, m->nimports * sizeof *grown);
		m->imports = grown;
	}
	ir_import *im = &m->imports[m->nimports++];
	memset(im, 0, sizeof *im);
	return im;
}

/* One import of the plain form: NAME KIND DESC after the module name. */
static bool read_plain_import(module_reader *r, dec_cursor *c, uint32_t *cap,
                              const ir_name *module, uint64_t off)
{
	ir_import *im = push_import(r, cap);
	im->module = *module;
	im->offset = (uint32_t)off;
	if (!read_name(r, c, &im->name) || !read_import_kind(c, im) ||
	    !read_import_desc(c, im))
		return false;
	number_import(r->s.m, im);
	return true;
}

/* A compact group (the compact-import-section proposal's encoding, which
 * the wast2json that converted the 3.0 testsuite writes): after the module
 * name and an empty name, 0x7F then vec(NAME KIND DESC), or 0x7E then KIND
 * DESC shared by vec(NAME). */
static bool read_import_group(module_reader *r, dec_cursor *c, uint32_t *cap,
                              const ir_name *module, uint8_t form)
{
	ir_import shared = {.module = *module};
	uint32_t n;
	if (form == 0x7E &&
	    (!read_import_kind(c, &shared) || !read_import_desc(c, &shared)))
		return false;
	if (!dec_u32(c, &n))
		return false;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t off = dec_offset(c);
		if (form == 0x7F) {
			if (!read_plain_import(r, c, cap, module, off))
				return false;
			continue;
		}
		ir_import *im = push_import(r, cap);
		*im = shared;
		im->offset = (uint32_t)off;
		if (!read_name(r, c, &im->name))
			return false;
		number_import(r->s.m, im);
	}
	return true;
}

/* One entry of the import section: a plain import or a compact group. */
static bool read_import_entry(module_reader *r, dec_cursor *c, uint32_t *cap)
{
	uint64_t off = dec_offset(c);
	ir_name module;
	const uint8_t *p;
	if (!read_name(r, c, &module))
		return false;
	if (dec_peek(c, 2, &p) == 2 && p[0] == 0x00 &&
	    (p[1] == 0x7F || p[1] == 0x7E)) {
		uint8_t empty, form;
		return dec_u8(c, &empty) && dec_u8(c, &form) &&
		       read_import_group(r, c, cap, &module, form);
	}
	return read_plain_import(r, c, cap, &module, off);
}

/*
 * The section counts its entries (plain imports and groups).  wabt 1.0.41
 * counts the imports instead, groups' members one by one: a section that
 * ends with exactly that many imports read is accepted as well.
 */
static bool read_import_section(module_reader *r, dec_cursor *c)
{
	uint32_t n, cap = 0;
	if (!dec_u32(c, &n))
		return false;
	for (uint32_t i = 0; i < n; i++) {
		if (dec_at_end(c) && r->s.m->nimports == n)
			break;
		if (!read_import_entry(r, c, &cap))
			return false;
	}
	return true;
}

/* A function section entry: the type index and where it stands. */
typedef struct func_decl {
	uint32_t type_index, offset;
} func_decl;

/*
 * The index spaces (spec 2.5.1): imports of a kind first, in import order,
 * then the definitions.  Each is laid out when its defining section has
 * been read, or at the end of the module when that section is absent.
 */
static void lay_out_funcs(module_reader *r, const func_decl *decls,
                          uint32_t ndefined)
{
	ir_module *m = r->s.m;
	m->nfuncs = m->nfunc_imports + ndefined;
	m->funcs = w2n_arena_array(&m->arena, m->nfuncs, sizeof *m->funcs);
	for (uint32_t i = 0; i < m->nimports; i++) {
		const ir_import *im = &m->imports[i];
		if (im->kind != IR_EXTERN_FUNC)
			continue;
		ir_func *f = &m->funcs[im->index];
		f->imported = true;
		f->import_index = i;
		f->type_index = im->desc.func_type;
		f->type_offset = im->offset;
	}
	for (uint32_t i = 0; i < ndefined; i++) {
		m->funcs[m->nfunc_imports + i].type_index = decls[i].type_index;
		m->funcs[m->nfunc_imports + i].type_offset = decls[i].offset;
	}
	r->funcs_laid_out = true;
}

static void lay_out_tables(module_reader *r, const ir_table *defs,
                           uint32_t ndefined)
{
	ir_module *m = r->s.m;
	m->ntables = m->ntable_imports + ndefined;
	m->tables = w2n_arena_array(&m->arena, m->ntables, sizeof *m->tables);
	for (uint32_t i = 0; i < m->nimports; i++) {
		const ir_import *im = &m->imports[i];
		if (im->kind != IR_EXTERN_TABLE)
			continue;
		ir_table *t = &m->tables[im->index];
		t->imported = true;
		t->import_index = i;
		t->offset = im->offset;
		t->type = im->desc.table;
	}
	if (ndefined)
		memcpy(m->tables + m->ntable_imports, defs,
		       ndefined * sizeof *defs);
	r->tables_laid_out = true;
}

static void lay_out_memories(module_reader *r, const ir_memory *defs,
                             uint32_t ndefined)
{
	ir_module *m = r->s.m;
	m->nmemories = m->nmemory_imports + ndefined;
	m->memories =
	    w2n_arena_array(&m->arena, m->nmemories, sizeof *m->memories);
	for (uint32_t i = 0; i < m->nimports; i++) {
		const ir_import *im = &m->imports[i];
		if (im->kind != IR_EXTERN_MEMORY)
			continue;
		ir_memory *mem = &m->memories[im->index];
		mem->imported = true;
		mem->import_index = i;
		mem->offset = im->offset;
		mem->limits = im->desc.memory;
	}
	if (ndefined)
		memcpy(m->memories + m->nmemory_imports, defs,
		       ndefined * sizeof *defs);
	r->memories_laid_out = true;
}

static void lay_out_globals(module_reader *r, const ir_global *defs,
                            uint32_t ndefined)
{
	ir_module *m = r->s.m;
	m->nglobals = m->nglobal_imports + ndefined;
	m->globals =
	    w2n_arena_array(&m->arena, m->nglobals, sizeof *m->globals);
	for (uint32_t i = 0; i < m->nimports; i++) {
		const ir_import *im = &m->imports[i];
		if (im->kind != IR_EXTERN_GLOBAL)
			continue;
		ir_global *g = &m->globals[im->index];
		g->imported = true;
		g->import_index = i;
		g->offset = im->offset;
		g->type = im->desc.global;
	}
	if (ndefined)
		memcpy(m->globals + m->nglobal_imports, defs,
		       ndefined * sizeof *defs);
	r->globals_laid_out = true;
}

static void lay_out_tags(module_reader *r, const ir_tag *defs,
                         uint32_t ndefined)
{
	ir_module *m = r->s.m;
	m->ntags = m->ntag_imports + ndefined;
	m->tags = w2n_arena_array(&m->arena, m->ntags, sizeof *m->tags);
	for (uint32_t i = 0; i < m->nimports; i++) {
		const ir_import *im = &m->imports[i];
		if (im->kind != IR_EXTERN_TAG)
			continue;
		ir_tag *t = &m->tags[im->index];
		t->imported = true;
		t->import_index = i;
		t->offset = im->offset;
		t->type_index = im->desc.tag_type;
	}
	if (ndefined)
		memcpy(m->tags + m->ntag_imports, defs,
		       ndefined * sizeof *defs);
	r->tags_laid_out = true;
}

static bool read_func_decl(module_reader *r, dec_cursor *c, void *item)
{
	func_decl *d = item;
	(void)r;
	d->offset = (uint32_t)dec_offset(c);
	return dec_u32(c, &d->type_index);
}

static bool read_function_section(module_reader *r, dec_cursor *c)
{
	void *decls = NULL;
	uint32_t n;
	if (!read_vec(r, c, 1, sizeof(func_decl), read_func_decl, &decls, &n))
		return false;
	lay_out_funcs(r, decls, n);
	r->ndefined_funcs = n;
	r->has_function_section = true;
	return true;
}

/* A table (spec 5.5.x of 3.0, "Table Section"): its type, or 0x40 0x00,
 * its type and an expression for the initial elements. */
static bool read_table(module_reader *r, dec_cursor *c, void *item)
{
	ir_table *t = item;
	uint8_t b;
	t->offset = (uint32_t)dec_offset(c);
	if (dec_peek_u8(c, &b) && b == 0x40) {
		dec_u8(c, &b);
		uint64_t off = dec_offset(c);
		if (!dec_u8(c, &b))
			return false;
		if (b != 0)
			return w2n_error(c->diags, off, W2N_DIAG_ZERO_BYTE,
			                 NULL);
		t->has_init = true;
		return read_tabletype(c, &t->type) &&
		       read_constexpr(r, c, &t->init);
	}
	return read_tabletype(c, &t->type);
}

static bool read_table_section(module_reader *r, dec_cursor *c)
{
	void *defs = NULL;
	uint32_t n;
	if (!read_vec(r, c, 3, sizeof(ir_table), read_table, &defs, &n))
		return false;
	lay_out_tables(r, defs, n);
	return true;
}

static bool read_memory(module_reader *r, dec_cursor *c, void *item)
{
	(void)r;
	((ir_memory *)item)->offset = (uint32_t)dec_offset(c);
	return read_limits(c, &((ir_memory *)item)->limits, true);
}

static bool read_memory_section(module_reader *r, dec_cursor *c)
{
	void *defs = NULL;
	uint32_t n;
	if (!read_vec(r, c, 2, sizeof(ir_memory), read_memory, &defs, &n))
		return false;
	lay_out_memories(r, defs, n);
	return true;
}

static bool read_global(module_reader *r, dec_cursor *c, void *item)
{
	ir_global *g = item;
	g->offset = (uint32_t)dec_offset(c);
	return read_globaltype(c, &g->type) && read_constexpr(r, c, &g->init);
}

static bool read_global_section(module_reader *r, dec_cursor *c)
{
	void *defs = NULL;
	uint32_t n;
	if (!read_vec(r, c, 3, sizeof(ir_global), read_global, &defs, &n))
		return false;
	lay_out_globals(r, defs, n);
	return true;
}

static bool read_tag_def(module_reader *r, dec_cursor *c, void *item)
{
	ir_tag *t = item;
	(void)r;
	t->offset = (uint32_t)dec_offset(c);
	return read_tagtype(c, &t->type_index);
}

static bool read_tag_section(module_reader *r, dec_cursor *c)
{
	void *defs = NULL;
	uint32_t n;
	if (!read_vec(r, c, 2, sizeof(ir_tag), read_tag_def, &defs, &n))
		return false;
	lay_out_tags(r, defs, n);
	return true;
}

static bool read_export(module_reader *r, dec_cursor *c, void *item)
{
	ir_export *e = item;
	e->offset = (uint32_t)dec_offset(c);
	if (!read_name(r, c, &e->name))
		return false;
	uint64_t off = dec_offset(c);
	uint8_t kind;
	if (!dec_u8(c, &kind))
		return false;
	if (kind > IR_EXTERN_TAG)
		return w2n_error(c->diags, off, W2N_DIAG_MALFORMED_EXPORT_KIND,
		                 "0x%02x%s", kind,
		                 dec_unsupported(DEC_SITE_EXTERN_KIND, kind));
	e->kind = (ir_extern_kind)kind;
	if (!dec_u32(c, &e->index))
		return false;
	if (e->kind == IR_EXTERN_TABLE && e->index < r->s.m->ntables)
		r->s.m->tables[e->index].exported = true;
	return true;
}

static bool read_export_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	void *exports = NULL;
	if (!read_vec(r, c, 3, sizeof(ir_export), read_export, &exports,
	              &m->nexports))
		return false;
	m->exports = exports;
	return true;
}

static bool read_start_section(module_reader *r, dec_cursor *c)
{
	r->s.m->has_start = true;
	r->s.m->start_offset = (uint32_t)dec_offset(c);
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

static bool read_func_index_item_fn(module_reader *r, dec_cursor *c, void *item)
{
	return read_func_index_item(r, c, item);
}

static bool read_expr_item(module_reader *r, dec_cursor *c, void *item)
{
	return read_constexpr(r, c, item);
}

static bool read_elem_items(module_reader *r, dec_cursor *c, ir_elem *e,
                            bool as_exprs)
{
	void *items = NULL;
	if (!read_vec(r, c, 1, sizeof(ir_constexpr),
	              as_exprs ? read_expr_item : read_func_index_item_fn,
	              &items, &e->nitems))
		return false;
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
static bool read_elem(module_reader *r, dec_cursor *c, void *item)
{
	ir_elem *e = item;
	uint64_t off = dec_offset(c);
	e->pos = (uint32_t)off;
	uint32_t flags;
	if (!dec_u32(c, &flags))
		return false;
	if (flags > 7)
		return w2n_error_named(
		    c->diags, off, W2N_DIAG_MALFORMED_ELEM_KIND, "%u", flags);
	bool active = !(flags & 1), exprs = flags & 4;
	e->type = IR_FUNCREF | IR_REF_NONNULL; /* elemkind 0x00, (ref func) */
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
	} else if (exprs) {
		e->type = IR_FUNCREF; /* flags 4: expressions of funcref */
	}
	return read_elem_items(r, c, e, exprs);
}

static bool read_element_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	void *elems = NULL;
	if (!read_vec(r, c, 3, sizeof(ir_elem), read_elem, &elems, &m->nelems))
		return false;
	m->elems = elems;
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
	if (!dec_u32(c, &nruns))
		return false;
	/* A second pass over the runs expands them once they are checked. */
	dec_cursor again = *c;
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
	r->module_locals += total;
	if (r->module_locals > DEC_MAX_MODULE_LOCALS)
		return w2n_error(c->diags, dec_offset(c), W2N_DIAG_IMPL_LIMIT,
		                 "more than %d locals in the module",
		                 DEC_MAX_MODULE_LOCALS);
	ir_valtype *locals =
	    w2n_arena_array(&r->s.m->arena, total, sizeof *locals);
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

/* What codegen needs to know of a body before lowering it, in one pass:
 * whether it has a tail call (an instruction of operation TAIL), how many
 * legacy tries it has, and which tables its table.grow names. */
static void note_body_facts(ir_module *m, ir_func *f)
{
	f->tail_calls = false;
	f->legacy_tries = 0;
	for (uint32_t i = 0; i < f->ncode; i++) {
		const ir_instr *in = &f->code[i];
		f->tail_calls |= ir_opcodes[in->op].oper == IR_OPER_TAIL;
		f->legacy_tries += in->op == OP_TRY;
		if (in->op == OP_TABLE_GROW && in->imm.index < m->ntables)
			m->tables[in->imm.index].grown = true;
	}
}

static bool read_body(module_reader *r, dec_cursor *c, ir_func *f)
{
	ir_module *m = r->s.m;
	dec_cursor body;
	f->body_offset = (uint32_t)dec_offset(c);
	if (!dec_sized(c, &body))
		return false;
	uint32_t nparams =
	    f->type_index < m->ntypes ? m->types[f->type_index].nparams : 0;
	if (!read_locals(r, &body, f, nparams) ||
	    !dec_expr(&r->s, &body, &f->code, &f->ncode, &f->max_depth))
		return false;
	if (!dec_at_end(&body))
		return w2n_error(c->diags, dec_offset(&body),
		                 W2N_DIAG_SECTION_SIZE_MISMATCH,
		                 "function body continues after its end");
	note_body_facts(m, f);
	return true;
}

/* Instructions naming a data segment (memory.init, data.drop) need the
 * data count section (spec 5.5.16). */
static bool check_data_count_use(module_reader *r, const ir_func *f)
{
	if (r->s.m->has_data_count)
		return true;
	for (uint32_t i = 0; i < f->ncode; i++)
		if (ir_mem_uses_data(ir_opcodes[f->code[i].op].mem))
			return w2n_error(r->s.diags, f->code[i].offset,
			                 W2N_DIAG_DATA_COUNT_REQUIRED, NULL);
	return true;
}

static bool read_code_section(module_reader *r, dec_cursor *c)
{
	ir_module *m = r->s.m;
	uint64_t off = dec_offset(c);
	uint32_t n;
	m->code_start = (uint32_t)off;
	if (!dec_u32(c, &n))
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

static bool read_data(module_reader *r, dec_cursor *c, void *item)
{
	ir_data *d = item;
	uint64_t off = dec_offset(c);
	d->pos = (uint32_t)off;
	uint32_t flags, len;
	const uint8_t *p;
	if (!dec_u32(c, &flags))
		return false;
	if (flags > 2)
		return w2n_error_named(
		    c->diags, off, W2N_DIAG_MALFORMED_DATA_KIND, "%u", flags);
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
	void *datas = NULL;
	if (!read_vec(r, c, 2, sizeof(ir_data), read_data, &datas, &m->ndatas))
		return false;
	m->datas = datas;
	r->has_data_section = true;
	if (m->has_data_count && m->data_count != m->ndatas)
		return w2n_error(c->diags, off, W2N_DIAG_DATA_COUNT_MISMATCH,
		                 NULL);
	return true;
}

static bool read_custom_section(module_reader *r, dec_cursor *c, uint64_t start)
{
	ir_module *m = r->s.m;
	ir_custom cs = {.offset = (uint32_t)start};
	const uint8_t *p;
	if (!read_name(r, c, &cs.name))
		return false;
	cs.len = (uint32_t)dec_remaining(c);
	dec_bytes(c, cs.len, &p);
	cs.bytes = w2n_arena_dup(&m->arena, p, cs.len);
	if (r->ncustoms == r->customs_cap) {
		r->customs_cap = r->customs_cap ? r->customs_cap * 2 : 8;
		r->customs = w2n_xrealloc(r->customs,
		                          r->customs_cap * sizeof *r->customs);
	}
	r->customs[r->ncustoms++] = cs;
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
	case SEC_TAG: return read_tag_section(r, c);
	}
	W2N_UNREACHABLE();
}

/* Index spaces whose defining section is absent hold only imports. */
static void lay_out_missing(module_reader *r)
{
	if (!r->funcs_laid_out)
		lay_out_funcs(r, NULL, 0);
	if (!r->tables_laid_out)
		lay_out_tables(r, NULL, 0);
	if (!r->memories_laid_out)
		lay_out_memories(r, NULL, 0);
	if (!r->globals_laid_out)
		lay_out_globals(r, NULL, 0);
	if (!r->tags_laid_out)
		lay_out_tags(r, NULL, 0);
}

/* Reads one section, checking its id, order and declared size.  A code
 * section without a function section still needs the function space. */
static bool read_section(module_reader *r, dec_cursor *c, uint8_t *last_rank)
{
	uint64_t start = dec_offset(c);
	uint8_t id;
	dec_cursor body;
	if (!dec_u8(c, &id))
		return false;
	if (id >= SEC_COUNT)
		return w2n_error_named(
		    c->diags, start, W2N_DIAG_MALFORMED_SECTION_ID, "%u%s", id,
		    dec_unsupported(DEC_SITE_SECTION, id));
	if (!dec_sized(c, &body))
		return false;
	if (id != SEC_CUSTOM) {
		if (section_rank[id] <= *last_rank)
			return w2n_error(c->diags, start,
			                 W2N_DIAG_SECTION_ORDER,
			                 "section %u out of order", id);
		*last_rank = section_rank[id];
	}
	if (id == SEC_CODE && !r->funcs_laid_out)
		lay_out_funcs(r, NULL, 0);
	if (!read_section_body(r, id, &body, start))
		return false;
	if (!dec_at_end(&body))
		return w2n_error(c->diags, dec_offset(&body),
		                 W2N_DIAG_SECTION_SIZE_MISMATCH, NULL);
	return true;
}

/* Four fixed bytes: a short file is "unexpected end" as long as what is
 * there matches; anything else is `code`. */
static bool read_tag(dec_cursor *c, const uint8_t want[4], w2n_diag_code code)
{
	uint64_t off = dec_offset(c);
	const uint8_t *p;
	size_t n = dec_peek(c, 4, &p);
	if (memcmp(p, want, n) != 0)
		return w2n_error(c->diags, off, code, NULL);
	if (n < 4)
		return w2n_error(c->diags, off + n, W2N_DIAG_UNEXPECTED_END,
		                 NULL);
	return dec_fixed(c, 4, &p);
}

/* A version this decoder does not read, named when it is a known one. */
static bool check_version(dec_cursor *c)
{
	uint64_t off = dec_offset(c);
	const uint8_t *p;
	if (dec_peek(c, 4, &p) < 4)
		return true; /* read_tag reports the short file */
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	             (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	const char *note = dec_unsupported(DEC_SITE_VERSION, v);
	if (!note[0])
		return true;
	return w2n_error(c->diags, off, W2N_DIAG_VERSION, "0x%08x%s", v, note);
}

static bool read_preamble(dec_cursor *c)
{
	static const uint8_t magic[4] = {0x00, 0x61, 0x73, 0x6D};
	static const uint8_t version[4] = {0x01, 0x00, 0x00, 0x00};
	return read_tag(c, magic, W2N_DIAG_MAGIC) && check_version(c) &&
	       read_tag(c, version, W2N_DIAG_VERSION);
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
	if (r.ncustoms) {
		m->ncustoms = r.ncustoms;
		m->customs = w2n_arena_dup(&m->arena, r.customs,
		                           r.ncustoms * sizeof *r.customs);
	}
	free(r.customs);
	if (!ok) {
		ir_module_free(m);
		return NULL;
	}
	dec_names(m);
	return m;
}
