/*
 * instance.c - instantiation (spec 4.5.4) and everything that reads an
 * instance from outside: invoking its functions, finding its exports.
 *
 * Input: a w2n_rt_module descriptor emitted by codegen and a resolver for
 * its imports.  Output: one block of layout.instance_size bytes laid out as
 * the descriptor says (w2n_rt.h), whose header points at the runtime's
 * private w2n_rt_instance_state.  The block is built in the spec's order:
 * imports first (nothing is created when one fails), then the module's own
 * functions, memories, tables, globals and segments, then m->init and the
 * start function, which run as Wasm code with traps caught.
 */
#include <pthread.h>
#include <string.h>

#include "rt_internal.h"

/* Failed instances kept alive: their functions may sit in imported
 * tables or globals (see w2n_rt_instantiate). */
static struct {
	pthread_mutex_t lock;
	w2n_rt_instance_state *first;
} failed = {.lock = PTHREAD_MUTEX_INITIALIZER};

static const w2n_rt_module *module_of(const w2n_rt_instance *inst)
{
	return w2n_rt_instance_module(inst);
}

static w2n_rt_func *funcs_of(const w2n_rt_instance *inst)
{
	return w2n_rt_instance_slot(inst, module_of(inst)->layout.funcs);
}

static void **globals_of(const w2n_rt_instance *inst)
{
	return w2n_rt_instance_slot(inst, module_of(inst)->layout.globals);
}

/* ---- Checking the descriptor ---- */

/* What the runtime relies on in a descriptor, beyond what codegen
 * guarantees by construction. */
static bool check_module(const w2n_rt_module *m, w2n_rt_error *err)
{
	if (m->abi_version != W2N_RT_ABI_VERSION) {
		w2n_rt_error_set(err, W2N_RT_ERROR_DESCRIPTOR,
		                 "module compiled for runtime ABI %u, "
		                 "this runtime has %u",
		                 m->abi_version, W2N_RT_ABI_VERSION);
		return false;
	}
	if (m->layout.func_size != sizeof(w2n_rt_func) ||
	    m->layout.instance_size < sizeof(w2n_rt_instance_header)) {
		w2n_rt_error_set(err, W2N_RT_ERROR_DESCRIPTOR,
		                 "module compiled for another target");
		return false;
	}
	if (m->bounds != W2N_RT_BOUNDS_GUARD &&
	    m->bounds != W2N_RT_BOUNDS_EXPLICIT) {
		w2n_rt_error_set(err, W2N_RT_ERROR_DESCRIPTOR,
		                 "unknown bounds strategy %u", m->bounds);
		return false;
	}
	if (m->interruptible > W2N_RT_INTERRUPT_FUEL ||
	    (m->interruptible != W2N_RT_INTERRUPT_NONE &&
	     (m->layout.interrupt < sizeof(w2n_rt_instance_header) ||
	      m->layout.interrupt >
	          m->layout.instance_size - sizeof(w2n_rt_interruption)))) {
		w2n_rt_error_set(err, W2N_RT_ERROR_DESCRIPTOR,
		                 "unknown interruption mode %u or layout",
		                 m->interruptible);
		return false;
	}
	return true;
}

/* ---- Allocation ---- */

/* The zeroed block with its header and private state. */
static w2n_rt_instance *alloc_instance(const w2n_rt_module *m,
                                       w2n_rt_error *err)
{
	w2n_rt_instance_header *h = w2n_rt_zalloc16(m->layout.instance_size);
	w2n_rt_instance_state *st = w2n_rt_calloc(
	    1, sizeof *st + (size_t)m->nelems * sizeof st->elem_items[0]);
	if (!h || !st) {
		w2n_rt_free(h);
		w2n_rt_free(st);
		w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
		                 "out of memory: instance");
		return NULL;
	}
	w2n_rt_instance *inst = (w2n_rt_instance *)(void *)h;
	st->inst = inst;
	st->nelems = m->nelems;
	h->module = m;
	h->runtime = st;
	return inst;
}

/* The id of type `i`, whose typed references name itself or earlier
 * types (spec 3.0: each type is a recursion group of its own), whose ids
 * are known. */
