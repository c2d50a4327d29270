/*
 * backtrace.c - where a trap happened (docs/backtraces.md): the Wasm
 * frames on the stack, innermost first, each as its module, function and
 * the module offset of the instruction it was at.
 *
 * At the trap (w2n_rt_trap, or the fault handler on its signal stack)
 * w2n_rt_trace_capture records each frame's code address and its
 * function's start with libgcc's unwinder, allocating nothing.  Once the
 * trap has unwound to its protected call, w2n_rt_trace_resolve names
 * them: the function by its start among the code of the modules that
 * have instances (the registry below); the offset from the line table
 * the compiler emits beside the code (lines.c), or, for a trap the code
 * checked for, the offset it passed.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unwind.h>

#include "rt_internal.h"

/* ---- Capture ---- */

/* The address of the first instruction of code at `p`: on 32-bit ARM a
 * pointer to Thumb code has its low bit set, which unwinding drops. */
static uintptr_t code_address(uintptr_t p)
{
#ifdef __arm__
	return p & ~(uintptr_t)1;
#else
	return p;
#endif
}

typedef struct walk {
	w2n_rt_trace *t;
	uintptr_t fault;   /* a fault's address, or 0 */
	uintptr_t outer;   /* frames at or above this address are the host's */
	bool before_fault; /* still in the signal handler's frames */
} walk;

/* Whether the frame is outside the protected call whose trap point is at
 * `outer` on the stack.  (ARM's EHABI unwinder has no CFA; there the
 * protected call's own frame is where the walk stops.) */
static bool beyond(struct _Unwind_Context *ctx, uintptr_t outer)
{
#ifdef __ARM_EABI_UNWINDER__
	(void)ctx;
	(void)outer;
	return false;
#else
	return _Unwind_GetCFA(ctx) > outer;
#endif
}

static _Unwind_Reason_Code step(struct _Unwind_Context *ctx, void *arg)
{
	walk *w = arg;
	int exact = 0;
	uintptr_t ip = _Unwind_GetIPInfo(ctx, &exact);
	uintptr_t start = code_address(_Unwind_GetRegionStart(ctx));
	if (w->before_fault) {
		/* Frames until the one the signal interrupted are the
		 * handler's, on its own stack. */
		w->before_fault = !(exact && ip == w->fault);
		if (w->before_fault)
			return _URC_NO_REASON;
	} else if (start == code_address((uintptr_t)&w2n_rt_run_protected) ||
	           beyond(ctx, w->outer)) {
		return _URC_END_OF_STACK; /* the protected call: done */
	}
	/* No unwind entry: not Wasm code, unless it is the faulting frame
	 * (found by address then; a leaf compiled without tables, say). */
	w2n_rt_trace *t = w->t;
	if (!start && t->n > 0)
		return _URC_NO_REASON;
	if (t->n == W2N_RT_TRACE_MAX) {
		t->more = true;
		return _URC_END_OF_STACK;
	}
	/* A return address is past its call: look up the call itself (the
	 * Thumb bit of ARM's is the 1 off). */
	t->pc[t->n] = exact ? ip : ip - 1;
	t->start[t->n++] = start;
	return _URC_NO_REASON;
}

void w2n_rt_trace_capture(w2n_rt_trace *t, uintptr_t fault,
                          const void *boundary)
{
	t->n = 0;
	t->more = false;
	walk w = {t, fault, (uintptr_t)boundary, fault != 0};
	_Unwind_Backtrace(step, &w);
	if (fault && w.before_fault) {
		/* The unwinder did not get through the signal frame: the
		 * faulting instruction alone, its function found by address. */
		t->pc[0] = fault;
		t->start[0] = 0;
		t->n = 1;
	}
}

/* ---- The modules that have instances ---- */

/* A function's first instruction. */
typedef struct code_start {
	uintptr_t start;
	uint32_t func;
} code_start;

typedef struct module_entry {
	const w2n_rt_module *m;
	uint32_t instances;
	code_start *code; /* sorted by start */
	uint32_t ncode;
} module_entry;

static struct {
	pthread_mutex_t lock;
	module_entry *v;
	uint32_t n, cap;
} registry = {.lock = PTHREAD_MUTEX_INITIALIZER};

