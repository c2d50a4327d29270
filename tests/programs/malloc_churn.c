// Heap churn: a deterministic mix of malloc, calloc, realloc and free over
// many live blocks of varied sizes, each filled with a pattern that is
// checked before it is freed or resized; then a few large blocks that make
// the heap (and so the Wasm memory) grow.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 1024, ROUNDS = 200000 };

static uint32_t rng_state = 0x12345678u;

static uint32_t next(void)
{
	/* xorshift32 */
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

static uint32_t pick_size(void)
{
	uint32_t r = next() % 100;
	if (r < 60)
		return 1 + next() % 64;
	if (r < 95)
		return 65 + next() % 4000;
	return 4096 + next() % 200000;
}

typedef struct {
	unsigned char *p;
	uint32_t size;
	unsigned char seed;
} slot;

static slot slots[SLOTS];
static unsigned long long checked_bytes, bad_bytes;

static void fill(slot *s, uint32_t from)
{
	for (uint32_t i = from; i < s->size; i++)
		s->p[i] = (unsigned char)(s->seed + i * 7u);
}

static void check(const slot *s, uint32_t upto)
{
	for (uint32_t i = 0; i < upto; i++) {
		checked_bytes++;
		if (s->p[i] != (unsigned char)(s->seed + i * 7u))
			bad_bytes++;
	}
}

int main(void)
{
	unsigned mallocs = 0, callocs = 0, reallocs = 0, frees = 0;
	unsigned calloc_dirty = 0, null_results = 0;
	for (int round = 0; round < ROUNDS; round++) {
		slot *s = &slots[next() % SLOTS];
		if (!s->p) {
			s->size = pick_size();
			s->seed = (unsigned char)next();
			if (next() % 4 == 0) {
				s->p = calloc(s->size, 1);
				callocs++;
				for (uint32_t i = 0; s->p && i < s->size; i++)
					calloc_dirty += s->p[i] != 0;
			} else {
				s->p = malloc(s->size);
				mallocs++;
			}
			if (!s->p) {
				null_results++;
				continue;
			}
			fill(s, 0);
		} else if (next() % 3 == 0) {
			uint32_t size = pick_size();
			unsigned char *p = realloc(s->p, size);
			reallocs++;
			if (!p) {
				null_results++;
				continue;
			}
			s->p = p;
			check(s, size < s->size ? size : s->size);
			uint32_t old = s->size;
			s->size = size;
			if (size > old)
				fill(s, old);
		} else {
			check(s, s->size);
			free(s->p);
			s->p = NULL;
			frees++;
		}
	}
	unsigned live = 0;
	for (int i = 0; i < SLOTS; i++) {
		if (slots[i].p) {
			live++;
			check(&slots[i], slots[i].size);
			free(slots[i].p);
		}
	}
	printf("malloc %u calloc %u realloc %u free %u live at end %u\n",
	       mallocs, callocs, reallocs, frees, live);
	printf("checked %llu bytes, %llu wrong, %u dirty calloc bytes, "
	       "%u null results\n",
	       checked_bytes, bad_bytes, calloc_dirty, null_results);

	/* Large blocks: 4 x 16 MiB, touched at every page. */
	unsigned char *big[4];
	unsigned long long sum = 0;
	for (int i = 0; i < 4; i++) {
		big[i] = malloc(16u << 20);
		if (!big[i]) {
			printf("large malloc %d failed\n", i);
			return 1;
		}
		for (uint32_t off = 0; off < (16u << 20); off += 4096)
			big[i][off] = (unsigned char)(i + off / 4096);
	}
	for (int i = 0; i < 4; i++) {
		for (uint32_t off = 0; off < (16u << 20); off += 4096)
			sum += big[i][off];
		free(big[i]);
	}
	printf("large blocks sum %llu\n", sum);

	/* Zero-size and aligned requests. */
	void *z = malloc(0);
	free(z);
	void *a = aligned_alloc(64, 640);
	printf("aligned_alloc 64: %s\n",
	       a && ((uintptr_t)a % 64) == 0 ? "aligned" : "NOT aligned");
	free(a);
	char *dup = strdup("copied string");
	printf("%s\n", dup);
	free(dup);
	return bad_bytes != 0 || calloc_dirty != 0;
}
