/*
 * embed_objects.c - what a host creates for modules to import, in the
 * embedding API (include/wasm2native.h): memories and tables (the
 * runtime's reference-counted objects, handed out as they are), globals,
 * and import sets, which name all of these, host functions, instances
 * and WASI for w2n_instantiate.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "embed_internal.h"

static w2n_rt_memory *rt_memory(const w2n_memory *mem)
{
	return (w2n_rt_memory *)(uintptr_t)(const void *)mem;
}

static w2n_rt_table *rt_table(const w2n_table *t)
{
	return (w2n_rt_table *)(uintptr_t)(const void *)t;
}

bool w2n_embed_is_valtype(uint8_t t)
{
	return t == W2N_I32 || t == W2N_I64 || t == W2N_F32 || t == W2N_F64 ||
	       t == W2N_V128 || t == W2N_FUNCREF || t == W2N_EXTERNREF;
}

static bool limits_ok(const w2n_limits *l, uint64_t limit)
{
	return l && l->min <= limit &&
	       (!l->has_max || (l->max <= limit && l->min <= l->max));
}

/* ---- Memories ---- */

w2n_memory *w2n_memory_new(const w2n_limits *limits, w2n_bounds bounds,
                           w2n_error *err)
{
	w2n_embed_ok(err);
	bool is64 = limits && limits->addr64;
	if (!limits_ok(limits, is64 ? UINT64_C(1) << 48 : 65536) ||
	    (bounds != W2N_BOUNDS_GUARD && bounds != W2N_BOUNDS_EXPLICIT)) {
		w2n_embed_fail(err, W2N_ERROR_USAGE, "invalid memory type");
		return NULL;
	}
	if (limits->shared && !limits->has_max) {
		w2n_embed_fail(err, W2N_ERROR_USAGE,
		               "shared memory must have maximum");
		return NULL;
	}
	w2n_rt_memory *mem =
	    limits->shared ? w2n_rt_memory_new_shared(limits->min, limits->max,
	                                              (uint32_t)bounds, is64)
	    : is64
	        ? w2n_rt_memory_new64(limits->min, limits->max, limits->has_max)
	        : w2n_rt_memory_new(limits->min, limits->max, limits->has_max,
	                            bounds);
	if (!mem)
		w2n_embed_fail(err, W2N_ERROR_RESOURCE,
		               "cannot create a memory of %llu pages%s",
		               (unsigned long long)limits->min,
		               !is64 && bounds == W2N_BOUNDS_GUARD &&
		                       sizeof(void *) < 8
		                   ? " (guard pages need a 64-bit host)"
		                   : "");
	return (w2n_memory *)(void *)mem;
}

void w2n_memory_free(w2n_memory *mem)
{
	w2n_rt_memory_free(rt_memory(mem));
}

uint8_t *w2n_memory_data(w2n_memory *mem)
{
	return rt_memory(mem)->base;
}

uint64_t w2n_memory_size(const w2n_memory *mem)
{
	return w2n_rt_memory_size(rt_memory(mem));
}

static bool in_memory(const w2n_memory *mem, uint64_t offset, size_t len,
                      w2n_error *err)
{
	uint64_t size = w2n_rt_memory_size(rt_memory(mem));
	if (offset <= size && len <= size - offset)
		return true;
	return w2n_embed_fail(err, W2N_ERROR_USAGE,
	                      "out of bounds memory access: %zu bytes at %llu, "
	                      "memory has %llu",
	                      len, (unsigned long long)offset,
	                      (unsigned long long)size);
}

bool w2n_memory_read(const w2n_memory *mem, uint64_t offset, void *dst,
                     size_t len, w2n_error *err)
{
	w2n_embed_ok(err);
	if (!in_memory(mem, offset, len, err))
		return false;
	if (len)
		memcpy(dst, rt_memory(mem)->base + offset, len);
	return true;
}

bool w2n_memory_write(w2n_memory *mem, uint64_t offset, const void *src,
                      size_t len, w2n_error *err)
{
	w2n_embed_ok(err);
	if (!in_memory(mem, offset, len, err))
		return false;
	if (len)
		memcpy(rt_memory(mem)->base + offset, src, len);
	return true;
}

int64_t w2n_memory_grow(w2n_memory *mem, uint64_t delta)
{
	return w2n_rt_memory_grow_by(rt_memory(mem), delta);
}

