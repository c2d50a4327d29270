/*
 * limits.c - what one instance may take (w2n_rt_resource_limits): the
 * size its memories and tables may grow to, and the native stack its
 * Wasm code may use.
 *
 * The stack limit costs generated code nothing: calls into an instance
 * with one run on a stack of that size, mapped by the runtime with a
 * guard page below it, whose bounds replace the thread's in the trap
 * handler's view (trap.c).  Running off it faults in the guard page, and
 * the handler turns the fault into the usual "call stack exhausted".
 */
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "rt_internal.h"

enum { PAGE_BYTES = 65536 };

void w2n_rt_resource_limits_init(w2n_rt_resource_limits *l)
{
	l->max_memory_bytes = UINT64_MAX;
	l->max_table_elems = UINT64_MAX;
	l->max_stack_bytes = 0;
}

static const w2n_rt_resource_limits *limits_of(const w2n_rt_instance *inst)
{
	return &w2n_rt_state(inst)->limits;
}

bool w2n_rt_limits_allow_memory(const w2n_rt_instance *inst, uint64_t pages,
                                uint64_t delta)
{
	uint64_t max = limits_of(inst)->max_memory_bytes / PAGE_BYTES;
	return pages <= max && delta <= max - pages;
}

bool w2n_rt_limits_allow_table(const w2n_rt_instance *inst, uint64_t size,
                               uint64_t delta)
{
	uint64_t max = limits_of(inst)->max_table_elems;
	return size <= max && delta <= max - size;
}

/* Refuses an instance whose `what` `index` starts at `size` `unit`s,
 * past the instance's `limit`. */
static bool refuse(w2n_rt_error *err, const char *what, uint32_t index,
                   uint64_t size, uint64_t limit, const char *unit)
{
	return w2n_rt_error_set(err, W2N_RT_ERROR_HOST,
	                        "%s %u of %llu %s exceeds the instance's "
	                        "limit of %llu %s",
	                        what, index, (unsigned long long)size, unit,
	                        (unsigned long long)limit, unit);
}

bool w2n_rt_limits_check(w2n_rt_instance *inst, w2n_rt_error *err)
{
	const w2n_rt_module *m = w2n_rt_instance_module(inst);
	const w2n_rt_resource_limits *l = limits_of(inst);
	for (uint32_t i = m->nmemory_imports; i < m->nmemories; i++)
		if (!w2n_rt_limits_allow_memory(inst, m->memories[i].min, 0))
			return refuse(err, "memory", i,
			              m->memories[i].min * PAGE_BYTES,
			              l->max_memory_bytes, "bytes");
	for (uint32_t i = m->ntable_imports; i < m->ntables; i++)
		if (!w2n_rt_limits_allow_table(inst, m->tables[i].min, 0))
			return refuse(err, "table", i, m->tables[i].min,
			              l->max_table_elems, "elements");
	return true;
}

/* ---- Running on a stack of a limited size ---- */

/* A protected call to make on the limited stack, and where to return. */
typedef struct stack_call {
	w2n_rt_protected_fn *fn;
	void *arg;
	w2n_rt_error *err;
	bool ok;
	ucontext_t back;
} stack_call;

/* The call the limited stack of this thread runs, if any: makecontext
 * passes only ints, and calls made meanwhile must stay on it. */
static _Thread_local stack_call *current;

static void on_limited_stack(void)
{
	stack_call *c = current;
	c->ok = w2n_rt_run_protected(c->fn, c->arg, c->err);
} /* returns to c->back (uc_link) */

/* Maps `size` bytes of stack with a guard page below: its low end in
 * *lo, NULL when out of memory. */
static char *map_stack(size_t size, size_t page, char **lo)
{
	if (w2n_rt_alloc_injected())
		return NULL;
	char *p = mmap(NULL, size + page, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (mprotect(p, page, PROT_NONE) != 0) {
		munmap(p, size + page);
		return NULL;
	}
	*lo = p + page;
	return p;
}

/* Runs `c` on [lo, lo + size) with that as the thread's stack bounds. */
static bool switch_and_run(stack_call *c, char *lo, size_t size, size_t page)
{
	ucontext_t uc;
	if (getcontext(&uc) != 0)
		return w2n_rt_error_set(c->err, W2N_RT_ERROR_RESOURCE,
		                        "cannot switch stacks");
	uc.uc_stack.ss_sp = lo;
	uc.uc_stack.ss_size = size;
	uc.uc_link = &c->back;
	makecontext(&uc, on_limited_stack, 0);
	uintptr_t bounds_lo = (uintptr_t)lo, guard = page;
	w2n_rt_stack_bounds_swap(&bounds_lo, &guard);
	current = c;
	bool switched = swapcontext(&c->back, &uc) == 0;
	current = NULL;
	w2n_rt_stack_bounds_swap(&bounds_lo, &guard);
	if (!switched)
		return w2n_rt_error_set(c->err, W2N_RT_ERROR_RESOURCE,
		                        "cannot switch stacks");
	return c->ok;
}

bool w2n_rt_run_limited(const w2n_rt_instance *inst, w2n_rt_protected_fn *fn,
                        void *arg, w2n_rt_error *err)
{
	uint64_t want = limits_of(inst)->max_stack_bytes;
	if (want == 0 || current) /* no limit, or already on one */
		return w2n_rt_run_protected(fn, arg, err);
	if (!w2n_rt_thread_setup(err))
		return false;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t size = (size_t)((want + page - 1) / page * page);
	char *lo, *map = map_stack(size, page, &lo);
	if (!map)
		return w2n_rt_error_set(err, W2N_RT_ERROR_RESOURCE,
		                        "out of memory: a stack of %zu bytes",
		                        size);
	stack_call c = {fn, arg, err, false, {0}};
	bool ok = switch_and_run(&c, lo, size, page);
	munmap(map, size + page);
	return ok;
}
