/*
 * test_instance.c - instantiation (spec 4.5.4): the block's contents after
 * init and start, import resolution and matching (spec 4.5.2) with the
 * spec's assert_unlinkable texts, sharing of memories and tables, traps
 * in init and start keeping their effects, host functions, canonical type
 * ids across modules and threads, and allocation failure at every step.
 */
#include <pthread.h>
#include <stdlib.h>

#include "fake.h"
#include "../check.h"

/* ---- A module with a bit of everything ---- */

static w2n_rt_func *func_of(w2n_rt_instance *inst, uint32_t i)
{
	return w2n_rt_instance_func(inst, i);
}

static w2n_rt_value *global_of(w2n_rt_instance *inst, uint32_t i)
{
	return w2n_rt_instance_global(inst, i);
}

static int32_t add_one(void *ctx, int32_t x)
{
	(void)ctx;
	return x + 1;
}

/* Start function: global 0 += 1. */
static void bump_global(void *ctx)
{
	global_of(ctx, 0)->i32 += 1;
}

/* What codegen's init does for the rich module: globals, element items,
 * table.init + elem.drop, memory.init + data.drop. */
static void rich_init(w2n_rt_instance *inst)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	global_of(inst, 0)->i32 = 42;
	global_of(inst, 1)->i64 = -5;
	w2n_rt_elem_segment *elems =
	    w2n_rt_instance_slot(inst, m->layout.elems);
	elems[0].items[0] = func_of(inst, 1);
	elems[0].items[1] = NULL;
	w2n_rt_table_init(inst, 0, 0, 0, 0, 2);
	w2n_rt_elem_drop(inst, 0);
	w2n_rt_memory_init(inst, 0, 0, 8, 0, 2);
	w2n_rt_data_drop(inst, 0);
}

static const w2n_rt_module *rich_module(fake_module *fm)
{
	fake_init(fm);
	fake_func(fm, FT_V_V, FAKE_CODE(fake_run_body), "body");
	fake_func(fm, FT_I_I, FAKE_CODE(add_one), "add_one");
	fake_func(fm, FT_V_V, FAKE_CODE(bump_global), "");
	fm->m.nmemories = 1;
	fm->memories[0] = (w2n_rt_limits){1, 0, 0, 0, 0, 0};
	fm->m.ntables = 1;
	fm->tables[0] = (w2n_rt_limits){2, 2, 1, W2N_RT_FUNCREF, 0, 0};
	fm->m.nglobals = 2;
	fm->globals[0] = (w2n_rt_globaltype){W2N_RT_I32, 1};
	fm->globals[1] = (w2n_rt_globaltype){W2N_RT_I64, 0};
	fm->m.nelems = 1;
	fm->elem_sizes[0] = 2;
	fm->m.ndatas = 1;
	fm->datas[0] = (w2n_rt_data_segment){(const uint8_t *)"hi", 2};
	fm->m.init = rich_init;
	fm->m.has_start = 1;
	fm->m.start = 2;
	fake_export(fm, "add_one", W2N_RT_EXTERN_FUNC, 1);
	fake_export(fm, "mem", W2N_RT_EXTERN_MEMORY, 0);
	return fake_finish(fm);
}

