/*
 * fake.h - hand-written module descriptors standing in for codegen's
 * output, for the runtime tests.  A fake_module holds a w2n_rt_module and
 * the arrays it points to; a test fills the counts and arrays it needs
 * and calls fake_finish, which lays the instance block out the way
 * codegen does (header, then each array in w2n_rt_layout order).  Small C
 * functions play generated code: Wasm calling convention, ctx first.
 */
#ifndef W2N_TEST_FAKE_H
#define W2N_TEST_FAKE_H

#include <stdalign.h>
#include <string.h>

#include "alloc.h"
#include "instance.h"

enum { FAKE_MAX = 16 };

/* Guard pages need a 64-bit address space: on a 32-bit host the tests
 * of guard memories check that they are refused instead, and tests that
 * work with any strategy use explicit checks. */
#define FAKE_HAS_GUARD (UINTPTR_MAX > 0xffffffffu)
#define FAKE_ANY_BOUNDS                                                        \
	(FAKE_HAS_GUARD ? W2N_RT_BOUNDS_GUARD : W2N_RT_BOUNDS_EXPLICIT)

/* The types every fake module starts with, in this order. */
enum { FT_V_V, FT_I_I, FT_V_I, FT_I_V, FT_L_L, FT_COUNT };

typedef struct fake_module {
	w2n_rt_module m;
	w2n_rt_functype types[FAKE_MAX];
	w2n_rt_import imports[FAKE_MAX];
	uint32_t func_types[FAKE_MAX];
	void *func_code[FAKE_MAX];
	const char *func_names[FAKE_MAX];
	w2n_rt_limits tables[FAKE_MAX], memories[FAKE_MAX];
	w2n_rt_globaltype globals[FAKE_MAX];
	w2n_rt_export exports[FAKE_MAX];
	uint32_t elem_sizes[FAKE_MAX];
	w2n_rt_data_segment datas[FAKE_MAX];
} fake_module;

/* A function's address as the void * a descriptor holds. */
static inline void *fake_code_ptr(void (*f)(void))
{
	void *p;
	memcpy(&p, &f, sizeof p);
	return p;
}
#define FAKE_CODE(f) fake_code_ptr((void (*)(void))(f))

/* Loads the code of `f` into the function pointer `fn`. */
#define FAKE_LOAD(fn, f) memcpy(&(fn), &(f)->code, sizeof(fn))

/* ---- Trampolines and host adapters of the standard types ---- */

static void fake_tramp_v_v(const w2n_rt_func *f, w2n_rt_value *vals)
{
	void (*fn)(void *);
	FAKE_LOAD(fn, f);
	(void)vals;
	fn(f->ctx);
}

static void fake_tramp_i_i(const w2n_rt_func *f, w2n_rt_value *vals)
{
	int32_t (*fn)(void *, int32_t);
	FAKE_LOAD(fn, f);
	vals[0].i32 = fn(f->ctx, vals[0].i32);
}

static void fake_tramp_v_i(const w2n_rt_func *f, w2n_rt_value *vals)
{
	int32_t (*fn)(void *);
	FAKE_LOAD(fn, f);
	vals[0].i32 = fn(f->ctx);
}

static void fake_tramp_i_v(const w2n_rt_func *f, w2n_rt_value *vals)
{
	void (*fn)(void *, int32_t);
	FAKE_LOAD(fn, f);
	fn(f->ctx, vals[0].i32);
}

static void fake_tramp_l_l(const w2n_rt_func *f, w2n_rt_value *vals)
{
	int64_t (*fn)(void *, int64_t);
	FAKE_LOAD(fn, f);
	vals[0].i64 = fn(f->ctx, vals[0].i64);
}

static void fake_host_v_v(w2n_rt_host_closure *c)
{
	w2n_rt_value vals[1];
	w2n_rt_call_host(c, vals);
}

static int32_t fake_host_i_i(w2n_rt_host_closure *c, int32_t a)
{
	w2n_rt_value vals[1] = {{.i32 = a}};
	w2n_rt_call_host(c, vals);
	return vals[0].i32;
}

static int32_t fake_host_v_i(w2n_rt_host_closure *c)
{
	w2n_rt_value vals[1];
	w2n_rt_call_host(c, vals);
	return vals[0].i32;
}

static void fake_host_i_v(w2n_rt_host_closure *c, int32_t a)
{
	w2n_rt_value vals[1] = {{.i32 = a}};
	w2n_rt_call_host(c, vals);
}

static int64_t fake_host_l_l(w2n_rt_host_closure *c, int64_t a)
{
	w2n_rt_value vals[1] = {{.i64 = a}};
	w2n_rt_call_host(c, vals);
	return vals[0].i64;
}

static const uint8_t fake_codes[] = {
    W2N_RT_I32, W2N_RT_I32, /* FT_I_I */
    W2N_RT_I64, W2N_RT_I64, /* FT_L_L */
};

