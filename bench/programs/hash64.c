/*
 * hash64: hashing with 64-bit multiplies and rotates, the shape of
 * today's fast non-cryptographic hashes: four 64-bit lanes each take 8
 * bytes per step (multiply, rotate, multiply), then a final avalanche;
 * hashed over buffers of many lengths (the tail handling matters for
 * short keys) and over one long buffer.  The mixing function is this
 * file's own.  Checksum: the xor of all hashes.
 *
 * bench-quick: 2
 */
#include <string.h>

#include "common.h"

#define K1 0x9fb21c651e98df25u
#define K2 0xc2b2ae3d27d4eb4fu
#define K3 0x165667b19e3779f9u

static inline uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t lane(uint64_t acc, uint64_t v)
{
	acc += v * K2;
	acc = rotl(acc, 29);
	return acc * K1;
}

static inline uint64_t avalanche(uint64_t h)
{
	h ^= h >> 31;
	h *= K3;
	h ^= h >> 27;
	h *= K1;
	return h ^ (h >> 33);
}

static uint64_t hash(const uint8_t *p, uint32_t n, uint64_t seed)
{
	uint64_t a = seed + K1, b = seed ^ K2, c = seed - K3, d = ~seed;
	uint32_t i = 0;
	for (; i + 32 <= n; i += 32) {
		a = lane(a, load64(p + i));
		b = lane(b, load64(p + i + 8));
		c = lane(c, load64(p + i + 16));
		d = lane(d, load64(p + i + 24));
	}
	uint64_t h = rotl(a, 1) + rotl(b, 7) + rotl(c, 12) + rotl(d, 18) + n;
	for (; i + 8 <= n; i += 8)
		h = rotl(h ^ lane(0, load64(p + i)), 27) * K1 + K3;
	for (; i < n; i++)
		h = rotl(h ^ (p[i] * K3), 11) * K2;
	return avalanche(h);
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 1200);
	uint32_t len = 1u << 22;
	uint8_t *buf = bench_alloc(len);
	bench_rng r = bench_rng_new(99);
	for (uint32_t i = 0; i < len; i++)
		buf[i] = (uint8_t)bench_next(&r);
	uint64_t x = 0;
	for (int32_t k = 0; k < rounds; k++) {
		x ^= hash(buf, len, (uint64_t)k);
		/* short keys of every length 0..63 */
		for (uint32_t off = 0; off + 64 < len / 4; off += 61)
			x ^= hash(buf + off, off % 64, x);
	}
	printf("hash64 rounds=%d x=%016llx\n", (int)rounds,
	       (unsigned long long)x);
	free(buf);
	return 0;
}
