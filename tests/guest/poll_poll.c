// SPDX-License-Identifier: GPL-2.0
/*
 * poll_poll: poll and ppoll on pipes. An empty pipe's read end is not
 * ready and a zero timeout returns 0 at once; a short timeout returns 0
 * after at least that long; data makes POLLIN, free space POLLOUT; closing
 * the writer gives POLLHUP, closing the reader gives the writer POLLERR;
 * a closed fd gives POLLNVAL and a negative fd is skipped; a child's write
 * wakes a blocked poll; ppoll swaps the signal mask for the wait, so a
 * blocked signal interrupts it with EINTR; too many fds is EINVAL.
 */
#include "t.h"
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <time.h>

static int64_t mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void readiness(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
	CHECK_EQ(poll(pf, 2, 0), 1);
	CHECK_EQ(pf[0].revents, 0);
	CHECK_EQ(pf[1].revents, POLLOUT);

	int64_t t0 = mono_ms();
	CHECK_EQ(poll(pf, 1, 30), 0);
	CHECK(mono_ms() - t0 >= 29);

	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(poll(pf, 2, 0), 2);
	CHECK_EQ(pf[0].revents, POLLIN);

	/* Writer gone: POLLHUP (with POLLIN while data remains). */
	close(p[1]);
	pf[1].fd = -1;                       /* negative: skipped, revents 0 */
	CHECK_EQ(poll(pf, 2, 0), 1);
	CHECK_EQ(pf[0].revents, POLLIN | POLLHUP);
	CHECK_EQ(pf[1].revents, 0);
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(poll(pf, 1, 0), 1);
	CHECK_EQ(pf[0].revents, POLLHUP);
	close(p[0]);

	/* Reader gone: the writer sees POLLERR. */
	CHECK_OK(pipe(p));
	close(p[0]);
	struct pollfd w = { p[1], POLLOUT, 0 };
	CHECK_EQ(poll(&w, 1, 0), 1);
	CHECK(w.revents & POLLERR);
	close(p[1]);

	/* A closed descriptor: POLLNVAL, counted as ready. */
	struct pollfd nv = { p[1], POLLIN, 0 };
	CHECK_EQ(poll(&nv, 1, 0), 1);
	CHECK_EQ(nv.revents, POLLNVAL);
}

static void wakeup(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(30);
		t_write_all(p[1], "w", 1);
		_exit(0);
	}
	struct pollfd pf = { p[0], POLLIN, 0 };
	CHECK_EQ(poll(&pf, 1, 10000), 1);
	CHECK_EQ(pf.revents, POLLIN);
	t_wait_ok(pid);
	close(p[0]);
	close(p[1]);
}

static volatile int usr1;
static void on_usr1(int sig) { (void)sig; usr1++; }

static void with_ppoll(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	struct pollfd pf = { p[0], POLLIN, 0 };
	struct timespec zero = { 0, 0 }, ms20 = { 0, 20 * 1000000L };
	CHECK_EQ(ppoll(&pf, 1, &zero, NULL), 0);
	CHECK_EQ(ppoll(&pf, 1, &ms20, NULL), 0);

	signal(SIGUSR1, on_usr1);
	sigset_t block, empty;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	CHECK_OK(sigprocmask(SIG_BLOCK, &block, NULL));
	CHECK_OK(kill(getpid(), SIGUSR1));       /* pending, blocked */
	CHECK_EQ(usr1, 0);
	struct timespec long_ts = { 10, 0 };
	CHECK_ERR(ppoll(&pf, 1, &long_ts, &empty), EINTR);
	CHECK_EQ(usr1, 1);
	/* The old mask is back after ppoll. */
	sigset_t cur;
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &cur));
	CHECK(sigismember(&cur, SIGUSR1));
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &block, NULL));

	struct timespec bad = { 0, 1000000000L };
	CHECK_ERR(ppoll(&pf, 1, &bad, NULL), EINVAL);
	struct rlimit rl;
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK_ERR(poll(&pf, rl.rlim_cur + 1, 0), EINVAL);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	readiness();
	wakeup();
	with_ppoll();
	return 0;
}