static uint32_t typed_id(w2n_rt_instance *inst, uint32_t i)
{
	const w2n_rt_functype *t = &module_of(inst)->types[i];
	uint32_t n = t->nparams + t->nresults;
	uint32_t *refs = w2n_rt_malloc(n * sizeof *refs);
	if (!refs)
		return 0;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t v = t->reftypes[k];
		if ((v & W2N_RT_REF_TYPED) && v >> W2N_RT_REF_INDEX_SHIFT == i)
			refs[k] = (v & ((1u << W2N_RT_REF_INDEX_SHIFT) - 1)) |
			          (uint32_t)W2N_RT_REF_SELF
			              << W2N_RT_REF_INDEX_SHIFT;
		else
			refs[k] = w2n_rt_canon_valtype(inst, v);
	}
	uint32_t id =
	    w2n_rt_type_id_refs(t->nparams, t->nresults, t->types, refs);
	w2n_rt_free(refs);
	return id;
}

/* type_ids[i]: the canonical id of each of the module's types. */
static bool fill_type_ids(w2n_rt_instance *inst, w2n_rt_error *err)
{
	const w2n_rt_module *m = module_of(inst);
	uint32_t *ids = w2n_rt_type_ids_of(inst);
	for (uint32_t i = 0; i < m->ntypes; i++) {
		const w2n_rt_functype *t = &m->types[i];
		ids[i] = t->reftypes ? typed_id(inst, i)
		                     : w2n_rt_type_id(t->nparams, t->nresults,
		                                      t->types);
		if (ids[i] == 0) {
			w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
			                 "out of memory: types");
			return false;
		}
	}
	return true;
}

/* ---- Imports (spec 4.5.2, import matching) ---- */

/* Limits {min, max?} of an existing object match the declared ones. */
static bool limits_match(uint64_t min, bool has_max, uint64_t max,
                         const w2n_rt_limits *declared)
{
	if (min < declared->min)
		return false;
	return !declared->has_max || (has_max && max <= declared->max);
}

/* Tables match in address type and element type (both ways, spec 3.0,
 * so equal) and limits. */
static bool table_matches(const w2n_rt_instance *inst, uint32_t index,
                          const w2n_rt_table *t)
{
	const w2n_rt_limits *l = &module_of(inst)->tables[index];
	return t && t->elem_type == w2n_rt_canon_valtype(inst, l->elem_type) &&
	       w2n_rt_table_is64(t) == (l->addr64 != 0) &&
	       limits_match(t->size, w2n_rt_table_has_max(t),
	                    w2n_rt_table_max(t), l);
}

/* A mutable global's type matches both ways, an immutable one's as a
 * subtype (spec 3.0); ext->gtype is canonical. */
static bool global_matches(const w2n_rt_instance *inst, uint32_t index,
                           const w2n_rt_extern *ext)
{
	const w2n_rt_globaltype *g = &module_of(inst)->globals[index];
	uint32_t want = w2n_rt_canon_valtype(inst, g->type);
	if (!ext->u.global || ext->gtype.mutable_ != g->mutable_)
		return false;
	return g->mutable_ ? ext->gtype.type == want
	                   : w2n_rt_valtype_sub(ext->gtype.type, want);
}

/* GUARD code does no bounds checks on 32-bit memories, so it needs a
 * GUARD memory; 64-bit memories are checked in every strategy.  Shared
 * and unshared memories match only their own kind (threads proposal,
 * import matching: code for a shared one re-reads its size). */
static bool memory_matches(const w2n_rt_module *m, uint32_t index,
                           const w2n_rt_memory *mem)
{
	const w2n_rt_limits *l = &m->memories[index];
	if (!mem || w2n_rt_memory_is64(mem) != (l->addr64 != 0) ||
	    w2n_rt_memory_is_shared(mem) != (l->shared != 0))
		return false;
	if (!l->addr64 && m->bounds == W2N_RT_BOUNDS_GUARD &&
	    mem->bounds != W2N_RT_BOUNDS_GUARD)
		return false;
	return limits_match(mem->pages, w2n_rt_memory_has_max(mem),
	                    mem->max_pages, l);
}

