// Bit manipulation: population count, leading and trailing zeros by
// builtins and by hand, rotations, byte swaps, bit reversal, Gray codes,
// Gosper's hack, bit fields, SWAR tricks, and the conversions between
// signed and unsigned widths.
#include <stdint.h>
#include <stdio.h>

static int popcount_loop(uint64_t x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

static int clz_loop(uint32_t x)
{
	int n = 0;
	for (uint32_t bit = 0x80000000u; bit && !(x & bit); bit >>= 1)
		n++;
	return n;
}

static uint32_t reverse32(uint32_t x)
{
	x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
	x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
	x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
	x = ((x >> 8) & 0x00ff00ffu) | ((x & 0x00ff00ffu) << 8);
	return (x >> 16) | (x << 16);
}

static uint32_t rotl32(uint32_t x, unsigned k)
{
	return (x << (k & 31)) | (x >> (-k & 31));
}

static uint64_t rotr64(uint64_t x, unsigned k)
{
	return (x >> (k & 63)) | (x << (-k & 63));
}

/* Number of set bits in each byte, summed (SWAR). */
static uint32_t swar_popcount(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (x * 0x01010101u) >> 24;
}

struct packed {
	unsigned low : 3;
	unsigned mid : 7;
	unsigned high : 22;
};

union view {
	uint32_t word;
	struct packed fields;
};

int main(void)
{
	const uint64_t samples[] = {0,
	                            1,
	                            0x80000000u,
	                            0xffffffffu,
	                            0x8000000000000000ull,
	                            0x0123456789abcdefull,
	                            0xf0f0f0f00f0f0f0full,
	                            0x10000,
	                            12345678901ull};
	for (int i = 0; i < 9; i++) {
		uint64_t x = samples[i];
		uint32_t lo = (uint32_t)x;
		printf("%016llx pop %d/%d", (unsigned long long)x,
		       __builtin_popcountll(x), popcount_loop(x));
		printf(" clz32 %d/%d", lo ? __builtin_clz(lo) : 32,
		       clz_loop(lo));
		printf(" ctz64 %d", x ? __builtin_ctzll(x) : 64);
		printf(" clz64 %d", x ? __builtin_clzll(x) : 64);
		printf(" swar %u parity %d\n", swar_popcount(lo),
		       __builtin_parityll(x));
		printf("  rev %08x bswap %08x %016llx rotl %08x rotr %016llx\n",
		       reverse32(lo), __builtin_bswap32(lo),
		       (unsigned long long)__builtin_bswap64(x), rotl32(lo, 13),
		       (unsigned long long)rotr64(x, 29));
	}
	printf("gray:");
	for (uint32_t i = 0; i < 16; i++) {
		uint32_t g = i ^ (i >> 1), back = g;
		for (uint32_t s = 1; s < 32; s <<= 1)
			back ^= back >> s;
		printf(" %x%s", g, back == i ? "" : "!");
	}
	printf("\n5-of-8 subsets:");
	uint32_t count = 0, last = 0;
	for (uint32_t v = 0x1f; v < 0x100;) {
		count++;
		last = v;
		uint32_t t = v | (v - 1);
		v = (t + 1) | (((~t & -~t) - 1) >> (__builtin_ctz(v) + 1));
	}
	printf(" %u, last %02x\n", count, last);
	union view u = {.word = 0xdeadbeefu};
	printf("fields low %u mid %u high %u\n", u.fields.low, u.fields.mid,
	       u.fields.high);
	u.fields.mid = 0x55;
	printf("word after setting mid %08x\n", u.word);
	int8_t s8 = (int8_t)200;
	uint8_t u8 = (uint8_t)-56;
	int16_t s16 = (int16_t)40000;
	int32_t s32 = (int32_t)3000000000u;
	printf("narrowing %d %u %d %d\n", s8, u8, s16, s32);
	printf("widening %lld %llu %lld\n", (long long)s8,
	       (unsigned long long)(uint32_t)s32, (long long)(int64_t)s32);
	int32_t neg = -1000;
	printf("signed shift %d %d %u\n", neg >> 3, neg / 8,
	       (uint32_t)neg >> 3);
	uint32_t mask = 0;
	for (int b = 0; b < 32; b += 3)
		mask |= 1u << b;
	printf("mask %08x lowest %08x cleared %08x isolated %08x\n", mask,
	       mask & -mask, mask & (mask - 1), ~mask & (mask + 1));
	return 0;
}
