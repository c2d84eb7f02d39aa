// SPDX-License-Identifier: GPL-2.0
/*
 * pipe_basic: pipe semantics. Data comes out in order; a read returns what
 * is there (short) rather than waiting for more; read gives 0 (EOF) once
 * every write end is closed, also one held by a child; a write with no
 * reader raises SIGPIPE (which kills by default) and fails with EPIPE when
 * SIGPIPE is ignored; O_NONBLOCK gives EAGAIN on an empty read and a full
 * write; pipe2 takes O_CLOEXEC/O_NONBLOCK and rejects others; FIONREAD
 * counts unread bytes; the ends are FIFOs with the right access modes.
 */
#include "t.h"
#include <signal.h>
#include <sys/ioctl.h>

static void data_and_eof(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "hello", 5), 5);
	CHECK_EQ(write(p[1], "world", 5), 5);
	int n = -1;
	CHECK_OK(ioctl(p[0], FIONREAD, &n));
	CHECK_EQ(n, 10);
	char buf[64] = { 0 };
	CHECK_EQ(read(p[0], buf, 3), 3);
	CHECK_EQ(memcmp(buf, "hel", 3), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 7);   /* short, does not wait */
	CHECK_EQ(memcmp(buf, "loworld", 7), 0);
	CHECK_OK(ioctl(p[0], FIONREAD, &n));
	CHECK_EQ(n, 0);

	/* EOF only after the last writer (including a child's copy) closes. */
	int go[2];
	CHECK_OK(pipe(go));
	pid_t pid = t_fork();
	if (pid == 0) {
		char c;
		close(p[0]);
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		t_write_all(p[1], "late", 4);
		_exit(0);
	}
	close(go[0]);
	CHECK_OK(close(p[1]));
	CHECK_EQ(write(go[1], "g", 1), 1);
	CHECK_EQ(t_read_full(p[0], buf, sizeof(buf)), 4);   /* then EOF */
	CHECK_EQ(memcmp(buf, "late", 4), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	t_wait_ok(pid);
	close(p[0]);
	close(go[1]);

	/* Ends and modes. */
	CHECK_OK(pipe(p));
	struct stat st;
	CHECK_OK(fstat(p[0], &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK_ERR(write(p[0], "x", 1), EBADF);
	CHECK_ERR(read(p[1], buf, 1), EBADF);
	close(p[0]);
	close(p[1]);
}

static void no_reader(void)
{
	int p[2], go[2];
	char c;
	CHECK_OK(pipe(p));
	CHECK_OK(pipe(go));
	pid_t pid = t_fork();
	if (pid == 0) {
		close(p[0]);
		close(go[1]);
		signal(SIGPIPE, SIG_DFL);
		/* write only once the parent has dropped its read end */
		if (read(go[0], &c, 1) != 0)
			_exit(5);
		if (write(p[1], "x", 1) < 0)
			_exit(3);
		_exit(4);
	}
	close(p[0]);
	close(p[1]);
	close(go[0]);
	close(go[1]);                        /* EOF on go: the child writes now */
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGPIPE);

	CHECK_OK(pipe(p));
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
	/* Blocked instead of ignored: EPIPE, and SIGPIPE is left pending. */
	signal(SIGPIPE, SIG_DFL);
	sigset_t s, pend;
	sigemptyset(&s);
	sigaddset(&s, SIGPIPE);
	CHECK_OK(sigprocmask(SIG_BLOCK, &s, NULL));
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
	CHECK_OK(sigpending(&pend));
	CHECK(sigismember(&pend, SIGPIPE));
	signal(SIGPIPE, SIG_IGN);            /* discard it */
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &s, NULL));
	close(p[1]);
}

static void nonblocking(void)
{
	int p[2];
	CHECK_OK(pipe2(p, O_NONBLOCK | O_CLOEXEC));
	CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	CHECK(fcntl(p[1], F_GETFL) & O_NONBLOCK);
	CHECK_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	char c;
	CHECK_ERR(read(p[0], &c, 1), EAGAIN);

	/* Fill it: writes succeed (maybe partly) until EAGAIN. */
	static char chunk[4096];
	long total = 0;
	for (;;) {
		ssize_t w = write(p[1], chunk, sizeof(chunk));
		if (w < 0) {
			CHECK_EQ(errno, EAGAIN);
			break;
		}
		total += w;
		CHECK(total <= 16 << 20);
	}
	long cap = fcntl(p[1], F_GETPIPE_SZ);
	CHECK_EQ(total, cap);
	int n;
	CHECK_OK(ioctl(p[0], FIONREAD, &n));
	CHECK_EQ(n, cap);
	/* A byte still fits nowhere; after reading some there is room. */
	CHECK_ERR(write(p[1], "x", 1), EAGAIN);
	CHECK_EQ(read(p[0], chunk, sizeof(chunk)), sizeof(chunk));
	CHECK_EQ(write(p[1], "x", 1), 1);
	close(p[0]);
	close(p[1]);

	CHECK_ERR(pipe2(p, O_APPEND), EINVAL);
}

int main(void)
{
	data_and_eof();
	no_reader();
	nonblocking();
	return 0;
}
