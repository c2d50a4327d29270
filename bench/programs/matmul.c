/*
 * matmul: dense double-precision matrix multiply C = A * B, N x N, in the
 * i-k-j order so the inner loop streams rows of B and C (vectorisable,
 * load/store bound).  Checksum: the sum of C and a trace-like diagonal.
 *
 * bench-quick: 64
 */
#include "common.h"

static void fill(double *m, int32_t n, bench_rng *r)
{
	for (int32_t i = 0; i < n * n; i++)
		m[i] = bench_unit(r) - 0.5;
}

static void multiply(const double *a, const double *b, double *c, int32_t n)
{
	for (int32_t i = 0; i < n * n; i++)
		c[i] = 0.0;
	for (int32_t i = 0; i < n; i++) {
		double *ci = c + (int64_t)i * n;
		for (int32_t k = 0; k < n; k++) {
			double aik = a[(int64_t)i * n + k];
			const double *bk = b + (int64_t)k * n;
			for (int32_t j = 0; j < n; j++)
				ci[j] += aik * bk[j];
		}
	}
}

int main(int argc, char **argv)
{
	int32_t n = bench_size(argc, argv, 1200);
	uint64_t bytes = (uint64_t)n * (uint64_t)n * sizeof(double);
	double *a = bench_alloc(bytes), *b = bench_alloc(bytes);
	double *c = bench_alloc(bytes);
	bench_rng r = bench_rng_new(42);
	fill(a, n, &r);
	fill(b, n, &r);
	multiply(a, b, c, n);
	double sum = 0.0, diag = 0.0;
	for (int32_t i = 0; i < n * n; i++)
		sum += c[i];
	for (int32_t i = 0; i < n; i++)
		diag += c[(int64_t)i * n + i];
	printf("matmul n=%d sum=%.9e diag=%.9e\n", (int)n, sum, diag);
	free(a);
	free(b);
	free(c);
	return 0;
}
