/*
 * strsort: sorting 300,000 generated strings (keys of varying length
 * with long common prefixes) with the C library's qsort and a strcmp
 * comparator, i.e. an indirect call into the program per comparison,
 * then a hand-written merge sort of the pointers, and binary searches
 * with bsearch.  Checksum: positions of probe keys and a hash of the
 * sorted order.
 *
 * bench-quick: 1
 */
#include <string.h>

#include "common.h"

#define N 300000

static int compare(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void merge_sort(const char **v, const char **tmp, uint32_t n)
{
	if (n < 2)
		return;
	uint32_t h = n / 2;
	merge_sort(v, tmp, h);
	merge_sort(v + h, tmp, n - h);
	uint32_t i = 0, j = h, o = 0;
	while (i < h && j < n)
		tmp[o++] = strcmp(v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[o++] = v[i++];
	while (j < n)
		tmp[o++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 3);
	char *pool = bench_alloc((uint64_t)N * 40);
	const char **keys = bench_alloc(N * sizeof *keys);
	const char **work = bench_alloc(N * sizeof *work);
	const char **tmp = bench_alloc(N * sizeof *tmp);
	bench_rng r = bench_rng_new(77);
	static const char *const prefixes[] = {"user/", "user/profile/",
	                                       "group/", "user/profile/x"};
	char *p = pool;
	for (uint32_t i = 0; i < N; i++) {
		keys[i] = p;
		p += sprintf(p, "%s%u-%x", prefixes[bench_below(&r, 4)],
		             bench_below(&r, 1000000),
		             (unsigned)bench_below(&r, 1u << 20)) +
		     1;
	}
	uint64_t h = 0;
	for (int32_t k = 0; k < rounds; k++) {
		memcpy(work, keys, N * sizeof *keys);
		qsort(work, N, sizeof *work, compare);
		for (uint32_t i = 0; i < N; i += 97)
			h = h * 31 + (uint8_t)work[i][(i + (uint32_t)k) % 5];
		memcpy(work, keys, N * sizeof *keys);
		merge_sort(work, tmp, N);
		for (uint32_t i = 0; i < N; i += 1009) {
			const char **at =
			    bsearch(&keys[i], work, N, sizeof *work, compare);
			h += at ? (uint64_t)(at - work) : 7;
		}
	}
	printf("strsort rounds=%d h=%016llx\n", (int)rounds,
	       (unsigned long long)h);
	free(pool);
	free(keys);
	free(work);
	free(tmp);
	return 0;
}
