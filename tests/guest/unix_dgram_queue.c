// SPDX-License-Identifier: GPL-2.0
/*
 * unix_dgram_queue: datagram sockets beyond unix_dgram. An unbound
 * sender's datagram has no address (length 0); recvmsg leaves msg_namelen
 * alone without msg_name and sets it with one; getpeername of a connected
 * socket names its peer; sendto with an explicit address still works on a
 * connected socket. A receiver's queue is limited: a nonblocking sender
 * that is not the receiver's peer gets EAGAIN after some messages and
 * poll shows it not writable, until the receiver reads (then POLLOUT and
 * a blocking send goes through). connect(AF_UNSPEC) disconnects (send and
 * getpeername ENOTCONN). sendmmsg/recvmmsg move several messages with
 * their lengths (recvmmsg of an empty queue with MSG_DONTWAIT is EAGAIN).
 * When the bound receiver closes, a socket connected to it gets
 * ECONNREFUSED, also with an explicit sendto to the leftover path.
 */
#include "t.h"
#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static socklen_t addr_of(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, path);
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

int main(void)
{
	t_tmpdir();
	struct sockaddr_un sa, ca, from;
	socklen_t salen = addr_of(&sa, "srv"), calen = addr_of(&ca, "c1"), len;
	char buf[256];
	int srv = CHECK_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
	CHECK_OK(bind(srv, (struct sockaddr *)&sa, salen));
	int c1 = CHECK_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
	CHECK_OK(bind(c1, (struct sockaddr *)&ca, calen));
	int c2 = CHECK_OK(socket(AF_UNIX, SOCK_DGRAM, 0));

	CHECK_EQ(sendto(c2, "from2", 5, 0, (struct sockaddr *)&sa, salen), 5);
	len = sizeof(from);
	CHECK_EQ(recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len), 5);
	CHECK_EQ(len, 0);

	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_namelen = 77 };
	CHECK_EQ(sendto(c1, "n", 1, 0, (struct sockaddr *)&sa, salen), 1);
	CHECK_EQ(recvmsg(srv, &mh, 0), 1);
	CHECK_EQ(mh.msg_namelen, 77);
	CHECK_EQ(sendto(c1, "n", 1, 0, (struct sockaddr *)&sa, salen), 1);
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	CHECK_EQ(recvmsg(srv, &mh, 0), 1);
	CHECK_EQ(mh.msg_namelen, calen);
	CHECK_STR(from.sun_path, "c1");
	CHECK_EQ(mh.msg_controllen, 0);

	/* c1 connects to the server; explicit addresses still work. */
	CHECK_OK(connect(c1, (struct sockaddr *)&sa, salen));
	len = sizeof(from);
	CHECK_OK(getpeername(c1, (struct sockaddr *)&from, &len));
	CHECK_STR(from.sun_path, "srv");
	CHECK_EQ(sendto(c1, "to-srv", 6, 0, (struct sockaddr *)&sa, salen), 6);
	CHECK_EQ(recv(srv, buf, sizeof(buf), 0), 6);

	/* The server's queue fills: c1 is not the server's peer. */
	CHECK_OK(fcntl(c1, F_SETFL, O_NONBLOCK));
	int n;
	for (n = 0; n < 1000; n++) {
		if (send(c1, "q", 1, 0) < 0) {
			CHECK_EQ(errno, EAGAIN);
			break;
		}
	}
	CHECK(n > 0 && n < 1000);
	struct pollfd p = { c1, POLLOUT, 0 };
	CHECK_EQ(poll(&p, 1, 0), 0);
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		for (int i = 0; i < n + 1; i++)
			CHECK_EQ(recv(srv, buf, sizeof(buf), 0), 1);
		_exit(0);
	}
	CHECK_EQ(poll(&p, 1, 10000), 1);
	CHECK(p.revents & POLLOUT);
	CHECK_OK(fcntl(c1, F_SETFL, 0));
	CHECK_EQ(send(c1, "q", 1, 0), 1);
	t_wait_ok(pid);

	/* Disconnect. */
	struct sockaddr un = { .sa_family = AF_UNSPEC };
	CHECK_OK(connect(c1, &un, sizeof(un)));
	CHECK_ERR(send(c1, "x", 1, 0), ENOTCONN);
	len = sizeof(from);
	CHECK_ERR(getpeername(c1, (struct sockaddr *)&from, &len), ENOTCONN);

	/* sendmmsg / recvmmsg */
	struct mmsghdr mm[3];
	struct iovec iv[3];
	char bufs[3][16];
	for (int i = 0; i < 3; i++) {
		memset(bufs[i], 'a' + i, sizeof(bufs[i]));
		iv[i] = (struct iovec){ bufs[i], 1 + i };
		mm[i] = (struct mmsghdr){ .msg_hdr = { .msg_name = &sa, .msg_namelen = salen,
						       .msg_iov = &iv[i], .msg_iovlen = 1 } };
	}
	CHECK_EQ(sendmmsg(c2, mm, 3, 0), 3);
	CHECK_EQ(mm[0].msg_len, 1);
	CHECK_EQ(mm[2].msg_len, 3);
	for (int i = 0; i < 3; i++) {
		memset(bufs[i], 0, sizeof(bufs[i]));
		iv[i] = (struct iovec){ bufs[i], sizeof(bufs[i]) };
		mm[i] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iv[i], .msg_iovlen = 1 } };
	}
	CHECK_EQ(recvmmsg(srv, mm, 3, MSG_DONTWAIT, NULL), 3);
	CHECK_EQ(mm[0].msg_len, 1);
	CHECK_EQ(mm[1].msg_len, 2);
	CHECK_EQ(mm[2].msg_len, 3);
	CHECK_EQ(memcmp(bufs[2], "ccc", 3), 0);
	CHECK_ERR(recvmmsg(srv, mm, 3, MSG_DONTWAIT, NULL), EAGAIN);

	/* The server goes: its connected client is refused. */
	CHECK_OK(connect(c2, (struct sockaddr *)&sa, salen));
	close(srv);
	CHECK_ERR(send(c2, "x", 1, 0), ECONNREFUSED);
	CHECK_ERR(sendto(c2, "x", 1, 0, (struct sockaddr *)&sa, salen), ECONNREFUSED);
	close(c1);
	close(c2);
	return 0;
}
