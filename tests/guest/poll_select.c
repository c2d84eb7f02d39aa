// SPDX-License-Identifier: GPL-2.0
/*
 * poll_select: select and pselect. Sets are rewritten to the ready fds and
 * the count returned; a zero timeout polls; a timeout that expires returns
 * 0 with the sets cleared, and Linux writes the time left back into the
 * timeval (0 after expiry, less than given after an early wake); EOF
 * counts as readable; a closed fd in a set is EBADF, a negative nfds or
 * a bad timeval EINVAL; pselect's mask lets a blocked signal interrupt it.
 */
#include "t.h"
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>

static void basic(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	struct timeval tv = { 0, 0 };
	CHECK_EQ(select(p[1] + 1, &r, &w, NULL, &tv), 1);
	CHECK(!FD_ISSET(p[0], &r));
	CHECK(FD_ISSET(p[1], &w));

	/* Expiry: 0, empty sets, the timeval consumed. */
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv.tv_sec = 0;
	tv.tv_usec = 20000;
	/* The raw call: a libc may pass the kernel a copy of the timeval. */
	CHECK_EQ(syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &tv), 0);
	CHECK(!FD_ISSET(p[0], &r));
	CHECK(tv.tv_sec == 0 && tv.tv_usec == 0);

	/* An early wake leaves the rest in the timeval. */
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		t_write_all(p[1], "x", 1);
		_exit(0);
	}
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv.tv_sec = 10;
	tv.tv_usec = 0;
	CHECK_EQ(syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &tv), 1);
	CHECK(FD_ISSET(p[0], &r));
	CHECK(tv.tv_sec >= 5 && tv.tv_sec < 10);
	t_wait_ok(pid);

	/* EOF is readable. */
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	close(p[1]);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	CHECK_EQ(select(p[0] + 1, &r, NULL, NULL, &tv), 1);
	CHECK(FD_ISSET(p[0], &r));

	/* A closed descriptor in the set. */
	int closed = p[1];
	FD_ZERO(&r);
	FD_SET(closed, &r);
	CHECK_ERR(select(closed + 1, &r, NULL, NULL, &tv), EBADF);
	FD_ZERO(&r);
	CHECK_ERR(select(-1, &r, NULL, NULL, &tv), EINVAL);
	struct timeval bad = { 0, -1 };
	CHECK_ERR(select(1, NULL, NULL, NULL, &bad), EINVAL);
	/* No fds at all: a plain sleep. */
	tv.tv_sec = 0;
	tv.tv_usec = 1000;
	CHECK_EQ(select(0, NULL, NULL, NULL, &tv), 0);
	close(p[0]);
}

static volatile int usr1;
static void on_usr1(int sig) { (void)sig; usr1++; }

static void with_pselect(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	signal(SIGUSR1, on_usr1);
	sigset_t block, empty;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	CHECK_OK(sigprocmask(SIG_BLOCK, &block, NULL));
	CHECK_OK(kill(getpid(), SIGUSR1));

	fd_set r;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	struct timespec ts = { 0, 0 };
	/* With the mask left alone, the signal stays pending. */
	CHECK_EQ(pselect(p[0] + 1, &r, NULL, NULL, &ts, NULL), 0);
	CHECK_EQ(usr1, 0);
	FD_SET(p[0], &r);
	ts.tv_sec = 10;
	CHECK_ERR(pselect(p[0] + 1, &r, NULL, NULL, &ts, &empty), EINTR);
	CHECK_EQ(usr1, 1);
	sigset_t cur;
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &cur));
	CHECK(sigismember(&cur, SIGUSR1));
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &block, NULL));
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	basic();
	with_pselect();
	return 0;
}
