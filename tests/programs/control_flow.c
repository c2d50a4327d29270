// Control flow that compiles to br_table and irreducible-looking shapes:
// dense and sparse switches, fall-through, goto state machines, nested
// breaks and continues, early returns from loops, short-circuit
// evaluation with side effects, static locals, and variable-length arrays.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *dense(int x)
{
	switch (x) {
	case 0: return "zero";
	case 1: return "one";
	case 2: return "two";
	case 3: return "three";
	case 4: return "four";
	case 5: return "five";
	case 6: return "six";
	case 7: return "seven";
	case 8: return "eight";
	case 9: return "nine";
	default: return "many";
	}
}

static int sparse(uint32_t x)
{
	switch (x) {
	case 1: return 10;
	case 100: return 20;
	case 1000: return 30;
	case 65536: return 40;
	case 0x7fffffff: return 50;
	case 0xffffffffu: return 60;
	default: return -1;
	}
}

static int fall_through(int x)
{
	int r = 0;
	switch (x) {
	case 3: r += 100; /* fall through */
	case 2: r += 10;  /* fall through */
	case 1: r += 1; break;
	case 7: r = 7; break;
	}
	return r;
}

/* Counts numbers in a string with an explicit goto state machine. */
static int count_numbers(const char *s)
{
	int count = 0;
outside:
	if (!*s)
		return count;
	if (*s >= '0' && *s <= '9') {
		count++;
		s++;
		goto inside;
	}
	s++;
	goto outside;
inside:
	if (!*s)
		return count;
	if ((*s >= '0' && *s <= '9') || *s == '_') {
		s++;
		goto inside;
	}
	s++;
	goto outside;
}

static int find_pair(const int *v, int n, int target, int *i_out, int *j_out)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			if (v[i] + v[j] != target)
				continue;
			*i_out = i;
			*j_out = j;
			return 1;
		}
	return 0;
}

static int calls;

static int noisy(int v)
{
	calls++;
	return v;
}

static int counter(void)
{
	static int n = 100;
	return n++;
}

static int64_t vla_sum(int n)
{
	int64_t m[n][n];
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			m[i][j] = (int64_t)(i + 1) * (j + 2) - i * j;
	int64_t s = 0;
	for (int i = 0; i < n; i++)
		s += m[i][n - 1 - i] * (i % 2 ? -1 : 1);
	return s;
}

int main(void)
{
	for (int i = -1; i <= 11; i++)
		printf("%s%c", dense(i), i == 11 ? '\n' : ' ');
	const uint32_t keys[] = {
	    0, 1, 100, 999, 1000, 65536, 0x7fffffff, 0x80000000u, 0xffffffffu};
	for (int i = 0; i < 9; i++)
		printf("%d%c", sparse(keys[i]), i == 8 ? '\n' : ' ');
	for (int i = 0; i <= 8; i++)
		printf("%d%c", fall_through(i), i == 8 ? '\n' : ' ');
	printf("numbers: %d %d %d\n", count_numbers("a1b22c333"),
	       count_numbers("1_000 and 2_000_000, 3"), count_numbers(""));
	int v[] = {8, 3, 11, 5, 2, 14, 7};
	int i, j;
	for (int target = 9; target <= 27; target += 6) {
		if (find_pair(v, 7, target, &i, &j))
			printf("pair for %d: v[%d]+v[%d]\n", target, i, j);
		else
			printf("pair for %d: none\n", target);
	}
	int total = 0;
	for (int a = 0; a < 10; a++) {
		if (a % 3 == 0)
			continue;
		for (int b = 0; b < 10; b++) {
			if (b > a)
				break;
			if ((a + b) % 4 == 0)
				continue;
			total += a * b;
		}
		if (total > 500)
			break;
	}
	printf("nested loops total %d\n", total);
	calls = 0;
	int r = (noisy(0) && noisy(1)) || (noisy(2) && noisy(0)) || noisy(3);
	printf("short circuit %d after %d calls\n", r, calls);
	r = noisy(1) ? noisy(5) : noisy(6);
	printf("conditional %d after %d calls\n", r, calls);
	int c1 = counter(), c2 = counter(), c3 = counter();
	printf("static counter %d %d %d\n", c1, c2, c3);
	printf("vla sums %lld %lld %lld\n", (long long)vla_sum(1),
	       (long long)vla_sum(7), (long long)vla_sum(40));
	int loops = 0;
	do {
		loops++;
	} while (loops < 5 && loops * loops != 9);
	printf("do-while ran %d times\n", loops);
	return 0;
}
