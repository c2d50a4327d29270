/*
 * memmove: memory movement through the C library, as programs do it:
 * memcpy of blocks from 16 bytes to 64 KiB between random offsets of a
 * 16 MiB arena, overlapping memmove both ways, memset of runs, and a
 * compaction pass that slides live records down.  In WebAssembly these
 * are wasi-libc's memcpy/memmove/memset, compiled into the module.
 * Checksum: an FNV-style fold of the arena after every round.
 *
 * bench-quick: 2
 */
#include <string.h>

#include "common.h"

#define ARENA (16u << 20)

static uint64_t fold(const uint8_t *p, uint32_t n)
{
	uint64_t h = 1469598103934665603u;
	for (uint32_t i = 0; i < n; i += 4096)
		h = (h ^ p[i]) * 1099511628211u;
	return h;
}

/* A block size from 16 bytes to 64 KiB, small ones more often. */
static uint32_t block(bench_rng *r)
{
	uint32_t shift = 4 + bench_below(r, 13);
	return (1u << shift) + bench_below(r, 1u << shift);
}

static void round_of_moves(uint8_t *a, bench_rng *r)
{
	for (int32_t i = 0; i < 4000; i++) {
		uint32_t n = block(r);
		uint32_t from = bench_below(r, ARENA - n);
		uint32_t to = bench_below(r, ARENA - n);
		switch (bench_below(r, 4)) {
		case 0:
			if (from + n <= to || to + n <= from)
				memcpy(a + to, a + from, n);
			break;
		case 1: memmove(a + to, a + from, n); break;
		case 2:
			/* overlapping by a few bytes either way */
			to = from + n / 7 < ARENA - n ? from + n / 7 : from;
			memmove(a + to, a + from, n);
			memmove(a + from, a + to, n);
			break;
		default: memset(a + to, (int)(i & 0xff), n); break;
		}
	}
}

/* Slides every other 256-byte record down over the dropped ones. */
static void compact(uint8_t *a)
{
	uint32_t out = 0;
	for (uint32_t in = 0; in + 256 <= ARENA; in += 512, out += 256)
		memmove(a + out, a + in, 256);
	memset(a + out, 0x5a, ARENA - out);
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 400);
	uint8_t *a = bench_alloc(ARENA);
	bench_rng r = bench_rng_new(7);
	for (uint32_t i = 0; i < ARENA; i++)
		a[i] = (uint8_t)(i * 131 + (i >> 9));
	uint64_t h = 0;
	for (int32_t k = 0; k < rounds; k++) {
		round_of_moves(a, &r);
		if (k % 8 == 7)
			compact(a);
		h = h * 31 + fold(a, ARENA);
	}
	printf("memmove rounds=%d hash=%016llx\n", (int)rounds,
	       (unsigned long long)h);
	free(a);
	return 0;
}