/* ---- Tables ---- */

w2n_table *w2n_table_new(w2n_valtype elem, const w2n_limits *limits,
                         w2n_error *err)
{
	w2n_embed_ok(err);
	bool is64 = limits && limits->addr64;
	if ((elem != W2N_FUNCREF && elem != W2N_EXTERNREF) ||
	    !limits_ok(limits, is64 ? UINT64_MAX : UINT32_MAX)) {
		w2n_embed_fail(err, W2N_ERROR_USAGE, "invalid table type");
		return NULL;
	}
	w2n_rt_table *t = is64 ? w2n_rt_table_new64(limits->min, limits->max,
	                                            limits->has_max, elem)
	                       : w2n_rt_table_new(limits->min, limits->max,
	                                          limits->has_max, elem);
	if (!t)
		w2n_embed_fail(err, W2N_ERROR_RESOURCE,
		               "cannot create a table of %llu elements",
		               (unsigned long long)limits->min);
	return (w2n_table *)(void *)t;
}

void w2n_table_free(w2n_table *t)
{
	w2n_rt_table_free(rt_table(t));
}

uint32_t w2n_table_size(const w2n_table *t)
{
	return rt_table(t)->size;
}

/* ---- Globals ---- */

w2n_global *w2n_global_new(const w2n_value *init, bool mutable_, w2n_error *err)
{
	w2n_embed_ok(err);
	if (!init || !w2n_embed_is_valtype(init->type)) {
		w2n_embed_fail(err, W2N_ERROR_USAGE, "invalid global type");
		return NULL;
	}
	w2n_global *g = w2n_rt_calloc(1, sizeof *g);
	if (!g) {
		w2n_embed_fail(err, W2N_ERROR_RESOURCE, "out of memory");
		return NULL;
	}
	atomic_init(&g->refs, 1);
	g->type.type = init->type;
	g->type.mutable_ = mutable_;
	w2n_embed_value_to(init, &g->value);
	return g;
}

void w2n_embed_global_retain(w2n_global *g)
{
	atomic_fetch_add(&g->refs, 1);
}

void w2n_global_free(w2n_global *g)
{
	if (g && atomic_fetch_sub(&g->refs, 1) == 1)
		w2n_rt_free(g);
}

w2n_value w2n_global_value(const w2n_global *g)
{
	return w2n_embed_value_from((uint8_t)g->type.type, &g->value);
}

bool w2n_global_set_value(w2n_global *g, const w2n_value *v, w2n_error *err)
{
	w2n_embed_ok(err);
	if (!g->type.mutable_)
		return w2n_embed_fail(err, W2N_ERROR_USAGE,
		                      "global is immutable");
	if (v->type != g->type.type)
		return w2n_embed_fail(
		    err, W2N_ERROR_USAGE,
		    "type mismatch: the global's type differs");
	w2n_embed_value_to(v, &g->value);
	return true;
}

/* ---- Import sets ---- */

w2n_imports *w2n_imports_new(void)
{
	return w2n_rt_calloc(1, sizeof(w2n_imports));
}

/* A new entry named MODULE.NAME (name NULL for instances), or NULL. */
static import_entry *add_entry(w2n_imports *im, import_kind kind,
                               const char *module, const char *name,
                               w2n_error *err)
{
	if (!im || !module)
		return w2n_embed_fail(err, W2N_ERROR_USAGE,
		                      "no import set or "
		                      "module name"),
		       NULL;
	if (im->n == im->cap) {
		size_t cap = im->cap ? 2 * im->cap : 16;
		import_entry *e =
		    w2n_rt_realloc(im->entries, cap * sizeof *im->entries);
		if (!e)
			return w2n_embed_fail(err, W2N_ERROR_RESOURCE,
			                      "out of memory"),
			       NULL;
		im->entries = e;
		im->cap = cap;
	}
	import_entry *e = &im->entries[im->n];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->module = w2n_rt_strdup(module);
	e->name = name ? w2n_rt_strdup(name) : NULL;
	if (!e->module || (name && !e->name)) {
		w2n_rt_free(e->module);
		w2n_rt_free(e->name);
		return w2n_embed_fail(err, W2N_ERROR_RESOURCE, "out of memory"),
		       NULL;
	}
	im->n++;
	return e;
}

