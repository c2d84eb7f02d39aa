// SPDX-License-Identifier: GPL-2.0
/*
 * A fixed four-level radix tree of 512-way nodes: 36-bit keys to u64 values
 * (0 = empty). Page tables key it by virtual page number (48-bit addresses),
 * the page cache by file page index. Nodes are allocated on demand and freed
 * with the tree.
 */
#include "mm.h"

#define RADIX_BITS 9
#define RADIX_FAN (1u << RADIX_BITS)
#define RADIX_LEVELS 4

struct radix_node {
	void *slot[RADIX_FAN]; /* inner: child nodes; leaf: u64 values */
};

static unsigned radix_index(u64 key, int level)
{
	return (unsigned)(key >> (RADIX_BITS * (RADIX_LEVELS - 1 - level))) & (RADIX_FAN - 1);
}

u64 *radix_slot(struct radix *r, u64 key, bool create)
{
	struct radix_node **np = &r->root;
	int level;

	if (key >> RADIX_KEY_BITS)
		return NULL;
	for (level = 0; level < RADIX_LEVELS; level++) {
		if (!*np) {
			if (!create)
				return NULL;
			*np = kzalloc(sizeof(struct radix_node));
			if (!*np)
				return NULL;
		}
		if (level == RADIX_LEVELS - 1)
			return (u64 *)&(*np)->slot[radix_index(key, level)];
		np = (struct radix_node **)&(*np)->slot[radix_index(key, level)];
	}
	return NULL;
}

static int radix_walk_node(struct radix_node *n, int level, u64 base, u64 first, u64 end,
			   radix_visit_fn fn, void *arg)
{
	unsigned shift = RADIX_BITS * (RADIX_LEVELS - 1 - level);
	u64 span = 1ull << shift;
	unsigned i = 0;
	int r;

	if (first > base)
		i = (unsigned)((first - base) >> shift);
	for (; i < RADIX_FAN; i++) {
		u64 k = base + (u64)i * span;

		if (k >= end)
			break;
		if (!n->slot[i])
			continue;
		if (level == RADIX_LEVELS - 1) {
			if (k < first)
				continue;
			r = fn((u64 *)&n->slot[i], k, arg);
		} else {
			r = radix_walk_node(n->slot[i], level + 1, k, first, end, fn, arg);
		}
		if (r)
			return r;
	}
	return 0;
}

int radix_walk(struct radix *r, u64 first, u64 end, radix_visit_fn fn, void *arg)
{
	if (!r->root || first >= end)
		return 0;
	return radix_walk_node(r->root, 0, 0, first, end, fn, arg);
}

static void radix_free_node(struct radix_node *n, int level)
{
	unsigned i;

	if (level < RADIX_LEVELS - 1)
		for (i = 0; i < RADIX_FAN; i++)
			if (n->slot[i])
				radix_free_node(n->slot[i], level + 1);
	kfree(n);
}

void radix_free(struct radix *r)
{
	if (r->root)
		radix_free_node(r->root, 0);
	r->root = NULL;
}