static void check_rich(void)
{
	fake_module fm;
	const w2n_rt_module *m = rich_module(&fm);
	w2n_rt_error err;
	w2n_rt_instance *inst = w2n_rt_instantiate(m, NULL, NULL, &err);
	if (!CHECK(inst))
		return;
	const w2n_rt_instance_header *h = (const void *)inst;
	CHECK(h->module == m && h->runtime && !h->user && !h->wasi);
	CHECK_EQ((uintptr_t)inst % 16, 0);
	CHECK_EQ(global_of(inst, 0)->i32, 43);
	CHECK_EQ(global_of(inst, 1)->i64, -5);
	uint8_t i32x2[] = {W2N_RT_I32, W2N_RT_I32};
	w2n_rt_func *f = func_of(inst, 1);
	CHECK(f->code == fm.func_code[1] && f->ctx == (void *)inst);
	CHECK_EQ(f->type_id, w2n_rt_type_id(1, 1, i32x2));
	w2n_rt_table *t = w2n_rt_instance_table(inst, 0);
	CHECK(t->elems[0] == (void *)f && t->elems[1] == NULL);
	w2n_rt_memory *mem = w2n_rt_instance_memory(inst, 0);
	CHECK(memcmp(mem->base + 8, "hi", 2) == 0);
	CHECK_EQ(mem->max_pages, 65536);
	const w2n_rt_elem_segment *elems =
	    w2n_rt_instance_slot(inst, m->layout.elems);
	const w2n_rt_data_segment *datas =
	    w2n_rt_instance_slot(inst, m->layout.datas);
	CHECK(elems[0].len == 0 && datas[0].len == 0);
	const w2n_rt_export *e = w2n_rt_find_export(m, "add_one");
	CHECK(e && e->index == 1 && !w2n_rt_find_export(m, "nope"));
	w2n_rt_value vals[1] = {{.i32 = 41}};
	CHECK(w2n_rt_invoke(inst, f, FT_I_I, vals, &err));
	CHECK_EQ(vals[0].i32, 42);
	CHECK(!w2n_rt_invoke(inst, f, FT_L_L, vals, &err));
	CHECK_EQ(err.kind, W2N_RT_ERROR_TRAP);
	CHECK_EQ(err.trap, W2N_TRAP_INDIRECT_CALL_MISMATCH);
	CHECK(!w2n_rt_invoke(inst, f, FAKE_MAX, vals, &err));
	CHECK_EQ(err.kind, W2N_RT_ERROR_DESCRIPTOR);
	CHECK(!w2n_rt_instance_func(inst, 3) &&
	      !w2n_rt_instance_global(inst, 2));
	CHECK(!w2n_rt_instance_table(inst, 1) &&
	      !w2n_rt_instance_memory(inst, 1));
	w2n_rt_instance_free(inst);
	w2n_rt_instance_free(NULL);
}

static void check_bad_descriptor(void)
{
	fake_module fm;
	rich_module(&fm);
	w2n_rt_error err;
	fm.m.abi_version = 0;
	CHECK(!w2n_rt_instantiate(&fm.m, NULL, NULL, &err));
	CHECK(strstr(err.message, "runtime ABI 0") != NULL);
	CHECK_EQ(err.trap, W2N_TRAP_NONE);
	CHECK_EQ(err.kind, W2N_RT_ERROR_DESCRIPTOR);
	fm.m.abi_version = W2N_RT_ABI_VERSION;
	fm.m.layout.func_size += 4;
	CHECK(!w2n_rt_instantiate(&fm.m, NULL, NULL, &err));
	CHECK_STR(err.message, "module compiled for another target");
	CHECK(!w2n_rt_instantiate(&fm.m, NULL, NULL, NULL));
}

/* ---- Imports ---- */

/* What the test resolver hands out, by import number. */
typedef struct test_env {
	w2n_rt_extern provide[FAKE_MAX];
	bool known[FAKE_MAX];
	const char *why;
	w2n_rt_host_fn *host[FAKE_MAX]; /* func imports made host closures */
} test_env;

static bool resolve(void *envp, w2n_rt_instance *inst,
                    const w2n_rt_import *import, const w2n_rt_functype *type,
                    w2n_rt_extern *out, w2n_rt_error *err)
{
	test_env *env = envp;
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	size_t i = (size_t)(import - m->imports);
	CHECK((import->kind == W2N_RT_EXTERN_FUNC) == (type != NULL));
	if (!env->known[i]) {
		if (env->why)
			w2n_rt_error_set(err, W2N_RT_ERROR_HOST, "%s",
			                 env->why);
		return false;
	}
	*out = env->provide[i];
	if (env->host[i]) {
		out->kind = W2N_RT_EXTERN_FUNC;
		if (w2n_rt_host_func(inst, type, env->host[i], NULL,
		                     &out->u.func))
			return true;
		return w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
		                        "out of memory: host closure");
	}
	return true;
}

/* A module importing env.f (i32 -> i32), env.t (table 2..4), env.m
 * (memory 1..2), env.g (mutable i32): each test changes what it gets. */
