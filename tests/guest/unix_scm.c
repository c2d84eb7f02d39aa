// SPDX-License-Identifier: GPL-2.0
/*
 * unix_scm: control messages on every AF_UNIX type, beyond unix_rights.
 * For stream, datagram and seqpacket pairs: a received pipe end reads what
 * was written to the pipe; MSG_CMSG_CLOEXEC sets FD_CLOEXEC and shows in
 * msg_flags, without it the fd is not close-on-exec; three fds with room
 * for one, or with no control buffer at all, give MSG_CTRUNC; a message
 * discarded with its fds (both sockets closed) closes them, so the pipe
 * loses its reader (EPIPE); a bad fd is EBADF and sends nothing; MSG_PEEK
 * hands out copies of the fds and the real read hands them out again.
 * On a stream, a message with fds ends the read that reaches it: data
 * before it and its own come in one read, data after it in the next.
 * SCM_CREDENTIALS: exactly one cmsg of CMSG_LEN(ucred) (msg_controllen
 * CMSG_SPACE) with our pid/uid/gid; a sender may state its own
 * credentials, and a short cmsg_len is EINVAL. With SO_PASSCRED a stream
 * read never joins data from two different writers.
 */
#include "t.h"
#include <signal.h>
#include <sys/socket.h>

static int send_fds(int s, const int *fds, int n, const char *data, size_t dlen)
{
	char ctl[CMSG_SPACE(sizeof(int) * 8)];
	memset(ctl, 0, sizeof(ctl));
	struct iovec iov = { (void *)data, dlen };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			     .msg_controllen = CMSG_SPACE(sizeof(int) * n) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int) * n);
	memcpy(CMSG_DATA(cm), fds, sizeof(int) * n);
	return sendmsg(s, &mh, 0);
}

/* Returns the data length; fds get the received fds (*n of them), *fl msg_flags. */
static int recv_fds(int s, int *fds, int *n, size_t ctllen, int flags, int *fl)
{
	char ctl[256] __attribute__((aligned(8))), data[64];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = ctllen ? ctl : NULL, .msg_controllen = ctllen };
	int r = recvmsg(s, &mh, flags);
	*n = 0;
	*fl = mh.msg_flags;
	if (r < 0)
		return r;
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
			int k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			memcpy(fds + *n, CMSG_DATA(cm), sizeof(int) * k);
			*n += k;
		}
	}
	return r;
}

