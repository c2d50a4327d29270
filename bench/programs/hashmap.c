/*
 * hashmap: an open-addressing hash table (linear probing, 64-bit keys
 * hashed by a multiply-shift, deletion by backward shift) driven through
 * inserts, hits, misses and deletes in a random mix, growing by
 * rehashing.  Random access into a table of 16-byte slots that does not
 * fit in cache, and 64-bit multiplies.  Checksum: hits, the sum of found
 * values and the final size.
 *
 * bench-quick: 1
 */
#include <string.h>

#include "common.h"

typedef struct slot {
	uint64_t key; /* 0: empty */
	uint64_t value;
} slot;

typedef struct map {
	slot *slots;
	uint32_t bits, count;
} map;

static uint32_t home(const map *m, uint64_t key)
{
	return (uint32_t)((key * 0x9E3779B97F4A7C15u) >> (64 - m->bits));
}

static void put(map *m, uint64_t key, uint64_t value);

static void grow(map *m)
{
	slot *old = m->slots;
	uint32_t n = 1u << m->bits;
	m->bits++;
	m->count = 0;
	m->slots = bench_alloc(sizeof(slot) << m->bits);
	memset(m->slots, 0, sizeof(slot) << m->bits);
	for (uint32_t i = 0; i < n; i++)
		if (old[i].key)
			put(m, old[i].key, old[i].value);
	free(old);
}

static void put(map *m, uint64_t key, uint64_t value)
{
	if ((m->count + 1) * 4 > (3u << m->bits))
		grow(m);
	uint32_t mask = (1u << m->bits) - 1, i = home(m, key);
	while (m->slots[i].key && m->slots[i].key != key)
		i = (i + 1) & mask;
	m->count += m->slots[i].key == 0;
	m->slots[i] = (slot){key, value};
}

static const slot *get(const map *m, uint64_t key)
{
	uint32_t mask = (1u << m->bits) - 1, i = home(m, key);
	for (; m->slots[i].key; i = (i + 1) & mask)
		if (m->slots[i].key == key)
			return &m->slots[i];
	return NULL;
}

static void erase(map *m, uint64_t key)
{
	uint32_t mask = (1u << m->bits) - 1, i = home(m, key);
	while (m->slots[i].key && m->slots[i].key != key)
		i = (i + 1) & mask;
	if (!m->slots[i].key)
		return;
	/* backward shift: pull later entries of the run into the hole */
	for (uint32_t j = (i + 1) & mask; m->slots[j].key; j = (j + 1) & mask) {
		uint32_t h = home(m, m->slots[j].key);
		if (((j - h) & mask) >= ((j - i) & mask)) {
			m->slots[i] = m->slots[j];
			i = j;
		}
	}
	m->slots[i].key = 0;
	m->count--;
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 8);
	map m = {NULL, 10, 0};
	m.slots = bench_alloc(sizeof(slot) << m.bits);
	memset(m.slots, 0, sizeof(slot) << m.bits);
	bench_rng r = bench_rng_new(2024);
	uint64_t hits = 0, sum = 0;
	for (int32_t k = 0; k < rounds; k++)
		for (uint32_t i = 0; i < 1000000; i++) {
			uint64_t key = 1 + bench_below(&r, 1u << 21);
			switch (bench_below(&r, 8)) {
			case 0:
			case 1:
			case 2: put(&m, key, key * 3 + (uint64_t)k); break;
			case 3: erase(&m, key); break;
			default: {
				const slot *s = get(&m, key);
				if (s) {
					hits++;
					sum += s->value;
				}
			}
			}
		}
	printf("hashmap rounds=%d hits=%llu sum=%llu size=%u\n", (int)rounds,
	       (unsigned long long)hits, (unsigned long long)sum,
	       (unsigned)m.count);
	free(m.slots);
	return 0;
}
