/*
 * rt_internal.h - what the runtime's files share with each other and with
 * nobody else: allocation beyond alloc.h, protected calls, the guard
 * registry the signal handler reads, and the private per-instance state.
 */
#ifndef W2N_RT_INTERNAL_H
#define W2N_RT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "instance.h"

/* ---- Allocation (alloc.c, beyond alloc.h). ---- */

/* Whether the next allocation must fail (injection); counts it.  For
 * what does not go through w2n_rt_malloc: mmap, mprotect growth. */
bool w2n_rt_alloc_injected(void);

/* `size` zeroed bytes aligned to 16; free with w2n_rt_free. */
void *w2n_rt_zalloc16(size_t size);

/* ---- Protected calls (trap.c). ---- */

typedef void w2n_rt_protected_fn(void *arg);

/*
 * Runs fn(arg) with a trap point pushed on this thread's chain: a trap
 * (w2n_rt_trap or a fault the signal handler recognises) unwinds back
 * here.  Sets up this thread's signal stack on first use.  Returns false
 * with `err` (may be NULL) filled on a trap or set-up failure.
 */
bool w2n_rt_run_protected(w2n_rt_protected_fn *fn, void *arg,
                          w2n_rt_error *err);

/* Fills `err` (may be NULL) for a trap of `kind`. */
void w2n_rt_error_trap(w2n_rt_error *err, uint32_t kind,
                       const w2n_rt_module *module, uint32_t func);

/* The innermost protected call's frame on this thread (the address of
 * its trap point), or NULL outside Wasm: exceptions unwind no further. */
void *w2n_rt_protected_boundary(void);

/* Ends the innermost protected call with `exn` uncaught (kind
 * EXCEPTION); the thread keeps the object until its next one. */
_Noreturn void w2n_rt_deliver_exception(w2n_rt_exception *exn);

/* ---- Backtraces (backtrace.c, lines.c; docs/backtraces.md) ---- */

/* The frames on the stack at a trap, as code addresses. */
enum { W2N_RT_TRACE_MAX = 2 * W2N_RT_FRAMES_MAX };
typedef struct w2n_rt_trace {
	uintptr_t pc[W2N_RT_TRACE_MAX];    /* the instruction a frame is at */
	uintptr_t start[W2N_RT_TRACE_MAX]; /* its function's, 0: unknown */
	uint32_t n;
	bool more; /* deeper frames were left out */
} w2n_rt_trace;

/* Records the frames from the caller up to the protected call whose
 * trap point is `boundary`; from a signal handler, `fault` is the
 * faulting instruction (frames before it are the handler's), else 0.
 * Allocates nothing. */
void w2n_rt_trace_capture(w2n_rt_trace *t, uintptr_t fault,
                          const void *boundary);
/* Fills err->frames from `t`: its Wasm frames, the innermost at
 * `offset` if known (not UINT32_MAX); sets err->func and err->module
 * from it when the trap had none. */
void w2n_rt_trace_resolve(const w2n_rt_trace *t, uint32_t offset,
                          w2n_rt_error *err);
/* Module `m` has one more instance, or one fewer: backtraces name the
 * functions of modules with instances.  False when out of memory. */
bool w2n_rt_trace_add_module(const w2n_rt_module *m);
void w2n_rt_trace_remove_module(const w2n_rt_module *m);
/* Where a code address is in the module, from the DWARF of the object
 * holding it: the line of its row (a module offset), and when it is in
 * code inlined into its function, the call lines that inlined it, the
 * outermost call first. */
enum { W2N_RT_INLINE_MAX = 16 };
typedef struct w2n_rt_location {
	uint32_t line; /* UINT32_MAX: none */
	uint32_t ncalls;
	uint32_t calls[W2N_RT_INLINE_MAX];
} w2n_rt_location;
/* locs[i]: where pcs[i] is; n <= W2N_RT_FRAMES_MAX.  What it needs
 * beyond the stack comes from w2n_rt_scratch. */
void w2n_rt_locate(const uintptr_t *pcs, w2n_rt_location *locs, uint32_t n);

/* Memory for the work after a trap, outside the allocation hook (a trap
 * is reported whatever memory is left): mapped pages, or NULL. */
void *w2n_rt_scratch(size_t size);
void w2n_rt_scratch_free(void *p, size_t size);

/* ---- Exceptions (exception.c), beyond abi.def's helpers. ---- */

/* Raises `exn` (from w2n_rt_exn_new) as throw does. */
_Noreturn void w2n_rt_raise(w2n_rt_exception *exn);