static bool import_matches(const w2n_rt_instance *inst,
                           const w2n_rt_import *imp, const w2n_rt_extern *ext)
{
	const w2n_rt_module *m = module_of(inst);
	if (ext->kind != imp->kind)
		return false;
	switch (imp->kind) {
	case W2N_RT_EXTERN_FUNC:
		return ext->u.func.code &&
		       ext->u.func.type_id ==
		           w2n_rt_type_ids_of(inst)[m->func_types[imp->index]];
	case W2N_RT_EXTERN_TABLE:
		return table_matches(inst, imp->index, ext->u.table);
	case W2N_RT_EXTERN_MEMORY:
		return memory_matches(m, imp->index, ext->u.memory);
	case W2N_RT_EXTERN_GLOBAL: return global_matches(inst, imp->index, ext);
	case W2N_RT_EXTERN_TAG:
		return ext->u.tag &&
		       ext->u.tag->type_id ==
		           w2n_rt_type_ids_of(inst)[m->tag_types[imp->index]];
	default: return false;
	}
}

/* Puts a matched import in its slot, taking a reference to shared
 * objects. */
static void install_import(w2n_rt_instance *inst, const w2n_rt_import *imp,
                           const w2n_rt_extern *ext)
{
	switch (imp->kind) {
	case W2N_RT_EXTERN_FUNC:
		funcs_of(inst)[imp->index] = ext->u.func;
		break;
	case W2N_RT_EXTERN_TABLE:
		w2n_rt_table_retain(ext->u.table);
		w2n_rt_tables_of(inst)[imp->index] = ext->u.table;
		break;
	case W2N_RT_EXTERN_MEMORY:
		w2n_rt_memory_retain(ext->u.memory);
		w2n_rt_memories_of(inst)[imp->index] = ext->u.memory;
		break;
	case W2N_RT_EXTERN_TAG:
		w2n_rt_tags_of(inst)[imp->index] = ext->u.tag;
		break;
	default: globals_of(inst)[imp->index] = ext->u.global; break;
	}
}

/* A function import bound when the program was linked (import_code):
 * called with the importing instance, like WASI functions. */
static bool linked_import(w2n_rt_instance *inst, const w2n_rt_import *imp,
                          w2n_rt_extern *ext)
{
	const w2n_rt_module *m = module_of(inst);
	if (imp->kind != W2N_RT_EXTERN_FUNC || !m->import_code ||
	    !m->import_code[imp->index])
		return false;
	ext->kind = W2N_RT_EXTERN_FUNC;
	ext->u.func.code = m->import_code[imp->index];
	ext->u.func.ctx = inst;
	ext->u.func.type_id =
	    w2n_rt_type_ids_of(inst)[m->func_types[imp->index]];
	return true;
}

/* The resolver's import; `err` (not NULL) filled when there is none. */
static bool resolve_import(w2n_rt_instance *inst, const w2n_rt_import *imp,
                           w2n_rt_resolve_fn *resolve, void *env,
                           w2n_rt_extern *ext, w2n_rt_error *err)
{
	const w2n_rt_module *m = module_of(inst);
	const w2n_rt_functype *type = NULL;
	if (imp->kind == W2N_RT_EXTERN_FUNC)
		type = &m->types[m->func_types[imp->index]];
	w2n_rt_error_set(err, W2N_RT_ERROR_NONE, "%s", "");
	if (resolve && resolve(env, inst, imp, type, ext, err))
		return true;
	if (err->kind == W2N_RT_ERROR_NONE)
		w2n_rt_error_set(err, W2N_RT_ERROR_LINK,
		                 "unknown import: %s.%s", imp->module,
		                 imp->name);
	return false;
}

static bool link_import(w2n_rt_instance *inst, const w2n_rt_import *imp,
                        w2n_rt_resolve_fn *resolve, void *env,
                        w2n_rt_error *err)
{
	w2n_rt_extern ext;
	memset(&ext, 0, sizeof ext);
	if (linked_import(inst, imp, &ext)) {
		install_import(inst, imp, &ext);
		return true;
	}
	if (!resolve_import(inst, imp, resolve, env, &ext, err))
		return false;
	if (!import_matches(inst, imp, &ext)) {
		w2n_rt_error_set(err, W2N_RT_ERROR_LINK,
		                 "incompatible import type: %s.%s", imp->module,
		                 imp->name);
		return false;
	}
	install_import(inst, imp, &ext);
	return true;
}

