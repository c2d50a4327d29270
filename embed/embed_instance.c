/*
 * embed_instance.c - instances in the embedding API
 * (include/wasm2native.h): instantiation with an import set as the
 * runtime's resolver, host functions behind the runtime's generic host
 * closures, typed calls of exports, exported globals and memories.
 *
 * A w2n_instance wraps a w2n_rt_instance; the runtime instance's header
 * points back at it (`user`), set by the resolver before any host
 * function can run (the start function may call them).  It holds
 * references to everything it imports from the host or other instances.
 */
#include <pthread.h>
#include <string.h>

#include "embed_internal.h"

/* Values passed without allocating: a host call or an export call with
 * more parameters and results than this allocates its array. */
enum { INLINE_VALUES = 16 };

/* Wrappers of instances whose start trapped, kept with the runtime's
 * (w2n_rt_instantiate): their functions may be referenced from outside. */
static struct {
	pthread_mutex_t lock;
	w2n_instance *first;
} failed = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* ---- Values ---- */

w2n_value w2n_embed_value_from(uint8_t type, const w2n_rt_value *v)
{
	w2n_value x;
	memset(&x, 0, sizeof x);
	x.type = type;
	switch (type) {
	case W2N_I32: x.i32 = v->i32; break;
	case W2N_I64: x.i64 = v->i64; break;
	case W2N_F32: x.f32 = v->f32; break;
	case W2N_F64: x.f64 = v->f64; break;
	case W2N_V128: memcpy(x.v128, v->v128, 16); break;
	default: x.ref = v->ref; break;
	}
	return x;
}

void w2n_embed_value_to(const w2n_value *v, w2n_rt_value *out)
{
	memset(out, 0, sizeof *out);
	switch (v->type) {
	case W2N_I32: out->i32 = v->i32; break;
	case W2N_I64: out->i64 = v->i64; break;
	case W2N_F32: out->f32 = v->f32; break;
	case W2N_F64: out->f64 = v->f64; break;
	case W2N_V128: memcpy(out->v128, v->v128, 16); break;
	default: out->ref = v->ref; break;
	}
}

/* ---- Host functions ---- */

/* The runtime's host function for every function a host provides. */
static int call_host(void *env, w2n_rt_instance *caller, w2n_rt_value *vals)
{
	const bound_func *b = env;
	const w2n_rt_functype *t = b->type;
	size_t n = (size_t)t->nparams + t->nresults;
	w2n_value small[INLINE_VALUES], *args = small;
	(void)caller; /* b->owner, as the host knows it */
	if (n > INLINE_VALUES && !(args = w2n_rt_malloc(n * sizeof *args)))
		return 1;
	w2n_value *results = args + t->nparams;
	for (uint32_t i = 0; i < t->nparams; i++)
		args[i] = w2n_embed_value_from(t->types[i], &vals[i]);
	for (uint32_t i = 0; i < t->nresults; i++) {
		w2n_rt_value zero = {.i64 = 0};
		results[i] =
		    w2n_embed_value_from(t->types[t->nparams + i], &zero);
	}
	int status = b->fn(b->env, b->owner, args, results);
	for (uint32_t i = 0; status == 0 && i < t->nresults; i++) {
		results[i].type = t->types[t->nparams + i];
		w2n_embed_value_to(&results[i], &vals[i]);
	}
	if (args != small)
		w2n_rt_free(args);
	return status;
}

/* ---- Resolving imports ---- */

/* What the resolver works with while the runtime instantiates. */
typedef struct link_ctx {
	const w2n_imports *im;
	w2n_instance *inst;
	size_t ndeps;
} link_ctx;

static bool same_name(const char *a, const char *b, uint32_t b_len)
{
	return strlen(a) == b_len && memcmp(a, b, b_len) == 0;
}

static bool functype_equal(const host_func *h, const w2n_rt_functype *t)
{
	size_t n = t ? (size_t)t->nparams + t->nresults : 0;
	return t && h->nparams == t->nparams && h->nresults == t->nresults &&
	       (n == 0 || memcmp(h->types, t->types, n) == 0);
}

