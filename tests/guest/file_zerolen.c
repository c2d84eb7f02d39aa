// SPDX-License-Identifier: GPL-2.0
/*
 * file_zerolen: read and write of zero bytes reach the file, which answers
 * as Linux's: a regular file 0 (no mtime change, no RLIMIT_FSIZE signal
 * even past the limit), a pipe 0 (empty, no writer, no reader: no EAGAIN,
 * no SIGPIPE), eventfd, timerfd and signalfd EINVAL, /dev/full ENOSPC, a
 * datagram socket sends an empty datagram (and a zero-byte read leaves a
 * queued one), a stream socket sends nothing, a pty master reads 0 at once.
 */
#include "t.h"
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>

static volatile int sigs;

static void on_sig(int sig)
{
	(void)sig;
	sigs++;
}

static void regular(void)
{
	char buf[4];
	struct stat a, b;
	int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0644));

	t_write_all(fd, "abc", 3);
	CHECK_OK(fstat(fd, &a));
	t_msleep(20);
	CHECK_EQ(write(fd, buf, 0), 0);
	CHECK_EQ(pwrite(fd, buf, 0, 100), 0);
	CHECK_EQ(read(fd, buf, 0), 0);
	CHECK_EQ(pread(fd, buf, 0, 1), 0);
	CHECK_OK(fstat(fd, &b));
	CHECK_EQ(b.st_size, 3);
	CHECK(a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec);

	pid_t pid = t_fork();
	if (pid == 0) {
		signal(SIGXFSZ, on_sig);
		struct rlimit rl = { 2, 2 };
		CHECK_OK(setrlimit(RLIMIT_FSIZE, &rl));
		CHECK_EQ(pwrite(fd, buf, 0, 10), 0);   /* nothing to write: no check */
		CHECK_EQ(sigs, 0);
		CHECK_ERR(pwrite(fd, buf, 1, 10), EFBIG);
		CHECK_EQ(sigs, 1);
		_exit(0);
	}
	t_wait_ok(pid);
	close(fd);
}

static void pipes(void)
{
	int p[2];
	char c;

	signal(SIGPIPE, on_sig);
	CHECK_OK(pipe2(p, O_NONBLOCK));
	CHECK_EQ(read(p[0], &c, 0), 0);         /* empty, writer open: not EAGAIN */
	CHECK_ERR(read(p[0], &c, 1), EAGAIN);
	close(p[0]);
	sigs = 0;
	CHECK_EQ(write(p[1], &c, 0), 0);        /* no reader: still 0, no SIGPIPE */
	CHECK_EQ(sigs, 0);
	CHECK_ERR(write(p[1], &c, 1), EPIPE);
	CHECK_EQ(sigs, 1);
	close(p[1]);
	signal(SIGPIPE, SIG_DFL);
}

static void special_files(void)
{
	char buf[8];
	int fd = CHECK_OK(eventfd(1, EFD_NONBLOCK));

	CHECK_ERR(read(fd, buf, 0), EINVAL);
	CHECK_ERR(write(fd, buf, 0), EINVAL);
	close(fd);
	fd = CHECK_OK(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
	CHECK_ERR(read(fd, buf, 0), EINVAL);
	close(fd);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	fd = CHECK_OK(signalfd(-1, &set, SFD_NONBLOCK));
	CHECK_ERR(read(fd, buf, 0), EINVAL);
	close(fd);

	fd = CHECK_OK(open("/dev/full", O_RDWR));
	CHECK_ERR(write(fd, buf, 0), ENOSPC);
	CHECK_EQ(read(fd, buf, 0), 0);
	close(fd);
	fd = CHECK_OK(open("/dev/null", O_RDWR));
	CHECK_EQ(write(fd, buf, 0), 0);
	close(fd);
	fd = CHECK_OK(open("/proc/self/status", O_RDONLY));
	CHECK_EQ(read(fd, buf, 0), 0);
	CHECK_EQ(read(fd, buf, 4), 4);
	close(fd);

	fd = CHECK_OK(open("/dev/ptmx", O_RDWR | O_NOCTTY));
	CHECK_EQ(read(fd, buf, 0), 0);          /* blocking, nothing there: at once */
	close(fd);
}

static void sockets(void)
{
	char buf[8];
	int sv[2];

	CHECK_OK(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv));
	CHECK_EQ(write(sv[0], buf, 0), 0);
	CHECK_EQ(read(sv[1], buf, 0), 0);        /* does not take the datagram */
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 0);
	CHECK_ERR(recv(sv[1], buf, sizeof(buf), 0), EAGAIN);
	CHECK_EQ(read(sv[1], buf, 0), 0);        /* nothing queued: still 0 */
	close(sv[0]);
	close(sv[1]);

	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv));
	CHECK_EQ(write(sv[0], buf, 0), 0);
	CHECK_ERR(recv(sv[1], buf, sizeof(buf), 0), EAGAIN);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	t_tmpdir();
	regular();
	pipes();
	special_files();
	sockets();
	return 0;
}
