// SPDX-License-Identifier: GPL-2.0
/*
 * pty_hangup: closing one end of a pty. With both ends open the master
 * polls POLLOUT only. When the slave closes, the master polls
 * POLLHUP|POLLIN, still reads what the slave wrote ("bye\r\n"), then gets
 * EIO; opening the slave again clears the POLLHUP. When the master closes:
 * the session leader whose controlling tty is the slave dies of SIGHUP,
 * the /dev/pts node is removed, and an open slave fd polls POLLHUP|POLLIN,
 * reads 0 (even with input queued), and write and tcgetattr are EIO.
 */
#include "t.h"
#include <poll.h>
#include <signal.h>
#include <termios.h>

int main(void)
{
	char name[64], buf[256];
	int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	CHECK_EQ(ptsname_r(m, name, sizeof(name)), 0);
	int s = CHECK_OK(open(name, O_RDWR | O_NOCTTY));

	struct pollfd pf = { m, POLLIN | POLLOUT, 0 };
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK_EQ(pf.revents, POLLOUT);
	CHECK_EQ(write(s, "bye\n", 4), 4);
	close(s);
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK(pf.revents & POLLHUP);
	CHECK(pf.revents & POLLIN);
	CHECK_EQ(read(m, buf, sizeof(buf)), 5);
	CHECK_EQ(memcmp(buf, "bye\r\n", 5), 0);
	CHECK_ERR(read(m, buf, sizeof(buf)), EIO);
	s = CHECK_OK(open(name, O_RDWR | O_NOCTTY));
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK(!(pf.revents & POLLHUP));
	close(s);

	/* The master goes: SIGHUP for the slave's session leader. */
	int ready[2];
	CHECK_OK(pipe(ready));
	signal(SIGHUP, SIG_DFL);
	sigset_t hup;
	sigemptyset(&hup);
	sigaddset(&hup, SIGHUP);
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &hup, NULL));
	pid_t pid = t_fork();
	if (pid == 0) {
		close(m);
		CHECK_OK(setsid());
		int cs = CHECK_OK(open(name, O_RDWR));     /* becomes its controlling tty */
		(void)cs;
		CHECK_EQ(write(ready[1], "r", 1), 1);
		for (;;)
			pause();
	}
	char c;
	CHECK_EQ(read(ready[0], &c, 1), 1);
	s = CHECK_OK(open(name, O_RDWR | O_NOCTTY));
	CHECK_EQ(write(m, "data\n", 5), 5);
	close(m);
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGHUP);
	struct stat sb;
	CHECK_ERR(stat(name, &sb), ENOENT);
	pf = (struct pollfd){ s, POLLIN | POLLOUT, 0 };
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK_EQ(pf.revents & (POLLHUP | POLLIN), POLLHUP | POLLIN);
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);
	CHECK_ERR(write(s, "x", 1), EIO);
	struct termios t;
	CHECK_ERR(tcgetattr(s, &t), EIO);
	close(s);
	return 0;
}
