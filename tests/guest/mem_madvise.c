// SPDX-License-Identifier: GPL-2.0
/*
 * mem_madvise: madvise and mincore. MADV_DONTNEED on private anonymous
 * memory gives zero pages back (and mincore shows them not resident); on a
 * private file mapping it brings back the file's contents; on shared
 * memory the data stays. mincore marks touched pages resident, rejects an
 * unaligned start (EINVAL) and an unmapped range (ENOMEM). Harmless advice
 * (WILLNEED, SEQUENTIAL, RANDOM, NORMAL) succeeds; unknown advice is EINVAL.
 */
#include "t.h"
#include <sys/mman.h>

#define PG 4096

static void anon_private(void)
{
	enum { N = 8 };
	unsigned char vec[N];
	char *p = mmap(NULL, N * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK_OK(mincore(p, N * PG, vec));
	for (int i = 0; i < N; i++)
		CHECK_EQ(vec[i] & 1, 0);                 /* never touched */
	memset(p, 0x3c, N * PG);
	CHECK_OK(mincore(p, N * PG, vec));
	for (int i = 0; i < N; i++)
		CHECK_EQ(vec[i] & 1, 1);

	CHECK_OK(madvise(p + 2 * PG, 3 * PG, MADV_DONTNEED));
	CHECK_OK(mincore(p, N * PG, vec));
	CHECK_EQ(vec[1] & 1, 1);
	CHECK_EQ(vec[2] & 1, 0);
	CHECK_EQ(vec[4] & 1, 0);
	CHECK_EQ(vec[5] & 1, 1);
	for (int i = 2 * PG; i < 5 * PG; i += 256)
		CHECK_EQ(p[i], 0);
	CHECK_EQ(p[2 * PG - 1], 0x3c);
	CHECK_EQ(p[5 * PG], 0x3c);
	/* Still mapped and writable. */
	p[3 * PG] = 1;
	CHECK_EQ(p[3 * PG], 1);
	munmap(p, N * PG);
}

static void file_and_shared(void)
{
	t_tmpdir();
	int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0600));
	char page[PG];
	memset(page, 'f', sizeof(page));
	t_write_all(fd, page, PG);

	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	p[10] = 'x';
	CHECK_OK(madvise(p, PG, MADV_DONTNEED));
	CHECK_EQ(p[10], 'f');                        /* back to the file */
	munmap(p, PG);

	char *s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(s != MAP_FAILED);
	s[11] = 'y';
	CHECK_OK(madvise(s, PG, MADV_DONTNEED));
	CHECK_EQ(s[11], 'y');                        /* shared data is kept */
	munmap(s, PG);
	close(fd);

	char *a = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED);
	a[0] = 'z';
	CHECK_OK(madvise(a, PG, MADV_DONTNEED));
	CHECK_EQ(a[0], 'z');
	munmap(a, PG);
}

static void errors_and_hints(void)
{
	unsigned char vec[4];
	char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	static const int ok[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED };
	for (unsigned i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CHECK_OK(madvise(p, 4 * PG, ok[i]));
	CHECK_ERR(madvise(p, 4 * PG, 12345), EINVAL);
	CHECK_ERR(madvise(p + 1, PG, MADV_NORMAL), EINVAL);
	CHECK_ERR(mincore(p + 1, PG, vec), EINVAL);
	CHECK_OK(munmap(p + 2 * PG, 2 * PG));
	CHECK_ERR(mincore(p, 4 * PG, vec), ENOMEM);
	CHECK_ERR(madvise(p, 4 * PG, MADV_NORMAL), ENOMEM);
	CHECK_ERR(mincore(p, PG, (unsigned char *)8), EFAULT);
	munmap(p, 2 * PG);
}

int main(void)
{
	anon_private();
	file_and_shared();
	errors_and_hints();
	return 0;
}