/* ---- The module's own objects ---- */

static void fill_defined_funcs(w2n_rt_instance *inst)
{
	const w2n_rt_module *m = module_of(inst);
	w2n_rt_func *funcs = funcs_of(inst);
	const uint32_t *ids = w2n_rt_type_ids_of(inst);
	for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
		funcs[i].code = m->func_code[i - m->nfunc_imports];
		funcs[i].ctx = inst;
		funcs[i].type_id = ids[m->func_types[i]];
		funcs[i].tail = 0; /* set by init where there is one */
	}
}

/* The module's own tags: objects in the instance block that the tag
 * slots point at (an importer uses the exporter's, which lives as long
 * as the exporting instance, as its functions do). */
static void fill_defined_tags(w2n_rt_instance *inst)
{
	const w2n_rt_module *m = module_of(inst);
	w2n_rt_tag *storage = w2n_rt_instance_slot(inst, m->layout.tag_storage);
	const uint32_t *ids = w2n_rt_type_ids_of(inst);
	for (uint32_t i = m->ntag_imports; i < m->ntags; i++) {
		w2n_rt_tag *t = &storage[i - m->ntag_imports];
		t->type_id = ids[m->tag_types[i]];
		t->index = i;
		t->module = m;
		t->type = &m->types[m->tag_types[i]];
		w2n_rt_tags_of(inst)[i] = t;
	}
}

static bool create_memories(w2n_rt_instance *inst, w2n_rt_error *err)
{
	const w2n_rt_module *m = module_of(inst);
	w2n_rt_memory **mems = w2n_rt_memories_of(inst);
	for (uint32_t i = m->nmemory_imports; i < m->nmemories; i++) {
		const w2n_rt_limits *l = &m->memories[i];
		mems[i] = l->shared ? w2n_rt_memory_new_shared(
		                          l->min, l->max, m->bounds, l->addr64)
		          : l->addr64
		              ? w2n_rt_memory_new64(l->min, l->max, l->has_max)
		              : w2n_rt_memory_new(l->min, l->max, l->has_max,
		                                  m->bounds);
		if (!mems[i]) {
			w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
			                 "out of memory: memory %u", i);
			return false;
		}
	}
	return true;
}

static bool create_tables(w2n_rt_instance *inst, w2n_rt_error *err)
{
	const w2n_rt_module *m = module_of(inst);
	w2n_rt_table **tables = w2n_rt_tables_of(inst);
	for (uint32_t i = m->ntable_imports; i < m->ntables; i++) {
		const w2n_rt_limits *l = &m->tables[i];
		uint32_t elem = w2n_rt_canon_valtype(inst, l->elem_type);
		tables[i] =
		    l->addr64
		        ? w2n_rt_table_new64(l->min, l->max, l->has_max, elem)
		        : w2n_rt_table_new(l->min, l->max, l->has_max, elem);
		if (!tables[i]) {
			w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
			                 "out of memory: table %u", i);
			return false;
		}
	}
	return true;
}

/* Defined globals' slots point at the block's global storage. */
static void fill_globals(w2n_rt_instance *inst)
{
	const w2n_rt_module *m = module_of(inst);
	void **globals = globals_of(inst);
	w2n_rt_value *storage =
	    w2n_rt_instance_slot(inst, m->layout.global_storage);
	for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++)
		globals[i] = &storage[i - m->nglobal_imports];
}

/* Data segments as the descriptor has them; element segments get
 * elem_sizes[i] null items for m->init to evaluate. */
