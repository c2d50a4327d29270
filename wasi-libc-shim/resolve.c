/*
 * resolve.c - linking a program's imports to the shim: the import table
 * generated from wasi.def (name, code, Wasm signature) and the resolver
 * that instantiation calls for each import.
 */
#include "wasi_internal.h"

/* W2N_RT_* codes of a row: parameters, then the result. */
#define WASI_CODE_CTX
#define WASI_CODE_I32 W2N_RT_I32,
#define WASI_CODE_I64 W2N_RT_I64,
#define WASI_RCODE_I32 W2N_RT_I32
#define WASI_RCODE_VOID

#define WASI_FUNC(name, result, params)                                        \
	static const uint8_t sig_##name[] = {                                  \
	    WASI_MAP(WASI_CODE_, WASI_LIST params) WASI_RCODE_##result};
#define WASI_FUNC_IN(module, text, name, result, params)                       \
	WASI_FUNC(name, result, params)
#include "wasi.def"
#undef WASI_FUNC
#undef WASI_FUNC_IN

typedef struct wasi_import {
	const char *module, *name;
	void *code;
	uint32_t nparams, nresults;
	const uint8_t *types;
} wasi_import;

/* Function addresses become w2n_rt_func's `void *code` through
 * uintptr_t: ISO C has no direct conversion, POSIX (dlsym) guarantees
 * this one round-trips. */
static const wasi_import imports[] = {
#define WASI_FUNC_IN(module, text, name, result, params)                       \
	{module,                                                               \
	 text,                                                                 \
	 (void *)(uintptr_t)wasi_##name,                                       \
	 WASI_NPARAMS(params),                                                 \
	 WASI_NRESULTS_##result,                                               \
	 sig_##name},
#define WASI_FUNC(name, result, params)                                        \
	WASI_FUNC_IN(WASI_MODULE, #name, name, result, params)
#include "wasi.def"
#undef WASI_FUNC
#undef WASI_FUNC_IN
};

/* Import names are counted strings (they may hold NUL bytes). */
static bool same_name(const char *name, uint32_t len, const char *want)
{
	return len == strlen(want) && memcmp(name, want, len) == 0;
}

static const wasi_import *find(const w2n_rt_import *import)
{
	for (size_t i = 0; i < sizeof imports / sizeof imports[0]; i++)
		if (same_name(import->module, import->module_len,
		              imports[i].module) &&
		    same_name(import->name, import->name_len, imports[i].name))
			return &imports[i];
	return NULL;
}

static bool same_type(const wasi_import *w, const w2n_rt_functype *t)
{
	return t && t->nparams == w->nparams && t->nresults == w->nresults &&
	       memcmp(t->types, w->types, w->nparams + w->nresults) == 0;
}

static bool refuse(w2n_rt_error_kind kind, const char *what,
                   const w2n_rt_import *import, w2n_rt_error *err)
{
	return w2n_rt_error_set(err, kind, "%s: %.*s.%.*s", what,
	                        (int)import->module_len, import->module,
	                        (int)import->name_len, import->name);
}

bool wasi_resolve(void *env, w2n_rt_instance *inst, const w2n_rt_import *import,
                  const w2n_rt_functype *type, w2n_rt_extern *out,
                  w2n_rt_error *err)
{
	if (import->kind == W2N_RT_EXTERN_MEMORY)
		return wasi_resolve_memory(env, inst, import, out, err);
	const wasi_import *w = find(import);
	if (!w)
		return refuse(W2N_RT_ERROR_LINK, "unknown import", import, err);
	if (import->kind != W2N_RT_EXTERN_FUNC || !same_type(w, type))
		return refuse(W2N_RT_ERROR_LINK, "incompatible import type",
		              import, err);
	uint32_t id = w2n_rt_type_id(w->nparams, w->nresults, w->types);
	if (id == 0)
		return refuse(W2N_RT_ERROR_RESOURCE, "out of memory resolving",
		              import, err);
	((w2n_rt_instance_header *)(void *)inst)->wasi = env;
	*out = (w2n_rt_extern){
	    .kind = W2N_RT_EXTERN_FUNC,
	    .u.func = {.code = w->code, .ctx = inst, .type_id = id},
	};
	return true;
}
