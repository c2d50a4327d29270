// Hash tables: an open-addressing table with string keys (FNV-1a, linear
// probing, tombstones, growth) counting words of generated text, and a
// chained table of 64-bit integer keys with deletions; every operation is
// checked against a simple reference.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Open addressing, string keys ---- */
typedef struct {
	char *key; /* NULL: empty; TOMBSTONE: deleted */
	uint32_t count;
} entry;

static char tombstone_mark;
#define TOMBSTONE (&tombstone_mark)

typedef struct {
	entry *slots;
	uint32_t cap, used, live;
} strtab;

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static entry *find_slot(strtab *t, const char *key, int for_insert)
{
	uint32_t i = fnv1a(key) & (t->cap - 1);
	entry *grave = NULL;
	for (;;) {
		entry *e = &t->slots[i];
		if (!e->key)
			return for_insert && grave ? grave : e;
		if (e->key == TOMBSTONE) {
			if (!grave)
				grave = e;
		} else if (!strcmp(e->key, key)) {
			return e;
		}
		i = (i + 1) & (t->cap - 1);
	}
}

static void grow(strtab *t)
{
	strtab bigger = {calloc(t->cap * 2, sizeof(entry)), t->cap * 2, 0, 0};
	for (uint32_t i = 0; i < t->cap; i++) {
		entry *e = &t->slots[i];
		if (e->key && e->key != TOMBSTONE) {
			*find_slot(&bigger, e->key, 1) = *e;
			bigger.used++;
			bigger.live++;
		}
	}
	free(t->slots);
	*t = bigger;
}

static void add(strtab *t, const char *key)
{
	if ((t->used + 1) * 4 > t->cap * 3)
		grow(t);
	entry *e = find_slot(t, key, 0);
	if (e->key && e->key != TOMBSTONE) {
		e->count++;
		return;
	}
	e = find_slot(t, key, 1);
	if (!e->key)
		t->used++;
	e->key = strdup(key);
	e->count = 1;
	t->live++;
}

static int remove_key(strtab *t, const char *key)
{
	entry *e = find_slot(t, key, 0);
	if (!e->key)
		return 0;
	free(e->key);
	e->key = TOMBSTONE;
	t->live--;
	return 1;
}

static int by_count(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->key, y->key);
}

static uint64_t rng = 0x853c49e6748fea9bull;

static uint32_t next(void)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng >> 33);
}

static void words(void)
{
	static const char *syllables[] = {"ka", "lo", "mi", "ne", "ru",
	                                  "sa", "to", "vi", "ze", "qu"};
	strtab t = {calloc(8, sizeof(entry)), 8, 0, 0};
	char word[16];
	for (int i = 0; i < 200000; i++) {
		int parts = 1 + (int)(next() % 3);
		word[0] = 0;
		for (int j = 0; j < parts; j++) {
			/* Skewed: low syllables are much more common. */
			uint32_t r = next() % 100;
			strcat(word, syllables[r * r / 1000]);
		}
		add(&t, word);
	}
	printf("distinct words %u capacity %u\n", t.live, t.cap);
	int removed = 0;
	for (int i = 0; i < 10; i++)
		for (int j = 0; j < 10; j++) {
			snprintf(word, sizeof word, "%s%s", syllables[i],
			         syllables[j]);
			removed += remove_key(&t, word);
		}
	printf("removed %d two-syllable words, %u left\n", removed, t.live);
	add(&t, "kaka");
	add(&t, "kaka");
	entry *all = malloc(t.live * sizeof(entry));
	uint32_t n = 0;
	uint64_t total = 0;
	for (uint32_t i = 0; i < t.cap; i++)
		if (t.slots[i].key && t.slots[i].key != TOMBSTONE) {
			all[n++] = t.slots[i];
			total += t.slots[i].count;
		}
	qsort(all, n, sizeof(entry), by_count);
	printf("%u words, %llu occurrences\n", n, (unsigned long long)total);
	for (uint32_t i = 0; i < 15 && i < n; i++)
		printf("%-8s %u\n", all[i].key, all[i].count);
	printf("kaka %u\n", find_slot(&t, "kaka", 0)->count);
	for (uint32_t i = 0; i < t.cap; i++)
		if (t.slots[i].key && t.slots[i].key != TOMBSTONE)
			free(t.slots[i].key);
	free(t.slots);
	free(all);
}

/* ---- Chaining, 64-bit keys ---- */
typedef struct node {
	uint64_t key, value;
	struct node *next;
} node;

enum { BUCKETS = 4096, KEYS = 60000 };
static node *buckets[BUCKETS];

static uint32_t hash64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return (uint32_t)k & (BUCKETS - 1);
}

static node **lookup(uint64_t key)
{
	node **p = &buckets[hash64(key)];
	while (*p && (*p)->key != key)
		p = &(*p)->next;
	return p;
}

static void integers(void)
{
	static uint64_t keys[KEYS];
	static unsigned char present[KEYS];
	for (int i = 0; i < KEYS; i++) {
		keys[i] = ((uint64_t)next() << 32 | next()) | 1;
		node *n = malloc(sizeof *n);
		n->key = keys[i];
		n->value = (uint64_t)i * 3;
		n->next = buckets[hash64(keys[i])];
		buckets[hash64(keys[i])] = n;
		present[i] = 1;
	}
	for (int i = 0; i < KEYS; i += 3) {
		node **p = lookup(keys[i]);
		node *dead = *p;
		*p = dead->next;
		free(dead);
		present[i] = 0;
	}
	int errors = 0;
	uint64_t sum = 0;
	for (int i = 0; i < KEYS; i++) {
		node *n = *lookup(keys[i]);
		if ((n != NULL) != present[i] ||
		    (n && n->value != (uint64_t)i * 3))
			errors++;
		if (n)
			sum += n->value;
	}
	int longest = 0, empty = 0;
	for (int b = 0; b < BUCKETS; b++) {
		int len = 0;
		for (node *n = buckets[b]; n; n = n->next)
			len++;
		longest = len > longest ? len : longest;
		empty += len == 0;
	}
	printf("integer table: errors %d sum %llu longest chain %d empty %d\n",
	       errors, (unsigned long long)sum, longest, empty);
	printf("absent key found: %s\n", *lookup(2) ? "yes" : "no");
}

int main(void)
{
	words();
	integers();
	return 0;
}
