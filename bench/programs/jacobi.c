/*
 * jacobi: 2D heat diffusion with a 5-point Jacobi stencil on an N x N
 * single-precision grid with fixed hot and cold edges, 500 sweeps
 * swapping two buffers.  Stresses streaming loads from three rows and
 * vectorised float arithmetic.  Checksum: total heat and a probe value.
 *
 * bench-quick: 96
 */
#include "common.h"

#define SWEEPS 500

static void init(float *g, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		for (int32_t j = 0; j < n; j++) {
			float v = 0.0f;
			if (i == 0)
				v = 100.0f;
			else if (j == 0)
				v = 50.0f;
			else if (i == n - 1 || j == n - 1)
				v = 0.0f;
			g[(int64_t)i * n + j] = v;
		}
}

static void sweep(const float *src, float *dst, int32_t n)
{
	for (int32_t i = 1; i < n - 1; i++) {
		const float *up = src + (int64_t)(i - 1) * n;
		const float *mid = src + (int64_t)i * n;
		const float *down = src + (int64_t)(i + 1) * n;
		float *out = dst + (int64_t)i * n;
		for (int32_t j = 1; j < n - 1; j++)
			out[j] =
			    0.25f * (up[j] + down[j] + mid[j - 1] + mid[j + 1]);
	}
}

int main(int argc, char **argv)
{
	int32_t n = bench_size(argc, argv, 2000);
	uint64_t bytes = (uint64_t)n * (uint64_t)n * sizeof(float);
	float *a = bench_alloc(bytes), *b = bench_alloc(bytes);
	init(a, n);
	init(b, n);
	for (int32_t s = 0; s < SWEEPS; s++) {
		sweep(a, b, n);
		float *t = a;
		a = b;
		b = t;
	}
	double heat = 0.0;
	for (int64_t i = 0; i < (int64_t)n * n; i++)
		heat += a[i];
	printf("jacobi n=%d heat=%.6e probe=%.6e\n", (int)n, heat,
	       (double)a[(int64_t)(n / 2) * n + 8]);
	free(a);
	free(b);
	return 0;
}
