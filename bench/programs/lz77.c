/*
 * lz77: LZ77-style compression of generated text.  Match finding uses a
 * hash of the next 4 bytes with chains through a window of 64 KiB
 * (bounded chain depth), emitting literal and (length, distance) tokens
 * into a byte stream; the stream is then decoded and compared with the
 * input.  Stresses byte loads, unpredictable branches and the inner
 * match-extension loop.  Checksum: token counts, compressed size and an
 * FNV-1a hash of the compressed stream.
 *
 * bench-quick: 256
 */
#include <string.h>

#include "common.h"

#define WINDOW (1 << 16)
#define HASH_BITS 15
#define MIN_MATCH 4
#define MAX_MATCH 258
#define MAX_CHAIN 48

typedef struct {
	uint32_t literals, matches, out_bytes;
} lz_stats;

static uint32_t hash4(const uint8_t *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	             (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Sentences made of words from a small vocabulary: repetitive like text. */
static void make_text(uint8_t *t, uint32_t n, bench_rng *r)
{
	static const char *words[] = {
	    "the",      "quick",  "compiler",   "lowers", "each",
	    "function", "into",   "native",     "code",   "while",
	    "bounds",   "checks", "guard",      "memory", "and",
	    "tables",   "hold",   "references", "to",     "functions",
	    "of",       "a",      "module",     "that",   "runs",
	    "fast",     "enough", "for",        "most",   "programs",
	    "written",  "in",     "C",
	};
	uint32_t pos = 0;
	while (pos < n) {
		const char *w = words[bench_below(r, 33)];
		uint32_t len = (uint32_t)strlen(w);
		for (uint32_t i = 0; i < len && pos < n; i++)
			t[pos++] = (uint8_t)w[i];
		if (pos < n)
			t[pos++] = bench_below(r, 11) == 0 ? '.' : ' ';
		if (pos < n && bench_below(r, 29) == 0)
			t[pos++] = (uint8_t)('0' + bench_below(r, 10));
	}
}

static uint32_t put_token(uint8_t *out, uint32_t o, uint32_t len, uint32_t dist)
{
	out[o++] = (uint8_t)(len - MIN_MATCH);
	out[o++] = (uint8_t)dist;
	out[o++] = (uint8_t)(dist >> 8);
	return o;
}

/*
 * Token format: a control byte per group of 8 tokens (bit set = match);
 * a literal is one byte, a match is (len - 4, dist lo, dist hi).
 */
static uint32_t compress(const uint8_t *in, uint32_t n, uint8_t *out,
                         int32_t *head, int32_t *prev, lz_stats *st)
{
	uint32_t o = 0, ctrl = 0, bit = 8, pos = 0;
	for (uint32_t i = 0; i < (1u << HASH_BITS); i++)
		head[i] = -1;
	while (pos < n) {
		if (bit == 8) {
			ctrl = o++;
			out[ctrl] = 0;
			bit = 0;
		}
		uint32_t best_len = 0, best_dist = 0;
		if (pos + MIN_MATCH <= n) {
			uint32_t h = hash4(in + pos);
			int32_t cand = head[h];
			uint32_t limit =
			    n - pos < MAX_MATCH ? n - pos : MAX_MATCH;
			for (int depth = 0; cand >= 0 && depth < MAX_CHAIN;
			     depth++) {
				uint32_t c = (uint32_t)cand;
				if (pos - c > WINDOW - 1)
					break;
				if (in[c + best_len] == in[pos + best_len]) {
					uint32_t len = 0;
					while (len < limit &&
					       in[c + len] == in[pos + len])
						len++;
					if (len > best_len) {
						best_len = len;
						best_dist = pos - c;
						if (len == limit)
							break;
					}
				}
				cand = prev[c % WINDOW];
			}
			prev[pos % WINDOW] = head[h];
			head[h] = (int32_t)pos;
		}
		if (best_len >= MIN_MATCH) {
			out[ctrl] |= (uint8_t)(1u << bit);
			o = put_token(out, o, best_len, best_dist);
			/* Insert the skipped positions so later matches find
			 * them. */
			for (uint32_t k = 1; k < best_len; k++) {
				uint32_t p = pos + k;
				if (p + MIN_MATCH <= n) {
					uint32_t h = hash4(in + p);
					prev[p % WINDOW] = head[h];
					head[h] = (int32_t)p;
				}
			}
			pos += best_len;
			st->matches++;
		} else {
			out[o++] = in[pos++];
			st->literals++;
		}
		bit++;
	}
	return o;
}

static uint32_t decompress(const uint8_t *in, uint32_t n, uint8_t *out)
{
	uint32_t i = 0, o = 0;
	while (i < n) {
		uint32_t ctrl = in[i++];
		for (int bit = 0; bit < 8 && i < n; bit++) {
			if (ctrl & (1u << bit)) {
				uint32_t len = in[i] + MIN_MATCH;
				uint32_t dist = in[i + 1] | (uint32_t)in[i + 2]
				                                << 8;
				i += 3;
				for (uint32_t k = 0; k < len; k++, o++)
					out[o] = out[o - dist];
			} else {
				out[o++] = in[i++];
			}
		}
	}
	return o;
}

int main(int argc, char **argv)
{
	uint32_t kib = (uint32_t)bench_size(argc, argv, 24576);
	uint32_t n = kib * 1024;
	uint8_t *text = bench_alloc(n);
	uint8_t *packed = bench_alloc((uint64_t)n + n / 8 + 16);
	uint8_t *back = bench_alloc(n);
	int32_t *head = bench_alloc(sizeof(int32_t) << HASH_BITS);
	int32_t *prev = bench_alloc(sizeof(int32_t) * WINDOW);
	bench_rng r = bench_rng_new(77);
	make_text(text, n, &r);
	lz_stats st = {0, 0, 0};
	st.out_bytes = compress(text, n, packed, head, prev, &st);
	uint32_t got = decompress(packed, st.out_bytes, back);
	if (got != n || memcmp(text, back, n) != 0) {
		printf("lz77: round trip FAILED\n");
		return 1;
	}
	uint32_t fnv = 2166136261u;
	for (uint32_t i = 0; i < st.out_bytes; i++)
		fnv = (fnv ^ packed[i]) * 16777619u;
	printf("lz77 in=%u out=%u literals=%u matches=%u fnv=%08x\n", n,
	       st.out_bytes, st.literals, st.matches, fnv);
	free(text);
	free(packed);
	free(back);
	free(head);
	free(prev);
	return 0;
}
