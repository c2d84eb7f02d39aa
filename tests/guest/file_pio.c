// SPDX-License-Identifier: GPL-2.0
/*
 * file_pio: positioned and vectored I/O, and O_APPEND. pread/pwrite use
 * their offset and leave the file offset alone; negative offsets are
 * EINVAL and pipes ESPIPE. readv/writev gather and scatter in iovec order,
 * stop short at EOF, skip empty iovecs, and reject iovcnt > IOV_MAX
 * (EINVAL); preadv/pwritev combine both. With O_APPEND every write goes to
 * the end, whatever lseek said (and on Linux even pwrite appends).
 */
#include "t.h"
#include <limits.h>
#include <sys/syscall.h>
#include <sys/uio.h>

static void positioned(void)
{
	int fd = CHECK_OK(open("p", O_CREAT | O_RDWR | O_TRUNC, 0644));
	t_write_all(fd, "0123456789", 10);
	CHECK_EQ(lseek(fd, 4, SEEK_SET), 4);
	char buf[16] = { 0 };
	CHECK_EQ(pread(fd, buf, 3, 7), 3);
	CHECK_STR(buf, "789");
	CHECK_EQ(pread(fd, buf, 10, 8), 2);         /* short at EOF */
	CHECK_EQ(pread(fd, buf, 10, 50), 0);
	CHECK_EQ(pwrite(fd, "AB", 2, 1), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);        /* untouched */
	CHECK_EQ(pwrite(fd, "Z", 1, 12), 1);        /* extends with a hole */
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(pread(fd, buf, 16, 0), 13);
	CHECK_EQ(memcmp(buf, "0AB3456789\0\0Z", 13), 0);
	CHECK_ERR(pread(fd, buf, 1, -1), EINVAL);
	CHECK_ERR(pwrite(fd, buf, 1, -1), EINVAL);
	close(fd);

	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(pwrite(p[1], "x", 1, 0), ESPIPE);
	CHECK_ERR(pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
	close(p[0]);
	close(p[1]);
}

static void vectored(void)
{
	int fd = CHECK_OK(open("v", O_CREAT | O_RDWR | O_TRUNC, 0644));
	struct iovec w[4] = {
		{ "abc", 3 }, { NULL, 0 }, { "defgh", 5 }, { "ij", 2 },
	};
	CHECK_EQ(writev(fd, w, 4), 10);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);

	char a[4] = { 0 }, b[2] = { 0 }, c[10] = { 0 };
	struct iovec r[3] = { { a, 4 }, { b, 2 }, { c, 10 } };
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(readv(fd, r, 3), 10);               /* short: EOF in the 3rd */
	CHECK_EQ(memcmp(a, "abcd", 4), 0);
	CHECK_EQ(memcmp(b, "ef", 2), 0);
	CHECK_EQ(memcmp(c, "ghij", 4), 0);
	CHECK_EQ(readv(fd, r, 3), 0);

	struct iovec pw[2] = { { "XY", 2 }, { "Z", 1 } };
	CHECK_EQ(pwritev(fd, pw, 2, 2), 3);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
	memset(c, 0, sizeof(c));
	struct iovec pr[2] = { { a, 3 }, { c, 3 } };
	CHECK_EQ(preadv(fd, pr, 2, 1), 6);
	CHECK_EQ(memcmp(a, "bXY", 3), 0);
	CHECK_EQ(memcmp(c, "Zfg", 3), 0);

	CHECK_EQ(writev(fd, w, 0), 0);
	CHECK_ERR(syscall(SYS_writev, fd, w, -1), EINVAL);
	static struct iovec many[IOV_MAX + 1];
	for (int i = 0; i <= IOV_MAX; i++)
		many[i] = (struct iovec){ "q", 1 };
	CHECK_ERR(writev(fd, many, IOV_MAX + 1), EINVAL);
	CHECK_EQ(writev(fd, many, IOV_MAX), IOV_MAX);
	struct iovec bad[2] = { { "ok", 2 }, { (void *)8, 4 } };
	/* A fault after some bytes: the part done so far is reported. */
	ssize_t n = writev(fd, bad, 2);
	CHECK(n == 2 || (n == -1 && errno == EFAULT));
	close(fd);
}

static void append(void)
{
	int fd = CHECK_OK(open("ap", O_CREAT | O_RDWR | O_TRUNC | O_APPEND, 0644));
	CHECK_EQ(write(fd, "one", 3), 3);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "two", 3), 3);            /* still at the end */
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6);
	/* Linux quirk (man pwrite, BUGS): with O_APPEND, pwrite appends too. */
	CHECK_EQ(pwrite(fd, "3", 1, 0), 1);
	char buf[16] = { 0 };
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 7);
	CHECK_STR(buf, "onetwo3");

	/* Another descriptor writing at offset 0 is overtaken by the append. */
	int other = CHECK_OK(open("ap", O_WRONLY));
	CHECK_EQ(write(other, "ONE", 3), 3);
	CHECK_EQ(write(fd, "!", 1), 1);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 8);
	CHECK_STR(buf, "ONEtwo3!");

	/* O_APPEND can be switched off with fcntl. */
	CHECK_OK(fcntl(fd, F_SETFL, 0));
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "o", 1), 1);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 8);
	CHECK_STR(buf, "oNEtwo3!");
	close(fd);
	close(other);
}

int main(void)
{
	t_tmpdir();
	positioned();
	vectored();
	append();
	return 0;
}
