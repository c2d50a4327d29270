// Structures: passed and returned by value at several sizes, nested and
// designated initializers, compound literals, arrays of structures,
// unions, flexible array members, copies, and offsetof for layouts that
// are the same on 32- and 64-bit targets (no pointers or longs inside).
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* No fused multiply-adds: clang folds constant ones with one rounding,
 * so results would depend on what each target's optimiser folds. */
#pragma STDC FP_CONTRACT OFF

typedef struct {
	int16_t x, y;
} small; /* 4 bytes */

typedef struct {
	double re, im;
} complex_num; /* 16 bytes */

typedef struct {
	char tag;
	int64_t id;
	float weight;
	uint8_t flags[5];
	double score;
} mixed; /* padding between fields */

typedef struct {
	int32_t cells[25];
	char name[20];
} large; /* 120 bytes */

typedef struct {
	small corner;
	complex_num c;
	int32_t depth;
} nested;

typedef struct {
	uint32_t count;
	int32_t items[];
} flexible;

static small add_small(small a, small b)
{
	return (small){(int16_t)(a.x + b.x), (int16_t)(a.y + b.y)};
}

static complex_num mul(complex_num a, complex_num b)
{
	return (complex_num){a.re * b.re - a.im * b.im,
	                     a.re * b.im + a.im * b.re};
}

static complex_num cpow(complex_num z, int n)
{
	complex_num r = {1, 0};
	while (n-- > 0)
		r = mul(r, z);
	return r;
}

static large transform(large in, int k)
{
	for (int i = 0; i < 25; i++)
		in.cells[i] = in.cells[i] * k + i;
	in.name[0] = (char)(in.name[0] - 'a' + 'A');
	return in;
}

static int64_t sum_large(large l)
{
	int64_t s = 0;
	for (int i = 0; i < 25; i++)
		s += l.cells[i];
	return s;
}

static mixed make_mixed(int i)
{
	mixed m = {.tag = (char)('A' + i),
	           .id = (int64_t)i << 40,
	           .weight = 0.5f * (float)i,
	           .flags = {1, 2, 3},
	           .score = i / 3.0};
	m.flags[4] = (uint8_t)(i * 51);
	return m;
}

static void print_mixed(const mixed *m)
{
	printf("%c %lld %.2f [%u %u %u %u %u] %.6f\n", m->tag, (long long)m->id,
	       m->weight, m->flags[0], m->flags[1], m->flags[2], m->flags[3],
	       m->flags[4], m->score);
}

static nested pass_through(nested n)
{
	n.depth++;
	n.corner = add_small(n.corner, n.corner);
	return n;
}

int main(void)
{
	small a = {3, -4}, b = {.y = 10, .x = 7};
	small c = add_small(a, b);
	printf("small %d %d size %zu\n", c.x, c.y, sizeof(small));
	complex_num z = {0.6, 0.8};
	complex_num p = cpow(z, 10);
	printf("z^10 = %.12f %+.12fi\n", p.re, p.im);
	large l = {.name = "matrix"};
	for (int i = 0; i < 25; i++)
		l.cells[i] = i * i - 12;
	large t = transform(l, 3);
	printf(
	    "large: original sum %lld name %s, transformed sum %lld name %s\n",
	    (long long)sum_large(l), l.name, (long long)sum_large(t), t.name);
	printf("sizes: mixed %zu large %zu nested %zu flexible %zu\n",
	       sizeof(mixed), sizeof(large), sizeof(nested), sizeof(flexible));
	printf(
	    "offsets: id %zu weight %zu flags %zu score %zu c %zu depth %zu\n",
	    offsetof(mixed, id), offsetof(mixed, weight),
	    offsetof(mixed, flags), offsetof(mixed, score), offsetof(nested, c),
	    offsetof(nested, depth));
	mixed ms[6];
	for (int i = 0; i < 6; i++)
		ms[i] = make_mixed(i);
	mixed copy = ms[4];
	ms[4].tag = 'z';
	print_mixed(&copy);
	print_mixed(&ms[4]);
	nested n = {{1, 2}, {3.5, -4.5}, 0};
	for (int i = 0; i < 5; i++)
		n = pass_through(n);
	printf("nested %d %d %.1f %.1f depth %d\n", n.corner.x, n.corner.y,
	       n.c.re, n.c.im, n.depth);
	union {
		float f;
		uint32_t u;
		uint8_t bytes[4];
	} pun = {.f = -1.5f};
	printf("union %08x bytes %02x %02x %02x %02x\n", pun.u, pun.bytes[0],
	       pun.bytes[1], pun.bytes[2], pun.bytes[3]);
	flexible *f = malloc(sizeof *f + 10 * sizeof(int32_t));
	f->count = 10;
	for (uint32_t i = 0; i < f->count; i++)
		f->items[i] = (int32_t)(i * i * i) - 100;
	int32_t s = 0;
	for (uint32_t i = 0; i < f->count; i++)
		s += f->items[i];
	printf("flexible sum %d\n", s);
	free(f);
	small grid[3][3];
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			grid[i][j] = (small){(int16_t)i, (int16_t)(j * 10)};
	small acc = {0, 0};
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			acc = add_small(acc, grid[i][j]);
	printf("grid sum %d %d\n", acc.x, acc.y);
	struct {
		int a;
		char b[3];
	} anon1 = {1, "xy"}, anon2;
	memcpy(&anon2, &anon1, sizeof anon1);
	printf("anonymous copy %d %s\n", anon2.a, anon2.b);
	return 0;
}
