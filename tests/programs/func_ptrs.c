// Function pointers: dispatch tables, callbacks with context, functions
// returning function pointers, a vtable-style object system, comparators
// chosen at run time, variadic functions, and pointer equality.
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int32_t (*binop)(int32_t, int32_t);

static int32_t op_add(int32_t a, int32_t b)
{
	return a + b;
}
static int32_t op_sub(int32_t a, int32_t b)
{
	return a - b;
}
static int32_t op_mul(int32_t a, int32_t b)
{
	return a * b;
}
static int32_t op_max(int32_t a, int32_t b)
{
	return a > b ? a : b;
}
static int32_t op_gcd(int32_t a, int32_t b)
{
	return b ? op_gcd(b, a % b) : a;
}

static const struct {
	const char *name;
	binop fn;
} ops[] = {{"add", op_add},
           {"sub", op_sub},
           {"mul", op_mul},
           {"max", op_max},
           {"gcd", op_gcd}};

static binop lookup(const char *name)
{
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (!strcmp(ops[i].name, name))
			return ops[i].fn;
	return NULL;
}

static int32_t fold(const int32_t *v, int n, binop f, int32_t init)
{
	for (int i = 0; i < n; i++)
		init = f(init, v[i]);
	return init;
}

/* Callbacks with a context pointer. */
typedef void (*visitor)(int32_t value, void *ctx);

static void each(const int32_t *v, int n, visitor fn, void *ctx)
{
	for (int i = 0; i < n; i++)
		fn(v[i], ctx);
}

struct stats {
	int64_t sum;
	int32_t min, max, evens;
};

static void collect(int32_t value, void *ctx)
{
	struct stats *s = ctx;
	s->sum += value;
	s->min = value < s->min ? value : s->min;
	s->max = value > s->max ? value : s->max;
	s->evens += value % 2 == 0;
}

static void print_value(int32_t value, void *ctx)
{
	printf("%s%d", (const char *)ctx, value);
}

/* Objects with a table of methods. */
struct shape;
struct shape_ops {
	const char *kind;
	double (*area)(const struct shape *);
	double (*perimeter)(const struct shape *);
	void (*scale)(struct shape *, double);
};

struct shape {
	const struct shape_ops *ops;
	double a, b;
};

static double rect_area(const struct shape *s)
{
	return s->a * s->b;
}
static double rect_perimeter(const struct shape *s)
{
	return 2 * (s->a + s->b);
}
static double circle_area(const struct shape *s)
{
	return 3.141592653589793 * s->a * s->a;
}
static double circle_perimeter(const struct shape *s)
{
	return 2 * 3.141592653589793 * s->a;
}
static void scale_both(struct shape *s, double k)
{
	s->a *= k;
	s->b *= k;
}

static const struct shape_ops rect_ops = {"rect", rect_area, rect_perimeter,
                                          scale_both};
static const struct shape_ops circle_ops = {"circle", circle_area,
                                            circle_perimeter, scale_both};

/* A function returning a function pointer. */
static binop pick(int i)
{
	return ops[i % 5].fn;
}

static int32_t (*pick_again(int i))(int32_t, int32_t)
{
	return pick(i + 1);
}

static double sum_doubles(int n, ...)
{
	va_list ap;
	va_start(ap, n);
	double s = 0;
	for (int i = 0; i < n; i++)
		s += va_arg(ap, double);
	va_end(ap);
	return s;
}

/* Format letters: i int, l long long, d double, s string. */
static void describe(const char *fmt, ...)
{
	va_list ap, copy;
	va_start(ap, fmt);
	va_copy(copy, ap);
	for (const char *f = fmt; *f; f++) {
		switch (*f) {
		case 'i': printf("int %d; ", va_arg(ap, int)); break;
		case 'l':
			printf("long long %lld; ", va_arg(ap, long long));
			break;
		case 'd': printf("double %.3f; ", va_arg(ap, double)); break;
		case 's':
			printf("string %s; ", va_arg(ap, const char *));
			break;
		}
	}
	printf("| first again %d\n", va_arg(copy, int));
	va_end(copy);
	va_end(ap);
}

static int cmp_asc(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static int cmp_desc(const void *a, const void *b)
{
	return cmp_asc(b, a);
}

static int cmp_abs(const void *a, const void *b)
{
	int32_t x = abs(*(const int32_t *)a), y = abs(*(const int32_t *)b);
	return x != y ? (x > y) - (x < y) : cmp_asc(a, b);
}

int main(void)
{
	int32_t v[] = {12, -7, 30, 18, -42, 6, 24};
	int n = (int)(sizeof v / sizeof v[0]);
	const char *names[] = {"add", "sub", "mul", "max", "gcd", "none"};
	for (int i = 0; i < 6; i++) {
		binop f = lookup(names[i]);
		if (f)
			printf("fold %s = %d\n", names[i],
			       fold(v, n, f, i == 2 ? 1 : 0));
		else
			printf("fold %s: no such operation\n", names[i]);
	}
	struct stats s = {0, INT32_MAX, INT32_MIN, 0};
	each(v, n, collect, &s);
	printf("sum %lld min %d max %d evens %d\n", (long long)s.sum, s.min,
	       s.max, s.evens);
	each(v, n, print_value, " ");
	printf("\n");
	struct shape shapes[] = {
	    {&rect_ops, 3, 4}, {&circle_ops, 1.5, 0}, {&rect_ops, 0.5, 10}};
	for (int i = 0; i < 3; i++) {
		struct shape *sh = &shapes[i];
		sh->ops->scale(sh, 2);
		printf("%s area %.4f perimeter %.4f\n", sh->ops->kind,
		       sh->ops->area(sh), sh->ops->perimeter(sh));
	}
	printf("pick(7)(9, 4) = %d, pick_again(3)(9, 4) = %d\n", pick(7)(9, 4),
	       pick_again(3)(9, 4));
	printf("same function: %d %d\n", pick(0) == op_add, pick(1) == op_add);
	printf("sum_doubles %.3f\n", sum_doubles(4, 1.5, 2.25, -0.125, 100.0));
	describe("ildsi", 7, -123456789012LL, 2.5, "text", -1);
	int32_t (*comparators[])(const void *,
	                         const void *) = {cmp_asc, cmp_desc, cmp_abs};
	for (int c = 0; c < 3; c++) {
		int32_t w[7];
		memcpy(w, v, sizeof w);
		qsort(w, 7, sizeof w[0],
		      (int (*)(const void *, const void *))comparators[c]);
		for (int i = 0; i < 7; i++)
			printf("%d%c", w[i], i == 6 ? '\n' : ' ');
	}
	return 0;
}