static bool fill_segments(w2n_rt_instance *inst, w2n_rt_error *err)
{
	const w2n_rt_module *m = module_of(inst);
	w2n_rt_instance_state *st = w2n_rt_state(inst);
	w2n_rt_elem_segment *elems = w2n_rt_elems_of(inst);
	if (m->ndatas)
		memcpy(w2n_rt_datas_of(inst), m->datas,
		       (size_t)m->ndatas * sizeof *m->datas);
	for (uint32_t i = 0; i < m->nelems; i++) {
		st->elem_items[i] =
		    w2n_rt_calloc(m->elem_sizes[i], sizeof(void *));
		if (!st->elem_items[i]) {
			w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
			                 "out of memory: element segment");
			return false;
		}
		elems[i].items = st->elem_items[i];
		elems[i].len = m->elem_sizes[i];
	}
	return true;
}

static bool build(w2n_rt_instance *inst, w2n_rt_resolve_fn *resolve, void *env,
                  w2n_rt_error *err)
{
	const w2n_rt_module *m = module_of(inst);
	if (!fill_type_ids(inst, err))
		return false;
	for (uint32_t i = 0; i < m->nimports; i++)
		if (!link_import(inst, &m->imports[i], resolve, env, err))
			return false;
	fill_defined_funcs(inst);
	fill_defined_tags(inst);
	fill_globals(inst);
	return w2n_rt_limits_check(inst, err) && create_memories(inst, err) &&
	       create_tables(inst, err) && fill_segments(inst, err);
}

/* ---- Running init and start ---- */

static void init_thunk(void *arg)
{
	w2n_rt_instance *inst = arg;
	module_of(inst)->init(inst);
}

static void start_thunk(void *arg)
{
	w2n_rt_instance *inst = arg;
	const w2n_rt_module *m = module_of(inst);
	w2n_rt_value none[1];
	m->types[m->func_types[m->start]].call(&funcs_of(inst)[m->start], none);
}

static bool run_init(w2n_rt_instance *inst, w2n_rt_error *err)
{
	const w2n_rt_module *m = module_of(inst);
	if (m->init && !w2n_rt_run_limited(inst, init_thunk, inst, err))
		return false;
	return !m->has_start ||
	       w2n_rt_run_limited(inst, start_thunk, inst, err);
}

/* Whether references to the instance's functions can have left it:
 * stored in imported tables or globals, or handed to imported functions. */
static bool may_be_referenced(const w2n_rt_module *m)
{
	return m->ntable_imports || m->nglobal_imports || m->nfunc_imports;
}

/* Disposes of an instance whose init or start failed: kept when it
 * trapped and references to it may have escaped, freed otherwise (also
 * when the trap handlers could not be set up: nothing ran). */
static void discard_failed(w2n_rt_instance *inst, w2n_rt_error *err)
{
	err->kept = err->kind == W2N_RT_ERROR_TRAP &&
	            may_be_referenced(module_of(inst));
	if (!err->kept) {
		w2n_rt_instance_free(inst);
		return;
	}
	w2n_rt_instance_state *st = w2n_rt_state(inst);
	pthread_mutex_lock(&failed.lock);
	st->next_failed = failed.first;
	failed.first = st;
	pthread_mutex_unlock(&failed.lock);
}

/* ---- The API ---- */

w2n_rt_instance *w2n_rt_instantiate(const w2n_rt_module *m,
                                    w2n_rt_resolve_fn *resolve, void *env,
                                    w2n_rt_error *err)
{
	return w2n_rt_instantiate_limited(m, resolve, env, NULL, err);
}

w2n_rt_instance *
w2n_rt_instantiate_limited(const w2n_rt_module *m, w2n_rt_resolve_fn *resolve,
                           void *env, const w2n_rt_resource_limits *limits,
                           w2n_rt_error *err)
{
	w2n_rt_error local;
	if (!err)
		err = &local; /* what failed decides what is kept */
	w2n_rt_error_set(err, W2N_RT_ERROR_NONE, "%s", "");
	if (!check_module(m, err))
		return NULL;
	if (!w2n_rt_trace_add_module(m)) {
		w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
		                 "out of memory: function index");
		return NULL;
	}
	w2n_rt_instance *inst = alloc_instance(m, err);
	if (!inst) {
		w2n_rt_trace_remove_module(m);
		return NULL;
	}
	if (limits)
		w2n_rt_state(inst)->limits = *limits;
	else
		w2n_rt_resource_limits_init(&w2n_rt_state(inst)->limits);
	w2n_rt_interrupt_init(inst);
	if (!build(inst, resolve, env, err)) {
		w2n_rt_instance_free(inst);
		return NULL;
	}
	if (!run_init(inst, err)) {
		discard_failed(inst, err);
		return NULL;
	}
	return inst;
}

