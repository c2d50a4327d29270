/*
 * names.c - the "name" custom section (spec 7.4.1): module, function and
 * local names for diagnostics, traps and symbols.  Any malformation makes
 * the rest of the section be ignored, never the module rejected.
 */
#include <string.h>

#include "decode_internal.h"

enum { NAME_MODULE = 0, NAME_FUNCTION = 1, NAME_LOCAL = 2 };

static bool read_name(ir_module *m, dec_cursor *c, ir_name *out)
{
	uint32_t len;
	const uint8_t *p;
	if (!dec_u32(c, &len) || !dec_bytes(c, len, &p) ||
	    dec_utf8_check(p, len) < len)
		return false;
	char *s = w2n_arena_alloc(&m->arena, (size_t)len + 1);
	memcpy(s, p, len);
	s[len] = '\0';
	out->str = s;
	out->len = len;
	return true;
}

static bool read_function_names(ir_module *m, dec_cursor *c)
{
	uint32_t n;
	if (!dec_u32(c, &n))
		return false;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t idx;
		ir_name name;
		if (!dec_u32(c, &idx) || !read_name(m, c, &name))
			return false;
		if (idx < m->nfuncs)
			m->funcs[idx].name = name;
	}
	return true;
}

static uint32_t local_count(const ir_module *m, const ir_func *f)
{
	/* Names are read before validation: the type index may be bad. */
	if (f->type_index >= m->ntypes)
		return 0;
	return m->types[f->type_index].nparams + f->nlocals;
}

/* One function's local names: only named locals are stored, so memory
 * stays proportional to the section. */
static bool read_function_locals(ir_module *m, dec_cursor *c, ir_func *f)
{
	uint32_t n;
	if (!dec_u32(c, &n) || n > dec_remaining(c) / 2)
		return false;
	uint32_t nlocals = f && !f->imported ? local_count(m, f) : 0;
	ir_local_name *names =
	    n ? w2n_arena_array(&m->arena, n, sizeof *names) : NULL;
	uint32_t kept = 0;
	for (uint32_t j = 0; j < n; j++) {
		uint32_t local;
		ir_name name;
		if (!dec_u32(c, &local) || !read_name(m, c, &name))
			return false;
		if (local < nlocals &&
		    (kept == 0 || names[kept - 1].index < local))
			names[kept++] = (ir_local_name){local, name};
	}
	if (f && kept) {
		f->local_names = names;
		f->nlocal_names = kept;
	}
	return true;
}

static bool read_local_names(ir_module *m, dec_cursor *c)
{
	uint32_t nfuncs;
	if (!dec_u32(c, &nfuncs))
		return false;
	for (uint32_t i = 0; i < nfuncs; i++) {
		uint32_t idx;
		if (!dec_u32(c, &idx))
			return false;
		ir_func *f = idx < m->nfuncs ? &m->funcs[idx] : NULL;
		if (!read_function_locals(m, c, f))
			return false;
	}
	return true;
}

static void read_subsections(ir_module *m, dec_cursor *c)
{
	while (!dec_at_end(c)) {
		uint8_t id;
		dec_cursor sub;
		if (!dec_u8(c, &id) || !dec_sized(c, &sub))
			return;
		bool ok = true;
		if (id == NAME_MODULE)
			ok = read_name(m, &sub, &m->name);
		else if (id == NAME_FUNCTION)
			ok = read_function_names(m, &sub);
		else if (id == NAME_LOCAL)
			ok = read_local_names(m, &sub);
		if (!ok)
			return;
	}
}

void dec_names(ir_module *m)
{
	for (uint32_t i = 0; i < m->ncustoms; i++) {
		const ir_custom *cs = &m->customs[i];
		if (cs->name.len != 4 || memcmp(cs->name.str, "name", 4) != 0)
			continue;
		/* Failures here are not the module's: keep them private. */
		w2n_diags ignored = {0};
		dec_cursor c = dec_cursor_init(cs->bytes, cs->len, &ignored);
		read_subsections(m, &c);
		w2n_diags_free(&ignored);
		return;
	}
}
