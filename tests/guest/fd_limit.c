// SPDX-License-Identifier: GPL-2.0
/*
 * fd_limit: RLIMIT_NOFILE. With the soft limit lowered, open (also with
 * O_CREAT, which then creates nothing), dup, F_DUPFD, pipe and socketpair
 * fail with EMFILE once every slot below it is taken; dup2/dup3 to a
 * number at or above it are EBADF and F_DUPFD EINVAL; a pipe needs two free
 * slots; freeing slots makes room again; descriptors already above a newly
 * lowered limit stay usable; the limit is inherited by a child.
 */
#include "t.h"
#include <sys/resource.h>
#include <sys/socket.h>

#define LIMIT 32

int main(void)
{
	t_tmpdir();
	int high = CHECK_OK(open("f", O_CREAT | O_RDWR, 0644));
	CHECK_EQ(dup2(high, 200), 200);     /* above the limit we are about to set */
	close(high);

	struct rlimit rl;
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
	rl.rlim_cur = LIMIT;
	CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));

	/* Fill every free slot below the limit. */
	int count = 0;
	for (;;) {
		int fd = open("f", O_RDONLY);
		if (fd < 0) {
			CHECK_EQ(errno, EMFILE);
			break;
		}
		CHECK(fd < LIMIT);
		count++;
		CHECK(count <= LIMIT);
	}
	CHECK(count > 0);
	CHECK_ERR(open("f", O_RDONLY), EMFILE);
	CHECK_ERR(dup(200), EMFILE);
	CHECK_ERR(fcntl(200, F_DUPFD, 0), EMFILE);
	int p[2];
	CHECK_ERR(pipe(p), EMFILE);
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM, 0, p), EMFILE);
	CHECK_ERR(dup2(200, LIMIT), EBADF);
	CHECK_ERR(dup3(200, LIMIT + 5, 0), EBADF);
	CHECK_ERR(fcntl(200, F_DUPFD, LIMIT), EINVAL);
	/* Creating a file still fails: the file must not be left behind. */
	CHECK_ERR(open("g", O_CREAT | O_WRONLY, 0644), EMFILE);
	CHECK_ERR(access("g", F_OK), ENOENT);

	/* The old descriptor above the limit still works. */
	CHECK_EQ(pwrite(200, "x", 1, 0), 1);

	/* A pipe needs two slots: with one free it still fails. */
	CHECK_OK(close(LIMIT - 1));
	CHECK_ERR(pipe(p), EMFILE);
	CHECK_EQ(dup(200), LIMIT - 1);
	CHECK_OK(close(LIMIT - 1));
	CHECK_OK(close(LIMIT - 2));
	CHECK_OK(pipe(p));
	CHECK(p[0] >= LIMIT - 2 && p[1] >= LIMIT - 2);

	/* The child inherits the limit. */
	pid_t pid = t_fork();
	if (pid == 0) {
		struct rlimit r;
		CHECK_OK(getrlimit(RLIMIT_NOFILE, &r));
		CHECK_EQ(r.rlim_cur, LIMIT);
		CHECK_ERR(dup(200), EMFILE);
		_exit(0);
	}
	t_wait_ok(pid);

	/* Raising the limit again makes room. */
	rl.rlim_cur = LIMIT + 10;
	CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));
	CHECK_EQ(dup(200), LIMIT);
	return 0;
}
