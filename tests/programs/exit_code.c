// RUN: exit 3
// exit(3) from a nested call: atexit handlers run in reverse order of
// registration, buffered stdout is flushed, and the status reaches the
// parent.
#include <stdio.h>
#include <stdlib.h>

static void first(void)
{
	printf("atexit handler registered first runs last\n");
}

static void second(void)
{
	printf("atexit handler registered second runs first\n");
}

static void leave(int depth)
{
	if (depth == 0) {
		printf("leaving from depth 0 (no newline yet)...");
		exit(3);
	}
	leave(depth - 1);
	printf("never printed\n");
}

int main(void)
{
	atexit(first);
	atexit(second);
	/* Fully buffered output that only exit() flushes. */
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	for (int i = 0; i < 100; i++)
		printf("buffered line %d\n", i);
	leave(10);
	return 0;
}
