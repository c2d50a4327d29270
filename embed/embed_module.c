/*
 * embed_module.c - modules in the embedding API (include/wasm2native.h):
 * loading a plugin, which is checked by its note (note_elf.c) before
 * it is mapped, taking a descriptor linked into the host, and describing
 * what a module imports and exports.  Also the API's error helpers.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "embed_internal.h"
#include "note.h"

#ifndef W2N_VERSION
#define W2N_VERSION "unknown"
#endif

/* The public enums are the runtime's, renamed: keep them equal. */
#define W2N_TRAP(code, text)                                                   \
	_Static_assert((int)W2N_TRAP_KIND_##code == (int)W2N_TRAP_##code,      \
	               "w2n_trap_kind must follow traps.def");
#include "traps.def"
#undef W2N_TRAP
_Static_assert((int)W2N_TRAP_KIND_OUT_OF_FUEL + 1 == (int)W2N_TRAP_COUNT,
               "w2n_trap_kind must list every trap of traps.def");
_Static_assert((int)W2N_BOUNDS_EXPLICIT == (int)W2N_RT_BOUNDS_EXPLICIT &&
                   (int)W2N_BOUNDS_GUARD == (int)W2N_RT_BOUNDS_GUARD,
               "w2n_bounds must follow W2N_RT_BOUNDS_*");
_Static_assert((int)W2N_INTERRUPTIBLE_EPOCH == (int)W2N_RT_INTERRUPT_EPOCH &&
                   (int)W2N_INTERRUPTIBLE_FUEL == (int)W2N_RT_INTERRUPT_FUEL,
               "w2n_interruptible must follow W2N_RT_INTERRUPT_*");
_Static_assert((int)W2N_REF_NONNULL == (int)W2N_RT_REF_NONNULL &&
                   (int)W2N_REF_TYPED == (int)W2N_RT_REF_TYPED &&
                   (int)W2N_REF_INDEX_SHIFT == (int)W2N_RT_REF_INDEX_SHIFT,
               "public full types are the runtime's");
_Static_assert((int)W2N_I32 == (int)W2N_RT_I32 &&
                   (int)W2N_V128 == (int)W2N_RT_V128 &&
                   (int)W2N_FUNCREF == (int)W2N_RT_FUNCREF &&
                   (int)W2N_EXTERNREF == (int)W2N_RT_EXTERNREF,
               "w2n_valtype must follow the W2N_RT_* codes");

/* ---- Errors ---- */

/* `err` of `kind`, with none of the details of a kind. */
static void reset_error(w2n_error *err, w2n_error_kind kind)
{
	err->kind = kind;
	err->trap = W2N_TRAP_KIND_NONE;
	err->exit_code = 0;
	err->exn_tag = NULL;
	err->exn_values = NULL;
	err->exn_nvalues = 0;
	err->nframes = 0;
	err->more_frames = false;
}