/* A host function of the import's type, bound to the new instance.  Of
 * another type, it is left without code for the runtime to refuse. */
static bool provide_func(link_ctx *lc, w2n_rt_instance *rt,
                         const w2n_rt_import *imp, const host_func *h,
                         const w2n_rt_functype *type, w2n_rt_extern *out,
                         w2n_rt_error *err)
{
	out->kind = W2N_RT_EXTERN_FUNC;
	if (imp->kind != W2N_RT_EXTERN_FUNC || !functype_equal(h, type))
		return true;
	bound_func *b = &lc->inst->funcs[imp->index];
	*b = (bound_func){h->fn, h->env, type, lc->inst};
	if (w2n_rt_host_func(rt, type, call_host, b, &out->u.func))
		return true;
	return w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
	                        "out of memory: host function");
}

/* Export `imp->name` of another instance, if it has one. */
static bool provide_export(link_ctx *lc, w2n_instance *from,
                           const w2n_rt_import *imp, w2n_rt_extern *out)
{
	const w2n_rt_module *m = from->module->rt;
	const w2n_rt_export *e =
	    w2n_rt_find_export_n(m, imp->name, imp->name_len);
	if (!e)
		return false;
	out->kind = e->kind;
	switch (e->kind) {
	case W2N_RT_EXTERN_FUNC:
		out->u.func = *w2n_rt_instance_func(from->rt, e->index);
		break;
	case W2N_RT_EXTERN_TABLE:
		out->u.table = w2n_rt_instance_table(from->rt, e->index);
		break;
	case W2N_RT_EXTERN_MEMORY:
		out->u.memory = w2n_rt_instance_memory(from->rt, e->index);
		break;
	case W2N_RT_EXTERN_TAG:
		out->u.tag = w2n_rt_instance_tag(from->rt, e->index);
		break;
	default:
		out->gtype = m->globals[e->index];
		out->gtype.type =
		    w2n_rt_canon_valtype(from->rt, out->gtype.type);
		out->u.global = w2n_rt_instance_global(from->rt, e->index);
		break;
	}
	w2n_embed_instance_retain(from);
	lc->inst->deps[lc->ndeps++] = from;
	return true;
}

static bool provide(link_ctx *lc, w2n_rt_instance *rt, const w2n_rt_import *imp,
                    const import_entry *e, const w2n_rt_functype *type,
                    w2n_rt_extern *out, w2n_rt_error *err)
{
	switch (e->kind) {
	case IMPORT_FUNC:
		return provide_func(lc, rt, imp, &e->u.func, type, out, err);
	case IMPORT_TABLE:
		out->kind = W2N_RT_EXTERN_TABLE;
		out->u.table = e->u.table;
		return true;
	case IMPORT_MEMORY:
		out->kind = W2N_RT_EXTERN_MEMORY;
		out->u.memory = e->u.memory;
		return true;
	case IMPORT_GLOBAL:
		out->kind = W2N_RT_EXTERN_GLOBAL;
		out->gtype = e->u.global->type;
		out->u.global = &e->u.global->value;
		if (imp->kind == W2N_RT_EXTERN_GLOBAL) {
			w2n_embed_global_retain(e->u.global);
			lc->inst->globals[imp->index] = e->u.global;
		}
		return true;
	case IMPORT_TAG:
		out->kind = W2N_RT_EXTERN_TAG;
		out->u.tag = w2n_embed_rt_tag(e->u.tag);
		if (imp->kind == W2N_RT_EXTERN_TAG) {
			w2n_embed_tag_retain(e->u.tag);
			lc->inst->tags[imp->index] = e->u.tag;
		}
		return true;
	case IMPORT_INSTANCE: break;
	}
	return false;
}

/* wasi_snapshot_preview1: the instance's own context, made on its first
 * WASI import. */
