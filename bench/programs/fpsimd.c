/*
 * fpsimd: single-precision kernels that clang vectorises, built for
 * WebAssembly with -msimd128 (and natively for SSE2): a 3x3 blur of a
 * 1024x1024 image, a saxpy, dot products, a clamp and a
 * magnitude (sqrt) pass, each over the whole array.  Measures how well
 * the SIMD a producer already chose survives into native code.
 * -ffp-contract=off on both sides keeps results bit-identical.
 * Checksum: sums of the arrays.
 *
 * bench-quick: 2
 * bench-wasm-cflags: -msimd128
 */
#include <math.h>

#include "common.h"

#define W 1024
#define H 1024

static void blur(const float *restrict in, float *restrict out)
{
	for (int32_t y = 1; y < H - 1; y++)
		for (int32_t x = 1; x < W - 1; x++) {
			const float *p = in + y * W + x;
			out[y * W + x] =
			    (p[-W - 1] + p[-W] + p[-W + 1] + p[-1] + p[0] +
			     p[1] + p[W - 1] + p[W] + p[W + 1]) *
			    (1.0f / 9.0f);
		}
}

static void saxpy(float a, const float *restrict x, float *restrict y,
                  int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		y[i] = a * x[i] + y[i];
}

static float dot(const float *x, const float *y, int32_t n)
{
	/* four partial sums in a fixed order: the same on both sides */
	float s[8] = {0};
	for (int32_t i = 0; i + 8 <= n; i += 8)
		for (int32_t j = 0; j < 8; j++)
			s[j] += x[i + j] * y[i + j];
	return ((s[0] + s[1]) + (s[2] + s[3])) +
	       ((s[4] + s[5]) + (s[6] + s[7]));
}

static void clamp_mag(float *restrict x, const float *restrict y, int32_t n)
{
	for (int32_t i = 0; i < n; i++) {
		float v = x[i] < -1.0f ? -1.0f : x[i] > 1.0f ? 1.0f : x[i];
		float w = y[i] < -1.0f ? -1.0f : y[i] > 1.0f ? 1.0f : y[i];
		x[i] = sqrtf(v * v + w * w) * 0.5f; /* stays below 1 */
	}
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 400);
	int32_t n = W * H;
	float *a = bench_alloc((uint64_t)n * sizeof *a);
	float *b = bench_alloc((uint64_t)n * sizeof *b);
	bench_rng r = bench_rng_new(3);
	for (int32_t i = 0; i < n; i++) {
		a[i] = (float)bench_unit(&r) - 0.5f;
		b[i] = (float)bench_unit(&r) - 0.5f;
	}
	double check = 0.0;
	for (int32_t k = 0; k < rounds; k++) {
		blur(a, b);
		saxpy(0.25f, b, a, n);
		check += dot(a, b, n);
		clamp_mag(a, b, n);
		saxpy(-0.5f, a, b, n);
	}
	double sa = 0.0, sb = 0.0;
	for (int32_t i = 0; i < n; i++) {
		sa += a[i];
		sb += b[i];
	}
	printf("fpsimd rounds=%d dot=%.6e a=%.6e b=%.6e\n", (int)rounds, check,
	       sa, sb);
	free(a);
	free(b);
	return 0;
}