static module_entry *entry_of(const w2n_rt_module *m)
{
	for (uint32_t i = 0; i < registry.n; i++)
		if (registry.v[i].m == m)
			return &registry.v[i];
	return NULL;
}

static int by_start(const void *a, const void *b)
{
	uintptr_t x = ((const code_start *)a)->start;
	uintptr_t y = ((const code_start *)b)->start;
	return (x > y) - (x < y);
}

/* Makes e->code: every defined function's code and tail entry, sorted. */
static bool index_code(module_entry *e)
{
	const w2n_rt_module *m = e->m;
	uint32_t n = m->nfuncs - m->nfunc_imports;
	e->code = w2n_rt_malloc((2 * (size_t)n + 1) * sizeof *e->code);
	if (!e->code)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t func = m->nfunc_imports + i;
		e->code[e->ncode++] = (code_start){
		    code_address((uintptr_t)m->func_code[i]), func};
		if (m->func_tail_code && m->func_tail_code[i])
			e->code[e->ncode++] = (code_start){
			    code_address((uintptr_t)m->func_tail_code[i]),
			    func};
	}
	qsort(e->code, e->ncode, sizeof *e->code, by_start);
	return true;
}

/* A new entry for `m`, indexed; NULL when out of memory. */
static module_entry *new_entry(const w2n_rt_module *m)
{
	if (registry.n == registry.cap) {
		uint32_t cap = registry.cap ? 2 * registry.cap : 8;
		module_entry *v =
		    w2n_rt_realloc(registry.v, cap * sizeof *registry.v);
		if (!v)
			return NULL;
		registry.v = v;
		registry.cap = cap;
	}
	module_entry *e = &registry.v[registry.n];
	*e = (module_entry){.m = m};
	if (!index_code(e))
		return NULL;
	registry.n++;
	return e;
}

bool w2n_rt_trace_add_module(const w2n_rt_module *m)
{
	pthread_mutex_lock(&registry.lock);
	module_entry *e = entry_of(m);
	if (!e)
		e = new_entry(m);
	if (e)
		e->instances++;
	pthread_mutex_unlock(&registry.lock);
	return e != NULL;
}

void w2n_rt_trace_remove_module(const w2n_rt_module *m)
{
	pthread_mutex_lock(&registry.lock);
	module_entry *e = entry_of(m);
	if (e && --e->instances == 0) {
		w2n_rt_free(e->code);
		*e = registry.v[--registry.n];
	}
	if (registry.n == 0) { /* nothing left for leak checkers to see */
		w2n_rt_free(registry.v);
		registry.v = NULL;
		registry.cap = 0;
	}
	pthread_mutex_unlock(&registry.lock);
}

/* The last function of `e` starting at or before `pc`, or NULL. */
static const code_start *last_before(const module_entry *e, uintptr_t pc)
{
	uint32_t a = 0, b = e->ncode;
	while (a < b) {
		uint32_t mid = a + (b - a) / 2;
		if (e->code[mid].start <= pc)
			a = mid + 1;
		else
			b = mid;
	}
	return a ? &e->code[a - 1] : NULL;
}

/* The Wasm function a frame is in: the one starting exactly at `start`
 * (the unwind tables' start of the frame's function); with no start
 * known, the closest one before `pc`. */
static bool find_function(uintptr_t pc, uintptr_t start, w2n_rt_frame *f)
{
	const code_start *best = NULL;
	const w2n_rt_module *bm = NULL;
	for (uint32_t i = 0; i < registry.n; i++) {
		const code_start *c =
		    last_before(&registry.v[i], start ? start : pc);
		if (c && (start ? c->start == start
		                : !best || c->start > best->start)) {
			best = c;
			bm = registry.v[i].m;
			if (start)
				break;
		}
	}
	if (!best)
		return false;
	*f = (w2n_rt_frame){
	    .module = bm, .func = best->func, .offset = UINT32_MAX};
	return true;
}

/* ---- Scratch memory ---- */

