// SPDX-License-Identifier: GPL-2.0
/*
 * unix_sockopt: socket options on AF_UNIX sockets. The default SO_SNDBUF
 * is over 100000. getsockopt with a 2-byte buffer copies 2 bytes (and says
 * so); SO_PEERCRED with a large buffer reports sizeof(struct ucred) and
 * our pid; an unknown option is ENOPROTOOPT, a too-short setsockopt
 * EINVAL. SO_SNDBUF 1000 is raised to the minimum 4608, SO_RCVBUF 100000
 * reads back doubled; SO_REUSEADDR reads back, SO_KEEPALIVE is accepted;
 * a TCP-level option is EOPNOTSUPP and a terminal ioctl ENOTTY. With the
 * minimum send buffer a 100000-byte write still arrives whole.
 * SO_RCVTIMEO reads back what was set; a tv_usec of a million is EDOM and
 * a 4-byte value EINVAL.
 */
#include "t.h"
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <termios.h>

int main(void)
{
	int sv[2], v;
	socklen_t len;
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	len = sizeof(v);
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len));
	CHECK(v > 100000);

	short sh = 0;
	len = sizeof(sh);
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &sh, &len));
	CHECK_EQ(len, 2);
	CHECK_EQ(sh, SOCK_STREAM);
	struct ucred cr[4];
	len = sizeof(cr);
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, cr, &len));
	CHECK_EQ(len, sizeof(struct ucred));
	CHECK_EQ(cr[0].pid, getpid());
	CHECK_EQ(cr[0].uid, getuid());
	len = sizeof(v);
	CHECK_ERR(getsockopt(sv[0], SOL_SOCKET, 9999, &v, &len), ENOPROTOOPT);
	CHECK_ERR(setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, 2), EINVAL);

	v = 1000;
	CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)));
	len = sizeof(v);
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len));
	CHECK_EQ(v, 4608);
	v = 100000;
	CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)));
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, &len));
	CHECK_EQ(v, 200000);
	v = 1;
	CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v)));
	v = 0;
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_REUSEADDR, &v, &len));
	CHECK_EQ(v, 1);
	CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)));
	CHECK_ERR(setsockopt(sv[0], 6 /* IPPROTO_TCP */, 1, &v, sizeof(v)), EOPNOTSUPP);
	struct termios t;
	CHECK_ERR(ioctl(sv[0], TCGETS, &t), ENOTTY);

	/* The small send buffer still moves a big write, in pieces. */
	pid_t pid = t_fork();
	if (pid == 0) {
		static char big[100000];
		close(sv[1]);
		CHECK_EQ(write(sv[0], big, sizeof(big)), sizeof(big));
		_exit(0);
	}
	size_t got = 0;
	char buf[4096];
	while (got < 100000) {
		ssize_t r = read(sv[1], buf, sizeof(buf));
		CHECK(r > 0);
		got += r;
	}
	CHECK_EQ(got, 100000);
	t_wait_ok(pid);

	struct timeval tv = { 0, 200000 };
	CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	memset(&tv, 0, sizeof(tv));
	len = sizeof(tv);
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, &len));
	CHECK_EQ(len, sizeof(tv));
	CHECK_EQ(tv.tv_sec, 0);
	CHECK_EQ(tv.tv_usec, 200000);
	tv.tv_usec = 1000000;
	CHECK_ERR(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), EDOM);
	CHECK_ERR(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, 4), EINVAL);
	close(sv[0]);
	close(sv[1]);
	return 0;
}
