// SPDX-License-Identifier: GPL-2.0
/*
 * pty_basic: pseudo-terminal pairs. posix_openpt/grantpt/unlockpt/ptsname
 * give a /dev/pts/N slave (TIOCGPTN agrees; opening before unlockpt is
 * EIO); a line written on the master is read on the slave, and slave
 * output reaches the master with "\n" turned into "\r\n" (OPOST|ONLCR);
 * ttyname names the slave; TIOCSWINSZ/TIOCGWINSZ store the window size on
 * either side; closing the slave gives the master EIO on read; a pipe is
 * not a tty (ENOTTY).
 */
#include "t.h"
#include <sys/ioctl.h>
#include <termios.h>

static int open_master(char *name, size_t size)
{
	int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	const char *n = ptsname(m);
	CHECK(n != NULL);
	snprintf(name, size, "%s", n);
	return m;
}

static void names(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));
	CHECK_EQ(strncmp(name, "/dev/pts/", 9), 0);
	unsigned n = 9999;
	CHECK_OK(ioctl(m, TIOCGPTN, &n));
	char want[64];
	snprintf(want, sizeof(want), "/dev/pts/%u", n);
	CHECK_STR(name, want);

	int s = CHECK_OK(open(name, O_RDWR | O_NOCTTY));
	CHECK(isatty(s));
	CHECK(isatty(m));
	char tn[64];
	CHECK_EQ(ttyname_r(s, tn, sizeof(tn)), 0);
	CHECK_STR(tn, name);
	struct stat st;
	CHECK_OK(fstat(s, &st));
	CHECK(S_ISCHR(st.st_mode));
	close(s);
	close(m);

	/* Locked until unlockpt. */
	m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_OK(grantpt(m));
	int lock = 1;
	CHECK_OK(ioctl(m, TIOCSPTLCK, &lock));
	CHECK_ERR(open(ptsname(m), O_RDWR | O_NOCTTY), EIO);
	close(m);
}

static void data(void)
{
	char name[64], buf[64];
	int m = open_master(name, sizeof(name));
	int s = CHECK_OK(open(name, O_RDWR | O_NOCTTY));
	struct termios t;
	CHECK_OK(tcgetattr(s, &t));
	t.c_lflag &= ~ECHO;                       /* keep the master quiet here */
	CHECK_OK(tcsetattr(s, TCSANOW, &t));

	CHECK_EQ(write(m, "hello\n", 6), 6);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(s, buf, sizeof(buf)), 6);
	CHECK_STR(buf, "hello\n");

	CHECK_EQ(write(s, "out\n", 4), 4);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(t_read_full(m, buf, 5), 5);
	CHECK_STR(buf, "out\r\n");

	/* Without OPOST the bytes pass unchanged. */
	t.c_oflag &= ~OPOST;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	CHECK_EQ(write(s, "raw\n", 4), 4);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(t_read_full(m, buf, 4), 4);
	CHECK_STR(buf, "raw\n");

	/* Window size, set on the master, seen on the slave. */
	struct winsize ws = { .ws_row = 33, .ws_col = 101 }, got;
	CHECK_OK(ioctl(m, TIOCSWINSZ, &ws));
	memset(&got, 0, sizeof(got));
	CHECK_OK(ioctl(s, TIOCGWINSZ, &got));
	CHECK_EQ(got.ws_row, 33);
	CHECK_EQ(got.ws_col, 101);
	ws.ws_row = 10;
	CHECK_OK(ioctl(s, TIOCSWINSZ, &ws));
	CHECK_OK(ioctl(m, TIOCGWINSZ, &got));
	CHECK_EQ(got.ws_row, 10);

	/* Slave gone: the master reads EIO (after any data). */
	close(s);
	CHECK_ERR(read(m, buf, sizeof(buf)), EIO);
	close(m);

	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(ioctl(p[0], TIOCGWINSZ, &got), ENOTTY);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	names();
	data();
	return 0;
}
