/*
 * host.c - host functions.  A host function is imported as a w2n_rt_func
 * whose code is the importing type's host adapter (emitted by codegen)
 * and whose ctx is a w2n_rt_host_closure; the adapter packs the Wasm
 * arguments into w2n_rt_value slots and calls w2n_rt_call_host, which
 * calls the closure's generic host function and turns a failure into a
 * trap in the caller.
 */
#include "rt_internal.h"

/* The exception a host function asked to throw (w2n_rt_set_pending),
 * raised once it has returned, so that host code needs no unwind
 * tables. */
static _Thread_local w2n_rt_exception *pending;

void w2n_rt_set_pending(w2n_rt_exception *exn)
{
	if (pending)
		w2n_rt_exn_free(pending);
	pending = exn;
}

void w2n_rt_call_host(w2n_rt_host_closure *closure, w2n_rt_value *vals)
{
	int failed = closure->fn(closure->env, closure->caller, vals);
	w2n_rt_exception *exn = pending;
	pending = NULL;
	if (exn && failed)
		w2n_rt_raise(exn);
	if (exn)
		w2n_rt_exn_free(exn);
	if (failed)
		w2n_rt_trap(closure->caller, UINT32_MAX, W2N_TRAP_HOST,
		            UINT32_MAX);
}

bool w2n_rt_host_func(w2n_rt_instance *inst, const w2n_rt_functype *type,
                      w2n_rt_host_fn *fn, void *env, w2n_rt_func *out)
{
	uint32_t id =
	    w2n_rt_type_id(type->nparams, type->nresults, type->types);
	w2n_rt_closure_node *node = w2n_rt_malloc(sizeof *node);
	if (id == 0 || !node) {
		w2n_rt_free(node);
		return false;
	}
	w2n_rt_instance_state *st = w2n_rt_state(inst);
	node->closure.fn = fn;
	node->closure.env = env;
	node->closure.caller = inst;
	node->next = st->closures;
	st->closures = node;
	out->code = type->host_adapter;
	out->ctx = &node->closure;
	out->type_id = id;
	out->tail = 0;
	return true;
}

void *w2n_host_memory(w2n_rt_instance *inst, uint32_t offset, uint32_t length)
{
	w2n_rt_memory *mem = w2n_rt_instance_memory(inst, 0);
	if (!mem || (uint64_t)offset + length > mem->size)
		return NULL;
	return mem->base + offset;
}

uint64_t w2n_host_memory_size(w2n_rt_instance *inst)
{
	w2n_rt_memory *mem = w2n_rt_instance_memory(inst, 0);
	return mem ? mem->size : 0;
}
