/*
 * base64: encoding and decoding 8 MiB of random bytes with the standard
 * alphabet, through tables (a 64-entry alphabet and a 256-entry reverse
 * table), 3-byte groups to 4 characters and back, and checking the
 * round trip.  Byte loads and stores, shifts and table lookups.
 * Checksum: a hash of the encoded text and the decoded length.
 *
 * bench-quick: 1
 */
#include <string.h>

#include "common.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static uint8_t reverse[256];

static uint32_t encode(const uint8_t *in, uint32_t n, char *out)
{
	uint32_t o = 0, i = 0;
	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 |
		             in[i + 2];
		out[o++] = alphabet[v >> 18];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = alphabet[(v >> 6) & 63];
		out[o++] = alphabet[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16 |
		             (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
		out[o++] = alphabet[v >> 18];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	return o;
}

/* Decodes n characters (a multiple of 4); the byte count, or -1. */
static int64_t decode(const char *in, uint32_t n, uint8_t *out)
{
	uint32_t o = 0;
	for (uint32_t i = 0; i < n; i += 4) {
		uint32_t v = 0, pad = 0;
		for (uint32_t k = 0; k < 4; k++) {
			uint8_t c = (uint8_t)in[i + k];
			if (c == '=') {
				pad++;
				v <<= 6;
				continue;
			}
			if (reverse[c] == 0xff || pad)
				return -1;
			v = v << 6 | reverse[c];
		}
		out[o++] = (uint8_t)(v >> 16);
		if (pad < 2)
			out[o++] = (uint8_t)(v >> 8);
		if (pad < 1)
			out[o++] = (uint8_t)v;
	}
	return o;
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 40);
	uint32_t n = (8u << 20) + 1;
	uint8_t *data = bench_alloc(n), *back = bench_alloc(n + 3);
	char *text = bench_alloc(n / 3 * 4 + 8);
	bench_rng r = bench_rng_new(64);
	for (uint32_t i = 0; i < n; i++)
		data[i] = (uint8_t)bench_next(&r);
	memset(reverse, 0xff, sizeof reverse);
	for (uint32_t i = 0; i < 64; i++)
		reverse[(uint8_t)alphabet[i]] = (uint8_t)i;
	uint64_t h = 0;
	for (int32_t k = 0; k < rounds; k++) {
		data[(uint32_t)k * 7919u % n] += (uint8_t)k;
		uint32_t len = encode(data, n - (uint32_t)k % 3, text);
		int64_t got = decode(text, len, back);
		if (got != (int64_t)(n - (uint32_t)k % 3) ||
		    memcmp(back, data, (size_t)got) != 0) {
			printf("base64 round trip failed\n");
			return 1;
		}
		for (uint32_t i = 0; i < len; i += 64)
			h = h * 131 + (uint8_t)text[i];
		h += (uint64_t)got;
	}
	printf("base64 rounds=%d h=%016llx\n", (int)rounds,
	       (unsigned long long)h);
	free(data);
	free(back);
	free(text);
	return 0;
}