/* Sets the standard types, an EXPLICIT module with nothing else. */
static inline void fake_init(fake_module *fm)
{
	memset(fm, 0, sizeof *fm);
	const uint8_t *i32 = &fake_codes[0], *i64 = &fake_codes[2];
	fm->types[FT_V_V] = (w2n_rt_functype){
	    0, 0, NULL, fake_tramp_v_v, FAKE_CODE(fake_host_v_v), NULL};
	fm->types[FT_I_I] = (w2n_rt_functype){
	    1, 1, i32, fake_tramp_i_i, FAKE_CODE(fake_host_i_i), NULL};
	fm->types[FT_V_I] = (w2n_rt_functype){
	    0, 1, i32, fake_tramp_v_i, FAKE_CODE(fake_host_v_i), NULL};
	fm->types[FT_I_V] = (w2n_rt_functype){
	    1, 0, i32, fake_tramp_i_v, FAKE_CODE(fake_host_i_v), NULL};
	fm->types[FT_L_L] = (w2n_rt_functype){
	    1, 1, i64, fake_tramp_l_l, FAKE_CODE(fake_host_l_l), NULL};
	fm->m.abi_version = W2N_RT_ABI_VERSION;
	fm->m.bounds = W2N_RT_BOUNDS_EXPLICIT;
	fm->m.name = "fake";
	fm->m.ntypes = FT_COUNT;
}

/* Reserves `n` items of `size` bytes aligned to `align` at *off. */
static inline uint32_t fake_place(uint32_t *off, size_t size, size_t align,
                                  uint32_t n)
{
	uint32_t at = (uint32_t)((*off + align - 1) & ~(align - 1));
	*off = at + (uint32_t)(size * n);
	return at;
}

/* Points the descriptor at the arrays and computes the layout. */
static inline const w2n_rt_module *fake_finish(fake_module *fm)
{
	w2n_rt_module *m = &fm->m;
	m->types = fm->types;
	m->imports = fm->imports;
	m->func_types = fm->func_types;
	m->func_code = fm->func_code;
	m->func_names = fm->func_names;
	m->tables = fm->tables;
	m->memories = fm->memories;
	m->globals = fm->globals;
	m->exports = fm->exports;
	m->elem_sizes = fm->elem_sizes;
	m->datas = fm->datas;
	w2n_rt_layout *l = &m->layout;
	uint32_t off = sizeof(w2n_rt_instance_header);
	l->memories =
	    fake_place(&off, sizeof(void *), alignof(void *), m->nmemories);
	l->tables =
	    fake_place(&off, sizeof(void *), alignof(void *), m->ntables);
	l->globals =
	    fake_place(&off, sizeof(void *), alignof(void *), m->nglobals);
	l->funcs = fake_place(&off, sizeof(w2n_rt_func), alignof(w2n_rt_func),
	                      m->nfuncs);
	l->type_ids = fake_place(&off, 4, 4, m->ntypes);
	l->elems = fake_place(&off, sizeof(w2n_rt_elem_segment),
	                      alignof(w2n_rt_elem_segment), m->nelems);
	l->datas = fake_place(&off, sizeof(w2n_rt_data_segment),
	                      alignof(w2n_rt_data_segment), m->ndatas);
	l->global_storage = fake_place(&off, sizeof(w2n_rt_value), 16,
	                               m->nglobals - m->nglobal_imports);
	l->instance_size = (off + 15) & ~15u;
	l->func_size = sizeof(w2n_rt_func);
	return m;
}

/* Adds a defined function of type `type` with `code`; its index. */
static inline uint32_t fake_func(fake_module *fm, uint32_t type, void *code,
                                 const char *name)
{
	uint32_t i = fm->m.nfuncs++;
	fm->func_types[i] = type;
	fm->func_code[i - fm->m.nfunc_imports] = code;
	fm->func_names[i] = name;
	return i;
}

/* Adds an import; imports must come before definitions of their kind. */
static inline void fake_import(fake_module *fm, const char *module,
                               const char *name, uint32_t kind, uint32_t index)
{
	fm->imports[fm->m.nimports++] = (w2n_rt_import){
	    module, name, (uint32_t)strlen(module), (uint32_t)strlen(name),
	    kind,   index};
}

static inline void fake_export(fake_module *fm, const char *name, uint32_t kind,
                               uint32_t index)
{
	fm->exports[fm->m.nexports++] =
	    (w2n_rt_export){name, (uint32_t)strlen(name), kind, index};
}

/* ---- Running test bodies as Wasm functions ---- */

typedef void fake_body_fn(w2n_rt_instance *inst, void *arg);

static _Thread_local fake_body_fn *fake_current_body;
static _Thread_local void *fake_current_arg;

/* Code of type FT_V_V that runs the body fake_call set. */
static inline void fake_run_body(void *ctx)
{
	fake_current_body(ctx, fake_current_arg);
}

/* Invokes function `index` of `inst` (code fake_run_body, type FT_V_V)
 * so that it runs body(inst, arg); w2n_rt_invoke's result. */
static inline bool fake_call(w2n_rt_instance *inst, uint32_t index,
                             fake_body_fn *body, void *arg, w2n_rt_error *err)
{
	fake_body_fn *saved_body = fake_current_body;
	void *saved_arg = fake_current_arg;
	fake_current_body = body;
	fake_current_arg = arg;
	w2n_rt_value vals[1];
	bool ok = w2n_rt_invoke(inst, w2n_rt_instance_func(inst, index), FT_V_V,
	                        vals, err);
	fake_current_body = saved_body;
	fake_current_arg = saved_arg;
	return ok;
}

#endif
