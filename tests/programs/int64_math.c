// 64-bit integer arithmetic on a 32-bit target: wrapping, signed division
// and remainder toward zero, shifts, 128-bit products, modular
// exponentiation, a Miller-Rabin primality test, integer square roots,
// and division by constants (which compilers turn into multiplications).
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

typedef unsigned __int128 u128;

/* a * b mod m by doubling, with no 128-bit division (wasi-libc's
 * compiler runtime lacks a usable one). */
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
	uint64_t r = 0;
	a %= m;
	while (b) {
		if (b & 1)
			r = r >= m - a ? r - (m - a) : r + a;
		a = a >= m - a ? a - (m - a) : a + a;
		b >>= 1;
	}
	return r;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
	uint64_t r = 1 % m;
	b %= m;
	while (e) {
		if (e & 1)
			r = mulmod(r, b, m);
		b = mulmod(b, b, m);
		e >>= 1;
	}
	return r;
}

/* Deterministic for all 64-bit n with these bases. */
static int is_prime(uint64_t n)
{
	static const uint64_t bases[] = {2,  3,  5,  7,  11, 13,
	                                 17, 19, 23, 29, 31, 37};
	if (n < 2)
		return 0;
	for (int i = 0; i < 12; i++) {
		if (n % bases[i] == 0)
			return n == bases[i];
	}
	uint64_t d = n - 1;
	int s = 0;
	while (!(d & 1)) {
		d >>= 1;
		s++;
	}
	for (int i = 0; i < 12; i++) {
		uint64_t x = powmod(bases[i], d, n);
		if (x == 1 || x == n - 1)
			continue;
		int composite = 1;
		for (int r = 1; r < s && composite; r++) {
			x = mulmod(x, x, n);
			composite = x != n - 1;
		}
		if (composite)
			return 0;
	}
	return 1;
}

static uint64_t isqrt(uint64_t n)
{
	uint64_t lo = 0, hi = 4294967296ull;
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (mid * mid <= n && mid <= 4294967295ull)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static volatile int64_t sink;

int main(void)
{
	int64_t vals[] = {0,
	                  1,
	                  -1,
	                  7,
	                  -7,
	                  1000000007,
	                  -1000000007,
	                  INT64_MAX,
	                  INT64_MIN,
	                  0x123456789abcdefLL,
	                  -0x123456789abcdefLL,
	                  4294967296LL,
	                  -4294967295LL};
	int nv = (int)(sizeof vals / sizeof vals[0]);
	for (int i = 0; i < nv; i++) {
		for (int j = 0; j < nv; j++) {
			int64_t a = vals[i], b = vals[j];
			uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
			printf("%" PRId64 " %" PRId64 ": + %" PRIu64
			       " * %" PRIx64,
			       a, b, ua + ub, ua * ub);
			if (b != 0 && !(a == INT64_MIN && b == -1))
				printf(" / %" PRId64 " %% %" PRId64, a / b,
				       a % b);
			if (ub != 0)
				printf(" u/ %" PRIu64 " u%% %" PRIu64, ua / ub,
				       ua % ub);
			printf(" < %d u< %d\n", a < b, ua < ub);
		}
	}
	uint64_t x = 0xfedcba9876543210ull;
	for (int s = 0; s < 64; s += 7)
		printf("shift %d: %016" PRIx64 " %016" PRIx64 " %016" PRIx64
		       "\n",
		       s, x << s, x >> s, (uint64_t)((int64_t)x >> s));
	u128 p = (u128)0xfedcba9876543210ull * 0x0123456789abcdefull;
	printf("128-bit product %016" PRIx64 "%016" PRIx64 "\n",
	       (uint64_t)(p >> 64), (uint64_t)p);
	printf("2^64-1 squared high %016" PRIx64 "\n",
	       (uint64_t)(((u128)UINT64_MAX * UINT64_MAX) >> 64));
	printf("powmod %" PRIu64 " %" PRIu64 "\n",
	       powmod(2, 1000000, 1000000007),
	       powmod(3, UINT64_MAX, 998244353));
	uint64_t candidates[] = {1,
	                         2,
	                         91,
	                         97,
	                         561,
	                         1000000007,
	                         18446744073709551557ull,
	                         18446744073709551559ull,
	                         4611686018427387903ull,
	                         2305843009213693951ull,
	                         3215031751ull,
	                         341550071728321ull};
	for (int i = 0; i < 12; i++)
		printf("prime(%" PRIu64 ") = %d\n", candidates[i],
		       is_prime(candidates[i]));
	int primes = 0;
	for (uint64_t n = 1000000000000ull; n < 1000000000000ull + 300; n++)
		primes += is_prime(n);
	printf("primes in [1e12, 1e12+300): %d\n", primes);
	printf("isqrt %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", isqrt(99),
	       isqrt(UINT64_MAX), isqrt(1000000000000000000ull));
	uint64_t acc = 0;
	for (uint64_t n = 1; n < 3000000; n += 7) {
		acc += n / 3 + n % 7 + n / 1000 + n % 1000000007ull;
		acc ^= (n * 0x9e3779b97f4a7c15ull) >> 17;
	}
	printf("by constants %" PRIu64 "\n", acc);
	int64_t t = -1;
	for (int i = 0; i < 70; i++)
		t = t * 3 + i;
	sink = t;
	printf("wrapping sequence %" PRId64 "\n", (int64_t)sink);
	return 0;
}
