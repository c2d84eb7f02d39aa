// SPDX-License-Identifier: GPL-2.0
/*
 * unix_gc: sockets in flight. A socket received over another socket works
 * (data written to its peer is read from the received fd). Unreachable
 * cycles of in-flight sockets are collected once every descriptor is
 * closed, closing the files they carry: a socket queued on itself, two
 * datagram sockets queued on each other, a listener queued on its own
 * pending connection. The test watches a pipe whose only read end rides in
 * the cycle: once collected, writing to the pipe is EPIPE (Linux collects
 * asynchronously, so the test waits for it). A socket that is in flight
 * but reachable from a descriptor is not collected, and the chain of fds
 * can be received and used.
 */
#include "t.h"
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static void send_fd(int s, int fd)
{
	char ctl[CMSG_SPACE(sizeof(int))];
	memset(ctl, 0, sizeof(ctl));
	struct iovec iov = { "x", 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			     .msg_controllen = sizeof(ctl) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	CHECK_EQ(sendmsg(s, &mh, 0), 1);
}

static int recv_fd(int s)
{
	char ctl[CMSG_SPACE(sizeof(int))] __attribute__((aligned(8)));
	char b;
	struct iovec iov = { &b, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			     .msg_controllen = sizeof(ctl) };
	CHECK_EQ(recvmsg(s, &mh, 0), 1);
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	CHECK(cm != NULL);
	CHECK_EQ(cm->cmsg_type, SCM_RIGHTS);
	int fd;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

static void pass_socket(void)
{
	int sv[2], sv2[2];
	char buf[8];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv2));
	send_fd(sv[0], sv2[1]);
	close(sv2[1]);
	int s = recv_fd(sv[1]);
	CHECK_EQ(write(sv2[0], "via", 3), 3);
	CHECK_EQ(read(s, buf, sizeof(buf)), 3);
	CHECK_EQ(memcmp(buf, "via", 3), 0);
	close(s);
	close(sv2[0]);
	/* A socket sent over itself: closing everything must not hang. */
	send_fd(sv[0], sv[1]);
	close(sv[0]);
	close(sv[1]);
}

/* The pipe's read end rides in a cycle; once collected, it has no reader. */
static void cycle(int kind)
{
	int sv[2], p[2];
	CHECK_OK(pipe(p));
	CHECK_OK(socketpair(AF_UNIX, kind == 1 ? SOCK_DGRAM : SOCK_STREAM, 0, sv));
	if (kind == 0) {                 /* a socket queued on itself */
		send_fd(sv[0], sv[1]);
		send_fd(sv[0], p[0]);
	} else if (kind == 1) {          /* two sockets queued on each other */
		send_fd(sv[0], sv[0]);
		send_fd(sv[1], sv[1]);
		send_fd(sv[1], p[0]);
	} else {                         /* a listener queued on its own pending connection */
		struct sockaddr_un a;
		memset(&a, 0, sizeof(a));
		a.sun_family = AF_UNIX;
		int n = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "uml-guest-gc-%d", (int)getpid());
		socklen_t alen = offsetof(struct sockaddr_un, sun_path) + 1 + n;
		int l = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
		CHECK_OK(bind(l, (struct sockaddr *)&a, alen));
		CHECK_OK(listen(l, 1));
		int c = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
		CHECK_OK(connect(c, (struct sockaddr *)&a, alen));
		send_fd(c, l);
		send_fd(c, p[0]);
		close(c);
		close(l);
	}
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	/* Closing a socket runs the collector; wait up to 10 s for it. */
	close(socket(AF_UNIX, SOCK_DGRAM, 0));
	for (int i = 0; i < 1000 && write(p[1], "x", 1) == 1; i++)
		t_msleep(10);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
	close(p[1]);
}

static void reachable(void)
{
	int sv[2], sv2[2], p[2], junk[2];
	char buf[8];
	CHECK_OK(pipe(p));
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv2));
	send_fd(sv2[0], p[0]);           /* the pipe rides on sv2[1]'s queue */
	send_fd(sv[0], sv2[1]);          /* sv2[1] rides on sv[1]'s queue */
	close(sv2[0]);
	close(sv2[1]);
	close(p[0]);
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, junk));
	close(junk[0]);                  /* a close runs the collector */
	close(junk[1]);
	t_msleep(20);
	CHECK_EQ(write(p[1], "y", 1), 1); /* still has its reader */
	int s = recv_fd(sv[1]);
	int r = recv_fd(s);
	CHECK_EQ(read(r, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'y');
	close(r);
	close(s);
	close(sv[0]);
	close(sv[1]);
	close(p[1]);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	pass_socket();
	cycle(0);
	cycle(1);
	cycle(2);
	reachable();
	return 0;
}
