/*
 * crc: checksums over a 16 MiB buffer: table-driven CRC-32 (reflected
 * polynomial 0xEDB88320, one byte per step, the table built at start),
 * a slicing-by-4 variant of it, and Adler-32 with its modulo deferred
 * over blocks.  Byte loads, shifts, table lookups and 32-bit arithmetic.
 * Checksum: the three results per round, folded.
 *
 * bench-quick: 1
 */
#include "common.h"

static uint32_t table[4][256];

static void make_tables(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[0][i] = c;
	}
	for (uint32_t i = 0; i < 256; i++)
		for (int t = 1; t < 4; t++)
			table[t][i] = (table[t - 1][i] >> 8) ^
			              table[0][table[t - 1][i] & 0xff];
}

static uint32_t crc_bytewise(const uint8_t *p, uint32_t n)
{
	uint32_t c = 0xffffffffu;
	for (uint32_t i = 0; i < n; i++)
		c = table[0][(c ^ p[i]) & 0xff] ^ (c >> 8);
	return ~c;
}

static uint32_t crc_slice4(const uint8_t *p, uint32_t n)
{
	uint32_t c = 0xffffffffu, i = 0;
	for (; i + 4 <= n; i += 4) {
		c ^= (uint32_t)p[i] | (uint32_t)p[i + 1] << 8 |
		     (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 3] << 24;
		c = table[3][c & 0xff] ^ table[2][(c >> 8) & 0xff] ^
		    table[1][(c >> 16) & 0xff] ^ table[0][c >> 24];
	}
	for (; i < n; i++)
		c = table[0][(c ^ p[i]) & 0xff] ^ (c >> 8);
	return ~c;
}

static uint32_t adler32(const uint8_t *p, uint32_t n)
{
	uint32_t a = 1, b = 0;
	while (n) {
		uint32_t block = n < 5552 ? n : 5552;
		n -= block;
		while (block--) {
			a += *p++;
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	return b << 16 | a;
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 6);
	uint32_t n = 16u << 20;
	uint8_t *buf = bench_alloc(n);
	bench_rng r = bench_rng_new(17);
	for (uint32_t i = 0; i < n; i += 8) {
		uint64_t v = bench_next(&r);
		for (int k = 0; k < 8; k++)
			buf[i + (uint32_t)k] = (uint8_t)(v >> (8 * k));
	}
	make_tables();
	uint32_t x = 0;
	for (int32_t k = 0; k < rounds; k++) {
		buf[(uint32_t)k * 4099u % n] ^= (uint8_t)k;
		uint32_t c1 = crc_bytewise(buf, n), c4 = crc_slice4(buf, n);
		if (c1 != c4) {
			printf("crc mismatch\n");
			return 1;
		}
		x = (x * 31) ^ c1 ^ adler32(buf, n);
	}
	printf("crc rounds=%d x=%08x\n", (int)rounds, (unsigned)x);
	free(buf);
	return 0;
}