bool w2n_imports_add_func(w2n_imports *im, const char *module, const char *name,
                          const w2n_functype *type, w2n_host_fn *fn, void *env,
                          w2n_error *err)
{
	w2n_embed_ok(err);
	if (!type || !fn || !name)
		return w2n_embed_fail(
		    err, W2N_ERROR_USAGE,
		    "a host function needs a name, a type and "
		    "code");
	uint32_t n = type->nparams + type->nresults;
	for (uint32_t i = 0; i < n; i++)
		if (!w2n_embed_is_valtype(
		        i < type->nparams ? type->params[i]
		                          : type->results[i - type->nparams]))
			return w2n_embed_fail(err, W2N_ERROR_USAGE,
			                      "%s.%s: invalid value type",
			                      module, name);
	uint8_t *types = w2n_rt_malloc(n);
	if (!types)
		return w2n_embed_fail(err, W2N_ERROR_RESOURCE, "out of memory");
	if (type->nparams)
		memcpy(types, type->params, type->nparams);
	if (type->nresults)
		memcpy(types + type->nparams, type->results, type->nresults);
	import_entry *e = add_entry(im, IMPORT_FUNC, module, name, err);
	if (!e) {
		w2n_rt_free(types);
		return false;
	}
	e->u.func = (host_func){fn, env, type->nparams, type->nresults, types};
	return true;
}

/* An entry for the host object `obj`, or NULL with an error. */
static import_entry *add_object(w2n_imports *im, import_kind kind,
                                const char *module, const char *name,
                                const void *obj, w2n_error *err)
{
	w2n_embed_ok(err);
	if (!obj || !name) {
		w2n_embed_fail(err, W2N_ERROR_USAGE, "nothing to import");
		return NULL;
	}
	return add_entry(im, kind, module, name, err);
}

bool w2n_imports_add_memory(w2n_imports *im, const char *module,
                            const char *name, w2n_memory *mem, w2n_error *err)
{
	import_entry *e = add_object(im, IMPORT_MEMORY, module, name, mem, err);
	if (!e)
		return false;
	w2n_rt_memory_retain(rt_memory(mem));
	e->u.memory = rt_memory(mem);
	return true;
}

bool w2n_imports_add_table(w2n_imports *im, const char *module,
                           const char *name, w2n_table *t, w2n_error *err)
{
	import_entry *e = add_object(im, IMPORT_TABLE, module, name, t, err);
	if (!e)
		return false;
	w2n_rt_table_retain(rt_table(t));
	e->u.table = rt_table(t);
	return true;
}

bool w2n_imports_add_global(w2n_imports *im, const char *module,
                            const char *name, w2n_global *g, w2n_error *err)
{
	import_entry *e = add_object(im, IMPORT_GLOBAL, module, name, g, err);
	if (!e)
		return false;
	w2n_embed_global_retain(g);
	e->u.global = g;
	return true;
}

bool w2n_imports_add_tag(w2n_imports *im, const char *module, const char *name,
                         w2n_tag *tag, w2n_error *err)
{
	import_entry *e = add_object(im, IMPORT_TAG, module, name, tag, err);
	if (!e)
		return false;
	if (!w2n_embed_tag_retain(tag)) {
		im->n--;
		w2n_rt_free(e->module);
		w2n_rt_free(e->name);
		return w2n_embed_fail(err, W2N_ERROR_USAGE,
		                      "%s.%s: an instance's tag is imported "
		                      "with its instance",
		                      module, name);
	}
	e->u.tag = tag;
	return true;
}

bool w2n_imports_add_instance(w2n_imports *im, const char *module,
                              w2n_instance *inst, w2n_error *err)
{
	w2n_embed_ok(err);
	if (!inst)
		return w2n_embed_fail(err, W2N_ERROR_USAGE, "no instance");
	import_entry *e = add_entry(im, IMPORT_INSTANCE, module, NULL, err);
	if (!e)
		return false;
	w2n_embed_instance_retain(inst);
	e->u.instance = inst;
	return true;
}

/* ---- WASI configurations ---- */

void w2n_wasi_config_init(w2n_wasi_config *config)
{
	memset(config, 0, sizeof *config);
	for (int i = 0; i < 3; i++)
		config->stdio[i] = i;
}

static void free_strings(const char *const *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		w2n_rt_free((char *)(uintptr_t)s[i]);
	w2n_rt_free((void *)(uintptr_t)s);
}

