// SPDX-License-Identifier: GPL-2.0
/*
 * file_fadvise: fadvise64 (raw syscall, which returns -1 and errno unlike
 * posix_fadvise). Every advice 0..5 on a regular file, a directory, a
 * memfd and a socket is accepted, with any offset and a zero or positive
 * length, and leaves the data as it was; a pipe or FIFO is ESPIPE (before
 * the other checks), an unknown advice or negative length EINVAL, a bad
 * or O_PATH descriptor EBADF.
 */
#include "t.h"
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>

static long fadv(int fd, long off, long len, int advice)
{
	return syscall(SYS_fadvise64, fd, off, len, advice);
}

int main(void)
{
	t_tmpdir();
	int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0644));
	t_write_all(fd, "advice", 6);
	for (int a = 0; a <= 5; a++) {
		CHECK_EQ(fadv(fd, 0, 0, a), 0);
		CHECK_EQ(fadv(fd, 4096, 100, a), 0);
	}
	char buf[8];
	CHECK_EQ(pread(fd, buf, 6, 0), 6);
	CHECK_EQ(memcmp(buf, "advice", 6), 0);
	CHECK_ERR(fadv(fd, 0, 0, 6), EINVAL);
	CHECK_ERR(fadv(fd, 0, 0, -1), EINVAL);
	CHECK_ERR(fadv(fd, 0, -1, 0), EINVAL);
	int ro = CHECK_OK(open("f", O_RDONLY));
	CHECK_EQ(fadv(ro, 0, 0, 4), 0);                /* no write access needed */
	close(ro);
	close(fd);

	int dir = CHECK_OK(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_EQ(fadv(dir, 0, 0, 1), 0);
	close(dir);
	int mfd = CHECK_OK(memfd_create("fadv", 0));
	CHECK_EQ(fadv(mfd, 0, 0, 3), 0);
	close(mfd);
	int sv[2];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_EQ(fadv(sv[0], 0, 0, 2), 0);
	close(sv[0]);
	close(sv[1]);

	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(fadv(p[0], 0, 0, 0), ESPIPE);
	CHECK_ERR(fadv(p[1], 0, -1, 99), ESPIPE);
	close(p[0]);
	close(p[1]);
	CHECK_OK(mkfifo("fifo", 0600));
	int ff = CHECK_OK(open("fifo", O_RDWR));
	CHECK_ERR(fadv(ff, 0, 0, 0), ESPIPE);
	close(ff);

	CHECK_ERR(fadv(999, 0, 0, 0), EBADF);
	CHECK_ERR(fadv(-1, 0, 0, 0), EBADF);
	int path = CHECK_OK(open("f", O_PATH));
	CHECK_ERR(fadv(path, 0, 0, 0), EBADF);
	close(path);
	return 0;
}
