// SPDX-License-Identifier: GPL-2.0
/*
 * mem_large: many pages. A 32 MiB anonymous mapping is touched on every
 * page and read back intact; mapping and unmapping it repeatedly does not
 * run out of memory (freed pages really come back); malloc of many blocks
 * of mixed sizes keeps every block's contents; a forked child can touch
 * (copy) a large share of the parent's memory.
 */
#include "t.h"
#include <stdint.h>
#include <sys/mman.h>

#define PG 4096
#define BIG (32u << 20)

static uint32_t word_for(size_t page, int round)
{
	return (uint32_t)(page * 2654435761u) ^ (uint32_t)round;
}

static void touch_all(int round)
{
	char *p = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	for (size_t pg = 0; pg < BIG / PG; pg++)
		*(uint32_t *)(p + pg * PG + (pg % 1000) * 4) = word_for(pg, round);
	for (size_t pg = 0; pg < BIG / PG; pg++) {
		uint32_t v = *(uint32_t *)(p + pg * PG + (pg % 1000) * 4);
		if (v != word_for(pg, round))
			t_failf(__FILE__, __LINE__, "page %zu (got %#x, want %#x)",
				pg, v, word_for(pg, round));
		/* The rest of the page is still zero. */
		if (p[pg * PG + 4000] != 0)
			t_failf(__FILE__, __LINE__, "page %zu tail (got %d, want 0)",
				pg, p[pg * PG + 4000]);
	}
	CHECK_OK(munmap(p, BIG));
}

static void mallocs(void)
{
	enum { N = 2000 };
	static unsigned char *blk[N];
	static size_t len[N];
	for (int i = 0; i < N; i++) {
		len[i] = (size_t)(i * 7919) % (i % 10 == 0 ? 200000 : 3000) + 1;
		blk[i] = malloc(len[i]);
		CHECK(blk[i] != NULL);
		memset(blk[i], i & 0xff, len[i]);
	}
	for (int i = 0; i < N; i += 2) {
		free(blk[i]);
		blk[i] = NULL;
	}
	for (int i = 1; i < N; i += 2) {
		CHECK_EQ(blk[i][0], i & 0xff);
		CHECK_EQ(blk[i][len[i] - 1], i & 0xff);
		free(blk[i]);
	}
}

static void fork_copy(void)
{
	size_t n = 16u << 20;
	char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	memset(p, 1, n);
	pid_t pid = t_fork();
	if (pid == 0) {
		for (size_t i = 0; i < n; i += PG)
			p[i] = 2;                 /* copies every page */
		for (size_t i = 0; i < n; i += PG)
			if (p[i] != 2 || p[i + 1] != 1)
				_exit(1);
		_exit(0);
	}
	t_wait_ok(pid);
	for (size_t i = 0; i < n; i += PG)
		CHECK_EQ(p[i], 1);
	munmap(p, n);
}

int main(void)
{
	for (int round = 0; round < 2; round++)
		touch_all(round);
	mallocs();
	fork_copy();
	return 0;
}