static const w2n_rt_module *importer(fake_module *fm, uint32_t bounds)
{
	fake_init(fm);
	fm->m.bounds = bounds;
	fake_import(fm, "env", "f", W2N_RT_EXTERN_FUNC, 0);
	fake_import(fm, "env", "t", W2N_RT_EXTERN_TABLE, 0);
	fake_import(fm, "env", "m", W2N_RT_EXTERN_MEMORY, 0);
	fake_import(fm, "env", "g", W2N_RT_EXTERN_GLOBAL, 0);
	fm->m.nfuncs = fm->m.nfunc_imports = 1;
	fm->func_types[0] = FT_I_I;
	fm->func_names[0] = "f";
	fm->m.ntables = fm->m.ntable_imports = 1;
	fm->tables[0] = (w2n_rt_limits){2, 4, 1, W2N_RT_FUNCREF, 0, 0};
	fm->m.nmemories = fm->m.nmemory_imports = 1;
	fm->memories[0] = (w2n_rt_limits){1, 2, 1, 0, 0, 0};
	fm->m.nglobals = fm->m.nglobal_imports = 1;
	fm->globals[0] = (w2n_rt_globaltype){W2N_RT_I32, 1};
	fake_func(fm, FT_V_V, FAKE_CODE(fake_run_body), "body");
	return fake_finish(fm);
}

typedef struct import_objects {
	w2n_rt_table *table;
	w2n_rt_memory *memory;
	w2n_rt_value global;
} import_objects;

/* An environment that satisfies importer() exactly. */
static void good_env(test_env *env, import_objects *o, uint32_t bounds)
{
	uint8_t i32x2[] = {W2N_RT_I32, W2N_RT_I32};
	memset(env, 0, sizeof *env);
	o->table = w2n_rt_table_new(3, 4, 1, W2N_RT_FUNCREF);
	o->memory = w2n_rt_memory_new(1, 2, 1, bounds);
	o->global.i32 = 7;
	for (int i = 0; i < 4; i++)
		env->known[i] = true;
	env->provide[0].kind = W2N_RT_EXTERN_FUNC;
	env->provide[0].u.func = (w2n_rt_func){FAKE_CODE(add_one), NULL,
	                                       w2n_rt_type_id(1, 1, i32x2), 0};
	env->provide[1].kind = W2N_RT_EXTERN_TABLE;
	env->provide[1].u.table = o->table;
	env->provide[2].kind = W2N_RT_EXTERN_MEMORY;
	env->provide[2].u.memory = o->memory;
	env->provide[3].kind = W2N_RT_EXTERN_GLOBAL;
	env->provide[3].gtype = (w2n_rt_globaltype){W2N_RT_I32, 1};
	env->provide[3].u.global = &o->global;
}

static void free_objects(import_objects *o)
{
	w2n_rt_table_free(o->table);
	w2n_rt_memory_free(o->memory);
}

/* Instantiates importer() with `env`; the error message, "" on success. */
static const char *link_message(test_env *env, uint32_t bounds,
                                w2n_rt_error *err)
{
	fake_module fm;
	w2n_rt_instance *inst =
	    w2n_rt_instantiate(importer(&fm, bounds), resolve, env, err);
	if (!inst)
		return err->message;
	w2n_rt_instance_free(inst);
	return "";
}

#define INCOMPATIBLE(what) "incompatible import type: env." what

static void check_link_ok(void)
{
	test_env env;
	import_objects o;
	good_env(&env, &o, W2N_RT_BOUNDS_EXPLICIT);
	fake_module fm;
	w2n_rt_error err;
	w2n_rt_instance *inst = w2n_rt_instantiate(
	    importer(&fm, W2N_RT_BOUNDS_EXPLICIT), resolve, &env, &err);
	if (!CHECK(inst))
		return;
	CHECK(w2n_rt_instance_table(inst, 0) == o.table);
	CHECK(w2n_rt_instance_memory(inst, 0) == o.memory);
	CHECK(global_of(inst, 0) == &o.global);
	w2n_rt_value vals[1] = {{.i32 = 1}};
	CHECK(w2n_rt_invoke(inst, func_of(inst, 0), FT_I_I, vals, &err));
	CHECK_EQ(vals[0].i32, 2);
	/* The instance holds its own references. */
	free_objects(&o);
	w2n_rt_instance_memory(inst, 0)->base[0] = 1;
	w2n_rt_instance_table(inst, 0)->elems[0] = NULL;
	w2n_rt_instance_free(inst);
}

