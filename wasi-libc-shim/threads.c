/*
 * threads.c - wasi-threads: thread-spawn and the memory every thread
 * shares.  A program that uses threads imports a shared memory (by
 * convention env.memory); the first instance's import makes it from the
 * import's limits and the context keeps it (wasi_resolve_memory).
 * thread-spawn instantiates the calling instance's module again, with the
 * same resolver and context, so the new instance imports that memory and
 * shares the WASI context (descriptors, arguments), then runs its export
 * wasi_thread_start(tid, start_arg) on a new native thread.  The thread's
 * first protected call sets up its trap state (signal stack, stack
 * bounds: runtime/trap.c), as every thread's does.  A trap on a spawned
 * thread ends the whole program as one on the main thread does (message,
 * status 134); proc_exit from any thread ends it with its code.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "wasi_internal.h"

enum {
	/* wasi-threads: thread ids are positive and below 2^29 */
	TID_LIMIT = 0x1FFFFFFF,
	/* each thread's native stack, as much as the main thread's usual
	 * limit: Wasm code recurses on it */
	THREAD_STACK = 8 * 1024 * 1024,
	/* what thread-spawn returns when no thread can start (-EAGAIN) */
	SPAWN_FAILED = -6,
};

static atomic_int next_tid = 1;

/* A memory of the import's limits, for code of the module's strategy. */
static w2n_rt_memory *memory_of(const w2n_rt_module *m, uint32_t index)
{
	const w2n_rt_limits *l = &m->memories[index];
	if (l->shared)
		return w2n_rt_memory_new_shared(l->min, l->max, m->bounds,
		                                l->addr64);
	if (l->addr64)
		return w2n_rt_memory_new64(l->min, l->max, l->has_max);
	return w2n_rt_memory_new(l->min, l->max, l->has_max, m->bounds);
}

/* The context's memory `index`, made by the first caller (ctx->lock). */
static w2n_rt_memory *context_memory(wasi_ctx *ctx, const w2n_rt_module *m,
                                     uint32_t index)
{
	if (index >= ctx->nmemories) {
		w2n_rt_memory **mems =
		    w2n_rt_realloc(ctx->memories, m->nmemories * sizeof *mems);
		if (!mems)
			return NULL;
		for (uint32_t i = ctx->nmemories; i < m->nmemories; i++)
			mems[i] = NULL;
		ctx->memories = mems;
		ctx->nmemories = m->nmemories;
	}
	if (!ctx->memories[index])
		ctx->memories[index] = memory_of(m, index);
	return ctx->memories[index];
}

bool wasi_resolve_memory(wasi_ctx *ctx, w2n_rt_instance *inst,
                         const w2n_rt_import *import, w2n_rt_extern *out,
                         w2n_rt_error *err)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	pthread_mutex_lock(&ctx->lock);
	w2n_rt_memory *mem = context_memory(ctx, m, import->index);
	pthread_mutex_unlock(&ctx->lock);
	if (!mem)
		return w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
		                        "out of memory: memory %.*s.%.*s",
		                        (int)import->module_len, import->module,
		                        (int)import->name_len, import->name);
	*out = (w2n_rt_extern){.kind = W2N_RT_EXTERN_MEMORY, .u.memory = mem};
	return true;
}

/* One spawned thread: its instance, id and argument. */
typedef struct spawned {
	w2n_rt_instance *inst;
	const w2n_rt_export *start;
	int32_t tid, arg;
} spawned;

/* The export wasi_thread_start of type [i32 i32] -> [], or NULL. */
static const w2n_rt_export *thread_start(const w2n_rt_module *m)
{
	const w2n_rt_export *e = w2n_rt_find_export(m, "wasi_thread_start");
	if (!e || e->kind != W2N_RT_EXTERN_FUNC)
		return NULL;
	const w2n_rt_functype *t = &m->types[m->func_types[e->index]];
	bool ok = t->nparams == 2 && t->nresults == 0 &&
	          t->types[0] == W2N_RT_I32 && t->types[1] == W2N_RT_I32;
	return ok ? e : NULL;
}

/* The thread: wasi_thread_start(tid, arg); a trap ends the program. */
static void *run_thread(void *p)
{
	spawned s = *(spawned *)p;
	free(p);
	const w2n_rt_module *m = w2n_rt_instance_module(s.inst);
	w2n_rt_value vals[2] = {{.i32 = s.tid}, {.i32 = s.arg}};
	w2n_rt_error err;
	if (!w2n_rt_invoke(s.inst, w2n_rt_instance_func(s.inst, s.start->index),
	                   m->func_types[s.start->index], vals, &err))
		exit(wasi_report(&err));
	w2n_rt_instance_free(s.inst);
	return NULL;
}

/* Starts `s` on a detached thread of THREAD_STACK bytes. */
static bool start_thread(spawned *s)
{
	pthread_attr_t attr;
	pthread_t thread;
	if (pthread_attr_init(&attr))
		return false;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, THREAD_STACK);
	bool ok = pthread_create(&thread, &attr, run_thread, s) == 0;
	pthread_attr_destroy(&attr);
	return ok;
}

int32_t wasi_thread_spawn(void *inst, int32_t start_arg)
{
	wasi_call c = wasi_call_begin(inst);
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	const w2n_rt_export *start = thread_start(m);
	int tid = atomic_fetch_add(&next_tid, 1);
	if (!start || tid > TID_LIMIT)
		return SPAWN_FAILED;
	spawned *s = malloc(sizeof *s);
	w2n_rt_error err;
	w2n_rt_instance *child =
	    s ? w2n_rt_instantiate(m, wasi_resolve, c.ctx, &err) : NULL;
	if (!child) {
		free(s);
		return SPAWN_FAILED;
	}
	((w2n_rt_instance_header *)(void *)child)->wasi = c.ctx;
	*s = (spawned){child, start, tid, start_arg};
	if (!start_thread(s)) {
		w2n_rt_instance_free(child);
		free(s);
		return SPAWN_FAILED;
	}
	return tid;
}
