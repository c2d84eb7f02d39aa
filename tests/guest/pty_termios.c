// SPDX-License-Identifier: GPL-2.0
/*
 * pty_termios: the line discipline, driven from the master. In canonical
 * mode input is held until a newline (a nonblocking read says EAGAIN
 * before it), VERASE and VKILL edit the line, ICRNL turns CR into NL, and
 * VEOF ends a read early (0 bytes on an empty line). ECHO sends typed
 * characters back to the master (NL as CR NL); without ECHO nothing comes
 * back. In raw mode (cfmakeraw, VMIN 1) each byte is readable at once; with
 * VMIN 0 VTIME 0 a read returns 0 immediately. tcgetattr returns what
 * tcsetattr set; bad actions are EINVAL. In raw mode FIONREAD counts the
 * bytes waiting on either side, a short read leaves the rest for the next
 * one, and VMIN 0 VTIME 2 returns 0 when nothing comes; back in canonical
 * mode lines are lines again; a nonblocking master read with nothing to
 * read is EAGAIN.
 */
#include "t.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

static int m, s;

static void setup(void)
{
	m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	s = CHECK_OK(open(ptsname(m), O_RDWR | O_NOCTTY));
}

/* Nothing arrives on fd within a short poll. */
static int quiet(int fd)
{
	struct pollfd pf = { fd, POLLIN, 0 };
	return poll(&pf, 1, 30) == 0;
}

static void drain(int fd)
{
	char junk[256];
	while (!quiet(fd))
		if (read(fd, junk, sizeof(junk)) <= 0)
			break;
}

static void canonical(void)
{
	struct termios t;
	CHECK_OK(tcgetattr(s, &t));
	CHECK(t.c_lflag & ICANON);
	t.c_lflag &= ~ECHO;
	t.c_iflag |= ICRNL;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	char buf[64];

	CHECK_OK(fcntl(s, F_SETFL, O_NONBLOCK));
	CHECK_EQ(write(m, "partial", 7), 7);
	CHECK(quiet(s));
	CHECK_ERR(read(s, buf, sizeof(buf)), EAGAIN);
	CHECK_EQ(write(m, "\n", 1), 1);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(s, buf, sizeof(buf)), 8);
	CHECK_STR(buf, "partial\n");
	CHECK_OK(fcntl(s, F_SETFL, 0));

	/* Erase one char, then kill the line and start over. CR becomes NL. */
	char edit[32];
	int n = snprintf(edit, sizeof(edit), "abX%cgone%cok\r", t.c_cc[VERASE], t.c_cc[VKILL]);
	CHECK_EQ(write(m, edit, n), n);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(s, buf, sizeof(buf)), 3);
	CHECK_STR(buf, "ok\n");

	/* Two lines are two reads. */
	CHECK_EQ(write(m, "one\ntwo\n", 8), 8);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(s, buf, sizeof(buf)), 4);
	CHECK_STR(buf, "one\n");
	CHECK_EQ(read(s, buf, sizeof(buf)), 4);

	/* EOF char: ends the read without adding itself. */
	char eof[8];
	n = snprintf(eof, sizeof(eof), "hi%c", t.c_cc[VEOF]);
	CHECK_EQ(write(m, eof, n), n);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);
	CHECK_STR(buf, "hi");
	n = snprintf(eof, sizeof(eof), "%c", t.c_cc[VEOF]);
	CHECK_EQ(write(m, eof, n), n);
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);
}

static void echo(void)
{
	struct termios t;
	CHECK_OK(tcgetattr(s, &t));
	t.c_lflag |= ECHO | ICANON;
	t.c_oflag |= OPOST | ONLCR;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	drain(m);
	CHECK_EQ(write(m, "abc\n", 4), 4);
	char buf[64] = { 0 };
	CHECK_EQ(t_read_full(m, buf, 5), 5);
	CHECK_STR(buf, "abc\r\n");
	CHECK_EQ(read(s, buf, sizeof(buf)), 4);

	t.c_lflag &= ~ECHO;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	CHECK_EQ(write(m, "silent\n", 7), 7);
	CHECK_EQ(read(s, buf, sizeof(buf)), 7);
	CHECK(quiet(m));
}

static void raw(void)
{
	struct termios t, back;
	CHECK_OK(tcgetattr(s, &t));
	cfmakeraw(&t);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	CHECK_OK(tcgetattr(s, &back));
	CHECK(!(back.c_lflag & (ICANON | ECHO | ISIG)));
	CHECK(!(back.c_oflag & OPOST));
	CHECK_EQ(back.c_cc[VMIN], 1);

	char buf[16] = { 0 };
	CHECK_EQ(write(m, "x", 1), 1);               /* no newline needed */
	CHECK_EQ(read(s, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'x');
	CHECK_EQ(write(m, "\r\003", 2), 2);          /* CR and ^C pass as data */
	CHECK_EQ(t_read_full(s, buf, 2), 2);
	CHECK_EQ(buf[0], '\r');
	CHECK_EQ(buf[1], 3);
	CHECK(quiet(m));                              /* and no echo */

	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);      /* nothing there: 0 at once */

	CHECK_ERR(tcsetattr(s, 99, &t), EINVAL);
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(tcsetattr(p[0], TCSANOW, &t), ENOTTY);
	close(p[0]);
	close(p[1]);
}

/* Wait until fd has input. */
static void readable(int fd)
{
	struct pollfd pf = { fd, POLLIN, 0 };
	CHECK_EQ(poll(&pf, 1, 10000), 1);
}

static void raw_more(void)
{
	struct termios t;
	CHECK_OK(tcgetattr(s, &t));
	cfmakeraw(&t);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	drain(m);
	char buf[64];
	int n = -1;
	CHECK_EQ(write(m, "12345", 5), 5);
	readable(s);
	CHECK_OK(ioctl(s, FIONREAD, &n));
	CHECK_EQ(n, 5);
	CHECK_EQ(write(s, "abc", 3), 3);
	readable(m);
	CHECK_OK(ioctl(m, FIONREAD, &n));
	CHECK_EQ(n, 3);
	drain(m);
	CHECK_EQ(read(s, buf, 2), 2);
	CHECK_EQ(memcmp(buf, "12", 2), 0);
	CHECK_EQ(read(s, buf, sizeof(buf)), 3);
	CHECK_EQ(memcmp(buf, "345", 3), 0);

	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 2;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);     /* 0.2 s pass, then 0 */

	t.c_lflag |= ICANON | ECHO;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	CHECK_EQ(write(m, "ok\n", 3), 3);
	CHECK_EQ(read(s, buf, sizeof(buf)), 3);
	CHECK_EQ(memcmp(buf, "ok\n", 3), 0);
	drain(m);
	CHECK_OK(fcntl(m, F_SETFL, O_NONBLOCK));
	CHECK_ERR(read(m, buf, sizeof(buf)), EAGAIN);
	CHECK_OK(fcntl(m, F_SETFL, 0));
}

int main(void)
{
	setup();
	canonical();
	echo();
	raw();
	raw_more();
	close(s);
	close(m);
	return 0;
}
