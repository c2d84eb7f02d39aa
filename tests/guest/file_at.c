// SPDX-License-Identifier: GPL-2.0
/*
 * file_at: the *at family resolves relative paths from a directory fd, not
 * the cwd: openat, mkdirat, mknodat, symlinkat, readlinkat, linkat (with
 * and without AT_SYMLINK_FOLLOW), renameat, unlinkat (AT_REMOVEDIR),
 * fchmodat, fchownat, faccessat, utimensat. AT_FDCWD means the cwd; an
 * absolute path ignores the fd; a relative path with a file fd is ENOTDIR
 * and with a bad fd EBADF; bad flags are EINVAL.
 */
#include "t.h"
#include <sys/stat.h>

int main(void)
{
	t_tmpdir();
	CHECK_OK(mkdir("base", 0755));
	CHECK_OK(mkdir("elsewhere", 0755));
	int dfd = CHECK_OK(open("base", O_RDONLY | O_DIRECTORY));
	/* The cwd is somewhere else, so cwd-relative mistakes show. */
	CHECK_OK(chdir("elsewhere"));

	int fd = CHECK_OK(openat(dfd, "f", O_CREAT | O_WRONLY, 0644));
	t_write_all(fd, "at", 2);
	close(fd);
	CHECK_ERR(access("f", F_OK), ENOENT);
	CHECK_OK(access("../base/f", F_OK));
	CHECK_OK(faccessat(dfd, "f", R_OK | W_OK, 0));
	CHECK_ERR(faccessat(dfd, "nope", F_OK, 0), ENOENT);

	CHECK_OK(mkdirat(dfd, "sub", 0700));
	struct stat st;
	CHECK_OK(fstatat(dfd, "sub", &st, 0));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_OK(mknodat(dfd, "sub/fifo", S_IFIFO | 0600, 0));
	CHECK_OK(fstatat(dfd, "sub/fifo", &st, 0));
	CHECK(S_ISFIFO(st.st_mode));

	CHECK_OK(symlinkat("f", dfd, "sl"));
	char buf[32] = { 0 };
	CHECK_EQ(readlinkat(dfd, "sl", buf, sizeof(buf)), 1);
	CHECK_STR(buf, "f");

	/* linkat: by default a symlink is linked as itself. */
	CHECK_OK(linkat(dfd, "sl", dfd, "hl_nofollow", 0));
	CHECK_OK(fstatat(dfd, "hl_nofollow", &st, AT_SYMLINK_NOFOLLOW));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_OK(linkat(dfd, "sl", dfd, "hl_follow", AT_SYMLINK_FOLLOW));
	CHECK_OK(fstatat(dfd, "hl_follow", &st, AT_SYMLINK_NOFOLLOW));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_nlink, 2);

	/* renameat between two directory fds. */
	int sfd = CHECK_OK(openat(dfd, "sub", O_RDONLY | O_DIRECTORY));
	CHECK_OK(renameat(dfd, "hl_follow", sfd, "moved"));
	CHECK_OK(fstatat(sfd, "moved", &st, 0));
	CHECK_EQ(st.st_size, 2);

	CHECK_OK(fchmodat(dfd, "f", 0600, 0));
	CHECK_OK(fstatat(dfd, "f", &st, 0));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_OK(fchownat(dfd, "f", geteuid(), getegid(), 0));
	struct timespec ts[2] = { { 1000, 0 }, { 2000, 0 } };
	CHECK_OK(utimensat(dfd, "f", ts, 0));
	CHECK_OK(fstatat(dfd, "f", &st, 0));
	CHECK_EQ(st.st_mtim.tv_sec, 2000);

	/* unlinkat: files by default, directories with AT_REMOVEDIR only. */
	CHECK_ERR(unlinkat(dfd, "sub", 0), EISDIR);
	CHECK_ERR(unlinkat(dfd, "f", AT_REMOVEDIR), ENOTDIR);
	CHECK_ERR(unlinkat(dfd, "sub", AT_REMOVEDIR), ENOTEMPTY);
	CHECK_OK(unlinkat(sfd, "moved", 0));
	CHECK_OK(unlinkat(sfd, "fifo", 0));
	CHECK_OK(unlinkat(dfd, "sub", AT_REMOVEDIR));
	CHECK_ERR(unlinkat(dfd, "f", 0x1234), EINVAL);

	/* AT_FDCWD and absolute paths. */
	fd = CHECK_OK(openat(AT_FDCWD, "here", O_CREAT | O_WRONLY, 0644));
	close(fd);
	CHECK_OK(access("here", F_OK));
	char abs[128];
	snprintf(abs, sizeof(abs), "%s/base/f", t_dir);
	int filefd = CHECK_OK(open(abs, O_RDONLY));
	fd = CHECK_OK(openat(filefd, abs, O_RDONLY));     /* fd ignored */
	close(fd);

	/* A relative path needs a directory fd. */
	CHECK_ERR(openat(filefd, "x", O_RDONLY), ENOTDIR);
	CHECK_ERR(mkdirat(filefd, "x", 0755), ENOTDIR);
	CHECK_ERR(openat(9999, "x", O_RDONLY), EBADF);
	CHECK_ERR(unlinkat(-5, "x", 0), EBADF);
	close(filefd);
	close(sfd);
	close(dfd);
	return 0;
}
