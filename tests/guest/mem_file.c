// SPDX-License-Identifier: GPL-2.0
/*
 * mem_file: file-backed mappings and the page cache. A store through a
 * MAP_SHARED mapping is seen by read() and by another mapping of the file
 * (and by a child's mapping); write() is seen through both shared and
 * not-yet-written private mappings; a store through a MAP_PRIVATE mapping
 * is seen by no one else; mappings honour their file offset, survive
 * close(fd), and msync succeeds.
 */
#include "t.h"
#include <stdint.h>
#include <sys/mman.h>

#define PG 4096

static void fill(int fd, size_t len)
{
	char buf[PG];
	for (size_t off = 0; off < len; off += PG) {
		for (int i = 0; i < PG; i++)
			buf[i] = (char)('a' + (off / PG + i) % 26);
		t_write_all(fd, buf, PG);
	}
}

static char expect(size_t pos)
{
	return (char)('a' + (pos / PG + pos % PG) % 26);
}

static void shared(void)
{
	int fd = CHECK_OK(open("shared", O_CREAT | O_RDWR | O_TRUNC, 0600));
	fill(fd, 4 * PG);
	char *m = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *m2 = mmap(NULL, 4 * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED && m2 != MAP_FAILED);
	CHECK_EQ(m[5], expect(5));
	CHECK_EQ(m[3 * PG + 7], expect(3 * PG + 7));

	/* Store through the map, see it with pread and the second map. */
	memcpy(m + PG + 10, "HELLO", 5);
	char buf[8] = { 0 };
	CHECK_EQ(pread(fd, buf, 5, PG + 10), 5);
	CHECK_STR(buf, "HELLO");
	CHECK_EQ(m2[PG + 10], 'H');

	/* write() is seen through the map. */
	CHECK_EQ(pwrite(fd, "WORLD", 5, 2 * PG + 1), 5);
	CHECK_EQ(memcmp(m + 2 * PG + 1, "WORLD", 5), 0);
	CHECK_OK(msync(m, 4 * PG, MS_SYNC));

	/* A child's store through its inherited shared map reaches the file. */
	pid_t pid = t_fork();
	if (pid == 0) {
		m[3 * PG] = '!';
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_EQ(pread(fd, buf, 1, 3 * PG), 1);
	CHECK_EQ(buf[0], '!');

	/* The mapping outlives the descriptor. */
	CHECK_OK(close(fd));
	m[0] = 'Z';
	CHECK_OK(munmap(m, 4 * PG));
	CHECK_OK(munmap(m2, 4 * PG));
	fd = CHECK_OK(open("shared", O_RDONLY));
	CHECK_EQ(read(fd, buf, 1), 1);
	CHECK_EQ(buf[0], 'Z');
	close(fd);
}

static void private(void)
{
	int fd = CHECK_OK(open("private", O_CREAT | O_RDWR | O_TRUNC, 0600));
	fill(fd, 2 * PG);
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *s = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED && s != MAP_FAILED);

	/* Unwritten private pages still follow the file. */
	CHECK_EQ(pwrite(fd, "X", 1, PG + 3), 1);
	CHECK_EQ(p[PG + 3], 'X');

	/* A private store is ours alone. */
	p[7] = '#';
	char c;
	CHECK_EQ(pread(fd, &c, 1, 7), 1);
	CHECK_EQ(c, expect(7));
	CHECK_EQ(s[7], expect(7));
	/* ...and from then on that page no longer follows the file. */
	CHECK_EQ(pwrite(fd, "Y", 1, 8), 1);
	CHECK_EQ(p[8], expect(8));
	CHECK_EQ(s[8], 'Y');

	/* fork: the child's private copy is its own too. */
	pid_t pid = t_fork();
	if (pid == 0) {
		p[9] = '%';
		_exit(p[7] == '#' ? 0 : 1);
	}
	t_wait_ok(pid);
	CHECK_EQ(p[9], expect(9));
	munmap(p, 2 * PG);
	munmap(s, 2 * PG);
	close(fd);
}

static void offsets(void)
{
	int fd = CHECK_OK(open("offs", O_CREAT | O_RDWR | O_TRUNC, 0600));
	fill(fd, 8 * PG);
	char *m = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 5 * PG);
	CHECK(m != MAP_FAILED);
	CHECK_EQ(m[0], expect(5 * PG));
	CHECK_EQ(m[PG + 100], expect(6 * PG + 100));
	munmap(m, 2 * PG);

	/* A mapping longer than the file: the tail of the last page is zero. */
	CHECK_OK(ftruncate(fd, PG + 10));
	m = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK_EQ(m[PG + 9], expect(PG + 9));
	CHECK_EQ(m[PG + 10], 0);
	CHECK_EQ(m[2 * PG - 1], 0);
	munmap(m, 2 * PG);
	close(fd);
}

int main(void)
{
	t_tmpdir();
	shared();
	private();
	offsets();
	return 0;
}
