// SPDX-License-Identifier: GPL-2.0
/*
 * fd_reserve: open(2) takes its descriptor before it does anything else,
 * as Linux's get_unused_fd_flags. While an open waits (a FIFO with no
 * writer, in another thread), its number is taken: the next open gets the
 * one after, dup2 onto it is EBUSY, and close and fcntl say EBADF; when the
 * open completes it returns that number. A failed open gives it back.
 */
#include "t.h"
#include <pthread.h>
#include <sys/syscall.h>

static volatile int opened = -2;

static void *opener(void *arg)
{
	(void)arg;
	opened = open("ff", O_RDONLY); /* waits for a writer */
	return NULL;
}

int main(void)
{
	t_tmpdir();
	CHECK_OK(mkfifo("ff", 0600));
	int n = CHECK_OK(dup(0));      /* the lowest free descriptor */
	close(n);

	pthread_t th;
	CHECK_PT(pthread_create(&th, NULL, opener, NULL));
	t_msleep(50);
	CHECK_EQ(opened, -2);          /* still waiting */

	int other = CHECK_OK(open("/dev/null", O_RDONLY));
	CHECK(other != n);
	/* raw calls: musl's dup2 and dup3 retry while the kernel says EBUSY */
	CHECK_ERR(syscall(SYS_dup2, other, n), EBUSY);
	CHECK_ERR(syscall(SYS_dup3, other, n, O_CLOEXEC), EBUSY);
	CHECK_ERR(fcntl(n, F_GETFD), EBADF);
	CHECK_ERR(close(n), EBADF);
	char c;
	CHECK_ERR(read(n, &c, 1), EBADF);

	int w = CHECK_OK(open("ff", O_WRONLY | O_NONBLOCK));
	CHECK_PT(pthread_join(th, NULL));
	CHECK_EQ(opened, n);
	close(w);
	close(n);
	close(other);

	/* A failed open leaves no trace: the same number comes next. */
	CHECK_ERR(open("missing", O_RDONLY), ENOENT);
	CHECK_EQ(dup(0), n);
	return 0;
}
