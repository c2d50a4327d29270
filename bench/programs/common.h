/*
 * Shared helpers for the benchmark programs: the size argument and a
 * small deterministic PRNG.  Every program is built twice, natively and
 * for wasm32-wasi, so only fixed-width integer types appear in anything
 * that reaches the checksum ('long' and 'size_t' differ between the two).
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The first argument, if any, as a positive size; DEFAULT otherwise. */
static inline int32_t bench_size(int argc, char **argv, int32_t fallback)
{
	if (argc < 2)
		return fallback;
	long v = strtol(argv[1], NULL, 10);
	if (v <= 0 || v > INT32_MAX) {
		fprintf(stderr, "bad size '%s'\n", argv[1]);
		exit(2);
	}
	return (int32_t)v;
}

/* xorshift64* (Vigna): fast, deterministic, good enough for test data. */
typedef struct {
	uint64_t s;
} bench_rng;

static inline bench_rng bench_rng_new(uint64_t seed)
{
	bench_rng r = {seed ? seed : 0x9e3779b97f4a7c15u};
	return r;
}

static inline uint64_t bench_next(bench_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1du;
}

/* Uniform in [0, n) (slightly biased; irrelevant here). */
static inline uint32_t bench_below(bench_rng *r, uint32_t n)
{
	return (uint32_t)((bench_next(r) >> 32) % n);
}

/* Uniform double in [0, 1) from the top 53 bits. */
static inline double bench_unit(bench_rng *r)
{
	return (double)(bench_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Allocate or die: out of memory is not a benchmark result. */
static inline void *bench_alloc(uint64_t bytes)
{
	void *p = malloc((size_t)bytes);
	if (!p) {
		fprintf(stderr, "out of memory (%llu bytes)\n",
		        (unsigned long long)bytes);
		exit(3);
	}
	return p;
}

#endif
