// SPDX-License-Identifier: GPL-2.0
/*
 * unix_pair: socketpair(AF_UNIX). SOCK_STREAM is a byte stream (two sends
 * may be read as one); SOCK_DGRAM and SOCK_SEQPACKET keep message
 * boundaries, and a short buffer truncates the message (MSG_TRUNC in
 * msg_flags, the rest discarded; with MSG_TRUNC the real length is
 * returned). MSG_PEEK leaves data queued, MSG_DONTWAIT gives EAGAIN;
 * shutdown(SHUT_WR) gives the peer EOF and us EPIPE; close gives EOF (or
 * an empty SEQPACKET read). SO_TYPE matches; other families are
 * EAFNOSUPPORT/EOPNOTSUPP.
 */
#include "t.h"
#include <signal.h>
#include <sys/socket.h>

static void stream(void)
{
	int sv[2];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_EQ(send(sv[0], "abc", 3, 0), 3);
	CHECK_EQ(send(sv[0], "defg", 4, 0), 4);
	char buf[32] = { 0 };
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), MSG_PEEK), 7);
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 7);      /* merged */
	CHECK_EQ(memcmp(buf, "abcdefg", 7), 0);
	CHECK_ERR(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);

	/* Both directions; read/write work as well. */
	CHECK_EQ(write(sv[1], "back", 4), 4);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 4);

	int type = 0;
	socklen_t len = sizeof(type);
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len));
	CHECK_EQ(type, SOCK_STREAM);

	/* Half close. */
	CHECK_OK(shutdown(sv[0], SHUT_WR));
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 0);
	CHECK_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	CHECK_EQ(send(sv[1], "still", 5, 0), 5);             /* other way works */
	CHECK_EQ(recv(sv[0], buf, sizeof(buf), 0), 5);
	CHECK_ERR(shutdown(sv[0], 99), EINVAL);
	close(sv[1]);
	CHECK_EQ(recv(sv[0], buf, sizeof(buf), 0), 0);
	close(sv[0]);

	/* Writing to a closed peer: SIGPIPE, or EPIPE with MSG_NOSIGNAL. */
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	close(sv[1]);
	CHECK_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	pid_t pid = t_fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		write(sv[0], "x", 1);
		_exit(0);
	}
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
	close(sv[0]);
}

static void messages(int type)
{
	int sv[2];
	CHECK_OK(socketpair(AF_UNIX, type, 0, sv));
	CHECK_EQ(send(sv[0], "one", 3, 0), 3);
	CHECK_EQ(send(sv[0], "", 0, 0), 0);
	CHECK_EQ(send(sv[0], "three33", 7, 0), 7);
	CHECK_EQ(send(sv[0], "truncate-me", 11, 0), 11);
	CHECK_EQ(send(sv[0], "peeked", 6, 0), 6);

	char buf[32] = { 0 };
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 3);
	CHECK_EQ(memcmp(buf, "one", 3), 0);
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 0);       /* the empty message */
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 7);

	struct iovec iov = { buf, 4 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	CHECK_EQ(recvmsg(sv[1], &mh, 0), 4);
	CHECK(mh.msg_flags & MSG_TRUNC);
	CHECK_EQ(memcmp(buf, "trun", 4), 0);

	/* MSG_TRUNC on input: report the real length. */
	CHECK_EQ(recv(sv[1], buf, 2, MSG_PEEK | MSG_TRUNC), 6);
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 6);       /* the rest was dropped */
	CHECK_EQ(memcmp(buf, "peeked", 6), 0);
	CHECK_ERR(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);

	int t = 0;
	socklen_t len = sizeof(t);
	CHECK_OK(getsockopt(sv[1], SOL_SOCKET, SO_TYPE, &t, &len));
	CHECK_EQ(t, type);

	close(sv[0]);
	if (type == SOCK_SEQPACKET)
		CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 0);
	else
		CHECK_ERR(send(sv[1], "x", 1, MSG_NOSIGNAL), ECONNREFUSED);
	close(sv[1]);
}

static void flags_and_errors(void)
{
	int sv[2];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv));
	CHECK(fcntl(sv[0], F_GETFL) & O_NONBLOCK);
	CHECK_EQ(fcntl(sv[1], F_GETFD), FD_CLOEXEC);
	char c;
	CHECK_ERR(read(sv[0], &c, 1), EAGAIN);
	close(sv[0]);
	close(sv[1]);
	CHECK_ERR(socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP);
	CHECK_ERR(socketpair(12345, SOCK_STREAM, 0, sv), EAFNOSUPPORT);
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM, 5, sv), EPROTONOSUPPORT);
	CHECK_ERR(socketpair(AF_UNIX, 77, 0, sv), EINVAL);
}

int main(void)
{
	stream();
	messages(SOCK_DGRAM);
	messages(SOCK_SEQPACKET);
	flags_and_errors();
	return 0;
}
