// SPDX-License-Identifier: GPL-2.0
/*
 * poll_epoll_wait: the waiting calls and the EPOLLEXCLUSIVE rules.
 * epoll_wait on a non-epoll fd is EINVAL, on a closed fd EBADF; a timeout
 * with nothing ready returns 0 no earlier than asked (also epoll_pwait2's
 * timespec, with a NULL mask). epoll_pwait with a mask that blocks a
 * pending signal is not interrupted by it; epoll_wait interrupted by a
 * handler is EINTR even with SA_RESTART. EPOLLEXCLUSIVE is accepted by
 * EPOLL_CTL_ADD and reports events, but EPOLL_CTL_MOD of such an entry
 * (with or without the flag) and EPOLLEXCLUSIVE|EPOLLONESHOT are EINVAL.
 * An eventfd in EPOLLET mode reports each write once.
 */
#include "t.h"
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static volatile int usr1;
static void on_usr1(int sig) { (void)sig; usr1++; }

static void errors_and_timeouts(int ep)
{
	struct epoll_event out[8];
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(epoll_wait(p[0], out, 1, 0), EINVAL);
	close(p[0]);
	close(p[1]);
	CHECK_ERR(epoll_wait(p[0], out, 1, 0), EBADF);

	int64_t t0 = now_ns();
	CHECK_EQ(epoll_wait(ep, out, 8, 50), 0);
	CHECK(now_ns() - t0 >= 50 * 1000000LL);
	CHECK_EQ(epoll_wait(ep, out, 8, 0), 0);

	/* epoll_pwait2: raw, as not every libc has it. */
	struct timespec ts = { 0, 50 * 1000000L };
	t0 = now_ns();
	CHECK_EQ(syscall(SYS_epoll_pwait2, ep, out, 8, &ts, NULL, 8), 0);
	CHECK(now_ns() - t0 >= 50 * 1000000LL);
	ts.tv_nsec = 0;
	CHECK_EQ(syscall(SYS_epoll_pwait2, ep, out, 8, &ts, NULL, 8), 0);
}

static void signals(int ep)
{
	struct epoll_event out[8];
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	CHECK_OK(sigprocmask(SIG_BLOCK, &block, NULL));
	CHECK_OK(kill(getpid(), SIGUSR1));
	/* The call's mask keeps it blocked: a plain timeout. */
	CHECK_EQ(epoll_pwait(ep, out, 8, 20, &block), 0);
	CHECK_EQ(usr1, 0);
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &block, NULL));
	CHECK_EQ(usr1, 1);

	/* SA_RESTART does not restart epoll_wait. The child keeps signalling
	 * so one signal surely lands while we wait. */
	sa.sa_flags = SA_RESTART;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	pid_t parent = getpid();
	pid_t pid = t_fork();
	if (pid == 0) {
		for (;;) {
			kill(parent, SIGUSR1);
			t_msleep(10);
		}
	}
	CHECK_ERR(epoll_wait(ep, out, 8, 10000), EINTR);
	CHECK_OK(kill(pid, SIGKILL));
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	signal(SIGUSR1, SIG_IGN);
}

static void exclusive(int ep)
{
	int q[2];
	struct epoll_event ev = { .events = EPOLLIN | EPOLLEXCLUSIVE, .data.u32 = 5 }, out[8];
	CHECK_OK(pipe(q));
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, q[0], &ev), EINVAL);
	ev.events = EPOLLIN;
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, q[0], &ev), EINVAL);
	t_write_all(q[1], "e", 1);
	CHECK_EQ(epoll_wait(ep, out, 8, 10000), 1);
	CHECK_EQ(out[0].data.u32, 5);
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev), EINVAL);
	close(q[0]);
	close(q[1]);
}

static void eventfd_edge(int ep)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u32 = 6 }, out[8];
	int efd = CHECK_OK(eventfd(0, 0));
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
	CHECK_EQ(epoll_wait(ep, out, 8, 0), 0);
	uint64_t v = 5;
	CHECK_EQ(write(efd, &v, 8), 8);
	CHECK_EQ(epoll_wait(ep, out, 8, 0), 1);
	CHECK_EQ(out[0].data.u32, 6);
	CHECK_EQ(epoll_wait(ep, out, 8, 0), 0);
	CHECK_EQ(write(efd, &v, 8), 8);
	CHECK_EQ(epoll_wait(ep, out, 8, 0), 1);
	close(efd);
}

int main(void)
{
	int ep = CHECK_OK(epoll_create1(0));
	errors_and_timeouts(ep);
	signals(ep);
	exclusive(ep);
	eventfd_edge(ep);
	close(ep);
	return 0;
}