static bool provide_wasi(link_ctx *lc, w2n_rt_instance *rt,
                         const w2n_rt_import *imp, const w2n_rt_functype *type,
                         w2n_rt_extern *out, w2n_rt_error *err)
{
	w2n_instance *inst = lc->inst;
	w2n_rt_error why;
	if (!inst->wasi && !(inst->wasi = wasi_ctx_new(lc->im->wasi, &why)))
		return w2n_rt_error_set(err, why.kind, "wasi: %s", why.message);
	return wasi_resolve(inst->wasi, rt, imp, type, out, err);
}

/* The w2n_rt_resolve_fn: the newest entry that provides the import. */
static bool resolve(void *env, w2n_rt_instance *rt, const w2n_rt_import *imp,
                    const w2n_rt_functype *type, w2n_rt_extern *out,
                    w2n_rt_error *err)
{
	link_ctx *lc = env;
	lc->inst->rt = rt;
	((w2n_rt_instance_header *)(void *)rt)->user = lc->inst;
	if (!lc->im)
		return false;
	for (size_t i = lc->im->n; i-- > 0;) {
		const import_entry *e = &lc->im->entries[i];
		if (!same_name(e->module, imp->module, imp->module_len))
			continue;
		if (e->kind == IMPORT_INSTANCE) {
			if (provide_export(lc, e->u.instance, imp, out))
				return true;
		} else if (same_name(e->name, imp->name, imp->name_len)) {
			return provide(lc, rt, imp, e, type, out, err);
		}
	}
	if (lc->im->wasi &&
	    same_name(WASI_MODULE, imp->module, imp->module_len))
		return provide_wasi(lc, rt, imp, type, out, err);
	return false;
}

/* ---- Instances ---- */

static w2n_instance *new_instance(w2n_module *m)
{
	const w2n_rt_module *rt = m->rt;
	w2n_instance *inst = w2n_rt_calloc(1, sizeof *inst);
	if (!inst)
		return NULL;
	inst->funcs = w2n_rt_calloc(rt->nfunc_imports, sizeof *inst->funcs);
	inst->globals =
	    w2n_rt_calloc(rt->nglobal_imports, sizeof *inst->globals);
	inst->deps = w2n_rt_calloc(rt->nimports, sizeof *inst->deps);
	inst->tags = w2n_rt_calloc(rt->ntag_imports, sizeof *inst->tags);
	if (!inst->funcs || !inst->globals || !inst->deps || !inst->tags) {
		w2n_rt_free(inst->funcs);
		w2n_rt_free(inst->globals);
		w2n_rt_free(inst->deps);
		w2n_rt_free(inst->tags);
		w2n_rt_free(inst);
		return NULL;
	}
	atomic_init(&inst->refs, 1);
	w2n_embed_module_retain(m);
	inst->module = m;
	return inst;
}

static void destroy(w2n_instance *inst)
{
	const w2n_rt_module *rt = inst->module->rt;
	w2n_rt_instance_free(inst->rt);
	wasi_ctx_free(inst->wasi);
	for (uint32_t i = 0; i < rt->nglobal_imports; i++)
		w2n_global_free(inst->globals[i]);
	for (uint32_t i = 0; i < rt->nimports; i++)
		w2n_instance_free(inst->deps[i]);
	for (uint32_t i = 0; i < rt->ntag_imports; i++)
		w2n_tag_free(inst->tags[i]);
	w2n_module_free(inst->module);
	w2n_rt_free(inst->funcs);
	w2n_rt_free(inst->globals);
	w2n_rt_free(inst->deps);
	w2n_rt_free(inst->tags);
	w2n_rt_free(inst);
}

void w2n_embed_instance_retain(w2n_instance *inst)
{
	atomic_fetch_add(&inst->refs, 1);
}

void w2n_instance_free(w2n_instance *inst)
{
	if (inst && atomic_fetch_sub(&inst->refs, 1) == 1)
		destroy(inst);
}

