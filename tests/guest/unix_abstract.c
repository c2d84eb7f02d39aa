// SPDX-License-Identifier: GPL-2.0
/*
 * unix_abstract: abstract names and autobind. Connecting to an unbound
 * abstract name is ECONNREFUSED; getsockname returns the exact name and
 * length; the name is the whole address length, so one extra NUL byte
 * makes another name; stream and datagram sockets have separate
 * namespaces. bind with only the family autobinds to a NUL and five hex
 * digits (length 8), and doing it again is a no-op. A datagram from an
 * unbound sender arrives with no address (length 0); with SO_PASSCRED the
 * sender is autobound on sendto and can be answered at that address.
 * sendto an abstract name nobody has is ECONNREFUSED; an address of just
 * the family is EINVAL.
 */
#include "t.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static socklen_t abstract(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, name, strlen(name));
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static void names(struct sockaddr_un *a, socklen_t alen, const char *name)
{
	struct sockaddr_un b;
	socklen_t len;
	char buf[8];
	int c = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(connect(c, (struct sockaddr *)a, alen), ECONNREFUSED);
	int ls = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(bind(ls, (struct sockaddr *)a, alen));
	len = sizeof(b);
	CHECK_OK(getsockname(ls, (struct sockaddr *)&b, &len));
	CHECK_EQ(len, alen);
	CHECK_EQ(b.sun_path[0], 0);
	CHECK_EQ(memcmp(b.sun_path + 1, name, strlen(name)), 0);

	/* One byte longer (a trailing NUL) is another name. */
	int s = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(bind(s, (struct sockaddr *)a, alen + 1));
	close(s);
	/* Datagram sockets have their own names. */
	int d = CHECK_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
	CHECK_OK(bind(d, (struct sockaddr *)a, alen));
	close(d);

	CHECK_OK(listen(ls, 1));
	CHECK_OK(connect(c, (struct sockaddr *)a, alen));
	s = CHECK_OK(accept(ls, NULL, NULL));
	CHECK_EQ(write(c, "x", 1), 1);
	CHECK_EQ(read(s, buf, 1), 1);
	CHECK_EQ(buf[0], 'x');
	close(s);
	close(c);
	close(ls);
}

static void autobind(void)
{
	struct sockaddr_un b;
	socklen_t len;
	int s = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	memset(&b, 0, sizeof(b));
	b.sun_family = AF_UNIX;
	CHECK_OK(bind(s, (struct sockaddr *)&b, sizeof(sa_family_t)));
	len = sizeof(b);
	CHECK_OK(getsockname(s, (struct sockaddr *)&b, &len));
	CHECK_EQ(len, offsetof(struct sockaddr_un, sun_path) + 6);
	CHECK_EQ(b.sun_path[0], 0);
	for (int i = 1; i < 6; i++)
		CHECK(b.sun_path[i] && strchr("0123456789abcdef", b.sun_path[i]));
	struct sockaddr_un again = b;
	CHECK_OK(bind(s, (struct sockaddr *)&b, sizeof(sa_family_t)));   /* no-op */
	len = sizeof(b);
	CHECK_OK(getsockname(s, (struct sockaddr *)&b, &len));
	CHECK_EQ(memcmp(&b, &again, sizeof(b)), 0);
	close(s);
}

static void datagrams(struct sockaddr_un *a, socklen_t alen)
{
	struct sockaddr_un b, z;
	socklen_t len;
	char buf[16];
	int d1 = CHECK_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
	CHECK_OK(bind(d1, (struct sockaddr *)a, alen));
	int d2 = CHECK_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
	CHECK_EQ(sendto(d2, "one", 3, 0, (struct sockaddr *)a, alen), 3);
	len = sizeof(b);
	memset(&b, 0x55, sizeof(b));
	CHECK_EQ(recvfrom(d1, buf, sizeof(buf), 0, (struct sockaddr *)&b, &len), 3);
	CHECK_EQ(len, 0);                                 /* unbound sender */

	int on = 1;
	CHECK_OK(setsockopt(d2, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
	CHECK_EQ(sendto(d2, "two", 3, 0, (struct sockaddr *)a, alen), 3);
	len = sizeof(b);
	CHECK_EQ(recvfrom(d1, buf, sizeof(buf), 0, (struct sockaddr *)&b, &len), 3);
	CHECK_EQ(len, offsetof(struct sockaddr_un, sun_path) + 6);
	CHECK_EQ(b.sun_path[0], 0);
	CHECK_EQ(sendto(d1, "re", 2, 0, (struct sockaddr *)&b, len), 2);
	CHECK_EQ(recv(d2, buf, sizeof(buf), 0), 2);
	CHECK_EQ(memcmp(buf, "re", 2), 0);

	socklen_t zlen = abstract(&z, "uml-guest-nobody-here");
	CHECK_ERR(sendto(d2, "x", 1, 0, (struct sockaddr *)&z, zlen), ECONNREFUSED);
	CHECK_ERR(sendto(d2, "x", 1, 0, (struct sockaddr *)&z, sizeof(sa_family_t)), EINVAL);
	close(d1);
	close(d2);
}

int main(void)
{
	char name[64];
	struct sockaddr_un a;
	snprintf(name, sizeof(name), "uml-guest-abstract-%d", (int)getpid());
	socklen_t alen = abstract(&a, name);
	names(&a, alen, name);
	/* Free again once closed. */
	int s = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(bind(s, (struct sockaddr *)&a, alen));
	close(s);
	autobind();
	datagrams(&a, alen);
	return 0;
}
