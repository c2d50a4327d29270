/*
 * bignum: arbitrary-precision arithmetic on 32-bit limbs with 64-bit
 * partial products (what a 32-bit target's bignum code does, and all
 * that WebAssembly has: no 64x64->128 multiply): schoolbook products of
 * numbers of a few hundred limbs, repeated squaring modulo nothing (a
 * Fibonacci-like recurrence with growth cut back), and conversion to
 * decimal by repeated division by 10^9.  Checksum: digits of results.
 *
 * bench-quick: 1
 */
#include <string.h>

#include "common.h"

#define LIMBS 512

/* r = a * b (na, nb limbs); r has na + nb limbs. */
static void mul(uint32_t *r, const uint32_t *a, uint32_t na, const uint32_t *b,
                uint32_t nb)
{
	memset(r, 0, (na + nb) * sizeof *r);
	for (uint32_t i = 0; i < na; i++) {
		uint64_t carry = 0;
		for (uint32_t j = 0; j < nb; j++) {
			uint64_t t = (uint64_t)a[i] * b[j] + r[i + j] + carry;
			r[i + j] = (uint32_t)t;
			carry = t >> 32;
		}
		r[i + nb] = (uint32_t)carry;
	}
}

/* a += b (n limbs), returns the carry. */
static uint32_t add(uint32_t *a, const uint32_t *b, uint32_t n)
{
	uint64_t carry = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t t = (uint64_t)a[i] + b[i] + carry;
		a[i] = (uint32_t)t;
		carry = t >> 32;
	}
	return (uint32_t)carry;
}

/* a /= d in place; returns the remainder. */
static uint32_t divide(uint32_t *a, uint32_t n, uint32_t d)
{
	uint64_t rem = 0;
	for (uint32_t i = n; i-- > 0;) {
		uint64_t cur = rem << 32 | a[i];
		a[i] = (uint32_t)(cur / d);
		rem = cur % d;
	}
	return (uint32_t)rem;
}

static uint64_t decimal_digest(const uint32_t *a, uint32_t n)
{
	uint32_t *t = bench_alloc(n * sizeof *t);
	memcpy(t, a, n * sizeof *t);
	uint64_t h = 0;
	for (;;) {
		while (n && t[n - 1] == 0)
			n--;
		if (!n)
			break;
		h = h * 1000003u + divide(t, n, 1000000000u);
	}
	free(t);
	return h;
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 60);
	uint32_t *a = bench_alloc(LIMBS * sizeof *a);
	uint32_t *b = bench_alloc(LIMBS * sizeof *b);
	uint32_t *p = bench_alloc(2 * LIMBS * sizeof *p);
	bench_rng r = bench_rng_new(31);
	for (uint32_t i = 0; i < LIMBS; i++) {
		a[i] = (uint32_t)bench_next(&r);
		b[i] = (uint32_t)bench_next(&r);
	}
	uint64_t h = 0;
	for (int32_t k = 0; k < rounds; k++) {
		for (int i = 0; i < 40; i++) {
			mul(p, a, LIMBS, b, LIMBS);
			/* keep the middle limbs: growth cut back, carries kept
			 */
			memcpy(b, a, LIMBS * sizeof *a);
			memcpy(a, p + LIMBS / 2, LIMBS * sizeof *a);
			a[0] |= 1;
			h += add(a, b, LIMBS);
		}
		h = h * 31 + decimal_digest(p, 2 * LIMBS);
	}
	printf("bignum rounds=%d h=%016llx\n", (int)rounds,
	       (unsigned long long)h);
	free(a);
	free(b);
	free(p);
	return 0;
}