/* Whether a trap came from WASI proc_exit (not before the call began). */
static bool exited(const w2n_instance *inst, bool before, uint32_t *code)
{
	return !before && inst->wasi && wasi_exit_code(inst->wasi, code);
}

static bool has_exited(const w2n_instance *inst)
{
	uint32_t code;
	return inst->wasi && wasi_exit_code(inst->wasi, &code);
}

/* The API's kind of error for each of the runtime's (errors.def). */
static const w2n_error_kind api_kinds[W2N_RT_ERROR_COUNT] = {
    [W2N_RT_ERROR_NONE] = W2N_OK,
    [W2N_RT_ERROR_TRAP] = W2N_ERROR_TRAP,
    [W2N_RT_ERROR_RESOURCE] = W2N_ERROR_RESOURCE,
    [W2N_RT_ERROR_LINK] = W2N_ERROR_LINK,
    [W2N_RT_ERROR_DESCRIPTOR] = W2N_ERROR_LOAD,
    [W2N_RT_ERROR_HOST] = W2N_ERROR_USAGE,
    [W2N_RT_ERROR_EXCEPTION] = W2N_ERROR_EXCEPTION,
};

/* A trap's backtrace, in the API's terms. */
static void copy_frames(const w2n_rt_error *e, w2n_error *err)
{
	_Static_assert((int)W2N_ERROR_FRAMES_MAX == (int)W2N_RT_FRAMES_MAX,
	               "one frame limit");
	for (uint32_t i = 0; i < e->nframes; i++) {
		const w2n_rt_frame *f = &e->frames[i];
		err->frames[i] = (w2n_frame){
		    .module = f->module->name,
		    .func_name = w2n_rt_func_name(f->module, f->func),
		    .func = f->func,
		    .offset = f->offset};
	}
	err->nframes = e->nframes;
	err->more_frames = e->more_frames;
}

/* Turns a runtime error into the API's: its kind, and its trap unless
 * the trap is WASI proc_exit's. */
static bool fail_rt(const w2n_instance *inst, const w2n_rt_error *e,
                    bool exited_before, w2n_error *err)
{
	uint32_t code;
	bool trap = e->kind == W2N_RT_ERROR_TRAP;
	if (trap && e->trap == W2N_TRAP_HOST &&
	    exited(inst, exited_before, &code)) {
		w2n_embed_fail(err, W2N_ERROR_EXIT, "exit with code %u", code);
		if (err)
			err->exit_code = code;
		return false;
	}
	w2n_embed_fail(err, api_kinds[e->kind], "%s", e->message);
	if (err && trap) {
		err->trap = (w2n_trap_kind)e->trap;
		copy_frames(e, err);
	}
	if (e->kind == W2N_RT_ERROR_EXCEPTION)
		w2n_embed_exception_error(e->exception, err);
	return false;
}

/* After a failed instantiation: when the runtime kept its instance
 * (e->kept), ours stays with it until w2n_free_failed_instances. */
static void discard_failed(w2n_instance *inst, const w2n_rt_error *e)
{
	if (!e->kept) {
		inst->rt = NULL; /* the runtime freed it */
		destroy(inst);
		return;
	}
	pthread_mutex_lock(&failed.lock);
	inst->next_failed = failed.first;
	failed.first = inst;
	pthread_mutex_unlock(&failed.lock);
}

void w2n_instance_limits_init(w2n_instance_limits *limits)
{
	w2n_rt_resource_limits l;
	w2n_rt_resource_limits_init(&l);
	limits->max_memory_bytes = l.max_memory_bytes;
	limits->max_table_elems = l.max_table_elems;
	limits->max_stack_bytes = l.max_stack_bytes;
}

w2n_instance *w2n_instantiate(w2n_module *m, const w2n_imports *im,
                              w2n_error *err)
{
	return w2n_instantiate_with(m, im, NULL, err);
}

