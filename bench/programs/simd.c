/*
 * simd: three 128-bit SIMD kernels written once over a thin vector layer
 * that maps to <wasm_simd128.h> intrinsics in the WebAssembly build
 * (-msimd128) and to SSE2 intrinsics in the native build (portable C
 * elsewhere).  Every operation is exact or IEEE single precision in the
 * same order, so all builds print the same checksum.
 *   mandel: Mandelbrot iteration counts, four pixels per f32x4 vector;
 *   blur:   a 5-point u8 image smoothing through u16 lanes (extend,
 *           add, shift, saturating narrow);
 *   dot:    an i16 dot product with pairwise multiply-add into i32 lanes.
 * Checksum: total iterations, an FNV-1a hash of the image, the dot sum.
 *
 * bench-quick: 1
 * bench-wasm-cflags: -msimd128
 */
#include <string.h>

#include "common.h"

#if defined(BENCH_SCALAR)
/* The portable scalar path below, for checking the vector ones. */
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
typedef v128_t vec;
static inline vec f32_splat(float x)
{
	return wasm_f32x4_splat(x);
}
static inline vec f32_make(float a, float b, float c, float d)
{
	return wasm_f32x4_make(a, b, c, d);
}
static inline vec f32_add(vec a, vec b)
{
	return wasm_f32x4_add(a, b);
}
static inline vec f32_sub(vec a, vec b)
{
	return wasm_f32x4_sub(a, b);
}
static inline vec f32_mul(vec a, vec b)
{
	return wasm_f32x4_mul(a, b);
}
static inline vec f32_le(vec a, vec b)
{
	return wasm_f32x4_le(a, b);
}
static inline vec v_and(vec a, vec b)
{
	return wasm_v128_and(a, b);
}
static inline int v_any(vec a)
{
	return wasm_v128_any_true(a);
}
static inline vec v_zero(void)
{
	return wasm_i32x4_splat(0);
}
static inline vec v_load(const void *p)
{
	return wasm_v128_load(p);
}
static inline void v_store(void *p, vec v)
{
	wasm_v128_store(p, v);
}
static inline vec i32_add(vec a, vec b)
{
	return wasm_i32x4_add(a, b);
}
static inline vec i32_sub(vec a, vec b)
{
	return wasm_i32x4_sub(a, b);
}
static inline uint32_t i32_lane_sum(vec a)
{
	return (uint32_t)wasm_i32x4_extract_lane(a, 0) +
	       (uint32_t)wasm_i32x4_extract_lane(a, 1) +
	       (uint32_t)wasm_i32x4_extract_lane(a, 2) +
	       (uint32_t)wasm_i32x4_extract_lane(a, 3);
}
static inline vec u8_widen_low(vec a)
{
	return wasm_u16x8_extend_low_u8x16(a);
}
static inline vec u8_widen_high(vec a)
{
	return wasm_u16x8_extend_high_u8x16(a);
}
static inline vec u16_add(vec a, vec b)
{
	return wasm_i16x8_add(a, b);
}
static inline vec u16_shl(vec a, int n)
{
	return wasm_i16x8_shl(a, (uint32_t)n);
}
static inline vec u16_shr(vec a, int n)
{
	return wasm_u16x8_shr(a, (uint32_t)n);
}
static inline vec u16_narrow(vec lo, vec hi)
{
	return wasm_u8x16_narrow_i16x8(lo, hi);
}
static inline vec i16_madd(vec a, vec b)
{
	return wasm_i32x4_dot_i16x8(a, b);
}
#define HAVE_VECTORS 1