void w2n_rt_instance_free(w2n_rt_instance *inst)
{
	if (!inst)
		return;
	const w2n_rt_module *m = module_of(inst);
	w2n_rt_instance_state *st = w2n_rt_state(inst);
	w2n_rt_trace_remove_module(m);
	for (uint32_t i = 0; i < m->nmemories; i++)
		w2n_rt_memory_free(w2n_rt_memories_of(inst)[i]);
	for (uint32_t i = 0; i < m->ntables; i++)
		w2n_rt_table_free(w2n_rt_tables_of(inst)[i]);
	for (uint32_t i = 0; i < st->nelems; i++)
		w2n_rt_free(st->elem_items[i]);
	while (st->closures) {
		w2n_rt_closure_node *next = st->closures->next;
		w2n_rt_free(st->closures);
		st->closures = next;
	}
	w2n_rt_free(st);
	w2n_rt_free(inst);
}

void w2n_rt_free_failed_instances(void)
{
	pthread_mutex_lock(&failed.lock);
	w2n_rt_instance_state *st = failed.first;
	failed.first = NULL;
	pthread_mutex_unlock(&failed.lock);
	while (st) {
		w2n_rt_instance_state *next = st->next_failed;
		w2n_rt_instance_free(st->inst);
		st = next;
	}
}

/* What a protected call of a function needs. */
typedef struct call_args {
	w2n_rt_trampoline *call;
	const w2n_rt_func *f;
	w2n_rt_value *vals;
} call_args;

static void call_thunk(void *arg)
{
	const call_args *a = arg;
	a->call(a->f, a->vals);
}

bool w2n_rt_invoke(w2n_rt_instance *inst, const w2n_rt_func *f,
                   uint32_t type_index, w2n_rt_value *vals, w2n_rt_error *err)
{
	const w2n_rt_module *m = module_of(inst);
	if (type_index >= m->ntypes || !m->types[type_index].call) {
		w2n_rt_error_set(err, W2N_RT_ERROR_DESCRIPTOR,
		                 "no call trampoline for type %u", type_index);
		return false;
	}
	if (!f || !f->code ||
	    f->type_id != w2n_rt_type_ids_of(inst)[type_index]) {
		w2n_rt_error_trap(err, W2N_TRAP_INDIRECT_CALL_MISMATCH, NULL,
		                  UINT32_MAX);
		return false;
	}
	call_args a = {m->types[type_index].call, f, vals};
	return w2n_rt_run_limited(inst, call_thunk, &a, err);
}

const w2n_rt_export *w2n_rt_find_export_n(const w2n_rt_module *m,
                                          const char *name, size_t len)
{
	for (uint32_t i = 0; i < m->nexports; i++)
		if (m->exports[i].name_len == len &&
		    memcmp(m->exports[i].name, name, len) == 0)
			return &m->exports[i];
	return NULL;
}

const w2n_rt_export *w2n_rt_find_export(const w2n_rt_module *m,
                                        const char *name)
{
	return w2n_rt_find_export_n(m, name, strlen(name));
}

w2n_rt_func *w2n_rt_instance_func(w2n_rt_instance *inst, uint32_t index)
{
	if (index >= module_of(inst)->nfuncs)
		return NULL;
	return &funcs_of(inst)[index];
}

void *w2n_rt_instance_global(w2n_rt_instance *inst, uint32_t index)
{
	if (index >= module_of(inst)->nglobals)
		return NULL;
	return globals_of(inst)[index];
}

w2n_rt_table *w2n_rt_instance_table(w2n_rt_instance *inst, uint32_t index)
{
	if (index >= module_of(inst)->ntables)
		return NULL;
	return w2n_rt_tables_of(inst)[index];
}

w2n_rt_tag *w2n_rt_instance_tag(w2n_rt_instance *inst, uint32_t index)
{
	return w2n_rt_tags_of(inst)[index];
}
