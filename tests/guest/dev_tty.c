// SPDX-License-Identifier: GPL-2.0
/*
 * dev_tty: /dev/tty and controlling terminals. In a new session (setsid in
 * a child) there is no controlling terminal: opening /dev/tty fails with
 * ENXIO, tcgetpgrp/TIOCGPGRP on no tty is ENOTTY, isatty of a pipe or file
 * is false (ENOTTY). A session leader that opens a pty slave without
 * O_NOCTTY acquires it, after which /dev/tty opens and refers to it; no
 * other session can take it (TIOCSCTTY: EPERM) until TIOCNOTTY gives it
 * up, after which /dev/tty is ENXIO again for us.
 */
#include "t.h"
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	CHECK_OK(access("/dev/tty", F_OK));
	struct stat st;
	CHECK_OK(stat("/dev/tty", &st));
	CHECK(S_ISCHR(st.st_mode));

	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(setsid(), getpid());
		CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
		int p[2];
		CHECK_OK(pipe(p));
		CHECK(!isatty(p[0]));
		CHECK_EQ(errno, ENOTTY);
		pid_t pg;
		CHECK_ERR(ioctl(p[0], TIOCGPGRP, &pg), ENOTTY);
		struct termios t;
		CHECK_ERR(tcgetattr(p[0], &t), ENOTTY);

		/* Now get one: the first tty a session leader opens. */
		int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
		CHECK_OK(grantpt(m));
		CHECK_OK(unlockpt(m));
		int s = CHECK_OK(open(ptsname(m), O_RDWR));
		CHECK(isatty(s));
		int t2 = CHECK_OK(open("/dev/tty", O_RDWR));
		CHECK_EQ(tcgetsid(t2), getpid());
		CHECK_EQ(tcgetpgrp(s), getpgrp());
		/* Writing to /dev/tty reaches our pty's master. */
		CHECK_EQ(write(t2, "via-tty", 7), 7);
		char buf[16] = { 0 };
		CHECK_EQ(read(m, buf, sizeof(buf)), 7);
		CHECK_STR(buf, "via-tty");

		/* It is ours: another session cannot take it (EPERM)... */
		pid_t other = t_fork();
		if (other == 0) {
			CHECK_EQ(setsid(), getpid());
			CHECK_ERR(ioctl(s, TIOCSCTTY, 0), EPERM);
			CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
			_exit(0);
		}
		t_wait_ok(other);
		/* ...until we give it up. The session leader's TIOCNOTTY also
		 * hangs up our own foreground group: ignore that SIGHUP. */
		signal(SIGHUP, SIG_IGN);
		CHECK_OK(ioctl(t2, TIOCNOTTY));
		CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
		close(t2);
		other = t_fork();
		if (other == 0) {
			CHECK_EQ(setsid(), getpid());
			CHECK_OK(ioctl(s, TIOCSCTTY, 0));
			CHECK_EQ(tcgetsid(s), getpid());
			_exit(0);
		}
		t_wait_ok(other);
		_exit(0);
	}
	t_wait_ok(pid);
	return 0;
}