w2n_instance *w2n_instantiate_with(w2n_module *m, const w2n_imports *im,
                                   const w2n_instance_limits *limits,
                                   w2n_error *err)
{
	w2n_embed_ok(err);
	w2n_instance *inst = m ? new_instance(m) : NULL;
	if (!inst) {
		w2n_embed_fail(err, m ? W2N_ERROR_RESOURCE : W2N_ERROR_USAGE,
		               m ? "out of memory" : "no module");
		return NULL;
	}
	link_ctx lc = {im, inst, 0};
	w2n_rt_error e;
	w2n_rt_resource_limits rl;
	w2n_rt_resource_limits_init(&rl);
	if (limits)
		rl = (w2n_rt_resource_limits){limits->max_memory_bytes,
		                              limits->max_table_elems,
		                              limits->max_stack_bytes};
	w2n_rt_instance *rt =
	    w2n_rt_instantiate_limited(m->rt, resolve, &lc, &rl, &e);
	if (!rt) {
		fail_rt(inst, &e, false, err);
		discard_failed(inst, &e);
		return NULL;
	}
	inst->rt = rt;
	((w2n_rt_instance_header *)(void *)rt)->user = inst;
	return inst;
}

void w2n_free_failed_instances(void)
{
	w2n_rt_free_failed_instances();
	pthread_mutex_lock(&failed.lock);
	w2n_instance *inst = failed.first;
	failed.first = NULL;
	pthread_mutex_unlock(&failed.lock);
	while (inst) {
		w2n_instance *next = inst->next_failed;
		inst->rt = NULL; /* freed by the runtime just now */
		destroy(inst);
		inst = next;
	}
}

w2n_module *w2n_instance_module(const w2n_instance *inst)
{
	return inst->module;
}

void w2n_instance_set_data(w2n_instance *inst, void *data)
{
	inst->data = data;
}

void *w2n_instance_data(const w2n_instance *inst)
{
	return inst->data;
}

/* ---- Exports ---- */

static const char *type_name(uint8_t t)
{
	switch (t) {
	case W2N_I32: return "i32";
	case W2N_I64: return "i64";
	case W2N_F32: return "f32";
	case W2N_F64: return "f64";
	case W2N_V128: return "v128";
	case W2N_FUNCREF: return "funcref";
	case W2N_EXTERNREF: return "externref";
	default: return "an invalid type";
	}
}

static const char *const kind_names[] = {"function", "table", "memory",
                                         "global"};

/* Export `index` when it is of `kind`, else NULL with an error. */
static const w2n_rt_export *export_of(const w2n_instance *inst, uint32_t index,
                                      uint32_t kind, w2n_error *err)
{
	const w2n_rt_module *m = inst->module->rt;
	if (index < m->nexports && m->exports[index].kind == kind)
		return &m->exports[index];
	w2n_embed_fail(err, W2N_ERROR_USAGE, "export %u is no %s", index,
	               kind_names[kind]);
	return NULL;
}

/* Export `name` when it is of `kind`, else NULL with an error. */
static const w2n_rt_export *named_export(const w2n_instance *inst,
                                         const char *name, uint32_t kind,
                                         w2n_error *err)
{
	const w2n_rt_module *m = inst->module->rt;
	const w2n_rt_export *e = name ? w2n_rt_find_export(m, name) : NULL;
	if (e && e->kind == kind)
		return e;
	w2n_embed_fail(err, W2N_ERROR_USAGE, "no %s export \"%.64s\"",
	               kind_names[kind], name ? name : "");
	return NULL;
}

/* Whether the arguments and result count fit function type `t`. */
static bool check_call(const w2n_rt_export *e, const w2n_rt_functype *t,
                       const w2n_value *args, size_t nargs, size_t nresults,
                       w2n_error *err)
{
	if (nargs != t->nparams || nresults != t->nresults)
		return w2n_embed_fail(
		    err, W2N_ERROR_USAGE,
		    "%.64s: takes %u arguments and returns %u "
		    "results, called with %zu and %zu",
		    e->name, t->nparams, t->nresults, nargs, nresults);
	for (uint32_t i = 0; i < t->nparams; i++)
		if (args[i].type != t->types[i])
			return w2n_embed_fail(
			    err, W2N_ERROR_USAGE,
			    "%.64s: argument %u is %s, expected "
			    "%s",
			    e->name, i, type_name(args[i].type),
			    type_name(t->types[i]));
	return true;
}

