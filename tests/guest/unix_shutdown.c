// SPDX-License-Identifier: GPL-2.0
/*
 * unix_shutdown: the end of a stream connection as poll, read, write and
 * SO_ERROR see it. After the peer closes: write is EPIPE with SIGPIPE
 * (caught; none with MSG_NOSIGNAL), read 0, poll IN|OUT|HUP|RDHUP. After
 * the peer's SHUT_WR: poll IN|RDHUP, the data then EOF (repeatedly), and
 * our writes still arrive; both directions shut: HUP. SHUT_RD: our read
 * is 0 and the peer's write EPIPE. A peer closing with unread data in its
 * queue resets us: poll ERR|HUP, our queued data first, then ECONNRESET
 * once, then EOF; SO_ERROR reports ECONNRESET once and clears it.
 * SOCK_SEQPACKET: EOF after the last message, EPIPE on write (no SIGPIPE). A datagram
 * pair's survivor is ECONNREFUSED once, then ENOTCONN. A blocked read
 * wakes with 0 when the peer (in another process) shuts down writing.
 */
#include "t.h"
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

static volatile int sigpipes;
static void on_pipe(int sig) { (void)sig; sigpipes++; }

static short revents(int fd, short events)
{
	struct pollfd p = { fd, events, 0 };
	CHECK_EQ(poll(&p, 1, 0), 1);
	return p.revents;
}

static void closed_and_half(void)
{
	int sv[2];
	char buf[64];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	close(sv[1]);
	CHECK_ERR(write(sv[0], "x", 1), EPIPE);
	CHECK_EQ(sigpipes, 1);
	CHECK_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	CHECK_EQ(sigpipes, 1);
	CHECK_EQ(read(sv[0], buf, 1), 0);
	CHECK_EQ(revents(sv[0], POLLIN | POLLOUT | POLLRDHUP), POLLIN | POLLOUT | POLLHUP | POLLRDHUP);
	close(sv[0]);

	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_EQ(write(sv[0], "data", 4), 4);
	CHECK_OK(shutdown(sv[0], SHUT_WR));
	CHECK_ERR(write(sv[0], "x", 1), EPIPE);
	CHECK_EQ(sigpipes, 2);
	CHECK_EQ(revents(sv[1], POLLIN | POLLRDHUP), POLLIN | POLLRDHUP);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 4);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 0);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 0);
	CHECK_EQ(write(sv[1], "back", 4), 4);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 4);
	CHECK_OK(shutdown(sv[1], SHUT_WR));
	short r = revents(sv[0], POLLIN | POLLOUT);
	CHECK(r & POLLHUP);
	CHECK(r & POLLIN);
	close(sv[0]);
	close(sv[1]);

	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_OK(shutdown(sv[1], SHUT_RD));
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 0);
	CHECK_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	close(sv[0]);
	close(sv[1]);
}

static void reset(void)
{
	int sv[2], v;
	char buf[64];
	socklen_t len = sizeof(v);
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_EQ(write(sv[0], "unread", 6), 6);
	CHECK_EQ(write(sv[1], "for0", 4), 4);
	close(sv[1]);
	short r = revents(sv[0], POLLIN);
	CHECK(r & POLLERR);
	CHECK(r & POLLHUP);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 4);          /* data first */
	CHECK_ERR(read(sv[0], buf, sizeof(buf)), ECONNRESET);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 0);          /* then EOF */
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &v, &len));
	CHECK_EQ(v, 0);
	close(sv[0]);

	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_EQ(write(sv[0], "unread", 6), 6);
	close(sv[1]);
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &v, &len));
	CHECK_EQ(v, ECONNRESET);
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &v, &len));
	CHECK_EQ(v, 0);
	close(sv[0]);
}

static void other_types(void)
{
	int sv[2];
	char buf[64];
	CHECK_OK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
	CHECK_EQ(write(sv[0], "last", 4), 4);
	close(sv[0]);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 4);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 0);
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), 0);
	int before = sigpipes;
	CHECK_ERR(write(sv[1], "x", 1), EPIPE);
	CHECK_EQ(sigpipes, before);                         /* no SIGPIPE here */
	close(sv[1]);

	CHECK_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	close(sv[1]);
	CHECK_ERR(write(sv[0], "x", 1), ECONNREFUSED);
	CHECK_ERR(write(sv[0], "x", 1), ENOTCONN);
	close(sv[0]);

	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		CHECK_OK(shutdown(sv[0], SHUT_WR));
		_exit(0);
	}
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 0);
	t_wait_ok(pid);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_pipe;
	CHECK_OK(sigaction(SIGPIPE, &sa, NULL));
	closed_and_half();
	reset();
	other_types();
	return 0;
}
