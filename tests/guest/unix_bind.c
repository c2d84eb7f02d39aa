// SPDX-License-Identifier: GPL-2.0
/*
 * unix_bind: named AF_UNIX stream sockets. bind creates an S_IFSOCK node
 * (EADDRINUSE if the path exists, even after the socket is closed);
 * connect to a path nobody listens on is ECONNREFUSED, to a missing path
 * ENOENT; listen/accept/connect between two processes, accept4 flags,
 * a nonblocking accept with no client is EAGAIN; getsockname and
 * getpeername return the path on the right sides (an unnamed client has
 * an empty name); SO_PEERCRED gives the peer's pid/uid/gid; abstract
 * names (leading NUL) create no file and are unique too.
 */
#include "t.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static socklen_t addr_of(struct sockaddr_un *a, const char *path, int abstract)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	size_t n = strlen(path);
	if (abstract) {
		memcpy(a->sun_path + 1, path, n);
		return offsetof(struct sockaddr_un, sun_path) + 1 + n;
	}
	memcpy(a->sun_path, path, n + 1);
	return offsetof(struct sockaddr_un, sun_path) + n + 1;
}

static void named(void)
{
	struct sockaddr_un a, got;
	socklen_t alen = addr_of(&a, "sock", 0), glen;

	int s = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(bind(s, (struct sockaddr *)&a, alen));
	struct stat st;
	CHECK_OK(stat("sock", &st));
	CHECK(S_ISSOCK(st.st_mode));

	/* Bound but not listening: refused. */
	int c = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(connect(c, (struct sockaddr *)&a, alen), ECONNREFUSED);
	close(c);

	CHECK_OK(listen(s, 4));
	int s2 = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(bind(s2, (struct sockaddr *)&a, alen), EADDRINUSE);
	close(s2);
	/* Already bound: a second name is refused and leaves no file behind. */
	struct sockaddr_un a2;
	socklen_t a2len = addr_of(&a2, "sock2", 0);
	CHECK_ERR(bind(s, (struct sockaddr *)&a2, a2len), EINVAL);
	CHECK_ERR(access("sock2", F_OK), ENOENT);

	/* Nonblocking accept with nobody waiting. */
	int fl = fcntl(s, F_GETFL);
	CHECK_OK(fcntl(s, F_SETFL, fl | O_NONBLOCK));
	CHECK_ERR(accept(s, NULL, NULL), EAGAIN);
	CHECK_OK(fcntl(s, F_SETFL, fl));

	pid_t parent = getpid();
	pid_t pid = t_fork();
	if (pid == 0) {
		int cc = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
		CHECK_OK(connect(cc, (struct sockaddr *)&a, alen));
		struct sockaddr_un peer;
		socklen_t plen = sizeof(peer);
		CHECK_OK(getpeername(cc, (struct sockaddr *)&peer, &plen));
		CHECK_EQ(plen, alen);
		CHECK_STR(peer.sun_path, "sock");
		struct ucred cr;
		socklen_t crlen = sizeof(cr);
		CHECK_OK(getsockopt(cc, SOL_SOCKET, SO_PEERCRED, &cr, &crlen));
		CHECK_EQ(cr.pid, parent);        /* the listener's creds */
		t_write_all(cc, "ping", 4);
		char buf[4];
		CHECK_EQ(t_read_full(cc, buf, 4), 4);
		CHECK_EQ(memcmp(buf, "pong", 4), 0);
		close(cc);
		_exit(0);
	}
	glen = sizeof(got);
	int conn = CHECK_OK(accept4(s, (struct sockaddr *)&got, &glen, SOCK_CLOEXEC));
	CHECK_EQ(fcntl(conn, F_GETFD), FD_CLOEXEC);
	/* The client never bound: its address is just the family. */
	CHECK_EQ(glen, sizeof(sa_family_t));
	CHECK_EQ(got.sun_family, AF_UNIX);

	glen = sizeof(got);
	CHECK_OK(getsockname(conn, (struct sockaddr *)&got, &glen));
	CHECK_STR(got.sun_path, "sock");
	glen = sizeof(got);
	CHECK_OK(getsockname(s, (struct sockaddr *)&got, &glen));
	CHECK_EQ(glen, alen);

	struct ucred cr;
	socklen_t crlen = sizeof(cr);
	CHECK_OK(getsockopt(conn, SOL_SOCKET, SO_PEERCRED, &cr, &crlen));
	CHECK_EQ(cr.pid, pid);
	CHECK_EQ(cr.uid, getuid());
	CHECK_EQ(cr.gid, getgid());

	char buf[4];
	CHECK_EQ(t_read_full(conn, buf, 4), 4);
	CHECK_EQ(memcmp(buf, "ping", 4), 0);
	t_write_all(conn, "pong", 4);
	CHECK_EQ(read(conn, buf, 1), 0);      /* the client closed */
	t_wait_ok(pid);
	close(conn);

	/* Closing the listener keeps the file: connect is refused, bind in use. */
	close(s);
	c = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(connect(c, (struct sockaddr *)&a, alen), ECONNREFUSED);
	CHECK_ERR(bind(c, (struct sockaddr *)&a, alen), EADDRINUSE);
	alen = addr_of(&a, "missing", 0);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, alen), ENOENT);
	/* A regular file is not a socket. */
	int f = CHECK_OK(creat("plain", 0644));
	close(f);
	alen = addr_of(&a, "plain", 0);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, alen), ECONNREFUSED);
	close(c);

	int notsock = CHECK_OK(open("plain", O_RDONLY));
	CHECK_ERR(listen(notsock, 1), ENOTSOCK);
	close(notsock);
}

static void abstract(void)
{
	char name[64];
	snprintf(name, sizeof(name), "uml-guest-test-%d", (int)getpid());
	struct sockaddr_un a, got;
	socklen_t alen = addr_of(&a, name, 1);
	int s = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(bind(s, (struct sockaddr *)&a, alen));
	CHECK_OK(listen(s, 1));
	CHECK_ERR(access(name, F_OK), ENOENT);          /* no file anywhere */
	int s2 = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(bind(s2, (struct sockaddr *)&a, alen), EADDRINUSE);

	CHECK_OK(connect(s2, (struct sockaddr *)&a, alen));
	int conn = CHECK_OK(accept(s, NULL, NULL));
	socklen_t glen = sizeof(got);
	CHECK_OK(getpeername(s2, (struct sockaddr *)&got, &glen));
	CHECK_EQ(glen, alen);
	CHECK_EQ(got.sun_path[0], 0);
	CHECK_EQ(memcmp(got.sun_path + 1, name, strlen(name)), 0);
	close(conn);
	close(s2);
	close(s);

	/* Abstract names vanish with their socket. */
	s = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(bind(s, (struct sockaddr *)&a, alen));
	close(s);
}

int main(void)
{
	t_tmpdir();
	named();
	abstract();
	return 0;
}
