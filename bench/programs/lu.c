/*
 * lu: LU decomposition with partial pivoting of a dense N x N double
 * matrix (right-looking Doolittle, row swaps), then a forward/backward
 * solve of A x = b.  Stresses a triangular double loop whose bounds
 * change every step, plus row swapping.  Checksum: sum and weighted sum
 * of x and the log-free determinant sign/pivot count.
 *
 * bench-quick: 80
 */
#include <math.h>

#include "common.h"

static int32_t decompose(double *a, int32_t *piv, int32_t n)
{
	int32_t swaps = 0;
	for (int32_t k = 0; k < n; k++) {
		int32_t p = k;
		double best = fabs(a[(int64_t)k * n + k]);
		for (int32_t i = k + 1; i < n; i++) {
			double v = fabs(a[(int64_t)i * n + k]);
			if (v > best) {
				best = v;
				p = i;
			}
		}
		piv[k] = p;
		if (p != k) {
			double *rk = a + (int64_t)k * n,
			       *rp = a + (int64_t)p * n;
			for (int32_t j = 0; j < n; j++) {
				double t = rk[j];
				rk[j] = rp[j];
				rp[j] = t;
			}
			swaps++;
		}
		const double *rk = a + (int64_t)k * n;
		double inv = 1.0 / rk[k];
		for (int32_t i = k + 1; i < n; i++) {
			double *ri = a + (int64_t)i * n;
			double l = ri[k] * inv;
			ri[k] = l;
			for (int32_t j = k + 1; j < n; j++)
				ri[j] -= l * rk[j];
		}
	}
	return swaps;
}

static void solve(const double *lu, const int32_t *piv, double *x, int32_t n)
{
	for (int32_t k = 0; k < n; k++) {
		double t = x[k];
		x[k] = x[piv[k]];
		x[piv[k]] = t;
	}
	for (int32_t i = 0; i < n; i++)
		for (int32_t j = 0; j < i; j++)
			x[i] -= lu[(int64_t)i * n + j] * x[j];
	for (int32_t i = n - 1; i >= 0; i--) {
		for (int32_t j = i + 1; j < n; j++)
			x[i] -= lu[(int64_t)i * n + j] * x[j];
		x[i] /= lu[(int64_t)i * n + i];
	}
}

int main(int argc, char **argv)
{
	int32_t n = bench_size(argc, argv, 1800);
	double *a = bench_alloc((uint64_t)n * (uint64_t)n * sizeof(double));
	double *x = bench_alloc((uint64_t)n * sizeof(double));
	int32_t *piv = bench_alloc((uint64_t)n * sizeof(int32_t));
	bench_rng r = bench_rng_new(7);
	for (int64_t i = 0; i < (int64_t)n * n; i++)
		a[i] = bench_unit(&r) * 2.0 - 1.0;
	for (int32_t i = 0; i < n; i++)
		x[i] = (double)(i % 7) - 3.0;
	int32_t swaps = decompose(a, piv, n);
	solve(a, piv, x, n);
	double sum = 0.0, weighted = 0.0;
	for (int32_t i = 0; i < n; i++) {
		sum += x[i];
		weighted += x[i] * (double)(i + 1);
	}
	printf("lu n=%d swaps=%d sum=%.9e weighted=%.9e\n", (int)n, (int)swaps,
	       sum, weighted);
	free(a);
	free(x);
	free(piv);
	return 0;
}
