/*
 * closures: a small interpreter of expression trees whose nodes carry
 * their evaluation function as a pointer (the "closure compilation"
 * style of fast tree-walkers): every node visit is an indirect call,
 * which in WebAssembly is a call_indirect with its table and signature
 * checks.  Random programs of arithmetic, comparisons, conditionals and
 * variables are evaluated over many inputs.  Checksum: the sum of the
 * results.
 *
 * bench-quick: 2
 */
#include <stdbool.h>

#include "common.h"

typedef struct expr expr;
/* Values wrap (uint64_t): random trees overflow, and signed overflow
 * would be undefined. */
typedef uint64_t (*eval_fn)(const expr *, uint64_t *vars);

struct expr {
	eval_fn eval;
	const expr *a, *b, *c;
	uint64_t k;
};

static uint64_t e_const(const expr *e, uint64_t *v)
{
	(void)v;
	return e->k;
}
static uint64_t e_var(const expr *e, uint64_t *v)
{
	return v[e->k];
}
static uint64_t e_add(const expr *e, uint64_t *v)
{
	return e->a->eval(e->a, v) + e->b->eval(e->b, v);
}
static uint64_t e_sub(const expr *e, uint64_t *v)
{
	return e->a->eval(e->a, v) - e->b->eval(e->b, v);
}
static uint64_t e_mul(const expr *e, uint64_t *v)
{
	return e->a->eval(e->a, v) * e->b->eval(e->b, v);
}
static uint64_t e_less(const expr *e, uint64_t *v)
{
	return (int64_t)e->a->eval(e->a, v) < (int64_t)e->b->eval(e->b, v);
}
static uint64_t e_if(const expr *e, uint64_t *v)
{
	return e->a->eval(e->a, v) ? e->b->eval(e->b, v) : e->c->eval(e->c, v);
}
static uint64_t e_set(const expr *e, uint64_t *v)
{
	return v[e->k] = e->a->eval(e->a, v) & 0xffff;
}

static const eval_fn ops[] = {e_add, e_sub, e_mul, e_less, e_if, e_set};

#define POOL (1u << 20)
static expr *pool;
static uint32_t used;

static const expr *build(bench_rng *r, int depth)
{
	expr *e = &pool[used++];
	*e = (expr){0};
	if (depth == 0 || bench_below(r, 8) == 0 || used + 3 >= POOL) {
		bool var = bench_below(r, 2);
		e->eval = var ? e_var : e_const;
		e->k = var ? bench_below(r, 4)
		           : (uint64_t)bench_below(r, 100) - 50;
		return e;
	}
	uint32_t op = bench_below(r, sizeof ops / sizeof *ops);
	e->eval = ops[op];
	e->a = build(r, depth - 1);
	e->b = build(r, depth - 1);
	if (ops[op] == e_if)
		e->c = build(r, depth - 1);
	if (ops[op] == e_set)
		e->k = bench_below(r, 4);
	return e;
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 3);
	pool = bench_alloc(sizeof *pool * POOL);
	bench_rng r = bench_rng_new(1234);
	const expr *progs[64];
	for (int i = 0; i < 64; i++)
		progs[i] = build(&r, 9);
	uint64_t sum = 0;
	for (int32_t k = 0; k < rounds; k++)
		for (int32_t x = 0; x < 2000; x++) {
			uint64_t vars[4] = {(uint64_t)x, (uint64_t)k,
			                    (uint64_t)(x ^ k), 3};
			for (int i = 0; i < 64; i++)
				sum += progs[i]->eval(progs[i], vars);
		}
	printf("closures rounds=%d nodes=%u sum=%016llx\n", (int)rounds,
	       (unsigned)used, (unsigned long long)sum);
	free(pool);
	return 0;
}