bool w2n_embed_fail(w2n_error *err, w2n_error_kind kind, const char *fmt, ...)
{
	if (!err)
		return false;
	reset_error(err, kind);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	/* One line, whatever a system message held. */
	for (char *p = err->message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return false;
}

void w2n_embed_ok(w2n_error *err)
{
	if (!err)
		return;
	reset_error(err, W2N_OK);
	err->message[0] = '\0';
}

const char *w2n_version(void)
{
	return W2N_VERSION;
}

uint32_t w2n_abi_version(void)
{
	return W2N_RT_ABI_VERSION;
}

/* ---- Creating modules ---- */

/* What the runtime relies on in a descriptor (w2n_rt_instantiate checks
 * it again; refusing at load time gives the error where it belongs). */
static bool check_descriptor(const w2n_rt_module *rt, const char *what,
                             w2n_error *err)
{
	if (!rt)
		return w2n_embed_fail(err, W2N_ERROR_LOAD, "%s: no descriptor",
		                      what);
	if (rt->abi_version != W2N_RT_ABI_VERSION)
		return w2n_embed_fail(err, W2N_ERROR_LOAD,
		                      "%s: built for runtime ABI %u, this "
		                      "runtime has ABI %u",
		                      what, rt->abi_version,
		                      W2N_RT_ABI_VERSION);
	if (rt->layout.func_size != sizeof(w2n_rt_func) ||
	    (rt->bounds != W2N_RT_BOUNDS_GUARD &&
	     rt->bounds != W2N_RT_BOUNDS_EXPLICIT))
		return w2n_embed_fail(err, W2N_ERROR_LOAD,
		                      "%s: descriptor of another target", what);
	return true;
}

static w2n_module *new_module(const w2n_rt_module *rt, const char *path,
                              w2n_error *err)
{
	w2n_module *m = w2n_rt_calloc(1, sizeof *m);
	size_t len = strlen(path);
	char *copy = w2n_rt_malloc(len + 1);
	if (!m || !copy) {
		w2n_rt_free(m);
		w2n_rt_free(copy);
		w2n_embed_fail(err, W2N_ERROR_RESOURCE, "out of memory");
		return NULL;
	}
	memcpy(copy, path, len + 1);
	atomic_init(&m->refs, 1);
	m->rt = rt;
	m->path = copy;
	return m;
}

w2n_module *w2n_module_from_descriptor(const void *descriptor, w2n_error *err)
{
	w2n_embed_ok(err);
	const w2n_rt_module *rt = descriptor;
	if (!check_descriptor(rt, "module descriptor", err))
		return NULL;
	w2n_module *m = new_module(rt, "", err);
	if (m)
		snprintf(m->target, sizeof m->target, "%s",
		         w2n_note_host_target() ? w2n_note_host_target() : "");
	return m;
}

/* The note of the module in a plugin: the one whose descriptor is
 * w2n_module, or the only one. */
static const char *pick_note(const w2n_note_file *f, size_t *len)
{
	for (size_t i = 0; i < f->nnotes; i++) {
		w2n_note n;
		if (w2n_note_decode(f->descs[i], f->desc_lens[i], &n, NULL,
		                    0) &&
		    strcmp(n.symbol, "w2n_module") == 0) {
			*len = f->desc_lens[i];
			return f->descs[i];
		}
	}
	*len = f->desc_lens[0];
	return f->descs[0];
}

/* Whether the file `f` read from `path` is a plugin for this runtime;
 * its note in *note. */
static bool check_plugin(const char *path, const w2n_note_file *f,
                         w2n_note *note, w2n_error *err)
{
	const char *host = w2n_note_host_target();
	char why[160];
	size_t len;
	if (f->nnotes == 0)
		return w2n_embed_fail(err, W2N_ERROR_LOAD,
		                      "%s: not a wasm2native plugin (no "
		                      "wasm2native note)",
		                      path);
	if (f->kind != W2N_NOTE_FILE_SHARED)
		return w2n_embed_fail(err, W2N_ERROR_LOAD,
		                      "%s: not a plugin but an %s (build "
		                      "plugins with wasm2native --shared)",
		                      path, w2n_note_file_kind_name(f->kind));
	const char *desc = pick_note(f, &len);
	if (!w2n_note_decode(desc, len, note, why, sizeof why))
		return w2n_embed_fail(err, W2N_ERROR_LOAD, "%s: %s", path, why);
	if (!host || strcmp(note->target, host) != 0 || !f->host_machine)
		return w2n_embed_fail(err, W2N_ERROR_LOAD,
		                      "%s: built for %s, this host is %s", path,
		                      note->target, host ? host : "unknown");
	if (note->abi != W2N_RT_ABI_VERSION)
		return w2n_embed_fail(err, W2N_ERROR_LOAD,
		                      "%s: built for runtime ABI %u by "
		                      "wasm2native %s, this runtime has ABI %u",
		                      path, note->abi, note->version,
		                      W2N_RT_ABI_VERSION);
	return true;
}

static bool read_plugin_note(const char *path, w2n_note *note, w2n_error *err)
{
	w2n_note_file f;
	char why[160];
	if (!w2n_note_file_read(path, &f, why, sizeof why))
		return w2n_embed_fail(err, W2N_ERROR_LOAD, "%s: %s", path, why);
	bool ok = check_plugin(path, &f, note, err);
	note->items = NULL; /* pointed into f */
	note->items_len = 0;
	w2n_note_file_free(&f);
	return ok;
}

/* Maps the plugin and finds its descriptor. */
static void *open_plugin(const char *path, const w2n_note *note,
                         const w2n_rt_module **rt, w2n_error *err)
{
	/* A name without a slash would be searched for like a library. */
	char local[4096];
	if (!strchr(path, '/') &&
	    (size_t)snprintf(local, sizeof local, "./%s", path) < sizeof local)
		path = local;
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		w2n_embed_fail(err, W2N_ERROR_LOAD, "%s", why ? why : path);
		return NULL;
	}
	*rt = dlsym(h, note->symbol);
	bool ok = check_descriptor(*rt, path, err);
	if (ok &&
	    strcmp(note->bounds, w2n_note_bounds_name((*rt)->bounds)) != 0)
		ok = w2n_embed_fail(err, W2N_ERROR_LOAD,
		                    "%s: descriptor and note disagree", path);
	if (!ok) {
		dlclose(h);
		return NULL;
	}
	return h;
}

w2n_module *w2n_module_load(const char *path, w2n_error *err)
{
	w2n_embed_ok(err);
	w2n_note note;
	const w2n_rt_module *rt = NULL;
	if (!path)
		return w2n_embed_fail(err, W2N_ERROR_USAGE, "no path"), NULL;
	if (!read_plugin_note(path, &note, err))
		return NULL;
	void *h = open_plugin(path, &note, &rt, err);
	if (!h)
		return NULL;
	w2n_module *m = new_module(rt, path, err);
	if (!m) {
		dlclose(h);
		return NULL;
	}
	m->handle = h;
	snprintf(m->compiler, sizeof m->compiler, "%s", note.version);
	snprintf(m->target, sizeof m->target, "%s", note.target);
	snprintf(m->sha256, sizeof m->sha256, "%s", note.sha256);
	return m;
}

