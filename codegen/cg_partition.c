/*
 * cg_partition.c - a module as partitions of its functions, compiled by a
 * pool of threads, each partition in an LLVM context of its own that is
 * built, optimised, written and disposed before the thread takes the next
 * one.  The validated module is shared read-only.
 *
 * The rule: defined functions in index order (toolchains lay out a
 * translation unit's functions together, so neighbours call each other)
 * are cut into runs of about cg_options.partition_instrs instructions
 * (default CG_PARTITION_INSTRS); a function
 * of half that or more gets a partition of its own, so that one huge
 * function does not hold up a run of small ones.  Small callees in other
 * partitions are copied in for inlining (cg_module.c).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "cg_internal.h"

enum { CG_PARTITION_INSTRS = 40000 };

/* Writes the first function of each function partition to `starts` (when
 * not NULL) and returns their number; 0 when the module is one unit. */
static uint32_t function_runs(const ir_module *m, const cg_options *o,
                              uint32_t *starts)
{
	uint64_t budget =
	    o->partition_instrs ? o->partition_instrs : CG_PARTITION_INSTRS;
	uint64_t total = 0;
	for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
		total += m->funcs[i].ncode;
	if (total <= budget)
		return 0;
	uint32_t n = 0;
	uint64_t run = 0;
	for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
		uint32_t size = m->funcs[i].ncode;
		bool alone = size >= CG_LARGE_FUNC_INSTRS;
		if (n == 0 || run >= budget || (alone && run > 0)) {
			if (starts)
				starts[n] = i;
			n++;
			run = 0;
		}
		run += alone ? budget : size;
	}
	return n;
}

uint32_t cg_partition_count(const ir_module *m, const cg_options *o)
{
	return 1 + function_runs(m, o, NULL);
}

/* The unit of partition `p`. */
static cg_unit partition_unit(const ir_module *m, const uint32_t *starts,
                              uint32_t nruns, uint32_t p)
{
	if (nruns == 0)
		return (cg_unit){.fbegin = m->nfunc_imports,
		                 .fend = m->nfuncs,
		                 .shared = true};
	if (p == 0)
		return (cg_unit){.fbegin = m->nfunc_imports,
		                 .fend = m->nfunc_imports,
		                 .shared = true,
		                 .split = true};
	uint32_t fbegin = starts[p - 1];
	return (cg_unit){.fbegin = fbegin,
	                 .fend = p < nruns ? starts[p] : m->nfuncs,
	                 .split = true,
	                 .large =
	                     m->funcs[fbegin].ncode >= CG_LARGE_FUNC_INSTRS};
}

typedef struct pool {
	const ir_module *m;
	const cg_options *o;
	const uint32_t *starts;
	uint32_t nruns, first, count;
	char *const *paths;
	atomic_uint next;
	atomic_bool failed;
	w2n_diags *diags;         /* one list per partition */
	double (*cpu)[CG_PHASES]; /* per partition */
} pool;

static void *work(void *arg)
{
	pool *p = arg;
	for (;;) {
		unsigned k = atomic_fetch_add(&p->next, 1);
		if (k >= p->count || atomic_load(&p->failed))
			return NULL;
		cg_unit u =
		    partition_unit(p->m, p->starts, p->nruns, p->first + k);
		if (!cg_compile_unit(p->m, p->o, &u, CG_EMIT_OBJECT,
		                     p->paths[k], p->cpu[k], &p->diags[k]))
			atomic_store(&p->failed, true);
	}
}

/* LLVM recurses over deeply nested code: threads get the main thread's
 * usual stack size at least. */
static bool start_thread(pthread_t *t, pool *p)
{
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 16u << 20);
	bool ok = pthread_create(t, &attr, work, p) == 0;
	pthread_attr_destroy(&attr);
	return ok;
}

/* The first failing partition's diagnostics move to `d`. */
static void collect(pool *p, cg_stats *st, w2n_diags *d)
{
	bool reported = false;
	for (uint32_t k = 0; k < p->count; k++) {
		double sum = 0;
		for (int ph = 0; ph < CG_PHASES; ph++) {
			st->cpu[ph] += p->cpu[k][ph];
			sum += p->cpu[k][ph];
		}
		if (sum > st->slowest_cpu) {
			st->slowest_cpu = sum;
			st->slowest = p->first + k;
		}
		w2n_diags *pd = &p->diags[k];
		if (pd->first && !reported) {
			w2n_diags_move(d, pd);
			reported = true;
		}
		w2n_diags_free(pd);
	}
}

bool cg_compile_partitions(const ir_module *m, const cg_options *o,
                           uint32_t first, uint32_t count, unsigned jobs,
                           char *const *paths, cg_stats *st, w2n_diags *d)
{
	cg_initialize_llvm();
	uint32_t nruns = function_runs(m, o, NULL);
	uint32_t *starts = w2n_xmalloc((nruns + 1) * sizeof *starts);
	function_runs(m, o, starts);
	W2N_ASSERT(first + count <= nruns + 1);
	pool p = {.m = m,
	          .o = o,
	          .starts = starts,
	          .nruns = nruns,
	          .first = first,
	          .count = count,
	          .paths = paths};
	atomic_init(&p.next, 0);
	atomic_init(&p.failed, false);
	p.diags = w2n_xmalloc((count + 1) * sizeof *p.diags);
	p.cpu = w2n_xmalloc((count + 1) * sizeof *p.cpu);
	memset(p.diags, 0, (count + 1) * sizeof *p.diags);
	memset(p.cpu, 0, (count + 1) * sizeof *p.cpu);
	unsigned n = jobs < 1 ? 1 : jobs > count ? count : jobs;
	pthread_t *threads = w2n_xmalloc((n + 1) * sizeof *threads);
	unsigned started = 0;
	/* The calling thread is one of the workers. */
	while (started + 1 < n && start_thread(&threads[started], &p))
		started++;
	work(&p);
	for (unsigned i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	st->threads = started + 1;
	collect(&p, st, d);
	bool ok = !atomic_load(&p.failed);
	free(threads);
	free(p.diags);
	free(p.cpu);
	free(starts);
	return ok;
}