static void check_unknown(void)
{
	test_env env;
	import_objects o;
	w2n_rt_error err;
	good_env(&env, &o, W2N_RT_BOUNDS_EXPLICIT);
	env.known[2] = false;
	CHECK_STR(link_message(&env, W2N_RT_BOUNDS_EXPLICIT, &err),
	          "unknown import: env.m");
	CHECK_EQ(err.trap, W2N_TRAP_NONE);
	CHECK_EQ(err.kind, W2N_RT_ERROR_LINK);
	env.why = "no such thing";
	CHECK_STR(link_message(&env, W2N_RT_BOUNDS_EXPLICIT, &err),
	          "no such thing");
	CHECK_EQ(err.kind, W2N_RT_ERROR_HOST); /* the resolver's own */
	fake_module fm;
	CHECK(!w2n_rt_instantiate(importer(&fm, W2N_RT_BOUNDS_EXPLICIT), NULL,
	                          NULL, &err));
	CHECK_STR(err.message, "unknown import: env.f");
	free_objects(&o);
}

/* Gives import `i` of importer() something wrong and expects `message`. */
static void expect_incompatible(int i, w2n_rt_extern wrong, const char *message,
                                uint32_t bounds)
{
	test_env env;
	import_objects o;
	w2n_rt_error err;
	good_env(&env, &o, bounds);
	env.provide[i] = wrong;
	CHECK_STR(link_message(&env, bounds, &err), message);
	free_objects(&o);
}

static w2n_rt_extern table_extern(w2n_rt_table *t)
{
	return (w2n_rt_extern){.kind = W2N_RT_EXTERN_TABLE, .u.table = t};
}

static w2n_rt_extern memory_extern(w2n_rt_memory *m)
{
	return (w2n_rt_extern){.kind = W2N_RT_EXTERN_MEMORY, .u.memory = m};
}