void w2n_embed_module_retain(w2n_module *m)
{
	atomic_fetch_add(&m->refs, 1);
}

void w2n_module_free(w2n_module *m)
{
	if (!m || atomic_fetch_sub(&m->refs, 1) != 1)
		return;
	if (m->handle)
		dlclose(m->handle);
	w2n_rt_free(m->path);
	w2n_rt_free(m);
}

/* ---- Describing modules ---- */

void w2n_module_describe(const w2n_module *m, w2n_module_info *out)
{
	out->name = m->rt->name ? m->rt->name : "";
	out->path = m->path;
	out->compiler = m->compiler;
	out->target = m->target;
	out->sha256 = m->sha256;
	out->bounds = (w2n_bounds)m->rt->bounds;
	out->abi_version = m->rt->abi_version;
}

w2n_interruptible w2n_module_interruptible(const w2n_module *m)
{
	return (w2n_interruptible)m->rt->interruptible;
}

static w2n_limits limits_of(const w2n_rt_limits *l)
{
	w2n_limits r = {l->min, l->max, l->has_max != 0, l->addr64 != 0,
	                l->shared != 0};
	return r;
}

w2n_extern_type w2n_embed_extern_type(const w2n_rt_module *m, uint32_t kind,
                                      uint32_t index)
{
	w2n_extern_type t;
	memset(&t, 0, sizeof t);
	t.kind = (w2n_extern_kind)kind;
	switch (kind) {
	case W2N_RT_EXTERN_FUNC: {
		const w2n_rt_functype *f = &m->types[m->func_types[index]];
		t.func.nparams = f->nparams;
		t.func.nresults = f->nresults;
		t.func.params = f->types;
		t.func.results = f->types ? f->types + f->nparams : NULL;
		t.func_fulltypes = f->reftypes;
		break;
	}
	case W2N_RT_EXTERN_TABLE:
		t.table.elem = (w2n_valtype)m->tables[index].elem_type;
		t.fulltype = m->tables[index].elem_type;
		t.table.limits = limits_of(&m->tables[index]);
		break;
	case W2N_RT_EXTERN_MEMORY:
		t.memory = limits_of(&m->memories[index]);
		break;
	default:
		t.global.type = (w2n_valtype)m->globals[index].type;
		t.fulltype = m->globals[index].type;
		t.global.mutable_ = m->globals[index].mutable_ != 0;
		break;
	}
	return t;
}

uint32_t w2n_module_import_count(const w2n_module *m)
{
	return m->rt->nimports;
}

uint32_t w2n_module_export_count(const w2n_module *m)
{
	return m->rt->nexports;
}

bool w2n_module_import(const w2n_module *m, uint32_t index,
                       w2n_import_desc *out)
{
	if (index >= m->rt->nimports)
		return false;
	const w2n_rt_import *im = &m->rt->imports[index];
	out->module = im->module;
	out->name = im->name;
	out->module_len = im->module_len;
	out->name_len = im->name_len;
	out->type = w2n_embed_extern_type(m->rt, im->kind, im->index);
	return true;
}

bool w2n_module_export(const w2n_module *m, uint32_t index,
                       w2n_export_desc *out)
{
	if (index >= m->rt->nexports)
		return false;
	const w2n_rt_export *e = &m->rt->exports[index];
	out->name = e->name;
	out->name_len = e->name_len;
	out->type = w2n_embed_extern_type(m->rt, e->kind, e->index);
	return true;
}

bool w2n_module_find_export(const w2n_module *m, const char *name, size_t len,
                            uint32_t *index)
{
	const w2n_rt_export *e = w2n_rt_find_export_n(m->rt, name, len);
	if (!e)
		return false;
	*index = (uint32_t)(e - m->rt->exports);
	return true;
}

size_t w2n_extern_type_string(const w2n_extern_type *type, char *buf,
                              size_t size)
{
	w2n_note_type t;
	memset(&t, 0, sizeof t);
	t.kind = type->kind;
	switch (type->kind) {
	case W2N_EXTERN_FUNC:
		t.nparams = type->func.nparams;
		t.nresults = type->func.nresults;
		t.params = type->func.params;
		t.results = type->func.results;
		t.reftypes = type->func_fulltypes;
		break;
	case W2N_EXTERN_TABLE:
		t.elem = type->fulltype ? type->fulltype : type->table.elem;
		t.min = type->table.limits.min;
		t.max = type->table.limits.max;
		t.has_max = type->table.limits.has_max;
		t.addr64 = type->table.limits.addr64;
		break;
	case W2N_EXTERN_MEMORY:
		t.min = type->memory.min;
		t.max = type->memory.max;
		t.has_max = type->memory.has_max;
		t.addr64 = type->memory.addr64;
		t.shared = type->memory.shared;
		break;
	default:
		t.valtype = type->fulltype ? type->fulltype : type->global.type;
		t.mutable_ = type->global.mutable_;
		break;
	}
	return w2n_note_type_string(&t, buf, size);
}
