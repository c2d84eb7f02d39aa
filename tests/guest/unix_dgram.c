// SPDX-License-Identifier: GPL-2.0
/*
 * unix_dgram: named AF_UNIX datagram sockets. sendto a bound path
 * delivers one message and recvfrom reports the sender's bound path;
 * sendto a path with no socket is ECONNREFUSED (file gone: ENOENT); a
 * connected socket needs no address, rejects sends without a peer
 * (ENOTCONN) and accepts only from its peer; a receiver that closes makes
 * its connected peer's send fail with ECONNREFUSED; messages larger than
 * the send buffer are EMSGSIZE.
 */
#include "t.h"
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

static int bound(const char *path)
{
	struct sockaddr_un a;
	socklen_t len = addr_of(&a, path);
	int s = CHECK_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
	CHECK_OK(bind(s, (struct sockaddr *)&a, len));
	return s;
}

int main(void)
{
	t_tmpdir();
	int a = bound("A"), b = bound("B"), c = bound("C");
	struct sockaddr_un to, from;
	socklen_t tolen, fromlen;
	char buf[64];

	tolen = addr_of(&to, "B");
	CHECK_EQ(sendto(a, "from-a", 6, 0, (struct sockaddr *)&to, tolen), 6);
	CHECK_EQ(sendto(c, "from-c", 6, 0, (struct sockaddr *)&to, tolen), 6);
	fromlen = sizeof(from);
	CHECK_EQ(recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen), 6);
	CHECK_EQ(memcmp(buf, "from-a", 6), 0);
	CHECK_STR(from.sun_path, "A");
	fromlen = sizeof(from);
	CHECK_EQ(recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen), 6);
	CHECK_STR(from.sun_path, "C");

	/* No address, no peer. */
	CHECK_ERR(send(a, "x", 1, 0), ENOTCONN);

	/* Connected: B talks to A only. */
	tolen = addr_of(&to, "A");
	CHECK_OK(connect(b, (struct sockaddr *)&to, tolen));
	CHECK_EQ(send(b, "conn", 4, 0), 4);
	CHECK_EQ(recv(a, buf, sizeof(buf), 0), 4);
	/* A datagram from C to the connected B is refused. */
	tolen = addr_of(&to, "B");
	CHECK_ERR(sendto(c, "no", 2, 0, (struct sockaddr *)&to, tolen), EPERM);
	/* ...but A, the peer, gets through. */
	CHECK_EQ(sendto(a, "yes", 3, 0, (struct sockaddr *)&to, tolen), 3);
	CHECK_EQ(recv(b, buf, sizeof(buf), MSG_DONTWAIT), 3);

	/* The peer goes away: sends fail. */
	close(a);
	CHECK_ERR(send(b, "x", 1, 0), ECONNREFUSED);
	/* The file A is still there, with nobody behind it. */
	tolen = addr_of(&to, "A");
	CHECK_ERR(sendto(c, "x", 1, 0, (struct sockaddr *)&to, tolen), ECONNREFUSED);
	CHECK_OK(unlink("A"));
	CHECK_ERR(sendto(c, "x", 1, 0, (struct sockaddr *)&to, tolen), ENOENT);

	/* Too big for any buffer. */
	int sndbuf = 0;
	socklen_t ol = sizeof(sndbuf);
	CHECK_OK(getsockopt(c, SOL_SOCKET, SO_SNDBUF, &sndbuf, &ol));
	CHECK(sndbuf > 0);
	size_t big = (size_t)sndbuf * 2 + 4096;
	char *huge = calloc(1, big);
	CHECK(huge != NULL);
	tolen = addr_of(&to, "B");
	CHECK_ERR(sendto(c, huge, big, 0, (struct sockaddr *)&to, tolen), EMSGSIZE);
	free(huge);
	close(b);
	close(c);
	return 0;
}
