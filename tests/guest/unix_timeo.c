// SPDX-License-Identifier: GPL-2.0
/*
 * unix_timeo: blocking AF_UNIX calls, their timeouts and interruptions.
 * SO_RCVTIMEO makes a blocking accept and read give up with EAGAIN. A
 * nonblocking writer fills a stream socket's buffer (between 100 KB and
 * 1 MB) up to EAGAIN; then a blocking write with SO_SNDTIMEO gives up with
 * EAGAIN, poll shows no POLLOUT until the reader drains it. A read blocked
 * without a timeout is restarted after a SA_RESTART handler and gets the
 * data written later; without SA_RESTART it is EINTR; with SA_RESTART but
 * a receive timeout it is EINTR too. A writer blocked on a full buffer
 * returns (a partial count, or EPIPE/ECONNRESET) when the reader closes.
 * poll and select wake when the peer writes.
 */
#include "t.h"
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

static void on_alrm(int sig) { (void)sig; }

static void set_handler(int restart)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alrm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	CHECK_OK(sigaction(SIGALRM, &sa, NULL));
}

/* SIGALRM every 20 ms from now on, so one surely lands in the next call. */
static void alarms(int on)
{
	struct itimerval it = { { 0, on ? 20000 : 0 }, { 0, on ? 20000 : 0 } };
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
}

static void timeouts(void)
{
	struct sockaddr_un a;
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	int n = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "uml-guest-timeo-%d", (int)getpid());
	socklen_t alen = offsetof(struct sockaddr_un, sun_path) + 1 + n;
	int ls = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(bind(ls, (struct sockaddr *)&a, alen));
	CHECK_OK(listen(ls, 1));
	struct timeval tv = { 0, 50000 };
	CHECK_OK(setsockopt(ls, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	CHECK_ERR(accept(ls, NULL, NULL), EAGAIN);
	close(ls);

	int sv[2];
	char buf[64];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	CHECK_ERR(read(sv[0], buf, 1), EAGAIN);

	CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)));
	CHECK_OK(fcntl(sv[0], F_SETFL, O_NONBLOCK));
	static char big[65536];
	size_t total = 0;
	for (;;) {
		ssize_t r = write(sv[0], big, sizeof(big));
		if (r < 0) {
			CHECK_EQ(errno, EAGAIN);
			break;
		}
		total += r;
		CHECK(total < 1000000);
	}
	CHECK(total > 100000);
	CHECK_OK(fcntl(sv[0], F_SETFL, 0));
	CHECK_ERR(write(sv[0], big, 10), EAGAIN);
	struct pollfd p = { sv[0], POLLOUT, 0 };
	CHECK_EQ(poll(&p, 1, 0), 0);
	while (total) {
		ssize_t r = read(sv[1], big, sizeof(big));
		CHECK(r > 0);
		total -= r;
	}
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK(p.revents & POLLOUT);
	close(sv[0]);
	close(sv[1]);
}

static void interrupted(void)
{
	int sv[2];
	char buf[64];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	/* SA_RESTART, no timeout: restarted until the data comes. */
	set_handler(1);
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(150);
		CHECK_EQ(write(sv[1], "late", 4), 4);
		_exit(0);
	}
	alarms(1);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 4);
	alarms(0);
	t_wait_ok(pid);

	set_handler(0);
	alarms(1);
	CHECK_ERR(read(sv[0], buf, sizeof(buf)), EINTR);
	alarms(0);

	/* SA_RESTART but a receive timeout: Linux does not restart. */
	set_handler(1);
	struct timeval tv = { 10, 0 };
	CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	alarms(1);
	CHECK_ERR(read(sv[0], buf, sizeof(buf)), EINTR);
	alarms(0);
	close(sv[0]);
	close(sv[1]);
}

static void blocked_then_closed(void)
{
	int sv[2];
	signal(SIGPIPE, SIG_IGN);
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid_t pid = t_fork();
	if (pid == 0) {
		static char big[1 << 20];
		close(sv[1]);
		ssize_t r = write(sv[0], big, sizeof(big));
		CHECK((r > 0 && r < (ssize_t)sizeof(big)) ||
		      (r < 0 && (errno == ECONNRESET || errno == EPIPE)));
		_exit(0);
	}
	close(sv[0]);
	t_msleep(30);
	close(sv[1]);
	t_wait_ok(pid);
}

static void wakeups(void)
{
	int sv[2];
	char buf[8];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		CHECK_EQ(write(sv[1], "ping", 4), 4);
		t_msleep(20);
		CHECK_EQ(write(sv[1], "pong", 4), 4);
		_exit(0);
	}
	struct pollfd p = { sv[0], POLLIN, 0 };
	CHECK_EQ(poll(&p, 1, 10000), 1);
	CHECK_EQ(p.revents, POLLIN);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 4);
	fd_set rf;
	FD_ZERO(&rf);
	FD_SET(sv[0], &rf);
	struct timeval tv = { 10, 0 };
	CHECK_EQ(select(sv[0] + 1, &rf, NULL, NULL, &tv), 1);
	CHECK(FD_ISSET(sv[0], &rf));
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 4);
	t_wait_ok(pid);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	timeouts();
	interrupted();
	blocked_then_closed();
	wakeups();
	return 0;
}
