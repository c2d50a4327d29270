/* The bundled example: a small WASI program (compiled by scripts/demo.sh
 * with clang-19 --target=wasm32-wasi). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long fib(unsigned n)
{
	unsigned long long a = 0, b = 1;
	while (n--) {
		unsigned long long t = a + b;
		a = b;
		b = t;
	}
	return a;
}

int main(int argc, char **argv)
{
	printf("hello from wasm2native, %d argument(s)\n", argc - 1);
	for (int i = 1; i < argc; i++)
		printf("  argv[%d] = %s (%zu bytes)\n", i, argv[i],
		       strlen(argv[i]));
	printf("fib(90) = %llu\n", fib(90));
	return 0;
}
