// RUN: exit 134
// abort() after flushed output: natively SIGABRT (status 128 + 6), in
// WebAssembly wasi-libc's abort is `unreachable`, a trap (status 134).
// Output flushed before it stays; what is still buffered is lost in both.
#include <stdio.h>
#include <stdlib.h>

static int depth(int n)
{
	if (n == 0) {
		printf("about to abort\n");
		fflush(stdout);
		printf("this line stays in the buffer");
		abort();
	}
	return depth(n - 1) + 1;
}

int main(void)
{
	printf("start\n");
	return depth(5);
}