static void free_wasi(wasi_config *c)
{
	if (!c)
		return;
	free_strings(c->argv, c->argc);
	free_strings(c->env, c->nenv);
	for (size_t i = 0; c->preopens && i < c->npreopens; i++) {
		w2n_rt_free((char *)(uintptr_t)c->preopens[i].host_path);
		w2n_rt_free((char *)(uintptr_t)c->preopens[i].guest_path);
	}
	w2n_rt_free((void *)(uintptr_t)c->preopens);
	for (int i = 0; i < 3; i++)
		if (c->stdio[i] >= 0)
			close(c->stdio[i]);
	w2n_rt_free(c);
}

/* A copy of strings s[0..n); false when out of memory (what was copied
 * is in *out for free_strings). */
static bool copy_strings(const char *const *s, size_t n,
                         const char *const **out)
{
	char **d = w2n_rt_calloc(n, sizeof *d);
	*out = (const char *const *)d;
	if (!d || (n && !s))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !(d[i] = w2n_rt_strdup(s[i])))
			return false;
	return true;
}

static bool copy_preopens(const w2n_wasi_config *from, wasi_config *to)
{
	wasi_preopen *p = w2n_rt_calloc(from->npreopens, sizeof *p);
	to->preopens = p;
	if (!p || (from->npreopens && !from->preopens))
		return false;
	to->npreopens = from->npreopens;
	for (size_t i = 0; i < from->npreopens; i++) {
		const w2n_preopen *q = &from->preopens[i];
		if (!q->host_path || !q->guest_path)
			return false;
		p[i].host_path = w2n_rt_strdup(q->host_path);
		p[i].guest_path = w2n_rt_strdup(q->guest_path);
		if (!p[i].host_path || !p[i].guest_path)
			return false;
	}
	return true;
}

static wasi_config *copy_wasi(const w2n_wasi_config *from)
{
	wasi_config *c = w2n_rt_calloc(1, sizeof *c);
	if (!c)
		return NULL;
	wasi_config_init(c);
	c->exit_unwinds = true; /* proc_exit must not end the host */
	/* The set's own descriptors: the host may close its own. */
	bool ok = true;
	for (int i = 0; i < 3; i++) {
		c->stdio[i] = -1;
		if (from->stdio[i] >= 0 &&
		    (c->stdio[i] = fcntl(from->stdio[i], F_DUPFD_CLOEXEC, 0)) <
		        0)
			ok = false;
	}
	c->argc = from->argc;
	c->nenv = from->nenv;
	ok = ok && copy_strings(from->argv, from->argc, &c->argv);
	ok = ok && copy_strings(from->env, from->nenv, &c->env);
	ok = ok && copy_preopens(from, c);
	if (!ok) {
		free_wasi(c);
		return NULL;
	}
	return c;
}

bool w2n_imports_add_wasi(w2n_imports *im, const w2n_wasi_config *config,
                          w2n_error *err)
{
	w2n_embed_ok(err);
	if (!im || !config)
		return w2n_embed_fail(err, W2N_ERROR_USAGE,
		                      "no import set or configuration");
	wasi_config *c = copy_wasi(config);
	if (!c)
		return w2n_embed_fail(err, W2N_ERROR_USAGE,
		                      "cannot copy the WASI configuration (a "
		                      "bad stdio descriptor, a NULL string or "
		                      "out of memory)");
	free_wasi(im->wasi);
	im->wasi = c;
	return true;
}

/* ---- Freeing ---- */

static void release_entry(import_entry *e)
{
	switch (e->kind) {
	case IMPORT_FUNC: w2n_rt_free(e->u.func.types); break;
	case IMPORT_TABLE: w2n_rt_table_free(e->u.table); break;
	case IMPORT_MEMORY: w2n_rt_memory_free(e->u.memory); break;
	case IMPORT_GLOBAL: w2n_global_free(e->u.global); break;
	case IMPORT_TAG: w2n_tag_free(e->u.tag); break;
	case IMPORT_INSTANCE: w2n_instance_free(e->u.instance); break;
	}
	w2n_rt_free(e->module);
	w2n_rt_free(e->name);
}

void w2n_imports_free(w2n_imports *im)
{
	if (!im)
		return;
	for (size_t i = 0; i < im->n; i++)
		release_entry(&im->entries[i]);
	w2n_rt_free(im->entries);
	free_wasi(im->wasi);
	w2n_rt_free(im);
}
