// SPDX-License-Identifier: GPL-2.0
/*
 * fd_dup: duplicating descriptors. dup takes the lowest free number;
 * dup2 to the same fd returns it untouched, to an open fd closes that
 * first; dup3 sets O_CLOEXEC on request and rejects equal fds and unknown
 * flags (EINVAL); duplicates share offset and status flags but not the
 * close-on-exec flag; closing one leaves the other working; EBADF for
 * closed or negative descriptors.
 */
#include "t.h"
#include <sys/syscall.h>

int main(void)
{
	t_tmpdir();
	int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0644));
	t_write_all(fd, "abcdef", 6);

	/* Lowest free: close 0 temporarily. */
	int saved0 = CHECK_OK(dup(0));
	CHECK_OK(close(0));
	CHECK_EQ(dup(fd), 0);
	CHECK_EQ(dup2(saved0, 0), 0);
	close(saved0);

	int d = CHECK_OK(dup(fd));
	CHECK(d != fd);
	CHECK_EQ(lseek(d, 0, SEEK_CUR), 6);
	CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);
	CHECK_EQ(lseek(d, 0, SEEK_CUR), 2);          /* shared offset */
	CHECK_OK(fcntl(fd, F_SETFL, O_APPEND));
	CHECK(fcntl(d, F_GETFL) & O_APPEND);          /* shared status flags */
	CHECK_OK(fcntl(fd, F_SETFL, 0));

	/* dup2 onto an open fd closes it first; onto itself is a no-op. */
	int other = CHECK_OK(open("g", O_CREAT | O_RDWR, 0644));
	CHECK_EQ(dup2(fd, other), other);
	CHECK_EQ(lseek(other, 0, SEEK_CUR), 2);       /* now the same file as fd */
	CHECK_EQ(dup2(fd, fd), fd);
	CHECK_EQ(dup2(fd, 100), 100);
	CHECK_EQ(lseek(100, 0, SEEK_CUR), 2);

	/* close-on-exec belongs to the descriptor, not the open file. */
	CHECK_OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	int d2 = CHECK_OK(dup(fd));
	CHECK_EQ(fcntl(d2, F_GETFD), 0);
	CHECK_EQ(dup2(fd, 101), 101);
	CHECK_EQ(fcntl(101, F_GETFD), 0);
	CHECK_EQ(dup3(fd, 102, O_CLOEXEC), 102);
	CHECK_EQ(fcntl(102, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(dup3(fd, 103, 0), 103);
	CHECK_EQ(fcntl(103, F_GETFD), 0);
	/* dup2 to itself does not clear the flag either. */
	CHECK_EQ(dup2(fd, fd), fd);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);

	/* Raw: a libc may check (or ignore) dup3's flags itself. */
	CHECK_ERR(syscall(SYS_dup3, fd, fd, 0), EINVAL);
	CHECK_ERR(syscall(SYS_dup3, fd, 104, O_NONBLOCK), EINVAL);

	/* One closed, the others still work. */
	CHECK_OK(close(fd));
	char c;
	CHECK_EQ(pread(d, &c, 1, 0), 1);
	CHECK_EQ(c, 'a');

	CHECK_ERR(dup(fd), EBADF);
	CHECK_ERR(dup(-1), EBADF);
	CHECK_ERR(dup2(fd, 105), EBADF);
	CHECK_ERR(dup2(d, -1), EBADF);
	CHECK_ERR(dup2(d, 1 << 30), EBADF);
	CHECK_ERR(dup3(fd, 106, 0), EBADF);
	/* A failed dup2 leaves the target alone. */
	CHECK_ERR(dup2(fd, 100), EBADF);
	CHECK_OK(fcntl(100, F_GETFD));
	return 0;
}
