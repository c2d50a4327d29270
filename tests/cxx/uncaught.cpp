// RUN: exit 134
// An exception nothing catches ends the program with status 134: natively
// std::terminate aborts; the WebAssembly build's exception leaves _start.
#include <stdio.h>

struct Fatal {
	int code;
};

__attribute__((noinline)) static void fail(int depth)
{
	if (depth == 0)
		throw Fatal{7};
	fail(depth - 1);
}

int main()
{
	try {
		fail(10);
	} catch (int) {
		puts("not this handler");
	}
	puts("not reached");
	return 0;
}
