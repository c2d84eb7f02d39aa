// SPDX-License-Identifier: GPL-2.0
/*
 * mem_mmap: anonymous mmap and munmap. New private and shared anonymous
 * pages read as zero; MAP_FIXED replaces whatever was there (with zeros);
 * MAP_FIXED_NOREPLACE refuses with EEXIST; unmapping a page (also from the
 * middle of a mapping) makes it fault with SIGSEGV while its neighbours
 * stay; mincore tells mapped from unmapped (ENOMEM); PROT_NONE pages fault;
 * bad arguments give EINVAL, EBADF, EACCES. The type field: 0 is EINVAL,
 * MAP_SHARED_VALIDATE (3) is EINVAL for anonymous memory and for a file a
 * shared mapping that refuses flags MAP_SHARED ignores (EOPNOTSUPP).
 */
#include "t.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

#define PG 4096
static sigjmp_buf env;
static void *volatile fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)uc;
	fault_addr = si->si_addr;
	siglongjmp(env, 1);
}

/* 1 if reading p faults with SIGSEGV. */
static int faults(volatile char *p)
{
	fault_addr = NULL;
	if (sigsetjmp(env, 1) == 0) {
		(void)*p;
		return 0;
	}
	return fault_addr == (void *)p;
}

static int mapped(void *p)
{
	unsigned char v;
	return mincore(p, PG, &v) == 0;
}

static void anon(void)
{
	for (int shared = 0; shared < 2; shared++) {
		size_t len = 16 * PG;
		unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
					(shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);
		CHECK(p != MAP_FAILED);
		CHECK_EQ((uintptr_t)p % PG, 0);
		for (size_t i = 0; i < len; i += 511)
			CHECK_EQ(p[i], 0);
		memset(p, 0xab, len);
		CHECK_EQ(p[len - 1], 0xab);
		CHECK_OK(munmap(p, len));
		CHECK(faults((char *)p));
		CHECK(faults((char *)p + len - 1));
	}
	/* A length that is not a page multiple is rounded up. */
	char *q = mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(q != MAP_FAILED);
	q[PG - 1] = 1;
	CHECK_OK(munmap(q, 100));
	CHECK(!mapped(q));
}

static void fixed_and_holes(void)
{
	char *p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	memset(p, 7, 8 * PG);

	/* Replace pages 2-3 in place: same address, fresh zeros. */
	char *f = mmap(p + 2 * PG, 2 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(f == p + 2 * PG);
	CHECK_EQ(p[2 * PG], 0);
	CHECK_EQ(p[4 * PG - 1], 0);
	CHECK_EQ(p[2 * PG - 1], 7);
	CHECK_EQ(p[4 * PG], 7);

	void *r = mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(r == MAP_FAILED && errno == EEXIST);
	CHECK_EQ(p[0], 7);

	/* A hole in the middle. */
	CHECK_OK(munmap(p + 5 * PG, PG));
	CHECK(mapped(p + 4 * PG));
	CHECK(!mapped(p + 5 * PG));
	CHECK(mapped(p + 6 * PG));
	CHECK(faults(p + 5 * PG + 10));
	CHECK_EQ(p[6 * PG], 7);
	CHECK_ERR(mincore(p, 8 * PG, (unsigned char[8]){0}), ENOMEM);

	/* NOREPLACE into the hole works. */
	r = mmap(p + 5 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(r == p + 5 * PG);
	CHECK_EQ(p[5 * PG], 0);

	/* munmap of a range that is partly or wholly unmapped is fine. */
	CHECK_OK(munmap(p, 8 * PG));
	CHECK_OK(munmap(p, 8 * PG));
	CHECK(faults(p));
}

static void prot_none(void)
{
	char *p = mmap(NULL, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK(mapped(p));
	CHECK(faults(p));
	munmap(p, PG);
}

static void errors(void)
{
	void *r;
	r = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(r == MAP_FAILED && errno == EINVAL);
	r = mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0);     /* neither type */
	CHECK(r == MAP_FAILED && errno == EINVAL);
	r = mmap((void *)(0x10000000 + 1), PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(r == MAP_FAILED && errno == EINVAL);
	r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 999, 0);
	CHECK(r == MAP_FAILED && errno == EBADF);

	t_tmpdir();
	int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0600));
	CHECK_OK(ftruncate(fd, PG));
	r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 1);        /* unaligned offset */
	CHECK(r == MAP_FAILED && errno == EINVAL);
	close(fd);
	fd = CHECK_OK(open("f", O_WRONLY));
	r = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);         /* needs read access */
	CHECK(r == MAP_FAILED && errno == EACCES);
	close(fd);
	fd = CHECK_OK(open("f", O_RDONLY));
	r = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(r == MAP_FAILED && errno == EACCES);
	/* Private writable copy of a read-only file is allowed. */
	r = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(r != MAP_FAILED);
	munmap(r, PG);
	close(fd);

	CHECK_ERR(munmap((void *)(0x10000000 + 1), PG), EINVAL);
	CHECK_ERR(munmap((void *)0x10000000, 0), EINVAL);
}

#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif
#define MAP_UNKNOWN 0x800000 /* no flag has this bit */

static void map_types(void)
{
	void *r;
	r = mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0);
	CHECK(r == MAP_FAILED && errno == EINVAL);
	/* unknown flags are ignored by the old types */
	r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_UNKNOWN, -1, 0);
	CHECK(r != MAP_FAILED);
	munmap(r, PG);

	int fd = CHECK_OK(open("v", O_CREAT | O_RDWR, 0600));
	CHECK_OK(ftruncate(fd, PG));
	r = mmap(NULL, PG, PROT_READ, 0, fd, 0);
	CHECK(r == MAP_FAILED && errno == EINVAL);
	r = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE | MAP_UNKNOWN, fd, 0);
	CHECK(r == MAP_FAILED && errno == EOPNOTSUPP);
	r = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0);
	CHECK(r == MAP_FAILED && errno == EOPNOTSUPP);
	r = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_UNKNOWN, fd, 0);
	CHECK(r != MAP_FAILED);
	munmap(r, PG);
	/* a validated mapping is a shared one: stores reach the file */
	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE | MAP_POPULATE, fd, 0);
	CHECK(p != MAP_FAILED);
	p[5] = 'q';
	char c = 0;
	CHECK_EQ(pread(fd, &c, 1, 5), 1);
	CHECK_EQ(c, 'q');
	munmap(p, PG);
	close(fd);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGSEGV, &sa, NULL));
	anon();
	fixed_and_holes();
	prot_none();
	errors();
	map_types();
	return 0;
}
