// SPDX-License-Identifier: GPL-2.0
/*
 * poll_sigio: signal-driven I/O (O_ASYNC). With an owner set (F_SETOWN)
 * and O_ASYNC on (F_SETFL or FIOASYNC), input arriving on a socketpair, a
 * pipe or a pty master sends SIGIO; with F_SETSIG the chosen signal comes
 * with si_fd, si_code POLL_IN and si_band holding POLLIN; a pipe's write
 * end hears of room once a full pipe is read; with O_ASYNC off, nothing.
 */
#include "t.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

static volatile int got, got_fd, got_code;
static volatile long got_band;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)uc;
	got++;
	got_fd = si->si_fd;
	got_code = si->si_code;
	got_band = si->si_band;
}

/* Wait up to 2 s for a signal to have been counted. */
static bool arrived(void)
{
	for (int i = 0; i < 200 && !got; i++)
		t_msleep(10);
	return got != 0;
}

static void async_on(int fd)
{
	CHECK_OK(fcntl(fd, F_SETOWN, getpid()));
	CHECK_OK(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC));
	CHECK(fcntl(fd, F_GETFL) & O_ASYNC);
}

static void socketpair_sigio(void)
{
	int sv[2];
	char c;

	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	async_on(sv[0]);
	got = 0;
	CHECK_EQ(write(sv[1], "x", 1), 1);
	CHECK(arrived());
	CHECK_EQ(read(sv[0], &c, 1), 1);
	/* off again: silence */
	CHECK_OK(fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) & ~O_ASYNC));
	got = 0;
	CHECK_EQ(write(sv[1], "y", 1), 1);
	t_msleep(50);
	CHECK_EQ(got, 0);
	close(sv[0]);
	close(sv[1]);
}

static void pipe_setsig(void)
{
	int p[2], on = 1, sig = SIGRTMIN + 1;
	char buf[65536];

	CHECK_OK(pipe(p));
	CHECK_OK(fcntl(p[0], F_SETOWN, getpid()));
	CHECK_OK(fcntl(p[0], F_SETSIG, sig));
	CHECK_OK(ioctl(p[0], FIOASYNC, &on));
	got = 0;
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK(arrived());
	CHECK_EQ(got_fd, p[0]);
	CHECK_EQ(got_code, POLL_IN);
	CHECK(got_band & POLLIN);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 1);

	/* the write end: room after a full pipe is drained */
	CHECK_OK(fcntl(p[0], F_SETFL, O_NONBLOCK));
	CHECK_OK(fcntl(p[1], F_SETFL, O_NONBLOCK));
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	CHECK_EQ(errno, EAGAIN);
	CHECK_OK(fcntl(p[1], F_SETOWN, getpid()));
	CHECK_OK(fcntl(p[1], F_SETSIG, sig));
	CHECK_OK(fcntl(p[1], F_SETFL, O_NONBLOCK | O_ASYNC));
	got = 0;
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	CHECK(arrived());
	CHECK_EQ(got_fd, p[1]);
	CHECK_EQ(got_code, POLL_OUT);
	CHECK(got_band & POLLOUT);
	close(p[0]);
	close(p[1]);
}

static void pty_master_sigio(void)
{
	int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	int s;

	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	s = CHECK_OK(open(ptsname(m), O_RDWR | O_NOCTTY));
	async_on(m);
	got = 0;
	CHECK_EQ(write(s, "hi\n", 3), 3);
	CHECK(arrived());
	close(s);
	close(m);
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	CHECK_OK(sigaction(SIGIO, &sa, NULL));
	CHECK_OK(sigaction(SIGRTMIN + 1, &sa, NULL));
	socketpair_sigio();
	pipe_setsig();
	pty_master_sigio();
	return 0;
}
