/*
 * fannkuch: for every permutation of 1..N (generated in place with a
 * counter array), count the prefix reversals ("pancake flips") until 1
 * comes first; report the maximum and a signed checksum.  Small integer
 * arrays, short loops with data-dependent trip counts, byte moves.
 *
 * bench-quick: 8
 */
#include "common.h"

#define MAXN 16

int main(int argc, char **argv)
{
	int32_t n = bench_size(argc, argv, 10);
	if (n > MAXN)
		n = MAXN;
	int32_t perm[MAXN], perm1[MAXN], count[MAXN];
	int32_t max_flips = 0, checksum = 0, sign = 1;
	for (int32_t i = 0; i < n; i++)
		perm1[i] = i;
	int32_t r = n;
	for (;;) {
		for (; r != 1; r--)
			count[r - 1] = r;
		for (int32_t i = 0; i < n; i++)
			perm[i] = perm1[i];
		int32_t flips = 0;
		for (int32_t k = perm[0]; k != 0; k = perm[0]) {
			for (int32_t i = 0, j = k; i < j; i++, j--) {
				int32_t t = perm[i];
				perm[i] = perm[j];
				perm[j] = t;
			}
			flips++;
		}
		max_flips = flips > max_flips ? flips : max_flips;
		checksum += sign * flips;
		sign = -sign;
		/* next permutation: rotate the first r+1 elements */
		for (;;) {
			if (r == n) {
				printf("fannkuch n=%d checksum=%d max=%d\n",
				       (int)n, (int)checksum, (int)max_flips);
				return 0;
			}
			int32_t first = perm1[0];
			for (int32_t i = 0; i < r; i++)
				perm1[i] = perm1[i + 1];
			perm1[r] = first;
			if (--count[r] > 0)
				break;
			r++;
		}
	}
}
