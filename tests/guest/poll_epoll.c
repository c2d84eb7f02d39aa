// SPDX-License-Identifier: GPL-2.0
/*
 * poll_epoll: epoll. epoll_create1 (EPOLL_CLOEXEC; bad flags EINVAL);
 * epoll_ctl ADD/MOD/DEL with EEXIST, ENOENT, EBADF, EPERM (a regular file),
 * EINVAL (the epoll fd itself); epoll_wait returns the registered data,
 * times out with 0, and wakes when a child writes. Level-triggered fds
 * report again until drained; EPOLLET reports once per new arrival;
 * EPOLLONESHOT disarms until EPOLL_CTL_MOD; EPOLLHUP/EPOLLERR come without
 * being asked; closing the only fd of a file drops it from the set;
 * maxevents bounds the result; epoll_pwait takes a signal mask.
 */
#include "t.h"
#include <signal.h>
#include <sys/epoll.h>
#include <sys/syscall.h>

static int wait1(int ep, struct epoll_event *ev, int timeout)
{
	return epoll_wait(ep, ev, 1, timeout);
}

static void ctl_errors(int ep, int p[2])
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev), ENOENT);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], &ev), ENOENT);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, 9999, &ev), EBADF);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
	CHECK_ERR(epoll_ctl(ep, 99, p[1], &ev), EINVAL);
	CHECK_ERR(epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &ev), EINVAL);   /* not an epoll fd */
	int f = CHECK_OK(open("regular", O_CREAT | O_RDWR, 0644));
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev), EPERM);
	close(f);
	CHECK_ERR(epoll_create1(0x1234), EINVAL);
	CHECK_ERR(syscall(SYS_epoll_create, 0), EINVAL);   /* raw: musl ignores the size */
}

static void level_and_data(int ep, int p[2])
{
	struct epoll_event ev;
	CHECK_EQ(wait1(ep, &ev, 0), 0);
	CHECK_EQ(wait1(ep, &ev, 20), 0);
	CHECK_EQ(write(p[1], "ab", 2), 2);
	CHECK_EQ(wait1(ep, &ev, 0), 1);
	CHECK_EQ(ev.events, EPOLLIN);
	CHECK_EQ(ev.data.u64, 0x1122334455667788ULL);
	/* Level-triggered: still ready until drained. */
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1);
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0);

	/* MOD changes events and data. */
	struct epoll_event mod = { .events = EPOLLIN | EPOLLOUT, .data.u32 = 7 };
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &mod));
	CHECK_EQ(wait1(ep, &ev, 0), 1);
	CHECK_EQ(ev.data.u32, 7);
	CHECK_EQ(ev.events, EPOLLOUT);
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
	CHECK_EQ(wait1(ep, &ev, 0), 0);
}

static void edge_and_oneshot(int ep, int p[2])
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u32 = 1 };
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	CHECK_EQ(write(p[1], "123", 3), 3);
	CHECK_EQ(wait1(ep, &ev, 0), 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0);           /* no new data: no event */
	char buf[8];
	CHECK_EQ(read(p[0], buf, 1), 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0);           /* reading is not an edge */
	CHECK_EQ(write(p[1], "4", 1), 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1);           /* new data is */
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 3);

	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u32 = 2;
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	CHECK_EQ(write(p[1], "5", 1), 1);
	CHECK_EQ(wait1(ep, &ev, 0), 1);
	CHECK_EQ(ev.data.u32, 2);
	CHECK_EQ(write(p[1], "6", 1), 1);
	CHECK_EQ(wait1(ep, &ev, 0), 0);           /* disarmed */
	ev.events = EPOLLIN | EPOLLONESHOT;
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	CHECK_EQ(wait1(ep, &ev, 0), 1);           /* rearmed, data waiting */
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 2);
	ev.events = EPOLLIN;
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
}

static void hup_close_and_wakeup(int ep)
{
	int q[2];
	CHECK_OK(pipe(q));
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 3 };
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
	/* An event in the other pipe must not confuse this one. */
	struct epoll_event out[4];
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		t_write_all(q[1], "w", 1);
		_exit(0);
	}
	CHECK_EQ(epoll_wait(ep, out, 4, 10000), 1);
	CHECK_EQ(out[0].data.u32, 3);
	t_wait_ok(pid);
	char c;
	CHECK_EQ(read(q[0], &c, 1), 1);

	close(q[1]);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	CHECK_EQ(out[0].events, EPOLLHUP);        /* not asked for, still reported */

	/* Closing the only descriptor removes it from the set. */
	close(q[0]);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 0);

	/* maxevents bounds the answer; 0 is EINVAL. */
	int r[3][2];
	for (int i = 0; i < 3; i++) {
		CHECK_OK(pipe(r[i]));
		ev.data.u32 = 10 + i;
		CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, r[i][0], &ev));
		t_write_all(r[i][1], "z", 1);
	}
	CHECK_EQ(epoll_wait(ep, out, 2, 0), 2);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 3);
	CHECK_ERR(epoll_wait(ep, out, 0, 0), EINVAL);
	for (int i = 0; i < 3; i++) {
		close(r[i][0]);
		close(r[i][1]);
	}
}

static volatile int usr1;
static void on_usr1(int sig) { (void)sig; usr1++; }

static void pwait(int ep)
{
	signal(SIGUSR1, on_usr1);
	sigset_t block, empty;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	CHECK_OK(sigprocmask(SIG_BLOCK, &block, NULL));
	CHECK_OK(kill(getpid(), SIGUSR1));
	struct epoll_event ev;
	CHECK_ERR(epoll_pwait(ep, &ev, 1, 10000, &empty), EINTR);
	CHECK_EQ(usr1, 1);
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &block, NULL));
}

int main(void)
{
	t_tmpdir();
	int ep = CHECK_OK(epoll_create1(EPOLL_CLOEXEC));
	CHECK_EQ(fcntl(ep, F_GETFD), FD_CLOEXEC);
	int p[2];
	CHECK_OK(pipe(p));
	ctl_errors(ep, p);
	level_and_data(ep, p);
	edge_and_oneshot(ep, p);
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	hup_close_and_wakeup(ep);
	pwait(ep);
	close(p[0]);
	close(p[1]);
	close(ep);
	return 0;
}