#elif defined(__SSE2__)
#include <emmintrin.h>
typedef __m128i vec;
static inline vec f32_splat(float x)
{
	return _mm_castps_si128(_mm_set1_ps(x));
}
static inline vec f32_make(float a, float b, float c, float d)
{
	return _mm_castps_si128(_mm_setr_ps(a, b, c, d));
}
#define F(x) _mm_castsi128_ps(x)
#define I(x) _mm_castps_si128(x)
static inline vec f32_add(vec a, vec b)
{
	return I(_mm_add_ps(F(a), F(b)));
}
static inline vec f32_sub(vec a, vec b)
{
	return I(_mm_sub_ps(F(a), F(b)));
}
static inline vec f32_mul(vec a, vec b)
{
	return I(_mm_mul_ps(F(a), F(b)));
}
static inline vec f32_le(vec a, vec b)
{
	return I(_mm_cmple_ps(F(a), F(b)));
}
#undef F
#undef I
static inline vec v_and(vec a, vec b)
{
	return _mm_and_si128(a, b);
}
static inline int v_any(vec a)
{
	return _mm_movemask_epi8(a) != 0;
}
static inline vec v_zero(void)
{
	return _mm_setzero_si128();
}
static inline vec v_load(const void *p)
{
	return _mm_loadu_si128((const vec *)p);
}
static inline void v_store(void *p, vec v)
{
	_mm_storeu_si128((vec *)p, v);
}
static inline vec i32_add(vec a, vec b)
{
	return _mm_add_epi32(a, b);
}
static inline vec i32_sub(vec a, vec b)
{
	return _mm_sub_epi32(a, b);
}
static inline uint32_t i32_lane_sum(vec a)
{
	uint32_t l[4];
	_mm_storeu_si128((vec *)l, a);
	return l[0] + l[1] + l[2] + l[3];
}
static inline vec u8_widen_low(vec a)
{
	return _mm_unpacklo_epi8(a, _mm_setzero_si128());
}
static inline vec u8_widen_high(vec a)
{
	return _mm_unpackhi_epi8(a, _mm_setzero_si128());
}
static inline vec u16_add(vec a, vec b)
{
	return _mm_add_epi16(a, b);
}
static inline vec u16_shl(vec a, int n)
{
	return _mm_sll_epi16(a, _mm_cvtsi32_si128(n));
}
static inline vec u16_shr(vec a, int n)
{
	return _mm_srl_epi16(a, _mm_cvtsi32_si128(n));
}
static inline vec u16_narrow(vec lo, vec hi)
{
	return _mm_packus_epi16(lo, hi);
}
static inline vec i16_madd(vec a, vec b)
{
	return _mm_madd_epi16(a, b);
}
#define HAVE_VECTORS 1
#endif

#define WIDTH 1024
#define HEIGHT 768
#define MAX_ITER 96
#define DOT_LEN (1 << 16)

/* Escape-time counts for one row; lanes stay live until all escape. */
static uint32_t mandel_row(float cy0, float x0, float dx)
{
#ifdef HAVE_VECTORS
	vec total = v_zero(), four = f32_splat(4.0f), cy = f32_splat(cy0);
	for (int i = 0; i < WIDTH; i += 4) {
		vec cx =
		    f32_add(f32_mul(f32_make((float)i, (float)(i + 1),
		                             (float)(i + 2), (float)(i + 3)),
		                    f32_splat(dx)),
		            f32_splat(x0));
		vec x = v_zero(), y = v_zero(), count = v_zero();
		vec live = f32_le(v_zero(), four); /* all ones */
		for (int k = 0; k < MAX_ITER; k++) {
			vec x2 = f32_mul(x, x), y2 = f32_mul(y, y);
			live = v_and(live, f32_le(f32_add(x2, y2), four));
			if (!v_any(live))
				break;
			count = i32_sub(count, live);
			vec xy = f32_mul(x, y);
			y = f32_add(f32_add(xy, xy), cy);
			x = f32_add(f32_sub(x2, y2), cx);
		}
		total = i32_add(total, count);
	}
	return i32_lane_sum(total);
#else
	uint32_t total = 0;
	for (int i = 0; i < WIDTH; i++) {
		float cx = (float)i * dx + x0, x = 0.0f, y = 0.0f;
		for (int k = 0; k < MAX_ITER; k++) {
			float x2 = x * x, y2 = y * y;
			if (!(x2 + y2 <= 4.0f))
				break;
			total++;
			float xy = x * y;
			y = (xy + xy) + cy0;
			x = (x2 - y2) + cx;
		}
	}
	return total;
#endif
}

static uint8_t blur_pixel(const uint8_t *p)
{
	uint32_t s = (uint32_t)p[-WIDTH] + p[WIDTH] + p[-1] + p[1] + 4u * p[0];
	return (uint8_t)(s >> 3);
}

