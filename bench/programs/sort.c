/*
 * sort: sorts N generated 32-bit integers twice, with a quicksort
 * (median of three, insertion sort for short ranges, recursion on the
 * smaller side) and a bottom-up mergesort with a scratch buffer, then
 * checks both results agree and are ordered.  Stresses compare-and-swap
 * branches, indexed loads/stores and recursion.  Checksum: position-
 * weighted sum of the sorted data.
 *
 * bench-quick: 20000
 */
#include <string.h>

#include "common.h"

static void insertion(int32_t *a, int32_t lo, int32_t hi)
{
	for (int32_t i = lo + 1; i <= hi; i++) {
		int32_t v = a[i], j = i - 1;
		while (j >= lo && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static void swap(int32_t *a, int32_t i, int32_t j)
{
	int32_t t = a[i];
	a[i] = a[j];
	a[j] = t;
}

static void quicksort(int32_t *a, int32_t lo, int32_t hi)
{
	while (hi - lo > 16) {
		int32_t mid = lo + (hi - lo) / 2;
		if (a[mid] < a[lo])
			swap(a, mid, lo);
		if (a[hi] < a[lo])
			swap(a, hi, lo);
		if (a[hi] < a[mid])
			swap(a, hi, mid);
		int32_t pivot = a[mid], i = lo, j = hi;
		while (i <= j) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j)
				swap(a, i++, j--);
		}
		if (j - lo < hi - i) {
			quicksort(a, lo, j);
			lo = i;
		} else {
			quicksort(a, i, hi);
			hi = j;
		}
	}
	insertion(a, lo, hi);
}

static void mergesort(int32_t *a, int32_t *tmp, int32_t n)
{
	for (int32_t w = 1; w < n; w *= 2) {
		for (int32_t lo = 0; lo < n; lo += 2 * w) {
			int32_t mid = lo + w < n ? lo + w : n;
			int32_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			int32_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		int32_t *t = a;
		a = tmp;
		tmp = t;
		/* a now holds this pass's output; keep going from it. */
	}
	(void)tmp;
}

int main(int argc, char **argv)
{
	int32_t n = bench_size(argc, argv, 6000000);
	uint64_t bytes = (uint64_t)n * sizeof(int32_t);
	int32_t *a = bench_alloc(bytes), *b = bench_alloc(bytes);
	int32_t *tmp = bench_alloc(bytes);
	bench_rng r = bench_rng_new(99);
	for (int32_t i = 0; i < n; i++)
		a[i] = (int32_t)(bench_next(&r) >> 33) - (1 << 29);
	memcpy(b, a, bytes);
	quicksort(a, 0, n - 1);
	/* mergesort leaves the result in b or tmp depending on pass parity. */
	mergesort(b, tmp, n);
	int32_t passes = 0;
	for (int32_t w = 1; w < n; w *= 2)
		passes++;
	const int32_t *m = passes % 2 ? tmp : b;
	uint64_t sum = 0;
	int32_t ordered = 1;
	for (int32_t i = 0; i < n; i++) {
		if (a[i] != m[i] || (i > 0 && a[i - 1] > a[i]))
			ordered = 0;
		sum = sum * 31 + (uint64_t)(uint32_t)a[i] * (uint64_t)(i + 1);
	}
	printf("sort n=%d ordered=%d min=%d max=%d sum=%016llx\n", (int)n,
	       (int)ordered, (int)a[0], (int)a[n - 1], (unsigned long long)sum);
	free(a);
	free(b);
	free(tmp);
	return ordered ? 0 : 1;
}
