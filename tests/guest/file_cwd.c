// SPDX-License-Identifier: GPL-2.0
/*
 * file_cwd: the working directory. chdir and fchdir change where relative
 * paths start and what getcwd returns; ".." climbs; getcwd fails with
 * ERANGE when the buffer is too small (the raw syscall returns the length
 * including the NUL); chdir to a file is ENOTDIR, to nothing ENOENT, to a
 * non-directory fd ENOTDIR; after the cwd is removed the raw getcwd says
 * ENOENT; a child inherits the cwd but its chdir does not affect ours;
 * chroot changes "/" for the caller.
 */
#include "t.h"
#include <limits.h>
#include <sys/syscall.h>

static void cwd_is(const char *want)
{
	char buf[PATH_MAX];
	CHECK(getcwd(buf, sizeof(buf)) != NULL);
	CHECK_STR(buf, want);
}

int main(void)
{
	char path[PATH_MAX], sub[PATH_MAX + 16];
	t_tmpdir();
	/* mkdtemp under /tmp; /tmp itself could be a symlink elsewhere. */
	CHECK(realpath(t_dir, path) != NULL);
	cwd_is(path);

	CHECK_OK(mkdir("a", 0755));
	CHECK_OK(mkdir("a/b", 0755));
	CHECK_OK(chdir("a/b"));
	snprintf(sub, sizeof(sub), "%s/a/b", path);
	cwd_is(sub);
	int fd = CHECK_OK(open("here", O_CREAT | O_WRONLY, 0644));
	close(fd);
	CHECK_OK(chdir("../.."));
	cwd_is(path);
	CHECK_OK(access("a/b/here", F_OK));

	/* fchdir. */
	int dfd = CHECK_OK(open("a", O_RDONLY | O_DIRECTORY));
	CHECK_OK(fchdir(dfd));
	snprintf(sub, sizeof(sub), "%s/a", path);
	cwd_is(sub);
	CHECK_OK(access("b/here", F_OK));
	int ffd = CHECK_OK(open("b/here", O_RDONLY));
	CHECK_ERR(fchdir(ffd), ENOTDIR);
	CHECK_ERR(fchdir(999), EBADF);
	close(ffd);
	close(dfd);

	/* Sizes: the raw syscall returns the length with the NUL. */
	char small[4];
	CHECK(getcwd(small, sizeof(small)) == NULL && errno == ERANGE);
	char buf[PATH_MAX];
	long n = CHECK_OK(syscall(SYS_getcwd, buf, sizeof(buf)));
	CHECK_EQ(n, (long)strlen(sub) + 1);
	CHECK_ERR(syscall(SYS_getcwd, buf, strlen(sub)), ERANGE);

	CHECK_ERR(chdir("b/here"), ENOTDIR);
	CHECK_ERR(chdir("nothing"), ENOENT);
	CHECK_ERR(chdir(""), ENOENT);

	/* A child's chdir is its own. */
	pid_t pid = t_fork();
	if (pid == 0) {
		cwd_is(sub);
		CHECK_OK(chdir("/"));
		cwd_is("/");
		_exit(0);
	}
	t_wait_ok(pid);
	cwd_is(sub);

	/* Removed cwd. */
	CHECK_OK(chdir("b"));
	CHECK_OK(unlink("here"));
	CHECK_OK(rmdir("../b"));
	CHECK_ERR(syscall(SYS_getcwd, buf, sizeof(buf)), ENOENT);
	CHECK_ERR(open("new", O_CREAT | O_WRONLY, 0644), ENOENT);
	CHECK_OK(chdir(path));
	cwd_is(path);

	/* chroot in a child: "/" becomes our directory. */
	pid = t_fork();
	if (pid == 0) {
		CHECK_OK(chroot("a"));
		CHECK_OK(chdir("/"));
		cwd_is("/");
		CHECK_OK(mkdir("/inside", 0755));
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_OK(access("a/inside", F_OK));
	return 0;
}
