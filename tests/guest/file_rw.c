// SPDX-License-Identifier: GPL-2.0
/*
 * file_rw: read, write and lseek on a regular file. Reads stop short at
 * EOF and then return 0; lseek SEEK_SET/CUR/END move the shared offset and
 * return it; seeking past EOF and writing leaves a hole that reads as
 * zeros; negative offsets and bad whence are EINVAL; SEEK_DATA/SEEK_HOLE
 * find the data; reading a write-only fd or writing a read-only one is
 * EBADF; zero-length reads and writes return 0.
 */
#include "t.h"

static void basic(void)
{
	int fd = CHECK_OK(creat("a", 0644));
	CHECK_EQ(write(fd, "hello, world", 12), 12);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12);
	char c;
	CHECK_ERR(read(fd, &c, 1), EBADF);          /* creat is O_WRONLY */
	CHECK_OK(close(fd));

	fd = CHECK_OK(open("a", O_RDONLY));
	char buf[64] = { 0 };
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK_EQ(memcmp(buf, "hello", 5), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 7);     /* short: only 7 left */
	CHECK_EQ(memcmp(buf, ", world", 7), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);     /* EOF */
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(read(fd, buf, 0), 0);
	CHECK_ERR(write(fd, "x", 1), EBADF);
	CHECK_OK(close(fd));
	CHECK_ERR(read(fd, buf, 1), EBADF);
}

static void seeking(void)
{
	int fd = CHECK_OK(open("b", O_CREAT | O_RDWR | O_TRUNC, 0644));
	t_write_all(fd, "0123456789", 10);
	CHECK_EQ(lseek(fd, 3, SEEK_SET), 3);
	char c;
	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(c, '3');
	CHECK_EQ(lseek(fd, 2, SEEK_CUR), 6);
	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(c, '6');
	CHECK_EQ(lseek(fd, -1, SEEK_END), 9);
	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(c, '9');
	CHECK_EQ(lseek(fd, -3, SEEK_CUR), 7);
	CHECK_ERR(lseek(fd, -100, SEEK_CUR), EINVAL);
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERR(lseek(fd, 0, 17), EINVAL);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7);        /* failures moved nothing */

	/* Overwrite in the middle. */
	CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);
	CHECK_EQ(write(fd, "ab", 2), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 10);

	/* Past EOF: nothing changes until a write makes a hole. */
	CHECK_EQ(lseek(fd, 100000, SEEK_SET), 100000);
	CHECK_EQ(read(fd, &c, 1), 0);
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 10);
	CHECK_EQ(write(fd, "END", 3), 3);
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 100003);

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	static char buf[100003];
	CHECK_EQ(t_read_full(fd, buf, sizeof(buf)), 100003);
	CHECK_EQ(memcmp(buf, "01ab456789", 10), 0);
	for (int i = 10; i < 100000; i++)
		if (buf[i] != 0)
			t_failf(__FILE__, __LINE__, "hole byte %d (got %d, want 0)", i, buf[i]);
	CHECK_EQ(memcmp(buf + 100000, "END", 3), 0);

	/* SEEK_DATA/SEEK_HOLE: data at 0; a hole (or EOF) no later than EOF. */
	CHECK_EQ(lseek(fd, 0, SEEK_DATA), 0);
	off_t h = lseek(fd, 0, SEEK_HOLE);
	CHECK(h >= 10 && h <= 100003);
	CHECK_EQ(lseek(fd, 100000, SEEK_DATA) <= 100000, 1);
	CHECK_ERR(lseek(fd, 100003, SEEK_DATA), ENXIO);
	CHECK_ERR(lseek(fd, 200000, SEEK_HOLE), ENXIO);
	CHECK_OK(close(fd));
}

static void shared_offset(void)
{
	/* dup'd descriptors and fork share one offset; separate opens do not. */
	int fd = CHECK_OK(open("c", O_CREAT | O_RDWR | O_TRUNC, 0644));
	int fd2 = CHECK_OK(open("c", O_RDWR));
	int d = CHECK_OK(dup(fd));
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(lseek(d, 0, SEEK_CUR), 3);
	CHECK_EQ(lseek(fd2, 0, SEEK_CUR), 0);
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(write(fd, "def", 3), 3);
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6);
	char buf[8] = { 0 };
	CHECK_EQ(read(fd2, buf, 8), 6);
	CHECK_STR(buf, "abcdef");
	close(fd);
	close(fd2);
	close(d);
}

int main(void)
{
	t_tmpdir();
	basic();
	seeking();
	shared_offset();
	return 0;
}
