/*
 * embed_internal.h - what the files of the embedding API (embed_*.c,
 * include/wasm2native.h) share: the objects behind its handles.  The API
 * is a layer over the runtime's instance.h: a w2n_instance wraps a
 * w2n_rt_instance (whose header's `user` points back at it), a
 * w2n_memory and a w2n_table are the runtime's own objects, a w2n_module
 * holds a descriptor and, for plugins, the dlopen handle and the note.
 */
#ifndef W2N_EMBED_INTERNAL_H
#define W2N_EMBED_INTERNAL_H

#include <stdatomic.h>

#include "alloc.h"
#include "instance.h"
#include "wasi.h"
#include "wasm2native.h"

struct w2n_module {
	atomic_uint refs;
	const w2n_rt_module *rt;
	void *handle; /* dlopen handle, or NULL when linked into the host */
	/* Strings of w2n_module_info; "" when unknown. */
	char *path;
	char compiler[32], target[64], sha256[65];
};

struct w2n_global {
	atomic_uint refs;
	w2n_rt_globaltype type;
	w2n_rt_value value; /* the storage imports point at */
};

/* What one entry of an import set provides. */
typedef enum import_kind {
	IMPORT_FUNC = W2N_RT_EXTERN_FUNC,
	IMPORT_TABLE = W2N_RT_EXTERN_TABLE,
	IMPORT_MEMORY = W2N_RT_EXTERN_MEMORY,
	IMPORT_GLOBAL = W2N_RT_EXTERN_GLOBAL,
	IMPORT_TAG = W2N_RT_EXTERN_TAG,
	IMPORT_INSTANCE, /* every export of an instance */
} import_kind;

/* A host function as the host declared it. */
typedef struct host_func {
	w2n_host_fn *fn;
	void *env;
	uint32_t nparams, nresults;
	uint8_t *types; /* params then results */
} host_func;

typedef struct import_entry {
	import_kind kind;
	char *module, *name; /* name: NULL for IMPORT_INSTANCE */
	union {
		host_func func;
		w2n_rt_table *table;
		w2n_rt_memory *memory;
		w2n_global *global;
		w2n_tag *tag;
		w2n_instance *instance;
	} u;
} import_entry;

struct w2n_imports {
	import_entry *entries;
	size_t n, cap;
	/* WASI: NULL, or a configuration the set owns with its strings. */
	wasi_config *wasi;
};

/* A host function bound to the instance importing it: the env of the
 * runtime's host closure.  It copies what it needs from the import set,
 * which may be freed before the instance. */
typedef struct bound_func {
	w2n_host_fn *fn;
	void *env;
	const w2n_rt_functype *type; /* the import's, equal to the host's */
	w2n_instance *owner;
} bound_func;

struct w2n_instance {
	atomic_uint refs;
	w2n_rt_instance *rt; /* NULL until the runtime made it */
	w2n_module *module;
	void *data;
	wasi_ctx *wasi;       /* its own WASI context, or NULL */
	bound_func *funcs;    /* [nfunc_imports] host functions it imports */
	w2n_global **globals; /* [nglobal_imports] host globals it imports */
	w2n_tag **tags;       /* [ntag_imports] host tags it imports */
	w2n_instance **deps;  /* [nimports] instances it imports from */
	w2n_interrupt_fn *on_interrupt; /* and its env: the host's callback */
	void *interrupt_env;
	struct w2n_instance *next_failed;
};

/* Internal to libwasm2native: not exported from it. */
#pragma GCC visibility push(hidden)

/* ---- embed_module.c ---- */

/* Fills `err` (may be NULL) with `kind` and a formatted message. */
bool w2n_embed_fail(w2n_error *err, w2n_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears `err` (may be NULL) to W2N_OK. */
void w2n_embed_ok(w2n_error *err);

/* Takes one more reference to the module. */
void w2n_embed_module_retain(w2n_module *m);

/* The public type of `kind` entity `index` of a descriptor. */
w2n_extern_type w2n_embed_extern_type(const w2n_rt_module *m, uint32_t kind,
                                      uint32_t index);

/* ---- embed_objects.c ---- */

void w2n_embed_global_retain(w2n_global *g);

/* Whether `t` is a value type of the API. */
bool w2n_embed_is_valtype(uint8_t t);

/* ---- embed_exception.c ---- */

/* Takes one more reference to a host's tag; false for an instance's. */
bool w2n_embed_tag_retain(w2n_tag *tag);

/* The runtime's tag behind a handle. */
w2n_rt_tag *w2n_embed_rt_tag(w2n_tag *tag);

/* Fills the exception fields of `err` (may be NULL) for `exn`. */
void w2n_embed_exception_error(const w2n_rt_exception *exn, w2n_error *err);

/* ---- embed_instance.c ---- */

void w2n_embed_instance_retain(w2n_instance *inst);

/* The value in runtime storage `v` as a typed value, and back. */
w2n_value w2n_embed_value_from(uint8_t type, const w2n_rt_value *v);
void w2n_embed_value_to(const w2n_value *v, w2n_rt_value *out);

#pragma GCC visibility pop

#endif
