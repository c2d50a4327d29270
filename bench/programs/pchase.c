/*
 * pchase: pointer chasing.  A linked list threaded through 2M nodes in
 * a random cyclic order (each step a dependent load that misses cache),
 * then a binary search tree built from random keys and searched.  In
 * WebAssembly pointers are 32-bit offsets into linear memory, so nodes
 * are smaller than natively.  Checksum: sums along the walks.
 *
 * bench-quick: 2
 */
#include "common.h"

typedef struct node {
	struct node *next;
	uint32_t value;
} node;

typedef struct tree {
	struct tree *left, *right;
	uint32_t key;
} tree;

static node *build_cycle(node *nodes, uint32_t n, bench_rng *r)
{
	uint32_t *order = bench_alloc((uint64_t)n * sizeof *order);
	for (uint32_t i = 0; i < n; i++)
		order[i] = i;
	for (uint32_t i = n - 1; i > 0; i--) {
		uint32_t j = bench_below(r, i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (uint32_t i = 0; i < n; i++) {
		nodes[order[i]].next = &nodes[order[(i + 1) % n]];
		nodes[order[i]].value = i * 2654435761u;
	}
	node *head = &nodes[order[0]];
	free(order);
	return head;
}

static tree *insert(tree *root, tree *t)
{
	tree **at = &root;
	while (*at)
		at = t->key < (*at)->key ? &(*at)->left : &(*at)->right;
	*at = t;
	return root;
}

static uint32_t depth_of(const tree *root, uint32_t key)
{
	uint32_t d = 0;
	while (root && root->key != key) {
		root = key < root->key ? root->left : root->right;
		d++;
	}
	return root ? d : 0;
}

int main(int argc, char **argv)
{
	int32_t rounds = bench_size(argc, argv, 2);
	uint32_t n = 1u << 21, nt = 1u << 18;
	bench_rng r = bench_rng_new(11);
	node *nodes = bench_alloc((uint64_t)n * sizeof *nodes);
	node *p = build_cycle(nodes, n, &r);
	tree *trees = bench_alloc((uint64_t)nt * sizeof *trees), *root = NULL;
	for (uint32_t i = 0; i < nt; i++) {
		trees[i] = (tree){NULL, NULL, (uint32_t)bench_next(&r)};
		root = insert(root, &trees[i]);
	}
	uint64_t sum = 0;
	for (int32_t k = 0; k < rounds; k++) {
		for (uint32_t i = 0; i < n; i++) {
			sum += p->value;
			p = p->next;
		}
		for (uint32_t i = 0; i < nt; i += 3)
			sum += depth_of(
			    root, trees[(i * 7919u + (uint32_t)k) % nt].key);
	}
	printf("pchase rounds=%d sum=%llu\n", (int)rounds,
	       (unsigned long long)sum);
	free(nodes);
	free(trees);
	return 0;
}