static void each(int type)
{
	int sv[2], p[2], fds[8], n, fl;
	char buf[16];
	CHECK_OK(socketpair(AF_UNIX, type, 0, sv));
	CHECK_OK(pipe(p));
	t_write_all(p[1], "piped", 5);
	CHECK_EQ(send_fds(sv[0], &p[0], 1, "m", 1), 1);
	close(p[0]);                        /* only the message holds the read end */
	CHECK_EQ(recv_fds(sv[1], fds, &n, 256, MSG_CMSG_CLOEXEC, &fl), 1);
	CHECK_EQ(n, 1);
	CHECK(!(fl & MSG_CTRUNC));
	CHECK(fl & MSG_CMSG_CLOEXEC);
	CHECK_EQ(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 5);
	CHECK_EQ(memcmp(buf, "piped", 5), 0);
	close(fds[0]);

	CHECK_EQ(send_fds(sv[0], &p[1], 1, "m", 1), 1);
	CHECK_EQ(recv_fds(sv[1], fds, &n, 256, 0, &fl), 1);
	CHECK_EQ(n, 1);
	CHECK_EQ(fcntl(fds[0], F_GETFD), 0);
	close(fds[0]);

	int three[3] = { 0, 1, 2 };
	CHECK_EQ(send_fds(sv[0], three, 3, "m", 1), 1);
	CHECK_EQ(recv_fds(sv[1], fds, &n, CMSG_LEN(sizeof(int)), 0, &fl), 1);
	CHECK_EQ(n, 1);
	CHECK(fl & MSG_CTRUNC);
	close(fds[0]);
	CHECK_EQ(send_fds(sv[0], three, 1, "m", 1), 1);
	CHECK_EQ(recv_fds(sv[1], fds, &n, 0, 0, &fl), 1);
	CHECK_EQ(n, 0);
	CHECK(fl & MSG_CTRUNC);

	/* Discarded in flight: the pipe's read end is closed with it. */
	int q[2];
	CHECK_OK(pipe(q));
	CHECK_EQ(send_fds(sv[0], &q[0], 1, "m", 1), 1);
	close(q[0]);
	close(sv[0]);
	close(sv[1]);
	CHECK_ERR(write(q[1], "x", 1), EPIPE);
	close(q[1]);
	close(p[1]);

	CHECK_OK(socketpair(AF_UNIX, type, 0, sv));
	int bad = 9999;
	CHECK_ERR(send_fds(sv[0], &bad, 1, "m", 1), EBADF);
	CHECK_ERR(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
	CHECK_EQ(send_fds(sv[0], three, 1, "m", 1), 1);
	CHECK_EQ(recv_fds(sv[1], fds, &n, 256, MSG_PEEK, &fl), 1);
	CHECK_EQ(n, 1);
	close(fds[0]);
	CHECK_EQ(recv_fds(sv[1], fds, &n, 256, 0, &fl), 1);
	CHECK_EQ(n, 1);
	close(fds[0]);
	close(sv[0]);
	close(sv[1]);
}

static void stream_boundary(void)
{
	int sv[2], p[2], fds[8], n, fl;
	char buf[64];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_OK(pipe(p));
	CHECK_EQ(write(sv[0], "ab", 2), 2);
	CHECK_EQ(send_fds(sv[0], &p[0], 1, "cd", 2), 2);
	CHECK_EQ(write(sv[0], "ef", 2), 2);
	CHECK_EQ(recv_fds(sv[1], fds, &n, 256, 0, &fl), 4);
	CHECK_EQ(n, 1);
	close(fds[0]);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 2);
	CHECK_EQ(memcmp(buf, "ef", 2), 0);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

static void credentials(void)
{
	int sv[2], on = 1;
	char buf[64];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_OK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
	CHECK_EQ(write(sv[0], "c", 1), 1);
	char ctl[256] __attribute__((aligned(8)));
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			     .msg_controllen = sizeof(ctl) };
	struct ucred uc;
	CHECK_EQ(recvmsg(sv[1], &mh, 0), 1);
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	CHECK(cm != NULL);
	CHECK_EQ(cm->cmsg_level, SOL_SOCKET);
	CHECK_EQ(cm->cmsg_type, SCM_CREDENTIALS);
	CHECK_EQ(cm->cmsg_len, CMSG_LEN(sizeof(uc)));
	CHECK_EQ(mh.msg_controllen, CMSG_SPACE(sizeof(uc)));
	memcpy(&uc, CMSG_DATA(cm), sizeof(uc));
	CHECK_EQ(uc.pid, getpid());
	CHECK_EQ(uc.uid, getuid());
	CHECK_EQ(uc.gid, getgid());

	/* The sender states its own credentials. */
	char sctl[CMSG_SPACE(sizeof(uc))] __attribute__((aligned(8)));
	memset(sctl, 0, sizeof(sctl));
	struct iovec siov = { "d", 1 };
	struct msghdr sm = { .msg_iov = &siov, .msg_iovlen = 1, .msg_control = sctl,
			     .msg_controllen = sizeof(sctl) };
	cm = CMSG_FIRSTHDR(&sm);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_CREDENTIALS;
	cm->cmsg_len = CMSG_LEN(sizeof(uc));
	memcpy(CMSG_DATA(cm), &uc, sizeof(uc));
	CHECK_EQ(sendmsg(sv[0], &sm, 0), 1);
	CHECK_EQ(read(sv[1], buf, 1), 1);
	cm->cmsg_len = CMSG_LEN(sizeof(uc)) - 1;
	CHECK_ERR(sendmsg(sv[0], &sm, 0), EINVAL);

	/* Writers are not glued together while credentials are passed. */
	CHECK_EQ(write(sv[0], "parent", 6), 6);
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(write(sv[0], "child", 5), 5);
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 6);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 5);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	each(SOCK_STREAM);
	each(SOCK_DGRAM);
	each(SOCK_SEQPACKET);
	stream_boundary();
	credentials();
	return 0;
}