/* out = (up + down + left + right + 4 * centre) / 8 inside the border. */
static void blur(const uint8_t *in, uint8_t *out)
{
	memcpy(out, in, WIDTH * HEIGHT);
	for (int r = 1; r < HEIGHT - 1; r++) {
		const uint8_t *row = in + r * WIDTH;
		uint8_t *dst = out + r * WIDTH;
		int c = 1;
#ifdef HAVE_VECTORS
		for (; c + 16 <= WIDTH - 1; c += 16) {
			vec up = v_load(row + c - WIDTH),
			    down = v_load(row + c + WIDTH);
			vec left = v_load(row + c - 1),
			    right = v_load(row + c + 1);
			vec mid = v_load(row + c);
			vec lo = u16_add(
			    u16_add(u8_widen_low(up), u8_widen_low(down)),
			    u16_add(u8_widen_low(left), u8_widen_low(right)));
			vec hi = u16_add(
			    u16_add(u8_widen_high(up), u8_widen_high(down)),
			    u16_add(u8_widen_high(left), u8_widen_high(right)));
			lo = u16_shr(u16_add(lo, u16_shl(u8_widen_low(mid), 2)),
			             3);
			hi = u16_shr(
			    u16_add(hi, u16_shl(u8_widen_high(mid), 2)), 3);
			v_store(dst + c, u16_narrow(lo, hi));
		}
#endif
		for (; c < WIDTH - 1; c++)
			dst[c] = blur_pixel(row + c);
	}
}

static uint32_t dot(const int16_t *a, const int16_t *b)
{
#ifdef HAVE_VECTORS
	vec acc = v_zero();
	for (int i = 0; i < DOT_LEN; i += 8)
		acc = i32_add(acc, i16_madd(v_load(a + i), v_load(b + i)));
	return i32_lane_sum(acc);
#else
	uint32_t sum = 0;
	for (int i = 0; i < DOT_LEN; i++)
		sum += (uint32_t)((int32_t)a[i] * b[i]);
	return sum;
#endif
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 8);
	uint8_t *img = bench_alloc(WIDTH * HEIGHT),
	        *tmp = bench_alloc(WIDTH * HEIGHT);
	int16_t *a = bench_alloc(sizeof(int16_t) * (DOT_LEN + 64));
	int16_t *b = bench_alloc(sizeof(int16_t) * DOT_LEN);
	bench_rng r = bench_rng_new(4242);
	for (int i = 0; i < WIDTH * HEIGHT; i++)
		img[i] = (uint8_t)(bench_next(&r) >> 56);
	for (int i = 0; i < DOT_LEN + 64; i++)
		a[i] = (int16_t)(bench_next(&r) >> 48);
	for (int i = 0; i < DOT_LEN; i++)
		b[i] = (int16_t)(bench_next(&r) >> 48);
	uint64_t iterations = 0;
	uint32_t dots = 0;
	for (int32_t round = 0; round < rounds; round++) {
		float zoom = 1.0f / (float)(round + 1);
		float dx = 3.0f * zoom / WIDTH, dy = 2.0f * zoom / HEIGHT;
		float x0 = -0.743643f - 1.5f * zoom, y0 = 0.131825f - zoom;
		for (int row = 0; row < HEIGHT; row++)
			iterations += mandel_row((float)row * dy + y0, x0, dx);
		for (int pass = 0; pass < 40; pass++) {
			blur(img, tmp);
			uint8_t *t = img;
			img = tmp;
			tmp = t;
		}
		for (int k = 0; k < 400; k++)
			dots = dots * 31 + dot(a + (k + round) % 64, b);
	}
	uint32_t fnv = 2166136261u;
	for (int i = 0; i < WIDTH * HEIGHT; i++)
		fnv = (fnv ^ img[i]) * 16777619u;
	printf("simd rounds=%d iterations=%llu image=%08x dot=%08x\n",
	       (int)rounds, (unsigned long long)iterations, fnv, dots);
	free(img);
	free(tmp);
	free(a);
	free(b);
	return 0;
}