/* Fills `err` (may be NULL) for the uncaught exception `exn`. */
void w2n_rt_error_exception(w2n_rt_error *err, const w2n_rt_exception *exn);

/* ---- Guard registry (memory.c), read by the signal handler. ---- */

/* Whether `addr` lies in the reservation of a live GUARD memory.
 * Async-signal-safe and lock-free. */
bool w2n_rt_guard_contains(uintptr_t addr);

/* ---- Instances (instance.c, host.c). ---- */

/* A host closure owned by an instance (host.c). */
typedef struct w2n_rt_closure_node {
	w2n_rt_host_closure closure; /* first: ctx points here */
	struct w2n_rt_closure_node *next;
} w2n_rt_closure_node;

/* The runtime's private part of an instance (header->runtime). */
typedef struct w2n_rt_instance_state {
	w2n_rt_closure_node *closures;
	struct w2n_rt_instance_state *next_failed; /* parked list link */
	w2n_rt_instance *inst;
	w2n_rt_interrupt_fn *on_interrupt; /* w2n_rt_set_interrupt_handler */
	void *interrupt_env;
	w2n_rt_resource_limits limits;
	uint32_t nelems;
	void **elem_items[]; /* what elems[i].items was allocated as */
} w2n_rt_instance_state;

/* Makes a new instance's interruption state (interrupt.c): the epoch
 * counter, no deadline, unlimited fuel. */
void w2n_rt_interrupt_init(w2n_rt_instance *inst);

/* ---- Resource limits (limits.c) ---- */

/* Whether the instance's limits let its memory (table) `index`, of
 * `pages` pages (`size` elements), grow by `delta`. */
bool w2n_rt_limits_allow_memory(const w2n_rt_instance *inst, uint64_t pages,
                                uint64_t delta);
bool w2n_rt_limits_allow_table(const w2n_rt_instance *inst, uint64_t size,
                               uint64_t delta);

/* Checks the instance's own memories and tables against its limits; false
 * with `err` filled (HOST) when one starts above them. */
bool w2n_rt_limits_check(w2n_rt_instance *inst, w2n_rt_error *err);

/*
 * w2n_rt_run_protected on a stack of the instance's stack limit (none:
 * on the thread's own stack): a stack of that size with a guard page
 * below, whose bounds the signal handler knows, so that deeper calls trap
 * with "call stack exhausted".  Calls made while one runs (a host
 * function calling back into Wasm) stay on it.
 */
bool w2n_rt_run_limited(const w2n_rt_instance *inst, w2n_rt_protected_fn *fn,
                        void *arg, w2n_rt_error *err);

/* ---- Thread stacks (trap.c) ---- */

/* Sets this thread up for protected calls (as their first use does). */
bool w2n_rt_thread_setup(w2n_rt_error *err);

/* Swaps this thread's stack bounds (low end, guard size below it) that
 * the signal handler tells stack overflow by with *lo and *guard. */
void w2n_rt_stack_bounds_swap(uintptr_t *lo, uintptr_t *guard);

/* The private state of `inst`. */
static inline w2n_rt_instance_state *w2n_rt_state(const w2n_rt_instance *inst)
{
	return ((const w2n_rt_instance_header *)(const void *)inst)->runtime;
}

/* The instance's arrays, at their layout offsets. */
static inline w2n_rt_table **w2n_rt_tables_of(const w2n_rt_instance *inst)
{
	return w2n_rt_instance_slot(
	    inst, w2n_rt_instance_module(inst)->layout.tables);
}

static inline w2n_rt_memory **w2n_rt_memories_of(const w2n_rt_instance *inst)
{
	return w2n_rt_instance_slot(
	    inst, w2n_rt_instance_module(inst)->layout.memories);
}

static inline w2n_rt_elem_segment *w2n_rt_elems_of(const w2n_rt_instance *inst)
{
	return w2n_rt_instance_slot(inst,
	                            w2n_rt_instance_module(inst)->layout.elems);
}

static inline w2n_rt_data_segment *w2n_rt_datas_of(const w2n_rt_instance *inst)
{
	return w2n_rt_instance_slot(inst,
	                            w2n_rt_instance_module(inst)->layout.datas);
}

static inline w2n_rt_tag **w2n_rt_tags_of(const w2n_rt_instance *inst)
{
	return w2n_rt_instance_slot(inst,
	                            w2n_rt_instance_module(inst)->layout.tags);
}

static inline uint32_t *w2n_rt_type_ids_of(const w2n_rt_instance *inst)
{
	return w2n_rt_instance_slot(
	    inst, w2n_rt_instance_module(inst)->layout.type_ids);
}

#endif
