/*
 * recurse.h - a C function that recurses until the stack runs out,
 * compiled at -O0 (recurse.c) so that no optimisation turns it into a
 * loop: stands in for unbounded recursion in generated code.
 */
#ifndef W2N_TEST_RECURSE_H
#define W2N_TEST_RECURSE_H

#include <stdint.h>

/* Wasm type [i32] -> [i32]; never returns unless recurse_stop is set. */
int32_t recurse_deep(void *ctx, int32_t depth);

extern volatile int recurse_stop;

#endif
