// Deterministic pseudo-random generators written out in full (splitmix64,
// xoshiro256**, PCG32, a 31-bit Park-Miller LCG and a lagged Fibonacci
// generator), their first outputs, bucket counts and a chi-square
// statistic over a million draws, a Fisher-Yates shuffle and a Monte Carlo
// estimate of pi.
#include <stdint.h>
#include <stdio.h>

static uint64_t splitmix_state = 0x0123456789abcdefull;

static uint64_t splitmix64(void)
{
	uint64_t z = (splitmix_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t xs[4];

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t xoshiro(void)
{
	uint64_t result = rotl(xs[1] * 5, 7) * 9;
	uint64_t t = xs[1] << 17;
	xs[2] ^= xs[0];
	xs[3] ^= xs[1];
	xs[1] ^= xs[2];
	xs[0] ^= xs[3];
	xs[2] ^= t;
	xs[3] = rotl(xs[3], 45);
	return result;
}

static uint64_t pcg_state = 0x4d595df4d0f33173ull,
                pcg_inc = 1442695040888963407ull;

static uint32_t pcg32(void)
{
	uint64_t old = pcg_state;
	pcg_state = old * 6364136223846793005ull + pcg_inc;
	uint32_t xorshifted = (uint32_t)(((old >> 18) ^ old) >> 27);
	uint32_t rot = (uint32_t)(old >> 59);
	return (xorshifted >> rot) | (xorshifted << ((32 - rot) & 31));
}

static uint32_t minstd_state = 1;

static uint32_t minstd(void)
{
	minstd_state =
	    (uint32_t)((uint64_t)minstd_state * 48271u % 2147483647u);
	return minstd_state;
}

/* x[n] = x[n-24] + x[n-55] mod 2^32 */
static uint32_t lagged[55];
static int lag_j = 23, lag_k = 54;

static uint32_t lagfib(void)
{
	uint32_t v = lagged[lag_k] += lagged[lag_j];
	lag_j = lag_j ? lag_j - 1 : 54;
	lag_k = lag_k ? lag_k - 1 : 54;
	return v;
}

static double chi_square(const uint32_t *counts, int buckets, uint32_t n)
{
	double expected = (double)n / buckets, chi = 0;
	for (int i = 0; i < buckets; i++) {
		double d = counts[i] - expected;
		chi += d * d / expected;
	}
	return chi;
}

static void histogram(const char *name, uint32_t (*draw)(void))
{
	enum { BUCKETS = 16, N = 1000000 };
	uint32_t counts[BUCKETS] = {0};
	for (int i = 0; i < N; i++)
		counts[draw() >> 28]++;
	printf("%-9s", name);
	for (int i = 0; i < BUCKETS; i++)
		printf(" %u", counts[i]);
	printf("\n          chi-square %.4f\n", chi_square(counts, BUCKETS, N));
}

static uint32_t xoshiro_hi(void)
{
	return (uint32_t)(xoshiro() >> 32);
}
static uint32_t splitmix_hi(void)
{
	return (uint32_t)(splitmix64() >> 32);
}
static uint32_t minstd_scaled(void)
{
	return minstd() << 1;
}

int main(void)
{
	for (int i = 0; i < 4; i++)
		xs[i] = splitmix64();
	for (int i = 0; i < 55; i++)
		lagged[i] = (uint32_t)splitmix64() | 1;
	printf("splitmix64:");
	for (int i = 0; i < 4; i++)
		printf(" %016llx", (unsigned long long)splitmix64());
	printf("\nxoshiro256**:");
	for (int i = 0; i < 4; i++)
		printf(" %016llx", (unsigned long long)xoshiro());
	printf("\npcg32:");
	for (int i = 0; i < 6; i++)
		printf(" %08x", pcg32());
	printf("\nminstd:");
	for (int i = 0; i < 6; i++)
		printf(" %u", minstd());
	printf("\nlagged fibonacci:");
	for (int i = 0; i < 6; i++)
		printf(" %08x", lagfib());
	printf("\n");
	histogram("splitmix", splitmix_hi);
	histogram("xoshiro", xoshiro_hi);
	histogram("pcg32", pcg32);
	histogram("minstd", minstd_scaled);
	histogram("lagfib", lagfib);

	int deck[52];
	for (int i = 0; i < 52; i++)
		deck[i] = i;
	for (int i = 51; i > 0; i--) {
		int j = (int)(pcg32() % (uint32_t)(i + 1));
		int t = deck[i];
		deck[i] = deck[j];
		deck[j] = t;
	}
	static const char suits[] = "SHDC", ranks[] = "A23456789TJQK";
	printf("shuffled:");
	for (int i = 0; i < 52; i++)
		printf(" %c%c", ranks[deck[i] % 13], suits[deck[i] / 13]);
	printf("\n");

	uint32_t inside = 0, total = 2000000;
	for (uint32_t i = 0; i < total; i++) {
		double x = (double)(xoshiro() >> 11) * 0x1p-53;
		double y = (double)(xoshiro() >> 11) * 0x1p-53;
		inside += x * x + y * y < 1.0;
	}
	printf("pi ~ %.6f (%u of %u)\n", 4.0 * inside / total, inside, total);
	return 0;
}
