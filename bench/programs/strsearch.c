/*
 * strsearch: string processing over generated text (words of a small
 * vocabulary, punctuation, lines): strlen/strchr/strstr from the C
 * library, a hand-written search for each of a set of patterns, word
 * splitting with ctype classes, case folding and line statistics.
 * Checksum: the counts found.
 *
 * bench-quick: 2
 */
#include <ctype.h>
#include <string.h>

#include "common.h"

static const char *const words[] = {
    "the",   "quick",  "brown",  "fox",    "jumps",   "over",   "lazy",
    "dog",   "Alpha",  "beta",   "GAMMA",  "delta",   "needle", "hay",
    "stack", "string", "search", "buffer", "pattern", "match",  "cat",
};
#define NWORDS (sizeof words / sizeof *words)

static char *make_text(uint32_t size, bench_rng *r)
{
	char *t = bench_alloc(size + 64);
	uint32_t n = 0;
	while (n < size) {
		const char *w = words[bench_below(r, NWORDS)];
		size_t len = strlen(w);
		memcpy(t + n, w, len);
		n += (uint32_t)len;
		uint32_t k = bench_below(r, 16);
		t[n++] = k == 0 ? '\n' : k == 1 ? ',' : k == 2 ? '.' : ' ';
	}
	t[n] = '\0';
	return t;
}

/* Occurrences of `pat` by first-byte scan and compare. */
static uint32_t count_naive(const char *t, const char *pat)
{
	size_t m = strlen(pat);
	uint32_t c = 0;
	for (const char *p = t; *p; p++)
		if (*p == pat[0] && strncmp(p, pat, m) == 0)
			c++;
	return c;
}

static uint32_t count_strstr(const char *t, const char *pat)
{
	uint32_t c = 0;
	for (const char *p = strstr(t, pat); p; p = strstr(p + 1, pat))
		c++;
	return c;
}

/* Words (letters only), their total length, and capitalised ones. */
static void split_words(const char *t, uint32_t *n, uint64_t *chars,
                        uint32_t *caps)
{
	*n = *caps = 0;
	*chars = 0;
	for (const char *p = t; *p;) {
		while (*p && !isalpha((unsigned char)*p))
			p++;
		if (!*p)
			break;
		const char *s = p;
		while (isalpha((unsigned char)*p))
			p++;
		(*n)++;
		*chars += (uint64_t)(p - s);
		*caps += isupper((unsigned char)*s) != 0;
	}
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 20);
	bench_rng r = bench_rng_new(5);
	char *t = make_text(4u << 20, &r);
	static const char *const pats[] = {"needle", "the lazy", "stack,",
	                                   "xyz", "fox jumps"};
	uint64_t sum = 0;
	for (int32_t k = 0; k < rounds; k++) {
		for (size_t i = 0; i < sizeof pats / sizeof *pats; i++)
			sum += count_naive(t, pats[i]) * 3 +
			       count_strstr(t, pats[i]);
		uint32_t n, caps;
		uint64_t chars;
		split_words(t, &n, &chars, &caps);
		sum += n + chars + caps;
		uint32_t lines = 0, longest = 0;
		for (const char *p = t; p; lines++) {
			const char *nl = strchr(p, '\n');
			uint32_t len =
			    (uint32_t)(nl ? nl - p : (long)strlen(p));
			longest = len > longest ? len : longest;
			p = nl ? nl + 1 : NULL;
		}
		sum += lines * 7u + longest;
		/* fold case in place, then back */
		for (char *p = t; *p; p++)
			*p = (char)(k & 1 ? toupper((unsigned char)*p)
			                  : tolower((unsigned char)*p));
	}
	printf("strsearch rounds=%d sum=%llu\n", (int)rounds,
	       (unsigned long long)sum);
	free(t);
	return 0;
}
