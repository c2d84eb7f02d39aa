// SPDX-License-Identifier: GPL-2.0
/*
 * unix_listen: listening sockets and their backlog. A nonblocking listener
 * with no client: accept EAGAIN, poll nothing; backlog 0 still queues one
 * connection (poll POLLIN), a second nonblocking connect is EAGAIN; the
 * queued client can write before it is accepted; accept4(SOCK_NONBLOCK)
 * makes a nonblocking fd. A blocking connect to a full backlog waits until
 * accept makes room. A listener closed with a pending connection resets
 * that client: its read is ECONNRESET, then 0, and its write EPIPE.
 * State errors: connect to a bound socket that is not listening is
 * ECONNREFUSED, accept on it EINVAL; listen again just changes the
 * backlog; sendto with an address on an unconnected stream socket is
 * EOPNOTSUPP, on a connected one EISCONN; listen on a connected socket
 * and connect on a listener are EINVAL; a zero-length send queues
 * nothing (the accepted end reads EAGAIN).
 */
#include "t.h"
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static socklen_t abstract(struct sockaddr_un *a, const char *tag)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	int n = snprintf(a->sun_path + 1, sizeof(a->sun_path) - 1, "uml-guest-%s-%d", tag, (int)getpid());
	return offsetof(struct sockaddr_un, sun_path) + 1 + n;
}

static void backlog(void)
{
	struct sockaddr_un a;
	socklen_t alen = abstract(&a, "listen");
	char buf[64];
	int ls = CHECK_OK(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
	CHECK_OK(bind(ls, (struct sockaddr *)&a, alen));
	CHECK_OK(listen(ls, 0));
	CHECK_ERR(accept(ls, NULL, NULL), EAGAIN);
	struct pollfd p = { ls, POLLIN | POLLOUT, 0 };
	CHECK_EQ(poll(&p, 1, 0), 0);

	int c1 = CHECK_OK(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
	CHECK_OK(connect(c1, (struct sockaddr *)&a, alen));
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLIN);
	int c2 = CHECK_OK(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
	CHECK_ERR(connect(c2, (struct sockaddr *)&a, alen), EAGAIN);
	CHECK_EQ(write(c1, "early", 5), 5);
	int s = CHECK_OK(accept4(ls, NULL, NULL, SOCK_NONBLOCK));
	CHECK(fcntl(s, F_GETFL) & O_NONBLOCK);
	CHECK_EQ(read(s, buf, sizeof(buf)), 5);
	CHECK_ERR(read(s, buf, sizeof(buf)), EAGAIN);
	CHECK_ERR(accept(ls, NULL, NULL), EAGAIN);
	close(s);
	close(c1);
	close(c2);

	/* A blocking connect waits for room. */
	c1 = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(connect(c1, (struct sockaddr *)&a, alen));  /* the backlog is full now */
	int ready[2], got[2];
	CHECK_OK(pipe(ready));
	CHECK_OK(pipe2(got, O_NONBLOCK));
	pid_t pid = t_fork();
	if (pid == 0) {
		int c = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
		CHECK_EQ(write(ready[1], "r", 1), 1);
		CHECK_OK(connect(c, (struct sockaddr *)&a, alen));
		CHECK_EQ(write(got[1], "g", 1), 1);
		CHECK_EQ(write(c, "waited", 6), 6);
		_exit(0);
	}
	char ch;
	CHECK_EQ(read(ready[0], &ch, 1), 1);
	t_msleep(30);
	CHECK_ERR(read(got[0], &ch, 1), EAGAIN);             /* still connecting */
	s = CHECK_OK(accept(ls, NULL, NULL));               /* c1's, making room */
	close(s);
	p = (struct pollfd){ ls, POLLIN, 0 };
	CHECK_EQ(poll(&p, 1, 10000), 1);
	s = CHECK_OK(accept(ls, NULL, NULL));
	t_wait_ok(pid);
	CHECK_EQ(read(got[0], &ch, 1), 1);
	CHECK_OK(fcntl(s, F_SETFL, 0));
	CHECK_EQ(read(s, buf, sizeof(buf)), 6);
	close(s);
	close(c1);

	/* Close the listener with a connection still queued. */
	int c = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(connect(c, (struct sockaddr *)&a, alen));
	CHECK_EQ(write(c, "lost", 4), 4);
	close(ls);
	CHECK_ERR(read(c, buf, sizeof(buf)), ECONNRESET);
	CHECK_EQ(read(c, buf, sizeof(buf)), 0);
	CHECK_ERR(write(c, "x", 1), EPIPE);
	close(c);
}

static void state_errors(void)
{
	struct sockaddr_un a;
	socklen_t alen = abstract(&a, "state");
	char buf[8];
	int ls = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(bind(ls, (struct sockaddr *)&a, alen));
	int c = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(connect(c, (struct sockaddr *)&a, alen), ECONNREFUSED);
	CHECK_ERR(accept(ls, NULL, NULL), EINVAL);
	CHECK_OK(listen(ls, 1));
	CHECK_OK(listen(ls, 8));
	CHECK_ERR(sendto(c, "x", 1, MSG_NOSIGNAL, (struct sockaddr *)&a, alen), EOPNOTSUPP);
	CHECK_OK(connect(c, (struct sockaddr *)&a, alen));
	CHECK_ERR(sendto(c, "x", 1, MSG_NOSIGNAL, (struct sockaddr *)&a, alen), EISCONN);
	CHECK_ERR(listen(c, 1), EINVAL);
	CHECK_ERR(connect(ls, (struct sockaddr *)&a, alen), EINVAL);
	CHECK_EQ(send(c, "", 0, 0), 0);
	int s = CHECK_OK(accept(ls, NULL, NULL));
	CHECK_ERR(recv(s, buf, 1, MSG_DONTWAIT), EAGAIN);
	close(s);
	close(c);
	close(ls);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	backlog();
	state_errors();
	return 0;
}
