// SPDX-License-Identifier: GPL-2.0
/*
 * file_errors: path lookup errors, each where Linux reports it. ENOENT for
 * a missing last or middle component and for ""; ENOTDIR when a middle
 * component (or a trailing slash) names a file; EISDIR writing a
 * directory; ENAMETOOLONG for a component over NAME_MAX and a path over
 * PATH_MAX; ELOOP for a symlink cycle and for over 40 nested links; EFAULT
 * for a bad path pointer; EBADF for a closed descriptor; trailing "/."
 * and "//" handled as Linux does.
 */
#include "t.h"
#include <limits.h>
#include <sys/syscall.h>

static void enoent_enotdir(void)
{
	int fd = CHECK_OK(open("file", O_CREAT | O_WRONLY, 0644));
	close(fd);
	CHECK_OK(mkdir("dir", 0755));

	CHECK_ERR(open("nothing", O_RDONLY), ENOENT);
	CHECK_ERR(open("nodir/file", O_RDONLY), ENOENT);
	CHECK_ERR(open("", O_RDONLY), ENOENT);
	CHECK_ERR(mkdir("nodir/x", 0755), ENOENT);
	CHECK_ERR(unlink("nothing"), ENOENT);

	CHECK_ERR(open("file/x", O_RDONLY), ENOTDIR);
	CHECK_ERR(open("file/", O_RDONLY), ENOTDIR);
	CHECK_ERR(open("file/.", O_RDONLY), ENOTDIR);
	CHECK_ERR(mkdir("file/x", 0755), ENOTDIR);
	CHECK_ERR(unlink("file/"), ENOTDIR);
	struct stat st;
	CHECK_ERR(stat("file/", &st), ENOTDIR);
	CHECK_OK(stat("dir/", &st));
	CHECK_OK(stat("dir/.", &st));
	CHECK_OK(stat("dir//", &st));
	CHECK_OK(stat(".//dir///.", &st));
	CHECK_OK(stat("dir/..", &st));

	CHECK_ERR(open("dir", O_WRONLY), EISDIR);
	CHECK_ERR(open("dir", O_RDWR | O_CREAT, 0644), EISDIR);
	CHECK_ERR(open("newdir/", O_CREAT | O_WRONLY, 0644), EISDIR);
	CHECK_ERR(unlink("dir"), EISDIR);
	/* Reading a directory fd with read() is EISDIR too. */
	fd = CHECK_OK(open("dir", O_RDONLY));
	char c;
	CHECK_ERR(read(fd, &c, 1), EISDIR);
	close(fd);
}

static void too_long(void)
{
	char name[NAME_MAX + 2];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;                /* 256 chars */
	CHECK_ERR(open(name, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
	CHECK_ERR(mkdir(name, 0755), ENAMETOOLONG);
	name[NAME_MAX] = 0;                        /* 255 is fine */
	int fd = CHECK_OK(open(name, O_CREAT | O_WRONLY, 0644));
	close(fd);
	CHECK_OK(unlink(name));

	static char path[PATH_MAX + 10];
	for (int i = 0; i < PATH_MAX + 8; i += 2) {
		path[i] = 'd';
		path[i + 1] = '/';
	}
	path[PATH_MAX + 8] = 0;
	CHECK_ERR(open(path, O_RDONLY), ENAMETOOLONG);
	CHECK_ERR(access(path, F_OK), ENAMETOOLONG);
}

static void loops(void)
{
	CHECK_OK(symlink("b", "a"));
	CHECK_OK(symlink("a", "b"));
	CHECK_ERR(open("a", O_RDONLY), ELOOP);
	CHECK_ERR(open("a/x", O_RDONLY), ELOOP);
	CHECK_ERR(mkdir("a/x", 0755), ELOOP);
	struct stat st;
	CHECK_OK(lstat("a", &st));

	/* A chain of 41 links is too many; a chain of 40 resolves. */
	int fd = CHECK_OK(open("end", O_CREAT | O_WRONLY, 0644));
	close(fd);
	char from[16], to[16];
	for (int i = 1; i <= 41; i++) {
		snprintf(from, sizeof(from), "l%d", i);
		if (i == 1)
			snprintf(to, sizeof(to), "end");
		else
			snprintf(to, sizeof(to), "l%d", i - 1);
		CHECK_OK(symlink(to, from));
	}
	CHECK_OK(stat("l40", &st));
	CHECK_ERR(stat("l41", &st), ELOOP);
}

static void bad_pointers_and_fds(void)
{
	CHECK_ERR(syscall(SYS_open, (char *)8, O_RDONLY), EFAULT);
	CHECK_ERR(syscall(SYS_mkdir, (char *)8, 0755), EFAULT);
	char c;
	CHECK_ERR(read(-1, &c, 1), EBADF);
	CHECK_ERR(write(12345, &c, 1), EBADF);
	CHECK_ERR(close(12345), EBADF);
	int fd = CHECK_OK(open("file", O_RDWR));
	t_write_all(fd, "x", 1);
	CHECK_ERR(syscall(SYS_pread64, fd, (char *)8, 1, 0), EFAULT);
	CHECK_ERR(syscall(SYS_write, fd, (char *)8, 1), EFAULT);
	close(fd);
}

int main(void)
{
	t_tmpdir();
	enoent_enotdir();
	too_long();
	loops();
	bad_pointers_and_fds();
	return 0;
}
