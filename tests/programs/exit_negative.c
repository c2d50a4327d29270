// RUN: exit 255
// Returning -1 from main: the parent sees the status modulo 256 (255), and
// output still buffered is flushed by the normal exit path.
#include <stdio.h>

int main(void)
{
	for (int i = 0; i < 3; i++)
		printf("line %d\n", i);
	return -1;
}
