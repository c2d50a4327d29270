/*
 * sieve: segmented sieve of Eratosthenes up to SIZE million: one bit per
 * odd number, in 256 KiB segments so each stays in cache, crossed off
 * with the primes up to the square root (found with a byte sieve).
 * Stresses strided 64-bit read-modify-write, shifts and a bit-testing
 * count loop.  Checksum: the prime count and sum.
 *
 * bench-quick: 2
 */
#include <string.h>

#include "common.h"

#define SEGMENT_BITS (256 * 1024 * 8)

/* Small primes up to sqrt(limit) with a plain byte sieve. */
static uint32_t small_primes(uint32_t limit, uint32_t *out)
{
	uint8_t *composite = bench_alloc(limit + 1);
	memset(composite, 0, limit + 1);
	uint32_t count = 0;
	for (uint32_t i = 3; i <= limit; i += 2) {
		if (composite[i])
			continue;
		out[count++] = i;
		for (uint32_t j = i * i; j <= limit; j += 2 * i)
			composite[j] = 1;
	}
	free(composite);
	return count;
}

/* Bit i of the segment starting at odd number 'base' is base + 2i. */
static void sieve_segment(uint64_t *bits, uint64_t base, uint32_t nbits,
                          const uint32_t *primes, uint32_t nprimes,
                          uint64_t *first)
{
	memset(bits, 0, (nbits + 63) / 64 * 8);
	uint64_t end = base + 2 * (uint64_t)nbits;
	for (uint32_t k = 0; k < nprimes; k++) {
		uint64_t p = primes[k], m = first[k];
		if (p * p >= end)
			break;
		for (; m < end; m += 2 * p) {
			uint64_t i = (m - base) / 2;
			bits[i / 64] |= (uint64_t)1 << (i % 64);
		}
		first[k] = m;
	}
}

int main(int argc, char **argv)
{
	uint32_t millions = (uint32_t)bench_size(argc, argv, 700);
	uint64_t limit = (uint64_t)millions * 1000000;
	uint32_t root = 1;
	while ((uint64_t)root * root <= limit)
		root++;
	uint32_t *primes = bench_alloc(sizeof(uint32_t) * (root / 2 + 16));
	uint32_t nprimes = small_primes(root, primes);
	uint64_t *first = bench_alloc(sizeof(uint64_t) * (nprimes + 1));
	for (uint32_t k = 0; k < nprimes; k++)
		first[k] = (uint64_t)primes[k] * primes[k];
	uint64_t *bits = bench_alloc(SEGMENT_BITS / 8);
	uint64_t count = 1, sum = 2; /* the prime 2 */
	for (uint64_t base = 3; base < limit;
	     base += 2 * (uint64_t)SEGMENT_BITS) {
		uint64_t left = (limit - base + 1) / 2;
		uint32_t nbits =
		    left < SEGMENT_BITS ? (uint32_t)left : SEGMENT_BITS;
		sieve_segment(bits, base, nbits, primes, nprimes, first);
		for (uint32_t i = 0; i < nbits; i++)
			if (!(bits[i / 64] >> (i % 64) & 1)) {
				count++;
				sum += base + 2 * (uint64_t)i;
			}
	}
	printf("sieve limit=%llu primes=%llu sum=%llu\n",
	       (unsigned long long)limit, (unsigned long long)count,
	       (unsigned long long)sum);
	free(primes);
	free(first);
	free(bits);
	return 0;
}
