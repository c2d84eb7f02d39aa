// SPDX-License-Identifier: GPL-2.0
/*
 * unix_socket: AF_UNIX sockets of each type, beyond unix_pair. For
 * SOCK_STREAM, SOCK_DGRAM and SOCK_SEQPACKET pairs: fstat says S_IFSOCK;
 * SO_TYPE/SO_DOMAIN/SO_PROTOCOL/SO_ACCEPTCONN/SO_ERROR are what they
 * should be (4-byte ints); getsockname and getpeername are the bare
 * family; FIONREAD counts all queued bytes for stream and seqpacket, the
 * first message for datagrams; a short datagram read drops the rest (and
 * with MSG_TRUNC returns the real length); an empty datagram reads as 0;
 * poll shows POLLOUT, plus POLLIN once data is queued. Errors: unknown
 * protocol EPROTONOSUPPORT, an unknown type below SOCK_MAX
 * ESOCKTNOSUPPORT, a type beyond it or unknown type flags EINVAL, an
 * unknown family EAFNOSUPPORT; SOCK_RAW becomes SOCK_DGRAM, where accept
 * and listen are EOPNOTSUPP; getsockopt on a non-socket is ENOTSOCK, on a
 * bad fd EBADF. An unconnected stream socket: recv EINVAL, send ENOTCONN,
 * poll POLLOUT|POLLHUP; unconnected datagram send and seqpacket
 * send/recv: ENOTCONN.
 */
#include "t.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

static int opt(int fd, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);
	CHECK_OK(getsockopt(fd, SOL_SOCKET, name, &v, &len));
	CHECK_EQ(len, sizeof(int));
	return v;
}

static void each(int type)
{
	int sv[2], v;
	char buf[64];
	struct stat st;
	struct sockaddr_un a;
	socklen_t len;
	CHECK_OK(socketpair(AF_UNIX, type, 0, sv));
	CHECK_OK(fstat(sv[0], &st));
	CHECK(S_ISSOCK(st.st_mode));
	CHECK_EQ(opt(sv[0], SO_TYPE), type);
	CHECK_EQ(opt(sv[0], SO_DOMAIN), AF_UNIX);
	CHECK_EQ(opt(sv[0], SO_PROTOCOL), 0);
	CHECK_EQ(opt(sv[0], SO_ACCEPTCONN), 0);
	CHECK_EQ(opt(sv[0], SO_ERROR), 0);
	len = sizeof(a);
	CHECK_OK(getsockname(sv[0], (struct sockaddr *)&a, &len));
	CHECK_EQ(len, sizeof(sa_family_t));
	CHECK_EQ(a.sun_family, AF_UNIX);
	len = sizeof(a);
	CHECK_OK(getpeername(sv[0], (struct sockaddr *)&a, &len));
	CHECK_EQ(len, sizeof(sa_family_t));

	CHECK_EQ(write(sv[0], "abc", 3), 3);
	CHECK_EQ(write(sv[0], "defgh", 5), 5);
	CHECK_OK(ioctl(sv[1], FIONREAD, &v));
	CHECK_EQ(v, type == SOCK_DGRAM ? 3 : 8);
	if (type == SOCK_STREAM) {
		CHECK_EQ(recv(sv[1], buf, 4, MSG_PEEK), 4);
		CHECK_EQ(memcmp(buf, "abcd", 4), 0);
		CHECK_EQ(read(sv[1], buf, sizeof(buf)), 8);
		CHECK_EQ(memcmp(buf, "abcdefgh", 8), 0);
	} else {
		CHECK_EQ(recv(sv[1], buf, 2, 0), 2);            /* "c" is dropped */
		CHECK_EQ(memcmp(buf, "ab", 2), 0);
		CHECK_EQ(recv(sv[1], buf, 2, MSG_TRUNC), 5);
		CHECK_EQ(memcmp(buf, "de", 2), 0);
		CHECK_EQ(send(sv[0], "", 0, 0), 0);
		CHECK_EQ(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), 0);
	}
	CHECK_ERR(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	CHECK_OK(ioctl(sv[1], FIONREAD, &v));
	CHECK_EQ(v, 0);

	struct pollfd p = { sv[0], POLLIN | POLLOUT, 0 };
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLOUT);
	CHECK_EQ(write(sv[1], "x", 1), 1);
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLIN | POLLOUT);
	CHECK_EQ(read(sv[0], buf, 1), 1);
	close(sv[0]);
	close(sv[1]);
}

static void errors(void)
{
	int sv[2];
	char c = 0;
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM, 5, sv), EPROTONOSUPPORT);
	CHECK_ERR(socketpair(AF_UNIX, 7, 0, sv), ESOCKTNOSUPPORT);
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM | 0x100000, 0, sv), EINVAL);
	CHECK_ERR(socket(AF_INET + 200, SOCK_STREAM, 0), EAFNOSUPPORT);
	CHECK_ERR(socket(AF_UNIX, 20, 0), EINVAL);

	CHECK_OK(socketpair(AF_UNIX, SOCK_RAW, 0, sv));
	CHECK_EQ(opt(sv[0], SO_TYPE), SOCK_DGRAM);
	CHECK_ERR(accept(sv[0], NULL, NULL), EOPNOTSUPP);
	CHECK_ERR(listen(sv[0], 1), EOPNOTSUPP);
	close(sv[0]);
	close(sv[1]);

	int v;
	socklen_t len = sizeof(v);
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &len), ENOTSOCK);
	close(p[0]);
	close(p[1]);
	CHECK_ERR(getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &len), EBADF);

	int s = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(recv(s, &c, 1, 0), EINVAL);
	CHECK_ERR(send(s, &c, 1, MSG_NOSIGNAL), ENOTCONN);
	struct pollfd pf = { s, POLLIN | POLLOUT, 0 };
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK_EQ(pf.revents, POLLOUT | POLLHUP);
	close(s);
	s = CHECK_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
	CHECK_ERR(send(s, &c, 1, 0), ENOTCONN);
	close(s);
	s = CHECK_OK(socket(AF_UNIX, SOCK_SEQPACKET, 0));
	CHECK_ERR(send(s, &c, 1, MSG_NOSIGNAL), ENOTCONN);
	CHECK_ERR(recv(s, &c, 1, 0), ENOTCONN);
	close(s);
}

int main(void)
{
	each(SOCK_STREAM);
	each(SOCK_DGRAM);
	each(SOCK_SEQPACKET);
	errors();
	return 0;
}
