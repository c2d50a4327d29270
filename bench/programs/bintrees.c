/*
 * bintrees: allocation-heavy binary trees.  For depths 4, 6, ... up to
 * SIZE, builds many complete trees of that depth with malloc, walks them
 * and frees them node by node, while one long-lived tree of the maximum
 * depth stays allocated.  Stresses malloc/free (the C library's allocator
 * in each build), pointer chasing and recursion.  Checksum: node counts
 * and a value sum per depth.
 *
 * bench-quick: 10
 */
#include "common.h"

typedef struct node {
	struct node *left, *right;
	int32_t value;
} node;

static node *build(int32_t depth, int32_t value)
{
	node *n = bench_alloc(sizeof *n);
	n->value = value;
	if (depth > 0) {
		n->left = build(depth - 1, 2 * value - 1);
		n->right = build(depth - 1, 2 * value);
	} else {
		n->left = n->right = NULL;
	}
	return n;
}

/* Node count in the low 32 bits, a value mix in the high 32. */
static uint64_t walk(const node *n)
{
	if (!n->left)
		return 1 | (uint64_t)(uint32_t)n->value << 32;
	uint64_t l = walk(n->left), r = walk(n->right);
	uint32_t count = (uint32_t)l + (uint32_t)r + 1;
	uint32_t mix =
	    (uint32_t)(l >> 32) * 3 + (uint32_t)(r >> 32) + (uint32_t)n->value;
	return count | (uint64_t)mix << 32;
}

static void release(node *n)
{
	if (n->left) {
		release(n->left);
		release(n->right);
	}
	free(n);
}

int main(int argc, char **argv)
{
	int32_t max_depth = bench_size(argc, argv, 18);
	if (max_depth < 6)
		max_depth = 6;
	node *keep = build(max_depth, 0);
	uint64_t total = 0;
	for (int32_t depth = 4; depth <= max_depth; depth += 2) {
		int32_t iterations = 1 << (max_depth - depth + 4);
		uint32_t nodes = 0, mix = 0;
		for (int32_t i = 0; i < iterations; i++) {
			node *t = build(depth, i);
			uint64_t w = walk(t);
			nodes += (uint32_t)w;
			mix = (mix ^ (uint32_t)(w >> 32)) * 0x01000193u;
			release(t);
		}
		printf("depth %d: %d trees, %u nodes, mix %08x\n", (int)depth,
		       (int)iterations, nodes, mix);
		total += nodes;
	}
	uint64_t w = walk(keep);
	printf("bintrees long-lived %u nodes mix %08x total %llu\n",
	       (uint32_t)w, (uint32_t)(w >> 32), (unsigned long long)total);
	release(keep);
	return 0;
}
