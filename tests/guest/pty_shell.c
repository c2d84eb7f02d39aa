// SPDX-License-Identifier: GPL-2.0
/*
 * pty_shell: an interactive /bin/sh on a pty, driven through the master.
 * The child makes a session, opens the slave (its controlling tty) as
 * stdin/stdout/stderr and execs "sh -i". The shell runs a command typed on
 * the master; `tty` prints the slave's name; `stty size` shows the window
 * size set on the master (30 90). A foreground job (/bin/sleep) becomes the
 * tty's foreground group (TIOCGPGRP on the master), and ^C kills it: the
 * rest of its command line does not run, the next command does. After
 * `exit` the shell's status is an exit and the master reads EIO once the
 * output is drained.
 */
#include "t.h"
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>

static char out[65536];
static size_t outlen;

/* Collect master output until needle shows up (10 s at most). */
static int expect(int m, const char *needle)
{
	for (int i = 0; i < 200; i++) {
		out[outlen] = 0;
		if (strstr(out, needle))
			return 1;
		struct pollfd p = { m, POLLIN, 0 };
		if (poll(&p, 1, 50) <= 0)
			continue;
		ssize_t r = read(m, out + outlen, sizeof(out) - 1 - outlen);
		if (r <= 0)
			return 0;
		outlen += (size_t)r;
	}
	out[outlen] = 0;
	return strstr(out, needle) != NULL;
}

static void type(int m, const char *s)
{
	CHECK_EQ(write(m, s, strlen(s)), (ssize_t)strlen(s));
}

int main(void)
{
	char name[64], buf[256];
	int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	CHECK_EQ(ptsname_r(m, name, sizeof(name)), 0);
	struct winsize ws = { .ws_row = 30, .ws_col = 90 };
	CHECK_OK(ioctl(m, TIOCSWINSZ, &ws));

	pid_t c = t_fork();
	if (c == 0) {
		close(m);
		CHECK_OK(setsid());
		int s = CHECK_OK(open(name, O_RDWR));
		int sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP };
		sigset_t none;
		sigemptyset(&none);
		for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			signal(sigs[i], SIG_DFL);
		sigprocmask(SIG_SETMASK, &none, NULL);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		if (s > 2)
			close(s);
		execl("/bin/sh", "sh", "-i", (char *)NULL);
		_exit(127);
	}
	type(m, "PS1='$ '; tty; echo A$((40+2))\n");
	CHECK(expect(m, "A42"));
	CHECK(strstr(out, name) != NULL);
	type(m, "stty size\n");
	CHECK(expect(m, "30 90"));

	outlen = 0;
	type(m, "/bin/sleep 30; echo L$((7*6))\n");
	int fg = c;
	for (int i = 0; i < 1000 && (fg == c || fg <= 0); i++) {
		t_msleep(10);
		CHECK_OK(ioctl(m, TIOCGPGRP, &fg));
	}
	CHECK(fg != c && fg > 0);                  /* the sleep is the foreground job */
	type(m, "\003");
	type(m, "echo B$((1+1))\n");
	CHECK(expect(m, "B2"));
	CHECK(strstr(out, "L42") == NULL);

	type(m, "exit\n");
	int st = t_wait(c);
	CHECK(WIFEXITED(st));
	ssize_t r;
	do
		r = read(m, buf, sizeof(buf));
	while (r > 0);
	CHECK_EQ(r, -1);
	CHECK_EQ(errno, EIO);
	close(m);
	return 0;
}