bool w2n_call_export_index(w2n_instance *inst, uint32_t index,
                           const w2n_value *args, size_t nargs,
                           w2n_value *results, size_t nresults, w2n_error *err)
{
	w2n_embed_ok(err);
	const w2n_rt_module *m = inst->module->rt;
	const w2n_rt_export *e =
	    export_of(inst, index, W2N_RT_EXTERN_FUNC, err);
	if (!e)
		return false;
	uint32_t type = m->func_types[e->index];
	const w2n_rt_functype *t = &m->types[type];
	if (!check_call(e, t, args, nargs, nresults, err))
		return false;
	size_t n = nargs > nresults ? nargs : nresults;
	w2n_rt_value small[INLINE_VALUES], *vals = small;
	if (n > INLINE_VALUES && !(vals = w2n_rt_malloc(n * sizeof *vals)))
		return w2n_embed_fail(err, W2N_ERROR_RESOURCE, "out of memory");
	for (size_t i = 0; i < nargs; i++)
		w2n_embed_value_to(&args[i], &vals[i]);
	bool exited_before = has_exited(inst);
	w2n_rt_error rt_err;
	bool ok =
	    w2n_rt_invoke(inst->rt, w2n_rt_instance_func(inst->rt, e->index),
	                  type, vals, &rt_err);
	for (size_t i = 0; ok && i < nresults; i++)
		results[i] =
		    w2n_embed_value_from(t->types[nargs + i], &vals[i]);
	if (!ok)
		fail_rt(inst, &rt_err, exited_before, err);
	if (vals != small)
		w2n_rt_free(vals);
	return ok;
}

bool w2n_call(w2n_instance *inst, const char *name, const w2n_value *args,
              size_t nargs, w2n_value *results, size_t nresults, w2n_error *err)
{
	const w2n_rt_export *e =
	    named_export(inst, name, W2N_RT_EXTERN_FUNC, err);
	if (!e)
		return false;
	return w2n_call_export_index(inst,
	                             (uint32_t)(e - inst->module->rt->exports),
	                             args, nargs, results, nresults, err);
}

bool w2n_global_get_export_index(w2n_instance *inst, uint32_t index,
                                 w2n_value *out, w2n_error *err)
{
	w2n_embed_ok(err);
	const w2n_rt_export *e =
	    export_of(inst, index, W2N_RT_EXTERN_GLOBAL, err);
	if (!e)
		return false;
	uint8_t type = (uint8_t)inst->module->rt->globals[e->index].type;
	*out = w2n_embed_value_from(type,
	                            w2n_rt_instance_global(inst->rt, e->index));
	return true;
}

bool w2n_global_set_export_index(w2n_instance *inst, uint32_t index,
                                 const w2n_value *v, w2n_error *err)
{
	w2n_embed_ok(err);
	const w2n_rt_export *e =
	    export_of(inst, index, W2N_RT_EXTERN_GLOBAL, err);
	if (!e)
		return false;
	const w2n_rt_globaltype *g = &inst->module->rt->globals[e->index];
	if (!g->mutable_)
		return w2n_embed_fail(err, W2N_ERROR_USAGE,
		                      "%.64s: global is immutable", e->name);
	/* A typed reference global takes the value of its representation
	 * (funcref), but null only when it is nullable. */
	if (v->type != (uint8_t)g->type ||
	    ((g->type & W2N_RT_REF_NONNULL) && !v->ref))
		return w2n_embed_fail(
		    err, W2N_ERROR_USAGE, "%.64s: global is %s, value is %s",
		    e->name, type_name((uint8_t)g->type), type_name(v->type));
	w2n_embed_value_to(v, w2n_rt_instance_global(inst->rt, e->index));
	return true;
}

