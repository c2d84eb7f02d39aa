// SPDX-License-Identifier: GPL-2.0
/*
 * mem_remap: mremap. Growing in place when the following space is free
 * keeps the address; growing when it is taken fails with ENOMEM unless
 * MREMAP_MAYMOVE, which moves the pages (contents kept, old range gone);
 * shrinking unmaps the tail; MREMAP_FIXED moves to a chosen address,
 * replacing what was there; shared anonymous mappings stay shared after a
 * move; bad arguments are EINVAL.
 */
#include "t.h"
#include <stdint.h>
#include <sys/mman.h>

#define PG 4096

static int mapped(void *p)
{
	unsigned char v;
	return mincore(p, PG, &v) == 0;
}

/* Reserve a region and hand back its start, leaving it unmapped. */
static char *free_area(size_t len)
{
	char *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK_OK(munmap(p, len));
	return p;
}

static void pattern(char *p, size_t len, int seed)
{
	for (size_t i = 0; i < len; i += 64)
		p[i] = (char)(seed + i / 64);
}

static int has_pattern(const char *p, size_t len, int seed)
{
	for (size_t i = 0; i < len; i += 64)
		if (p[i] != (char)(seed + i / 64))
			return 0;
	return 1;
}

static void grow_in_place(void)
{
	char *area = free_area(8 * PG);
	char *p = mmap(area, 2 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(p == area);
	pattern(p, 2 * PG, 1);
	char *q = mremap(p, 2 * PG, 6 * PG, 0);
	CHECK(q == p);
	CHECK(has_pattern(q, 2 * PG, 1));
	CHECK_EQ(q[6 * PG - 1], 0);
	q[6 * PG - 1] = 5;

	/* Shrink: the tail goes away. */
	q = mremap(p, 6 * PG, 3 * PG, 0);
	CHECK(q == p);
	CHECK(mapped(p + 2 * PG));
	CHECK(!mapped(p + 3 * PG));
	CHECK(has_pattern(q, 2 * PG, 1));
	munmap(p, 3 * PG);
}

static void grow_and_move(void)
{
	char *area = free_area(4 * PG);
	char *p = mmap(area, 2 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	char *blocker = mmap(area + 2 * PG, PG, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(p == area && blocker == area + 2 * PG);
	pattern(p, 2 * PG, 9);

	void *r = mremap(p, 2 * PG, 64 * PG, 0);
	CHECK(r == MAP_FAILED && errno == ENOMEM);
	CHECK(has_pattern(p, 2 * PG, 9));

	char *q = mremap(p, 2 * PG, 64 * PG, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED);
	CHECK(q != p);
	CHECK(has_pattern(q, 2 * PG, 9));
	CHECK_EQ(q[64 * PG - 1], 0);
	CHECK(!mapped(p));
	CHECK(mapped(blocker));
	munmap(q, 64 * PG);
	munmap(blocker, PG);
}

static void fixed(void)
{
	char *src = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *dst = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(src != MAP_FAILED && dst != MAP_FAILED);
	pattern(src, 2 * PG, 3);
	memset(dst, 0x55, 4 * PG);
	char *q = mremap(src, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, dst + PG);
	CHECK(q == dst + PG);
	CHECK(has_pattern(q, 2 * PG, 3));
	CHECK_EQ((unsigned char)dst[0], 0x55);          /* untouched around it */
	CHECK_EQ((unsigned char)dst[3 * PG], 0x55);
	CHECK(!mapped(src));
	munmap(dst, 4 * PG);
}

static void shared_stays_shared(void)
{
	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 1;
	pid_t pid = t_fork();
	if (pid == 0) {
		/* Move our view; writes must still reach the parent. */
		char *q = mremap(p, PG, 4 * PG, MREMAP_MAYMOVE);
		if (q == MAP_FAILED)
			_exit(2);
		q[0] = 2;
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_EQ(p[0], 2);
	munmap(p, PG);
}

static void errors(void)
{
	char *p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	void *r = mremap(p + 1, PG, 2 * PG, MREMAP_MAYMOVE);
	CHECK(r == MAP_FAILED && errno == EINVAL);
	r = mremap(p, PG, 0, MREMAP_MAYMOVE);
	CHECK(r == MAP_FAILED && errno == EINVAL);
	r = mremap(p, PG, PG, MREMAP_FIXED, p + 16 * PG);    /* FIXED needs MAYMOVE */
	CHECK(r == MAP_FAILED && errno == EINVAL);
	r = mremap(p, PG, PG, 0x80);
	CHECK(r == MAP_FAILED && errno == EINVAL);
	munmap(p, PG);
	r = mremap(p, PG, 2 * PG, MREMAP_MAYMOVE);            /* nothing there */
	CHECK(r == MAP_FAILED && errno == EFAULT);
}

int main(void)
{
	grow_in_place();
	grow_and_move();
	fixed();
	shared_stays_shared();
	errors();
	return 0;
}
