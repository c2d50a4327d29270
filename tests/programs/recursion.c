// Recursive algorithms: Ackermann, naive Fibonacci, Towers of Hanoi,
// permutations, N-queens, a recursive flood fill, a recursion 100,000
// calls deep, and mutual recursion in a recursive-descent parser.
#include <stdio.h>
#include <string.h>

static unsigned ackermann(unsigned m, unsigned n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann(m - 1, 1);
	return ackermann(m - 1, ackermann(m, n - 1));
}

static unsigned fib(unsigned n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static unsigned long long moves;

static void hanoi(int n, int from, int to, int via)
{
	if (n == 0)
		return;
	hanoi(n - 1, from, via, to);
	moves++;
	hanoi(n - 1, via, to, from);
}

static int perm[9], used[9];
static unsigned long long perm_count, perm_hash;

static void permute(int depth, int n)
{
	if (depth == n) {
		perm_count++;
		unsigned long long h = 0;
		for (int i = 0; i < n; i++)
			h = h * 10 + (unsigned long long)perm[i];
		perm_hash = perm_hash * 31 + h;
		return;
	}
	for (int i = 0; i < n; i++) {
		if (!used[i]) {
			used[i] = 1;
			perm[depth] = i;
			permute(depth + 1, n);
			used[i] = 0;
		}
	}
}

static int queens(int row, int n, unsigned cols, unsigned d1, unsigned d2)
{
	if (row == n)
		return 1;
	int count = 0;
	for (int c = 0; c < n; c++) {
		unsigned a = 1u << c, b = 1u << (row + c),
		         d = 1u << (row - c + n);
		if (!(cols & a) && !(d1 & b) && !(d2 & d))
			count += queens(row + 1, n, cols | a, d1 | b, d2 | d);
	}
	return count;
}

enum { W = 48, H = 32 };
static char grid[H][W + 1];

static int fill(int y, int x)
{
	if (y < 0 || y >= H || x < 0 || x >= W || grid[y][x] != '.')
		return 0;
	grid[y][x] = 'o';
	return 1 + fill(y + 1, x) + fill(y - 1, x) + fill(y, x + 1) +
	       fill(y, x - 1);
}

/* Not a tail call nor a simple accumulation, so it stays recursive; no
 * local has its address taken, so it needs no space on the C stack in
 * linear memory (64 KiB by default for wasm32-wasi), only call frames. */
static unsigned deep(unsigned n)
{
	return n == 0 ? 1 : (deep(n - 1) * 3 + n) % 1000003u;
}

/* expr := term {('+'|'-') term}; term := factor {('*'|'/') factor};
 * factor := number | '(' expr ')' | '-' factor */
static const char *src;

static long long expr(void);

static long long factor(void)
{
	if (*src == '(') {
		src++;
		long long v = expr();
		src++;
		return v;
	}
	if (*src == '-') {
		src++;
		return -factor();
	}
	long long v = 0;
	while (*src >= '0' && *src <= '9')
		v = v * 10 + (*src++ - '0');
	return v;
}

static long long term(void)
{
	long long v = factor();
	while (*src == '*' || *src == '/') {
		char op = *src++;
		long long r = factor();
		v = op == '*' ? v * r : v / r;
	}
	return v;
}

static long long expr(void)
{
	long long v = term();
	while (*src == '+' || *src == '-') {
		char op = *src++;
		long long r = term();
		v = op == '+' ? v + r : v - r;
	}
	return v;
}

int main(void)
{
	printf("ackermann(2,3) %u ackermann(3,6) %u\n", ackermann(2, 3),
	       ackermann(3, 6));
	printf("fib(27) %u\n", fib(27));
	hanoi(20, 0, 2, 1);
	printf("hanoi(20) %llu moves\n", moves);
	permute(0, 8);
	printf("permutations of 8: %llu hash %llu\n", perm_count, perm_hash);
	for (int n = 4; n <= 10; n++)
		printf("queens(%d) = %d\n", n, queens(0, n, 0, 0, 0));
	for (int y = 0; y < H; y++) {
		for (int x = 0; x < W; x++)
			grid[y][x] = (x % 7 == 3 && y % 5 != 2) ||
			                     (y % 9 == 4 && x % 11 != 5)
			                 ? '#'
			                 : '.';
		grid[y][W] = 0;
	}
	printf("flood fill from (0,0): %d cells\n", fill(0, 0));
	for (int y = 0; y < 8; y++)
		printf("%s\n", grid[y]);
	printf("deep(100000) = %u\n", deep(100000));
	const char *exprs[] = {
	    "1+2*3",      "(1+2)*3",           "100/7/2",
	    "-(4-10)*-3", "2*(3+(4*(5+6)))-7", "((((((1))))))"};
	for (int i = 0; i < 6; i++) {
		src = exprs[i];
		printf("%s = %lld\n", exprs[i], expr());
	}
	return 0;
}
