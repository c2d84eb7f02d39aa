// SPDX-License-Identifier: GPL-2.0
/*
 * file_emptypath: fstatat and statx with AT_EMPTY_PATH and an empty path
 * describe the descriptor itself, named or not: a pipe (S_IFIFO), a socket
 * (S_IFSOCK), a memfd and an eventfd answer as fstat does; AT_FDCWD with ""
 * is the cwd; without AT_EMPTY_PATH "" is ENOENT, and a relative name under
 * a descriptor that is not a directory is ENOTDIR.
 */
#include "t.h"
#include "linux_abi.h"
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>

static int xstatx(int dfd, const char *path, int flags, struct t_statx *sx)
{
	return (int)syscall(SYS_statx, dfd, path, flags, STATX_BASIC_STATS, sx);
}

static void same_as_fstat(int fd, mode_t type)
{
	struct stat a, b;
	struct t_statx sx;

	CHECK_OK(fstat(fd, &a));
	CHECK((a.st_mode & S_IFMT) == type);
	CHECK_OK(fstatat(fd, "", &b, AT_EMPTY_PATH));
	CHECK_EQ(b.st_ino, a.st_ino);
	CHECK_EQ(b.st_mode, a.st_mode);
	CHECK_OK(syscall(SYS_newfstatat, fd, "", &b, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
	CHECK_EQ(b.st_ino, a.st_ino);
	CHECK_OK(xstatx(fd, "", AT_EMPTY_PATH, &sx));
	CHECK_EQ(sx.stx_ino, a.st_ino);
	CHECK_EQ(sx.stx_mode, a.st_mode);
	CHECK_EQ(sx.stx_size, (uint64_t)a.st_size);
	CHECK_ERR(xstatx(fd, "", 0, &sx), ENOENT);
	CHECK_ERR(xstatx(fd, "x", AT_EMPTY_PATH, &sx), ENOTDIR);
}

int main(void)
{
	int p[2], sv[2];

	CHECK_OK(pipe(p));
	same_as_fstat(p[0], S_IFIFO);
	same_as_fstat(p[1], S_IFIFO);
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	same_as_fstat(sv[0], S_IFSOCK);
	int m = CHECK_OK((int)syscall(SYS_memfd_create, "m", 0));
	t_write_all(m, "12345", 5);
	same_as_fstat(m, S_IFREG);
	int e = CHECK_OK(eventfd(0, 0));
	same_as_fstat(e, 0); /* an anonymous inode: no type bits */

	t_tmpdir();
	struct stat cwd, st;
	struct t_statx sx;
	CHECK_OK(stat(".", &cwd));
	CHECK_OK(fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH));
	CHECK_EQ(st.st_ino, cwd.st_ino);
	CHECK_OK(xstatx(AT_FDCWD, "", AT_EMPTY_PATH, &sx));
	CHECK_EQ(sx.stx_ino, cwd.st_ino);
	CHECK_ERR(fstatat(AT_FDCWD, "", &st, 0), ENOENT);
	CHECK_ERR(xstatx(-1, "", AT_EMPTY_PATH, &sx), EBADF);
	return 0;
}