bool w2n_global_get(w2n_instance *inst, const char *name, w2n_value *out,
                    w2n_error *err)
{
	const w2n_rt_export *e =
	    named_export(inst, name, W2N_RT_EXTERN_GLOBAL, err);
	return e &&
	       w2n_global_get_export_index(
	           inst, (uint32_t)(e - inst->module->rt->exports), out, err);
}

bool w2n_global_set(w2n_instance *inst, const char *name, const w2n_value *v,
                    w2n_error *err)
{
	const w2n_rt_export *e =
	    named_export(inst, name, W2N_RT_EXTERN_GLOBAL, err);
	return e &&
	       w2n_global_set_export_index(
	           inst, (uint32_t)(e - inst->module->rt->exports), v, err);
}

/* Index of entity `kind` called `name` (NULL: index 0), or UINT32_MAX. */
static uint32_t entity_index(const w2n_instance *inst, const char *name,
                             uint32_t kind)
{
	const w2n_rt_module *m = inst->module->rt;
	if (!name)
		return 0;
	const w2n_rt_export *e = w2n_rt_find_export(m, name);
	return e && e->kind == kind ? e->index : UINT32_MAX;
}

w2n_memory *w2n_instance_memory(w2n_instance *inst, const char *name)
{
	uint32_t i = entity_index(inst, name, W2N_RT_EXTERN_MEMORY);
	return (w2n_memory *)(void *)w2n_rt_instance_memory(inst->rt, i);
}

w2n_table *w2n_instance_table(w2n_instance *inst, const char *name)
{
	uint32_t i = entity_index(inst, name, W2N_RT_EXTERN_TABLE);
	return (w2n_table *)(void *)w2n_rt_instance_table(inst->rt, i);
}

/* ---- Interruption ---- */

void w2n_epoch_increment(void)
{
	w2n_rt_epoch_increment();
}

/* Whether the instance's module was compiled --interruptible=`mode`. */
static bool compiled_for(const w2n_instance *inst, uint32_t mode,
                         w2n_error *err)
{
	if (inst->module->rt->interruptible == mode)
		return true;
	return w2n_embed_fail(
	    err, W2N_ERROR_USAGE, "module not compiled --interruptible=%s",
	    mode == W2N_RT_INTERRUPT_EPOCH ? "epoch" : "fuel");
}

bool w2n_instance_set_epoch_deadline(w2n_instance *inst, uint64_t ticks,
                                     w2n_error *err)
{
	w2n_embed_ok(err);
	if (!compiled_for(inst, W2N_RT_INTERRUPT_EPOCH, err))
		return false;
	w2n_rt_set_epoch_deadline(inst->rt, ticks);
	return true;
}

bool w2n_instance_set_fuel(w2n_instance *inst, uint64_t fuel, w2n_error *err)
{
	w2n_embed_ok(err);
	if (!compiled_for(inst, W2N_RT_INTERRUPT_FUEL, err))
		return false;
	w2n_rt_set_fuel(inst->rt, fuel);
	return true;
}

uint64_t w2n_instance_fuel(const w2n_instance *inst)
{
	return w2n_rt_fuel(inst->rt);
}

/* The runtime's handler: the host's callback with our instance. */
static uint64_t ask_host(void *env, w2n_rt_instance *rt, uint32_t kind)
{
	w2n_instance *inst = env;
	(void)rt;
	return inst->on_interrupt(inst->interrupt_env, inst,
	                          (w2n_trap_kind)kind);
}

void w2n_instance_set_interrupt_callback(w2n_instance *inst,
                                         w2n_interrupt_fn *fn, void *env)
{
	inst->on_interrupt = fn;
	inst->interrupt_env = env;
	w2n_rt_set_interrupt_handler(inst->rt, fn ? ask_host : NULL, inst);
}
