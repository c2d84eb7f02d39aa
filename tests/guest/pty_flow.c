// SPDX-License-Identifier: GPL-2.0
/*
 * pty_flow: flow control between the two ends of a raw pty. A nonblocking
 * slave writer gets EAGAIN once the master stops reading (after more than
 * 1000 bytes) and poll then says not writable; the master reads back every
 * byte written and the slave is writable again. The same holds from the
 * master to a slave that does not read. 200000 bytes written in one
 * blocking write by a child arrive complete, in each direction.
 */
#include "t.h"
#include <poll.h>
#include <termios.h>

#define BIG (256 * 1024)
static char buf[BIG];

/* Write 1000-byte blocks until EAGAIN; the count written. */
static long fill(int fd)
{
	char b[1000];
	long t = 0;
	memset(b, 'a', sizeof(b));
	for (;;) {
		ssize_t r = write(fd, b, sizeof(b));
		if (r < 0) {
			CHECK_EQ(errno, EAGAIN);
			return t;
		}
		t += r;
		CHECK(t <= BIG);
	}
}

/* Read exactly n bytes, waiting up to 10 s for each piece. */
static void drain(int fd, long n)
{
	long got = 0;
	while (got < n) {
		struct pollfd p = { fd, POLLIN, 0 };
		CHECK_EQ(poll(&p, 1, 10000), 1);
		ssize_t r = read(fd, buf, n - got < (long)sizeof(buf) ? n - got : (long)sizeof(buf));
		CHECK(r > 0);
		got += r;
	}
	struct pollfd p = { fd, POLLIN, 0 };
	CHECK_EQ(poll(&p, 1, 20), 0);                       /* and nothing more */
}

/* Fill up to EAGAIN, let the pty settle, fill again: it is full now. */
static long fill_up(int fd)
{
	long n = fill(fd);
	t_msleep(20);
	n += fill(fd);
	return n;
}

static void one_way(int wfd, int rfd)
{
	long n = fill_up(wfd);
	CHECK(n > 1000);
	struct pollfd p = { wfd, POLLOUT, 0 };
	CHECK_EQ(poll(&p, 1, 0), 0);
	drain(rfd, n);
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK(p.revents & POLLOUT);
}

static void blocking(int wfd, int rfd, char c)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		static char b[200000];
		memset(b, c, sizeof(b));
		CHECK_EQ(write(wfd, b, sizeof(b)), sizeof(b));
		_exit(0);
	}
	long got = 0;
	while (got < 200000) {
		ssize_t r = read(rfd, buf, 3000);
		CHECK(r > 0);
		for (ssize_t i = 0; i < r; i++)
			CHECK_EQ(buf[i], c);
		got += r;
	}
	CHECK_EQ(got, 200000);
	t_wait_ok(pid);
}

int main(void)
{
	int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK));
	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	int s = CHECK_OK(open(ptsname(m), O_RDWR | O_NOCTTY | O_NONBLOCK));
	struct termios t;
	CHECK_OK(tcgetattr(s, &t));
	cfmakeraw(&t);
	CHECK_OK(tcsetattr(s, TCSANOW, &t));

	one_way(s, m);
	one_way(m, s);

	CHECK_OK(fcntl(m, F_SETFL, 0));
	CHECK_OK(fcntl(s, F_SETFL, 0));
	blocking(m, s, 'z');
	blocking(s, m, 'y');
	close(s);
	close(m);
	return 0;
}