/* Table import declared (table 2 4 funcref): spec 4.5.2 limits. */
static void check_table_matching(void)
{
	static const struct {
		uint64_t min, max;
		uint32_t has_max, elem;
		bool ok;
	} cases[] = {
	    {1, 4, 1, W2N_RT_FUNCREF, false},   /* min too small */
	    {2, 0, 0, W2N_RT_FUNCREF, false},   /* no max */
	    {2, 5, 1, W2N_RT_FUNCREF, false},   /* max too large */
	    {2, 4, 1, W2N_RT_EXTERNREF, false}, /* element type */
	    {4, 4, 1, W2N_RT_FUNCREF, true},    {2, 2, 1, W2N_RT_FUNCREF, true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		w2n_rt_table *t =
		    w2n_rt_table_new(cases[i].min, cases[i].max,
		                     cases[i].has_max, cases[i].elem);
		expect_incompatible(1, table_extern(t),
		                    cases[i].ok ? "" : INCOMPATIBLE("t"),
		                    W2N_RT_BOUNDS_EXPLICIT);
		w2n_rt_table_free(t);
	}
	expect_incompatible(1, table_extern(NULL), INCOMPATIBLE("t"),
	                    W2N_RT_BOUNDS_EXPLICIT);
}

/* Memory import declared (memory 1 2); GUARD code needs GUARD memory. */
static void check_memory_matching(void)
{
	static const struct {
		uint64_t min, max;
		uint32_t has_max, bounds;
		bool ok;
	} cases[] = {
	    {0, 2, 1, W2N_RT_BOUNDS_EXPLICIT, false},
	    {1, 0, 0, W2N_RT_BOUNDS_EXPLICIT, false},
	    {1, 65536, 1, W2N_RT_BOUNDS_EXPLICIT, false},
	    {2, 2, 1, W2N_RT_BOUNDS_EXPLICIT, true},
	    {1, 1, 1, W2N_RT_BOUNDS_GUARD, true},
	};
	/* (The last case needs a guard memory: 64-bit hosts only.) */
	size_t ncases = sizeof cases / sizeof *cases - !FAKE_HAS_GUARD;
	for (size_t i = 0; i < ncases; i++) {
		w2n_rt_memory *m =
		    w2n_rt_memory_new(cases[i].min, cases[i].max,
		                      cases[i].has_max, cases[i].bounds);
		expect_incompatible(2, memory_extern(m),
		                    cases[i].ok ? "" : INCOMPATIBLE("m"),
		                    W2N_RT_BOUNDS_EXPLICIT);
		w2n_rt_memory_free(m);
	}
	if (FAKE_HAS_GUARD) {
		w2n_rt_memory *explicit_mem =
		    w2n_rt_memory_new(1, 2, 1, W2N_RT_BOUNDS_EXPLICIT);
		expect_incompatible(2, memory_extern(explicit_mem),
		                    INCOMPATIBLE("m"), W2N_RT_BOUNDS_GUARD);
		w2n_rt_memory_free(explicit_mem);
	}
	/* Created smaller but grown to the declared minimum: the minimum
	 * is compared with the current size. */
	w2n_rt_memory *grown =
	    w2n_rt_memory_new(0, 2, 1, W2N_RT_BOUNDS_EXPLICIT);
	CHECK_EQ(w2n_rt_memory_grow_by(grown, 1), 0);
	expect_incompatible(2, memory_extern(grown), "",
	                    W2N_RT_BOUNDS_EXPLICIT);
	w2n_rt_memory_free(grown);
}

static void check_func_and_global_matching(void)
{
	uint8_t i64x2[] = {W2N_RT_I64, W2N_RT_I64};
	w2n_rt_extern f = {.kind = W2N_RT_EXTERN_FUNC};
	f.u.func = (w2n_rt_func){FAKE_CODE(add_one), NULL,
	                         w2n_rt_type_id(1, 1, i64x2), 0};
	expect_incompatible(0, f, INCOMPATIBLE("f"), W2N_RT_BOUNDS_EXPLICIT);
	f.u.func.type_id = 0;
	expect_incompatible(0, f, INCOMPATIBLE("f"), W2N_RT_BOUNDS_EXPLICIT);
	w2n_rt_value v;
	w2n_rt_extern g = {.kind = W2N_RT_EXTERN_GLOBAL, .u.global = &v};
	g.gtype = (w2n_rt_globaltype){W2N_RT_I32, 0};
	expect_incompatible(3, g, INCOMPATIBLE("g"), W2N_RT_BOUNDS_EXPLICIT);
	g.gtype = (w2n_rt_globaltype){W2N_RT_I64, 1};
	expect_incompatible(3, g, INCOMPATIBLE("g"), W2N_RT_BOUNDS_EXPLICIT);
	g.gtype = (w2n_rt_globaltype){W2N_RT_I32, 1};
	g.u.global = NULL;
	expect_incompatible(3, g, INCOMPATIBLE("g"), W2N_RT_BOUNDS_EXPLICIT);
	g.kind = W2N_RT_EXTERN_MEMORY; /* wrong kind */
	expect_incompatible(3, g, INCOMPATIBLE("g"), W2N_RT_BOUNDS_EXPLICIT);
}

/* ---- Sharing between instances ---- */

static bool resolve_from(void *env, w2n_rt_instance *inst,
                         const w2n_rt_import *import,
                         const w2n_rt_functype *type, w2n_rt_extern *out,
                         w2n_rt_error *err)
{
	w2n_rt_instance *exporter = env;
	const w2n_rt_module *m = w2n_rt_instance_module(exporter);
	const w2n_rt_export *e = w2n_rt_find_export(m, import->name);
	(void)inst;
	(void)type;
	(void)err;
	if (!e)
		return false;
	out->kind = e->kind;
	if (e->kind == W2N_RT_EXTERN_MEMORY)
		out->u.memory = w2n_rt_instance_memory(exporter, e->index);
	else if (e->kind == W2N_RT_EXTERN_FUNC)
		out->u.func = *w2n_rt_instance_func(exporter, e->index);
	return true;
}

/* B imports A's memory and function; A's memory outlives A. */
static void check_shared_memory(void)
{
	fake_module fa, fb;
	w2n_rt_error err;
	w2n_rt_instance *a =
	    w2n_rt_instantiate(rich_module(&fa), NULL, NULL, &err);
	fake_init(&fb);
	fake_import(&fb, "a", "mem", W2N_RT_EXTERN_MEMORY, 0);
	fake_import(&fb, "a", "add_one", W2N_RT_EXTERN_FUNC, 0);
	fb.m.nmemories = fb.m.nmemory_imports = 1;
	fb.memories[0] = (w2n_rt_limits){1, 0, 0, 0, 0, 0};
	fb.m.nfuncs = fb.m.nfunc_imports = 1;
	fb.func_types[0] = FT_I_I;
	w2n_rt_instance *b =
	    w2n_rt_instantiate(fake_finish(&fb), resolve_from, a, &err);
	if (!CHECK(a && b))
		return;
	w2n_rt_memory *mem = w2n_rt_instance_memory(b, 0);
	CHECK(mem == w2n_rt_instance_memory(a, 0));
	w2n_rt_value vals[1] = {{.i32 = 9}};
	CHECK(w2n_rt_invoke(b, func_of(b, 0), FT_I_I, vals, &err));
	CHECK_EQ(vals[0].i32, 10);
	w2n_rt_instance_free(a);
	CHECK(memcmp(mem->base + 8, "hi", 2) == 0);
	mem->base[0] = 1;
	w2n_rt_instance_free(b);
}

/* ---- Traps during instantiation ---- */

static void trapping_init(w2n_rt_instance *inst)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	w2n_rt_elem_segment *elems =
	    w2n_rt_instance_slot(inst, m->layout.elems);
	elems[0].items[0] = func_of(inst, 1);
	w2n_rt_table_init(inst, 0, 0, 0, 0, 1);  /* fits */
	w2n_rt_table_init(inst, 0, 0, 5, 0, 1);  /* out of bounds */
	w2n_rt_memory_init(inst, 0, 0, 0, 0, 1); /* never reached */
}

