// SPDX-License-Identifier: GPL-2.0
/*
 * poll_signalfd: signalfd. A blocked signal sent to us becomes readable
 * as a struct signalfd_siginfo (ssi_signo, ssi_code, ssi_pid, ssi_uid,
 * ssi_int for sigqueue) and is consumed by the read; several can be read
 * at once; a nonblocking read with none pending is EAGAIN; poll and epoll
 * report POLLIN; signalfd with an existing fd changes its mask; a buffer
 * smaller than one record is EINVAL. Only the signals in the mask are
 * taken; a child's signals wake a blocking read.
 */
#include "t.h"
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>

static sigset_t set_of(int a, int b)
{
	sigset_t s;
	sigemptyset(&s);
	if (a) sigaddset(&s, a);
	if (b) sigaddset(&s, b);
	return s;
}

int main(void)
{
	sigset_t both = set_of(SIGUSR1, SIGUSR2), one = set_of(SIGUSR1, 0);
	CHECK_OK(sigprocmask(SIG_BLOCK, &both, NULL));
	int fd = CHECK_OK(signalfd(-1, &one, SFD_NONBLOCK | SFD_CLOEXEC));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);

	struct signalfd_siginfo si[4];
	CHECK_ERR(read(fd, si, sizeof(si)), EAGAIN);
	struct pollfd pf = { fd, POLLIN, 0 };
	CHECK_EQ(poll(&pf, 1, 0), 0);

	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK_EQ(pf.revents, POLLIN);
	memset(si, 0, sizeof(si));
	CHECK_EQ(read(fd, si, sizeof(si)), sizeof(si[0]));
	CHECK_EQ(si[0].ssi_signo, SIGUSR1);
	CHECK_EQ(si[0].ssi_code, SI_USER);
	CHECK_EQ(si[0].ssi_pid, getpid());
	CHECK_EQ(si[0].ssi_uid, getuid());
	/* Consumed: no longer pending. */
	sigset_t pend;
	CHECK_OK(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGUSR1));
	CHECK_ERR(read(fd, si, sizeof(si)), EAGAIN);

	/* SIGUSR2 is not in the mask: it stays pending, unread. */
	CHECK_OK(kill(getpid(), SIGUSR2));
	CHECK_ERR(read(fd, si, sizeof(si)), EAGAIN);
	/* Widen the mask on the same fd. */
	CHECK_EQ(signalfd(fd, &both, 0), fd);
	union sigval v = { .sival_int = 31337 };
	CHECK_OK(sigqueue(getpid(), SIGUSR1, v));
	memset(si, 0, sizeof(si));
	CHECK_EQ(read(fd, si, sizeof(si)), 2 * sizeof(si[0]));
	/* Lowest signal first. */
	CHECK_EQ(si[0].ssi_signo, SIGUSR1);
	CHECK_EQ(si[0].ssi_code, SI_QUEUE);
	CHECK_EQ(si[0].ssi_int, 31337);
	CHECK_EQ(si[1].ssi_signo, SIGUSR2);

	char small[16];
	CHECK_ERR(read(fd, small, sizeof(small)), EINVAL);

	/* epoll sees it too. */
	int ep = CHECK_OK(epoll_create1(0));
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 5 };
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 0);
	CHECK_OK(raise(SIGUSR2));
	CHECK_EQ(epoll_wait(ep, &ev, 1, 0), 1);
	CHECK_EQ(ev.data.u32, 5);
	CHECK_EQ(read(fd, si, sizeof(si)), sizeof(si[0]));
	close(ep);

	/* Blocking read, woken by a child's kill. */
	CHECK_OK(fcntl(fd, F_SETFL, 0));
	pid_t parent = getpid();
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		kill(parent, SIGUSR2);
		_exit(0);
	}
	memset(si, 0, sizeof(si));
	CHECK_EQ(read(fd, si, sizeof(si)), sizeof(si[0]));
	CHECK_EQ(si[0].ssi_signo, SIGUSR2);
	CHECK_EQ(si[0].ssi_pid, pid);
	t_wait_ok(pid);

	CHECK_ERR(signalfd(-1, &one, 0x1234), EINVAL);
	int notsfd[2];
	CHECK_OK(pipe(notsfd));
	CHECK_ERR(signalfd(notsfd[0], &one, 0), EINVAL);
	close(notsfd[0]);
	close(notsfd[1]);
	close(fd);
	return 0;
}
