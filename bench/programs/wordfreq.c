/*
 * wordfreq: word frequencies over SIZE MiB of generated text.  The text
 * is drawn from a synthetic vocabulary with a skewed (Zipf-like)
 * distribution, mixed case and punctuation; it is tokenised, lower-cased
 * and counted in an open-addressing hash table keyed by FNV-1a.
 * Stresses byte classification, hashing, string compares and cache
 * misses in the table.  Checksum: distinct words, total words and the
 * ten most frequent words with their counts.
 *
 * bench-quick: 1
 */
#include <string.h>

#include "common.h"

#define VOCAB 30000
#define TABLE_BITS 16

typedef struct {
	const uint8_t *word; /* lower-cased copy, owned by the table */
	uint32_t len, hash, count;
} entry;

static uint8_t lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

static int is_letter(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void make_vocab(char **vocab, bench_rng *r)
{
	static const char letters[] = "etaoinshrdlcumwfgypbvkjxqz";
	for (int i = 0; i < VOCAB; i++) {
		uint32_t len = 2 + bench_below(r, 5) + bench_below(r, 6);
		vocab[i] = bench_alloc(len + 1);
		for (uint32_t k = 0; k < len; k++) {
			/* Squaring favours common letters, as in real text. */
			double u = bench_unit(r);
			vocab[i][k] = letters[(int)(u * u * 26.0)];
		}
		vocab[i][len] = 0;
	}
}

static uint32_t make_text(uint8_t *t, uint32_t n, char **vocab, bench_rng *r)
{
	uint32_t pos = 0;
	while (pos + 32 < n) {
		double u = bench_unit(r);
		const char *w = vocab[(int)(u * u * u * VOCAB)];
		int capital = bench_below(r, 8) == 0;
		for (uint32_t k = 0; w[k]; k++)
			t[pos++] =
			    (uint8_t)(k == 0 && capital ? w[k] - 32 : w[k]);
		uint32_t p = bench_below(r, 16);
		t[pos++] = p == 0 ? ',' : p == 1 ? '.' : p == 2 ? '\n' : ' ';
	}
	return pos;
}

static uint32_t find_slot(entry *table, const uint8_t *w, uint32_t len,
                          uint32_t hash)
{
	uint32_t mask = (1u << TABLE_BITS) - 1, i = hash & mask;
	while (table[i].word && (table[i].hash != hash || table[i].len != len ||
	                         memcmp(table[i].word, w, len) != 0))
		i = (i + 1) & mask;
	return i;
}

static uint32_t count_words(const uint8_t *t, uint32_t n, entry *table,
                            uint32_t *total)
{
	uint8_t word[64];
	uint32_t distinct = 0, i = 0;
	while (i < n) {
		while (i < n && !is_letter(t[i]))
			i++;
		uint32_t len = 0, hash = 2166136261u;
		while (i < n && is_letter(t[i])) {
			uint8_t c = lower(t[i++]);
			if (len < sizeof word)
				word[len++] = c;
			hash = (hash ^ c) * 16777619u;
		}
		if (len == 0)
			break;
		uint32_t slot = find_slot(table, word, len, hash);
		entry *e = &table[slot];
		if (!e->word) {
			uint8_t *copy = bench_alloc(len);
			memcpy(copy, word, len);
			e->word = copy;
			e->len = len;
			e->hash = hash;
			distinct++;
		}
		e->count++;
		(*total)++;
	}
	return distinct;
}

/* Orders by count descending, then by spelling. */
static int before(const entry *a, const entry *b)
{
	if (a->count != b->count)
		return a->count > b->count;
	uint32_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->word, b->word, n);
	return c != 0 ? c < 0 : a->len < b->len;
}

int main(int argc, char **argv)
{
	uint32_t mib = (uint32_t)bench_size(argc, argv, 16);
	uint32_t cap = mib << 20;
	char **vocab = bench_alloc(sizeof(char *) * VOCAB);
	uint8_t *text = bench_alloc(cap);
	entry *table = bench_alloc(sizeof(entry) << TABLE_BITS);
	memset(table, 0, sizeof(entry) << TABLE_BITS);
	bench_rng r = bench_rng_new(31337);
	make_vocab(vocab, &r);
	uint32_t n = make_text(text, cap, vocab, &r), total = 0, distinct = 0;
	/* Several passes over the same text keep text generation minor. */
	for (int pass = 0; pass < 8; pass++) {
		for (uint32_t i = 0; i < (1u << TABLE_BITS); i++) {
			free((void *)table[i].word);
			table[i].word = NULL;
			table[i].count = 0;
		}
		total = 0;
		distinct = count_words(text, n, table, &total);
	}
	entry top[10];
	int ntop = 0;
	for (uint32_t i = 0; i < (1u << TABLE_BITS); i++) {
		if (!table[i].word)
			continue;
		int k = ntop < 10 ? ntop++ : 10;
		while (k > 0 && before(&table[i], &top[k - 1])) {
			if (k < 10)
				top[k] = top[k - 1];
			k--;
		}
		if (k < 10)
			top[k] = table[i];
	}
	printf("wordfreq bytes=%u words=%u distinct=%u\n", n, total, distinct);
	for (int k = 0; k < ntop; k++)
		printf("  %.*s %u\n", (int)top[k].len,
		       (const char *)top[k].word, top[k].count);
	for (uint32_t i = 0; i < (1u << TABLE_BITS); i++)
		free((void *)table[i].word);
	for (int i = 0; i < VOCAB; i++)
		free(vocab[i]);
	free(vocab);
	free(text);
	free(table);
	return 0;
}