static void unreachable_start(void *ctx)
{
	w2n_rt_trap(ctx, 2, W2N_TRAP_UNREACHABLE, UINT32_MAX);
}

/* A module importing a table (1 funcref) and a memory (1 page) whose
 * init puts its function 1 (add_one) in table slot 0 and then traps, or
 * with `start_traps`, which has no init and a start function that traps. */
static const w2n_rt_module *failing(fake_module *fm, bool start_traps)
{
	fake_init(fm);
	fake_import(fm, "env", "t", W2N_RT_EXTERN_TABLE, 0);
	fake_import(fm, "env", "m", W2N_RT_EXTERN_MEMORY, 0);
	fm->m.ntables = fm->m.ntable_imports = 1;
	fm->tables[0] = (w2n_rt_limits){1, 0, 0, W2N_RT_FUNCREF, 0, 0};
	fm->m.nmemories = fm->m.nmemory_imports = 1;
	fm->memories[0] = (w2n_rt_limits){1, 0, 0, 0, 0, 0};
	fake_func(fm, FT_V_V, FAKE_CODE(fake_run_body), "body");
	fake_func(fm, FT_I_I, FAKE_CODE(add_one), "add_one");
	fake_func(fm, FT_V_V, FAKE_CODE(unreachable_start), "start");
	fm->m.nelems = 1;
	fm->elem_sizes[0] = 1;
	fm->m.ndatas = 1;
	fm->datas[0] = (w2n_rt_data_segment){(const uint8_t *)"x", 1};
	fm->m.init = trapping_init;
	if (start_traps) {
		fm->m.init = NULL;
		fm->m.has_start = 1;
		fm->m.start = 2;
	}
	return fake_finish(fm);
}

static bool resolve_objects(void *env, w2n_rt_instance *inst,
                            const w2n_rt_import *import,
                            const w2n_rt_functype *type, w2n_rt_extern *out,
                            w2n_rt_error *err)
{
	import_objects *o = env;
	(void)inst;
	(void)type;
	(void)err;
	out->kind = import->kind;
	if (import->kind == W2N_RT_EXTERN_TABLE)
		out->u.table = o->table;
	else
		out->u.memory = o->memory;
	return true;
}

