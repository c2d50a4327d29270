/* A C program built with clang -g for wasm32-wasi: wasm2native -g maps
 * its DWARF line table through, so gdb shows these lines. */
#include <stdio.h>

__attribute__((noinline)) static int square(int x)
{
	return x * x; /* LINE: square body */
}

__attribute__((noinline)) int sum_squares(int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += square(i); /* LINE: call of square */
	return s;
}

int main(int argc, char **argv)
{
	(void)argv;
	printf("%d\n", sum_squares(argc + 9)); /* LINE: call of sum_squares */
	return 0;
}
