// SPDX-License-Identifier: GPL-2.0
/*
 * sig_signalfd: signal queueing as seen through a signalfd (the fd itself
 * is in poll_signalfd). A record is 128 bytes. Two sigqueue()s of one
 * realtime signal stay two records, read in order with their values and
 * SI_QUEUE; a standard signal sent twice while pending is one record. A
 * blocked SIGCHLD read from a signalfd carries the child's pid, CLD_EXITED
 * and exit status, or CLD_KILLED and the signal. An epoll_wait blocked on
 * a signalfd wakes when another process signals us. signalfd on a closed
 * fd is EBADF.
 */
#include "t.h"
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>

_Static_assert(sizeof(struct signalfd_siginfo) == 128, "signalfd_siginfo is 128 bytes");

static void queued(void)
{
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGRTMIN);
	sigaddset(&mask, SIGUSR1);
	CHECK_OK(sigprocmask(SIG_BLOCK, &mask, NULL));
	int fd = CHECK_OK(signalfd(-1, &mask, SFD_NONBLOCK));
	struct signalfd_siginfo si[4];

	union sigval val = { .sival_int = 77 };
	CHECK_OK(sigqueue(getpid(), SIGRTMIN, val));
	val.sival_int = 78;
	CHECK_OK(sigqueue(getpid(), SIGRTMIN, val));
	memset(si, 0, sizeof(si));
	CHECK_EQ(read(fd, si, sizeof(si)), 2 * sizeof(si[0]));
	CHECK_EQ(si[0].ssi_signo, SIGRTMIN);
	CHECK_EQ(si[0].ssi_code, SI_QUEUE);
	CHECK_EQ(si[0].ssi_int, 77);
	CHECK_EQ(si[0].ssi_pid, getpid());
	CHECK_EQ(si[1].ssi_signo, SIGRTMIN);
	CHECK_EQ(si[1].ssi_int, 78);

	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK_EQ(read(fd, si, sizeof(si)), sizeof(si[0]));
	CHECK_EQ(si[0].ssi_signo, SIGUSR1);
	CHECK_ERR(read(fd, si, sizeof(si)), EAGAIN);
	close(fd);
}

static void child_status(void)
{
	sigset_t c;
	sigemptyset(&c);
	sigaddset(&c, SIGCHLD);
	CHECK_OK(sigprocmask(SIG_BLOCK, &c, NULL));
	int fd = CHECK_OK(signalfd(-1, &c, 0));
	struct signalfd_siginfo si;

	pid_t k = t_fork();
	if (k == 0)
		_exit(7);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(read(fd, &si, sizeof(si)), sizeof(si));
	CHECK_EQ(si.ssi_signo, SIGCHLD);
	CHECK_EQ(si.ssi_code, CLD_EXITED);
	CHECK_EQ(si.ssi_pid, k);
	CHECK_EQ(si.ssi_status, 7);
	CHECK_EQ(si.ssi_uid, getuid());
	int st = t_wait(k);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);

	/* Set here, before the fork, so the child dies of SIGTERM whenever it comes. */
	signal(SIGTERM, SIG_DFL);
	sigset_t term;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &term, NULL));
	k = t_fork();
	if (k == 0) {
		for (;;)
			pause();
	}
	CHECK_OK(kill(k, SIGTERM));
	memset(&si, 0, sizeof(si));
	CHECK_EQ(read(fd, &si, sizeof(si)), sizeof(si));
	CHECK_EQ(si.ssi_signo, SIGCHLD);
	CHECK_EQ(si.ssi_code, CLD_KILLED);
	CHECK_EQ(si.ssi_pid, k);
	CHECK_EQ(si.ssi_status, SIGTERM);
	st = t_wait(k);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	close(fd);
}

static void epoll_wakeup(void)
{
	sigset_t u2;
	sigemptyset(&u2);
	sigaddset(&u2, SIGUSR2);
	CHECK_OK(sigprocmask(SIG_BLOCK, &u2, NULL));
	int fd = CHECK_OK(signalfd(-1, &u2, SFD_NONBLOCK));
	int ep = CHECK_OK(epoll_create1(0));
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 12 }, out;
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	CHECK_EQ(epoll_wait(ep, &out, 1, 0), 0);
	pid_t parent = getpid();
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		CHECK_OK(kill(parent, SIGUSR2));
		_exit(0);
	}
	CHECK_EQ(epoll_wait(ep, &out, 1, 10000), 1);
	CHECK_EQ(out.data.u32, 12);
	struct signalfd_siginfo si;
	CHECK_EQ(read(fd, &si, sizeof(si)), sizeof(si));
	CHECK_EQ(si.ssi_signo, SIGUSR2);
	CHECK_EQ(si.ssi_pid, pid);
	t_wait_ok(pid);
	close(ep);
	close(fd);
}

int main(void)
{
	queued();
	child_status();
	epoll_wakeup();
	sigset_t any;
	sigemptyset(&any);
	sigaddset(&any, SIGUSR2);
	int p[2];
	CHECK_OK(pipe(p));
	close(p[0]);
	close(p[1]);
	CHECK_ERR(signalfd(p[0], &any, 0), EBADF);
	return 0;
}