static void check_init_trap(void)
{
	import_objects o = {w2n_rt_table_new(1, 0, 0, W2N_RT_FUNCREF),
	                    w2n_rt_memory_new(1, 0, 0, W2N_RT_BOUNDS_EXPLICIT),
	                    {0}};
	fake_module fm;
	w2n_rt_error err;
	CHECK(!w2n_rt_instantiate(failing(&fm, false), resolve_objects, &o,
	                          &err));
	CHECK_STR(err.message, "out of bounds table access");
	CHECK_EQ(err.trap, W2N_TRAP_OOB_TABLE);
	CHECK(err.kind == W2N_RT_ERROR_TRAP && err.kept);
	/* The element stored before the trap stays, and works: the failed
	 * instance was kept alive. */
	const w2n_rt_func *f = o.table->elems[0];
	if (CHECK(f)) {
		w2n_rt_value vals[1] = {{.i32 = 4}};
		CHECK(w2n_rt_invoke(f->ctx, f, FT_I_I, vals, &err));
		CHECK_EQ(vals[0].i32, 5);
	}
	fake_module fs;
	CHECK(
	    !w2n_rt_instantiate(failing(&fs, true), resolve_objects, &o, &err));
	CHECK_STR(err.message, "unreachable");
	CHECK(err.trap == W2N_TRAP_UNREACHABLE && err.func == 2 &&
	      err.module == &fs.m);
	w2n_rt_free_failed_instances();
	free_objects(&o);
}

/* Without imports nothing can refer to the failed instance: it is freed
 * at once (ASan's leak check would see it otherwise). */
static void check_init_trap_alone(void)
{
	fake_module fm;
	fake_init(&fm);
	fake_func(&fm, FT_V_V, FAKE_CODE(unreachable_start), "start");
	fm.m.has_start = 1;
	fm.m.start = 0;
	w2n_rt_error err;
	CHECK(!w2n_rt_instantiate(fake_finish(&fm), NULL, NULL, &err));
	CHECK_STR(err.message, "unreachable");
	CHECK(err.kind == W2N_RT_ERROR_TRAP && !err.kept);
}

/* ---- Host functions ---- */

static int host_double(void *env, w2n_rt_instance *caller, w2n_rt_value *v)
{
	(void)env;
	CHECK(caller != NULL);
	v[0].i32 *= 2;
	return 0;
}

static int host_fail(void *env, w2n_rt_instance *caller, w2n_rt_value *v)
{
	(void)env;
	(void)caller;
	(void)v;
	return 1;
}

static void check_host(void)
{
	test_env env;
	import_objects o;
	good_env(&env, &o, W2N_RT_BOUNDS_EXPLICIT);
	env.host[0] = host_double;
	fake_module fm;
	w2n_rt_error err;
	const w2n_rt_module *m = importer(&fm, W2N_RT_BOUNDS_EXPLICIT);
	w2n_rt_instance *inst = w2n_rt_instantiate(m, resolve, &env, &err);
	w2n_rt_value vals[1] = {{.i32 = 21}};
	if (CHECK(inst)) {
		CHECK(
		    w2n_rt_invoke(inst, func_of(inst, 0), FT_I_I, vals, &err));
		CHECK_EQ(vals[0].i32, 42);
		w2n_rt_instance_free(inst);
	}
	env.host[0] = host_fail;
	inst = w2n_rt_instantiate(m, resolve, &env, &err);
	if (CHECK(inst)) {
		CHECK(
		    !w2n_rt_invoke(inst, func_of(inst, 0), FT_I_I, vals, &err));
		CHECK_EQ(err.trap, W2N_TRAP_HOST);
		CHECK_STR(err.message, "host function failed");
		CHECK(err.module == m && err.func == UINT32_MAX);
		w2n_rt_instance_free(inst);
	}
	free_objects(&o);
}

/* ---- Type ids ---- */

