/*
 * recurse.c - unbounded recursion for the stack exhaustion tests; built
 * with optimisation off (see meson.build).
 */
#include "recurse.h"

volatile int recurse_stop;

int32_t recurse_deep(void *ctx, int32_t depth)
{
	volatile char frame[200];
	frame[0] = (char)depth;
	if (recurse_stop)
		return 0;
	return recurse_deep(ctx, depth + 1) + frame[0];
}
