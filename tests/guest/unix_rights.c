// SPDX-License-Identifier: GPL-2.0
/*
 * unix_rights: passing descriptors and credentials. An fd sent with
 * SCM_RIGHTS arrives in another process as a new descriptor for the same
 * open file (shared offset, readable there), several fds travel in one
 * message, MSG_CMSG_CLOEXEC marks them close-on-exec, a too-small control
 * buffer sets MSG_CTRUNC and drops the extras, and an in-flight fd keeps
 * its file alive after the sender closes it. With SO_PASSCRED the receiver
 * gets SCM_CREDENTIALS with the sender's pid/uid/gid.
 */
#include "t.h"
#include <sys/socket.h>

static void send_fds(int sock, const int *fds, int n, const char *byte)
{
	char cbuf[CMSG_SPACE(sizeof(int) * 8)];
	memset(cbuf, 0, sizeof(cbuf));
	struct iovec iov = { (void *)byte, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf, .msg_controllen = CMSG_SPACE(sizeof(int) * n) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int) * n);
	memcpy(CMSG_DATA(cm), fds, sizeof(int) * n);
	CHECK_EQ(sendmsg(sock, &mh, 0), 1);
}

/* Receive up to max fds; returns how many, sets *flags to msg_flags. */
static int recv_fds(int sock, int *fds, int max, size_t cspace, int rflags, int *flags)
{
	char cbuf[256] __attribute__((aligned(8)));
	char b;
	struct iovec iov = { &b, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf, .msg_controllen = cspace };
	CHECK(cspace <= sizeof(cbuf));
	CHECK_EQ(recvmsg(sock, &mh, rflags), 1);
	*flags = mh.msg_flags;
	int n = 0;
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		CHECK_EQ(cm->cmsg_level, SOL_SOCKET);
		CHECK_EQ(cm->cmsg_type, SCM_RIGHTS);
		int k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (int i = 0; i < k && n < max; i++)
			memcpy(&fds[n++], CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
	}
	return n;
}

static void one_fd_to_child(void)
{
	int sv[2];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	int fd = CHECK_OK(open("data", O_CREAT | O_RDWR | O_TRUNC, 0644));
	t_write_all(fd, "0123456789", 10);
	CHECK_EQ(lseek(fd, 4, SEEK_SET), 4);

	pid_t pid = t_fork();
	if (pid == 0) {
		int got[1], flags;
		close(sv[0]);
		CHECK_EQ(recv_fds(sv[1], got, 1, CMSG_SPACE(sizeof(int)), 0, &flags), 1);
		CHECK(!(flags & MSG_CTRUNC));
		CHECK_EQ(fcntl(got[0], F_GETFD), 0);
		char buf[3] = { 0 };
		/* Same open file: starts at the sender's offset, moves it. */
		CHECK_EQ(read(got[0], buf, 3), 3);
		CHECK_EQ(memcmp(buf, "456", 3), 0);
		_exit(0);
	}
	close(sv[1]);
	send_fds(sv[0], &fd, 1, "F");
	t_wait_ok(pid);
	close(sv[0]);
	/* One open file: the child's read moved our offset too. */
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7);
	close(fd);
}

static void several_and_truncated(void)
{
	int sv[2];
	CHECK_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	int p1[2], p2[2], p3[2];
	CHECK_OK(pipe(p1));
	CHECK_OK(pipe(p2));
	CHECK_OK(pipe(p3));
	int three[3] = { p1[0], p2[0], p3[0] };

	send_fds(sv[0], three, 3, "3");
	int got[3], flags;
	CHECK_EQ(recv_fds(sv[1], got, 3, CMSG_SPACE(sizeof(int) * 3), MSG_CMSG_CLOEXEC, &flags), 3);
	CHECK_EQ(fcntl(got[0], F_GETFD), FD_CLOEXEC);
	/* Each arrives as the matching pipe's read end. */
	t_write_all(p2[1], "2", 1);
	char c;
	CHECK_EQ(read(got[1], &c, 1), 1);
	CHECK_EQ(c, '2');
	for (int i = 0; i < 3; i++)
		close(got[i]);

	/* Room for one fd only: the rest are closed, MSG_CTRUNC says so. */
	send_fds(sv[0], three, 3, "t");
	CHECK_EQ(recv_fds(sv[1], got, 3, CMSG_LEN(sizeof(int)), 0, &flags), 1);
	CHECK(flags & MSG_CTRUNC);
	close(got[0]);

	/* In flight while the sender closes its copy: the pipe stays open. */
	send_fds(sv[0], &p3[1], 1, "w");
	close(p3[1]);
	CHECK_EQ(recv_fds(sv[1], got, 1, CMSG_SPACE(sizeof(int)), 0, &flags), 1);
	t_write_all(got[0], "x", 1);
	CHECK_EQ(read(p3[0], &c, 1), 1);
	close(got[0]);
	CHECK_EQ(read(p3[0], &c, 1), 0);    /* last writer gone: EOF */

	/* A bad fd in the list fails the send. */
	int bad = 9999;
	char cbuf[CMSG_SPACE(sizeof(int))];
	memset(cbuf, 0, sizeof(cbuf));
	struct iovec iov = { "b", 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &bad, sizeof(int));
	CHECK_ERR(sendmsg(sv[0], &mh, 0), EBADF);
	close(sv[0]);
	close(sv[1]);
	close(p1[0]); close(p1[1]); close(p2[0]); close(p2[1]); close(p3[0]);
}

static void credentials(void)
{
	int sv[2];
	CHECK_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	int on = 1;
	CHECK_OK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(send(sv[0], "c", 1, 0), 1);
		_exit(0);
	}
	t_wait_ok(pid);
	char cbuf[CMSG_SPACE(sizeof(struct ucred))] __attribute__((aligned(8)));
	char b;
	struct iovec iov = { &b, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	CHECK_EQ(recvmsg(sv[1], &mh, 0), 1);
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	CHECK(cm != NULL);
	CHECK_EQ(cm->cmsg_level, SOL_SOCKET);
	CHECK_EQ(cm->cmsg_type, SCM_CREDENTIALS);
	struct ucred cr;
	memcpy(&cr, CMSG_DATA(cm), sizeof(cr));
	CHECK_EQ(cr.pid, pid);
	CHECK_EQ(cr.uid, getuid());
	CHECK_EQ(cr.gid, getgid());
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	t_tmpdir();
	one_fd_to_child();
	several_and_truncated();
	credentials();
	return 0;
}