static void check_type_ids(void)
{
	uint8_t a[] = {W2N_RT_I32, W2N_RT_I64, W2N_RT_F32};
	uint8_t b[] = {W2N_RT_I32, W2N_RT_I64, W2N_RT_F32};
	uint32_t id = w2n_rt_type_id(2, 1, a);
	CHECK(id != 0);
	CHECK_EQ(w2n_rt_type_id(2, 1, b), id);
	CHECK(w2n_rt_type_id(1, 2, a) != id);
	CHECK(w2n_rt_type_id(3, 0, a) != id);
	CHECK(w2n_rt_type_id(0, 0, NULL) != id);
	CHECK_EQ(w2n_rt_type_id(0, 0, NULL), w2n_rt_type_id(0, 0, a));
	/* Two modules listing the same types in another order. */
	fake_module f1, f2;
	fake_init(&f1);
	fake_init(&f2);
	for (uint32_t i = 0; i < FT_COUNT; i++)
		f2.types[i] = f1.types[FT_COUNT - 1 - i];
	w2n_rt_instance *i1 =
	    w2n_rt_instantiate(fake_finish(&f1), NULL, NULL, NULL);
	w2n_rt_instance *i2 =
	    w2n_rt_instantiate(fake_finish(&f2), NULL, NULL, NULL);
	if (CHECK(i1 && i2)) {
		const uint32_t *ids1 =
		    w2n_rt_instance_slot(i1, f1.m.layout.type_ids);
		const uint32_t *ids2 =
		    w2n_rt_instance_slot(i2, f2.m.layout.type_ids);
		for (uint32_t i = 0; i < FT_COUNT; i++)
			CHECK_EQ(ids1[i], ids2[FT_COUNT - 1 - i]);
		CHECK(ids1[FT_I_I] != ids1[FT_L_L]);
	}
	w2n_rt_instance_free(i1);
	w2n_rt_instance_free(i2);
}

enum { SIGS = 300, THREADS = 4 };

/* Signature number n: n parameters i32/i64 by bit, one f64 result. */
static uint32_t signature_id(uint32_t n)
{
	uint8_t types[40];
	uint32_t np = n % 33;
	for (uint32_t i = 0; i < np; i++)
		types[i] = (n >> (i % 8)) & 1 ? W2N_RT_I64 : W2N_RT_I32;
	types[np] = W2N_RT_F64;
	return w2n_rt_type_id(np, 1, types);
}

static void *intern_many(void *arg)
{
	uint32_t *ids = arg;
	for (uint32_t i = 0; i < SIGS; i++)
		ids[i] = signature_id(SIGS - 1 - i);
	return NULL;
}

static void check_type_ids_threads(void)
{
	static uint32_t ids[THREADS][SIGS];
	pthread_t th[THREADS];
	for (int t = 0; t < THREADS; t++)
		pthread_create(&th[t], NULL, intern_many, ids[t]);
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	unsigned bad = 0;
	for (uint32_t i = 0; i < SIGS; i++)
		for (int t = 0; t < THREADS; t++)
			bad += ids[t][i] != signature_id(SIGS - 1 - i) ||
			       ids[t][i] == 0;
	CHECK_EQ(bad, 0);
}

/* ---- Allocation failure ---- */

/* Fails each allocation of instantiating and freeing the importer with a
 * host function in turn: always an error, never a crash or leak. */
static void check_alloc_failures(void)
{
	test_env env;
	import_objects o;
	good_env(&env, &o, FAKE_ANY_BOUNDS);
	env.host[0] = host_double;
	fake_module fm;
	importer(&fm, FAKE_ANY_BOUNDS);
	fm.m.nelems = 1;
	fm.elem_sizes[0] = 3;
	const w2n_rt_module *m = fake_finish(&fm);
	fake_module rich;
	const w2n_rt_module *r = rich_module(&rich);
	unsigned failures = 0;
	for (long n = 0; n < 100; n++) {
		w2n_rt_error err;
		w2n_rt_alloc_fail_after(n);
		w2n_rt_instance *inst =
		    w2n_rt_instantiate(m, resolve, &env, &err);
		w2n_rt_instance *inst2 =
		    inst ? w2n_rt_instantiate(r, NULL, NULL, &err) : NULL;
		w2n_rt_alloc_fail_after(-1);
		if (inst && inst2) {
			w2n_rt_instance_free(inst);
			w2n_rt_instance_free(inst2);
			break;
		}
		failures++;
		CHECK_EQ(err.kind, W2N_RT_ERROR_RESOURCE);
		CHECK(strncmp(err.message, "out of memory", 13) == 0);
		CHECK(!err.kept);
		w2n_rt_instance_free(inst);
	}
	CHECK(failures >= 8);
	free_objects(&o);
}

int main(void)
{
	check_rich();
	check_bad_descriptor();
	check_link_ok();
	check_unknown();
	check_table_matching();
	check_memory_matching();
	check_func_and_global_matching();
	check_shared_memory();
	check_init_trap();
	check_init_trap_alone();
	check_host();
	check_type_ids();
	check_type_ids_threads();
	check_alloc_failures();
	return check_report("rt-instance");
}
