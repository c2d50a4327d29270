/*
 * dispatch: indirect calls.  (1) 4096 objects of five "classes", each a
 * struct starting with a pointer to a table of methods (area, perimeter,
 * grow), visited in a shuffled order so the call target changes almost
 * every call; (2) a table of 16 small integer operations chosen by data,
 * folded over a stream of values.  In WebAssembly every such call is a
 * call_indirect with a table bounds check and a signature check.
 * Checksum: the accumulated areas, perimeters and the folded integer.
 *
 * bench-quick: 4
 */
#include "common.h"

#define OBJECTS 4096

typedef struct shape shape;
typedef struct {
	double (*area)(const shape *);
	double (*perimeter)(const shape *);
	void (*grow)(shape *, double);
} shape_class;

struct shape {
	const shape_class *cls;
	double a, b;
};

static double circle_area(const shape *s)
{
	return 3.14159265358979 * s->a * s->a;
}
static double circle_perimeter(const shape *s)
{
	return 6.28318530717959 * s->a;
}
static double rect_area(const shape *s)
{
	return s->a * s->b;
}
static double rect_perimeter(const shape *s)
{
	return 2.0 * (s->a + s->b);
}
static double square_area(const shape *s)
{
	return s->a * s->a;
}
static double square_perimeter(const shape *s)
{
	return 4.0 * s->a;
}
static double tri_area(const shape *s)
{
	return 0.4330127018922193 * s->a * s->a;
}
static double tri_perimeter(const shape *s)
{
	return 3.0 * s->a;
}
static double ellipse_area(const shape *s)
{
	return 3.14159265358979 * s->a * s->b;
}
static double ellipse_perimeter(const shape *s)
{
	/* A sqrt-free estimate: exactness does not matter here. */
	return 3.14159265358979 *
	       (1.5 * (s->a + s->b) - 0.5 * (s->a * s->b) / (s->a + s->b));
}

static void grow_one(shape *s, double f)
{
	s->a *= f;
}
static void grow_both(shape *s, double f)
{
	s->a *= f;
	s->b /= f;
}

static const shape_class classes[5] = {
    {circle_area, circle_perimeter, grow_one},
    {rect_area, rect_perimeter, grow_both},
    {square_area, square_perimeter, grow_one},
    {tri_area, tri_perimeter, grow_one},
    {ellipse_area, ellipse_perimeter, grow_both},
};

typedef uint32_t (*int_op)(uint32_t, uint32_t);

static uint32_t op_add(uint32_t x, uint32_t y)
{
	return x + y;
}
static uint32_t op_sub(uint32_t x, uint32_t y)
{
	return x - y;
}
static uint32_t op_xor(uint32_t x, uint32_t y)
{
	return x ^ y;
}
static uint32_t op_mul(uint32_t x, uint32_t y)
{
	return x * (y | 1);
}
static uint32_t op_rotl(uint32_t x, uint32_t y)
{
	return x << (y & 31) | x >> (-y & 31);
}
static uint32_t op_rotr(uint32_t x, uint32_t y)
{
	return x >> (y & 31) | x << (-y & 31);
}
static uint32_t op_and_not(uint32_t x, uint32_t y)
{
	return x & ~y;
}
static uint32_t op_or(uint32_t x, uint32_t y)
{
	return x | (y >> 3);
}
static uint32_t op_min(uint32_t x, uint32_t y)
{
	return x < y ? x : y ^ x;
}
static uint32_t op_max(uint32_t x, uint32_t y)
{
	return x > y ? x : y + x;
}
static uint32_t op_avg(uint32_t x, uint32_t y)
{
	return (x >> 1) + (y >> 1) + 7;
}
static uint32_t op_mix(uint32_t x, uint32_t y)
{
	return (x ^ (x >> 15)) * 0x2c1b3c6du + y;
}
static uint32_t op_div(uint32_t x, uint32_t y)
{
	return x / (y % 97 + 1) + y;
}
static uint32_t op_mod(uint32_t x, uint32_t y)
{
	return x % (y % 1013 + 1) + x;
}
static uint32_t op_swap(uint32_t x, uint32_t y)
{
	return (x << 16 | x >> 16) - y;
}
static uint32_t op_neg(uint32_t x, uint32_t y)
{
	return ~x + (y & 0xff);
}

static int_op const int_ops[16] = {
    op_add, op_sub, op_xor, op_mul, op_rotl, op_rotr, op_and_not, op_or,
    op_min, op_max, op_avg, op_mix, op_div,  op_mod,  op_swap,    op_neg,
};

/* Opaque to the optimiser: the loop below cannot devirtualise calls. */
static uint32_t fold(const uint8_t *sel, const uint32_t *vals, uint32_t n,
                     uint32_t acc)
{
	for (uint32_t i = 0; i < n; i++)
		acc = int_ops[sel[i] & 15](acc, vals[i]);
	return acc;
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 3000);
	static shape objs[OBJECTS];
	static uint16_t order[OBJECTS];
	static uint8_t sel[OBJECTS * 4];
	static uint32_t vals[OBJECTS * 4];
	bench_rng r = bench_rng_new(123);
	for (int i = 0; i < OBJECTS; i++) {
		objs[i].cls = &classes[bench_below(&r, 5)];
		objs[i].a = 0.5 + bench_unit(&r);
		objs[i].b = 0.5 + bench_unit(&r);
		order[i] = (uint16_t)i;
	}
	for (int i = OBJECTS - 1; i > 0; i--) {
		int j = (int)bench_below(&r, (uint32_t)i + 1);
		uint16_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < OBJECTS * 4; i++) {
		sel[i] = (uint8_t)bench_next(&r);
		vals[i] = (uint32_t)bench_next(&r);
	}
	double area = 0.0, perimeter = 0.0;
	uint32_t acc = 1;
	for (int32_t round = 0; round < rounds; round++) {
		double f = round % 2 ? 1.0 / 1.001 : 1.001;
		for (int i = 0; i < OBJECTS; i++) {
			shape *s = &objs[order[i]];
			area += s->cls->area(s);
			perimeter += s->cls->perimeter(s);
			s->cls->grow(s, f);
		}
		acc = fold(sel, vals, OBJECTS * 4, acc + (uint32_t)round);
	}
	printf("dispatch rounds=%d area=%.9e perimeter=%.9e fold=%08x\n",
	       (int)rounds, area, perimeter, acc);
	return 0;
}