void *w2n_rt_scratch(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void w2n_rt_scratch_free(void *p, size_t size)
{
	if (p)
		munmap(p, size);
}

/* ---- Names ---- */

const char *w2n_rt_func_name(const w2n_rt_module *m, uint32_t func)
{
	const char *name = m->func_names ? m->func_names[func] : NULL;
	if (name && name[0])
		return name;
	for (uint32_t i = 0; i < m->nexports; i++)
		if (m->exports[i].kind == W2N_RT_EXTERN_FUNC &&
		    m->exports[i].index == func)
			return m->exports[i].name;
	return NULL;
}

/* ---- Resolution ---- */

/* The defined function of `m` whose body holds module offset `offset`,
 * else `func` (the body offsets ascend). */
static uint32_t function_at(const w2n_rt_module *m, uint32_t offset,
                            uint32_t func)
{
	uint32_t n = m->nfuncs - m->nfunc_imports, a = 0, b = n;
	if (!m->func_offsets || offset == UINT32_MAX)
		return func;
	while (a < b) {
		uint32_t mid = a + (b - a) / 2;
		if (m->func_offsets[mid] <= offset)
			a = mid + 1;
		else
			b = mid;
	}
	return a ? m->nfunc_imports + a - 1 : func;
}

/* Appends a frame to err->frames; false when they are full. */
static bool add_frame(w2n_rt_error *err, const w2n_rt_module *m, uint32_t func,
                      uint32_t offset)
{
	if (err->nframes == W2N_RT_FRAMES_MAX) {
		err->more_frames = true;
		return false;
	}
	err->frames[err->nframes++] =
	    (w2n_rt_frame){.module = m,
	                   .func = function_at(m, offset, func),
	                   .offset = offset};
	return true;
}

/* Adds the frames of physical frame `f` at `loc`: the instruction, then
 * the calls that inlined it, innermost first; `offset`, when known, is
 * the instruction's. */
static bool add_frames(w2n_rt_error *err, const w2n_rt_frame *f,
                       const w2n_rt_location *loc, uint32_t offset)
{
	if (offset == UINT32_MAX)
		offset = loc->line;
	if (!add_frame(err, f->module, f->func, offset))
		return false;
	for (uint32_t k = loc->ncalls; k-- > 0;)
		if (!add_frame(err, f->module, f->func, loc->calls[k]))
			return false;
	return true;
}

void w2n_rt_trace_resolve(const w2n_rt_trace *t, uint32_t offset,
                          w2n_rt_error *err)
{
	/* Not on the stack: this may run on a small limited one. */
	struct work {
		w2n_rt_frame phys[W2N_RT_FRAMES_MAX];
		uintptr_t pcs[W2N_RT_FRAMES_MAX];
		w2n_rt_location locs[W2N_RT_FRAMES_MAX];
	} *w = w2n_rt_scratch(sizeof *w);
	uint32_t n = 0, nask = 0;
	err->nframes = 0;
	err->more_frames = t->more;
	if (!w)
		return;
	pthread_mutex_lock(&registry.lock);
	for (uint32_t i = 0; i < t->n && n < W2N_RT_FRAMES_MAX; i++)
		if (find_function(t->pc[i], t->start[i], &w->phys[n]))
			w->pcs[n++] = t->pc[i];
	pthread_mutex_unlock(&registry.lock);
	/* The DWARF of the frames whose modules have offsets as lines. */
	uintptr_t asked[W2N_RT_FRAMES_MAX];
	for (uint32_t i = 0; i < n; i++)
		if (w->phys[i].module->line_table == W2N_RT_LINES_OFFSETS)
			asked[nask++] = w->pcs[i];
	if (nask)
		w2n_rt_locate(asked, w->locs, nask);
	for (uint32_t i = 0, k = 0; i < n; i++) {
		static const w2n_rt_location none = {.line = UINT32_MAX};
		bool has =
		    w->phys[i].module->line_table == W2N_RT_LINES_OFFSETS;
		if (!add_frames(err, &w->phys[i], has ? &w->locs[k++] : &none,
		                i == 0 ? offset : UINT32_MAX))
			break;
	}
	w2n_rt_scratch_free(w, sizeof *w);
	/* A fault, or generated code's trap, which names no module: the
	 * trap is in frame 0. */
	if (err->nframes && err->func == UINT32_MAX) {
		err->module = err->frames[0].module;
		err->func = err->frames[0].func;
	} else if (err->nframes && !err->module) {
		err->module = err->frames[0].module;
	}
}
