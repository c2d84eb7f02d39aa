// SPDX-License-Identifier: GPL-2.0
/*
 * unix_path: stream sockets named by a path, beyond unix_bind. listen on
 * an unbound socket is EINVAL; the socket node's mode is 0777 less the
 * umask; a datagram socket connecting to a stream path is EPROTOTYPE; an
 * address of only the family, one longer than sockaddr_un, or of another
 * family is EINVAL. A listener has SO_ACCEPTCONN 1. A path without its
 * trailing NUL in the address length is the same name; a second connect
 * is EISCONN; the client's own name is empty (length 2). accept with a
 * 4-byte address buffer truncates but reports the client's full bound
 * length; accept4 without SOCK_NONBLOCK leaves the fd blocking, unknown
 * flags are EINVAL. Unlinking the path keeps the listener and its
 * connections (getsockname still says the path) but new connects are
 * ENOENT.
 */
#include "t.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/syscall.h>
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
	struct sockaddr_un a, b;
	socklen_t alen = addr_of(&a, "srv"), len;
	char buf[64];
	int v;

	int ls = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(listen(ls, 5), EINVAL);                    /* unbound */
	mode_t old = umask(022);
	CHECK_OK(bind(ls, (struct sockaddr *)&a, alen));
	umask(old);
	struct stat st;
	CHECK_OK(stat("srv", &st));
	CHECK(S_ISSOCK(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0755);

	int s = CHECK_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
	CHECK_ERR(connect(s, (struct sockaddr *)&a, alen), EPROTOTYPE);
	close(s);
	int c = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof(sa_family_t)), EINVAL);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof(a) + 1), EINVAL);
	b = a;
	b.sun_family = AF_INET;
	CHECK_ERR(connect(c, (struct sockaddr *)&b, alen), EINVAL);

	CHECK_OK(listen(ls, 5));
	len = sizeof(v);
	CHECK_OK(getsockopt(ls, SOL_SOCKET, SO_ACCEPTCONN, &v, &len));
	CHECK_EQ(v, 1);

	/* Without the NUL in the length: the same name. */
	CHECK_OK(connect(c, (struct sockaddr *)&a, alen - 1));
	CHECK_ERR(connect(c, (struct sockaddr *)&a, alen), EISCONN);
	len = sizeof(b);
	CHECK_OK(getsockname(c, (struct sockaddr *)&b, &len));
	CHECK_EQ(len, sizeof(sa_family_t));
	s = CHECK_OK(accept(ls, NULL, NULL));
	CHECK_EQ(write(c, "hi", 2), 2);
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);
	close(s);
	close(c);

	/* A bound client, accepted with a short address buffer. */
	pid_t pid = t_fork();
	if (pid == 0) {
		struct sockaddr_un m;
		int cs = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
		CHECK_OK(bind(cs, (struct sockaddr *)&m, addr_of(&m, "client")));
		CHECK_OK(connect(cs, (struct sockaddr *)&a, alen));
		_exit(0);
	}
	len = 4;
	memset(&b, 0, sizeof(b));
	s = CHECK_OK(accept4(ls, (struct sockaddr *)&b, &len, SOCK_CLOEXEC));
	struct sockaddr_un full;
	CHECK_EQ(len, addr_of(&full, "client"));
	CHECK_EQ(b.sun_family, AF_UNIX);
	CHECK_EQ(b.sun_path[0], 'c');
	CHECK_EQ(b.sun_path[1], 'l');
	CHECK_EQ(b.sun_path[2], 0);                          /* only 4 bytes copied */
	CHECK_EQ(fcntl(s, F_GETFD), FD_CLOEXEC);
	CHECK(!(fcntl(s, F_GETFL) & O_NONBLOCK));
	t_wait_ok(pid);
	CHECK_EQ(read(s, buf, 1), 0);
	close(s);
	/* Raw: musl's accept4 retries a refused call as a plain accept. */
	CHECK_ERR(syscall(SYS_accept4, ls, NULL, NULL, 0x1234), EINVAL);

	/* Unlinked: what exists lives on, new connects find nothing. */
	c = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(connect(c, (struct sockaddr *)&a, alen));
	CHECK_OK(unlink("srv"));
	s = CHECK_OK(accept(ls, NULL, NULL));
	len = sizeof(b);
	CHECK_OK(getsockname(ls, (struct sockaddr *)&b, &len));
	CHECK_STR(b.sun_path, "srv");
	int c2 = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_ERR(connect(c2, (struct sockaddr *)&a, alen), ENOENT);
	CHECK_EQ(write(c, "still", 5), 5);
	CHECK_EQ(read(s, buf, sizeof(buf)), 5);
	close(c2);
	close(c);
	close(s);
	close(ls);
	return 0;
}
