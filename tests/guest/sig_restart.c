// SPDX-License-Identifier: GPL-2.0
/*
 * sig_restart: system calls interrupted by a handler. A timer fires while
 * we block; its handler makes the blocked call able to finish (it writes
 * to the pipe, or closes what the child waits on). With SA_RESTART, read
 * and wait4 are restarted and succeed; without it they fail with EINTR.
 * nanosleep, poll and select fail with EINTR even with SA_RESTART.
 */
#include "t.h"
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>

static int pfd[2] = { -1, -1 };
static volatile int close_fd = -1;
static volatile sig_atomic_t fired;

static void on_alarm(int sig)
{
	(void)sig;
	fired++;
	if (pfd[1] >= 0 && write(pfd[1], "x", 1) != 1)
		fired = 1000;
	if (close_fd >= 0) {
		close(close_fd);
		close_fd = -1;
	}
}

static void arm(int restart)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	CHECK_OK(sigaction(SIGALRM, &sa, NULL));
	/* Once, in 70 ms: by then the caller is blocked in the call under test
	 * (a margin for slow VMs; if it fired early the read would not block). */
	struct itimerval it = { { 0, 0 }, { 0, 70000 } };
	fired = 0;
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
}

static void read_pipe(void)
{
	char c = 0;
	CHECK_OK(pipe(pfd));

	arm(1);
	CHECK_EQ(read(pfd[0], &c, 1), 1);   /* restarted, then got the byte */
	CHECK_EQ(c, 'x');
	CHECK_EQ(fired, 1);

	arm(0);
	CHECK_ERR(read(pfd[0], &c, 1), EINTR);
	CHECK_EQ(fired, 1);
	CHECK_EQ(read(pfd[0], &c, 1), 1);   /* the byte is there afterwards */
	close(pfd[0]);
	close(pfd[1]);
	pfd[0] = pfd[1] = -1;
}

static void wait_child(void)
{
	for (int restart = 1; restart >= 0; restart--) {
		int go[2];
		CHECK_OK(pipe(go));
		pid_t pid = t_fork();
		if (pid == 0) {
			char c;
			close(go[1]);
			_exit(read(go[0], &c, 1) == 0 ? 0 : 1);
		}
		close(go[0]);
		close_fd = go[1];          /* the handler's close lets the child exit */
		arm(restart);
		int st;
		if (restart) {
			CHECK_EQ(waitpid(pid, &st, 0), pid);
		} else {
			CHECK_ERR(waitpid(pid, &st, 0), EINTR);
			CHECK_EQ(waitpid(pid, &st, 0), pid);
		}
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		CHECK_EQ(fired, 1);
	}
}

static void never_restarted(void)
{
	int p[2];
	CHECK_OK(pipe(p));

	arm(1);
	struct timespec ts = { 5, 0 }, rem = { 0, 0 };
	CHECK_ERR(nanosleep(&ts, &rem), EINTR);
	CHECK(rem.tv_sec <= 5 && (rem.tv_sec > 0 || rem.tv_nsec > 0));

	pfd[1] = p[1];             /* the handler makes the pipe readable... */
	arm(1);
	struct pollfd pf = { .fd = p[0], .events = POLLIN };
	CHECK_ERR(poll(&pf, 1, 5000), EINTR);   /* ...but poll is not restarted */
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);

	arm(1);
	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	struct timeval tv = { 5, 0 };
	CHECK_ERR(select(p[0] + 1, &rd, NULL, NULL, &tv), EINTR);
	CHECK_EQ(read(p[0], &c, 1), 1);

	/* Blocked until sigsuspend, so an early tick cannot be lost. */
	sigset_t empty, alrm;
	sigemptyset(&empty);
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	CHECK_OK(sigprocmask(SIG_BLOCK, &alrm, NULL));
	arm(1);
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &alrm, NULL));
	CHECK_EQ(read(p[0], &c, 1), 1);
	pfd[1] = -1;
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	read_pipe();
	wait_child();
	never_restarted();
	return 0;
}
