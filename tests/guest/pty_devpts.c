// SPDX-License-Identifier: GPL-2.0
/*
 * pty_devpts: pty pairs as devpts nodes, beyond pty_basic. A new master
 * is locked (TIOCGPTLCK 1, TIOCGPTPEER EIO) until unlockpt (TIOCGPTLCK 0);
 * TIOCGPTPEER then opens the slave. The slave node is a character device
 * 136:N owned by the opener, listed in /dev/pts, and takes chmod/chown; a
 * new slave starts canonical with ECHO and ONLCR and a 0x0 window, and
 * TCGETS on the master reads the slave's termios. Two pairs get two
 * names; when both ends are closed the node goes (ENOENT) and the lowest
 * free index is handed out again. As uid 65534, a process opens a pair,
 * owns the node and opens the slave.
 */
#include "t.h"
#include <dirent.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <termios.h>

#ifndef TIOCGPTPEER
#define TIOCGPTPEER 0x5441
#endif

static void fresh_pair(void)
{
	char name[64];
	struct stat st;
	struct termios t;
	int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_EQ(ptsname_r(m, name, sizeof(name)), 0);
	int lck = -1, n = -1;
	CHECK_OK(ioctl(m, TIOCGPTLCK, &lck));
	CHECK_EQ(lck, 1);
	CHECK_ERR(ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY), EIO);
	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	CHECK_OK(ioctl(m, TIOCGPTLCK, &lck));
	CHECK_EQ(lck, 0);
	CHECK_OK(ioctl(m, TIOCGPTN, &n));

	int s = CHECK_OK(ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY));
	CHECK(isatty(s));
	CHECK_OK(fstat(s, &st));
	CHECK(S_ISCHR(st.st_mode));
	CHECK_EQ(major(st.st_rdev), 136);
	CHECK_EQ(minor(st.st_rdev), n);
	CHECK_OK(stat(name, &st));
	CHECK(S_ISCHR(st.st_mode));
	CHECK_EQ(st.st_rdev, makedev(136, n));
	CHECK_EQ(st.st_uid, getuid());
	CHECK_OK(chmod(name, 0600));
	CHECK_OK(stat(name, &st));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_OK(chown(name, getuid(), getgid()));

	DIR *d = opendir("/dev/pts");
	CHECK(d != NULL);
	struct dirent *e;
	int seen = 0;
	while ((e = readdir(d)))
		if (!strcmp(e->d_name, name + 9))
			seen = 1;
	closedir(d);
	CHECK(seen);

	CHECK_OK(tcgetattr(s, &t));
	CHECK(t.c_lflag & ICANON);
	CHECK(t.c_lflag & ECHO);
	CHECK(t.c_oflag & ONLCR);
	struct winsize ws = { 1, 1, 1, 1 };
	CHECK_OK(ioctl(m, TIOCGWINSZ, &ws));
	CHECK_EQ(ws.ws_row, 0);
	CHECK_EQ(ws.ws_col, 0);
	CHECK_OK(tcgetattr(m, &t));
	CHECK(t.c_lflag & ICANON);
	t.c_lflag &= ~ECHO;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	CHECK_OK(tcgetattr(m, &t));
	CHECK(!(t.c_lflag & ECHO));

	close(s);
	close(m);
	CHECK_ERR(stat(name, &st), ENOENT);
}

static void indexes(void)
{
	char n1[64], n2[64], n3[64];
	int m1 = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_EQ(ptsname_r(m1, n1, sizeof(n1)), 0);
	int m2 = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_EQ(ptsname_r(m2, n2, sizeof(n2)), 0);
	CHECK(strcmp(n1, n2) != 0);
	close(m1);
	int m3 = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_EQ(ptsname_r(m3, n3, sizeof(n3)), 0);
	CHECK_STR(n3, n1);                       /* the lowest free index again */
	close(m3);
	close(m2);
}

static void unprivileged(void)
{
	if (getuid() != 0)
		return;
	pid_t pid = t_fork();
	if (pid == 0) {
		char n[64];
		struct stat st;
		CHECK_OK(setgid(65534));
		CHECK_OK(setuid(65534));
		int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
		CHECK_OK(grantpt(m));
		CHECK_OK(unlockpt(m));
		CHECK_EQ(ptsname_r(m, n, sizeof(n)), 0);
		CHECK_OK(stat(n, &st));
		CHECK_EQ(st.st_uid, 65534);
		int s = CHECK_OK(open(n, O_RDWR | O_NOCTTY));
		close(s);
		close(m);
		_exit(0);
	}
	t_wait_ok(pid);
}

int main(void)
{
	fresh_pair();
	indexes();
	unprivileged();
	return 0;
}
