// SPDX-License-Identifier: GPL-2.0
/*
 * pty_signal: terminal-generated signals and job control on a pty. A child
 * makes a new session and takes the slave as controlling tty (TIOCSCTTY);
 * its group is the foreground group. Typing VINTR (^C), VQUIT (^\) and
 * VSUSP (^Z) on the master sends SIGINT, SIGQUIT, SIGTSTP to that group,
 * and they are not passed on as data; with ISIG off ^C is just a byte; a
 * window size change sends SIGWINCH; a background group reading the tty
 * with SIGTTIN ignored gets EIO; tcsetpgrp moves the foreground; closing
 * the master hangs up the session leader with SIGHUP.
 */
#include "t.h"
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>

static volatile int *counts;   /* shared with the child, indexed by signal */

static void on_sig(int sig) { counts[sig]++; }

static void wait_count(int sig, int n)
{
	for (int i = 0; counts[sig] < n; i++) {
		if (i > 2000)
			t_failf(__FILE__, __LINE__, "signal %d count (got %d, want %d)",
				sig, counts[sig], n);
		t_msleep(1);
	}
}

static int child(const char *slave, int ready_fd)
{
	CHECK_EQ(setsid(), getpid());
	int s = CHECK_OK(open(slave, O_RDWR | O_NOCTTY));
	CHECK_OK(ioctl(s, TIOCSCTTY, 0));
	CHECK_EQ(tcgetpgrp(s), getpid());
	CHECK_EQ(tcgetsid(s), getpid());

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sa.sa_flags = SA_RESTART;
	int sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGWINCH, SIGHUP };
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		CHECK_OK(sigaction(sigs[i], &sa, NULL));
	struct termios t;
	CHECK_OK(tcgetattr(s, &t));
	t.c_lflag &= ~ECHO;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));

	/* A background group: reading the tty with SIGTTIN ignored is EIO. */
	pid_t bg = t_fork();
	if (bg == 0) {
		CHECK_OK(setpgid(0, 0));
		signal(SIGTTIN, SIG_IGN);
		char c;
		CHECK_ERR(read(s, &c, 1), EIO);
		_exit(0);
	}
	t_wait_ok(bg);

	/* tcsetpgrp: hand the foreground to another group and take it back. */
	pid_t fg = t_fork();
	if (fg == 0) {
		CHECK_OK(setpgid(0, 0));
		pause();
		_exit(0);
	}
	CHECK_OK(setpgid(fg, fg));
	signal(SIGTTOU, SIG_IGN);   /* we become background for a moment */
	CHECK_OK(tcsetpgrp(s, fg));
	CHECK_EQ(tcgetpgrp(s), fg);
	CHECK_OK(tcsetpgrp(s, getpgrp()));
	CHECK_ERR(tcsetpgrp(s, 999999), ESRCH);                  /* no such group */
	CHECK_ERR(tcsetpgrp(s, getpgid(getppid())), EPERM);      /* another session */
	kill(fg, SIGKILL);
	waitpid(fg, NULL, 0);

	CHECK_EQ(write(ready_fd, "r", 1), 1);
	/* The parent types; we read whatever data arrives until ISIG is off. */
	char buf[16] = { 0 };
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);    /* "a\n": ^C ^\ ^Z were not data */
	CHECK_STR(buf, "a\n");
	t.c_lflag &= ~ISIG;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	CHECK_EQ(write(ready_fd, "i", 1), 1);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);
	CHECK_EQ(buf[0], 3);
	CHECK_EQ(write(ready_fd, "d", 1), 1);
	/* Wait for the hangup. */
	while (counts[SIGHUP] == 0)
		pause();
	_exit(0);
}

int main(void)
{
	counts = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(counts != MAP_FAILED);
	int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	char slave[64];
	snprintf(slave, sizeof(slave), "%s", ptsname(m));
	int ready[2];
	CHECK_OK(pipe(ready));

	pid_t pid = t_fork();
	if (pid == 0) {
		close(m);
		close(ready[0]);
		return child(slave, ready[1]);
	}
	close(ready[1]);
	char c;
	CHECK_EQ(read(ready[0], &c, 1), 1);

	struct termios t;
	CHECK_OK(tcgetattr(m, &t));
	char keys[3] = { (char)t.c_cc[VINTR], (char)t.c_cc[VQUIT], (char)t.c_cc[VSUSP] };
	CHECK_EQ(write(m, &keys[0], 1), 1);
	wait_count(SIGINT, 1);
	CHECK_EQ(write(m, &keys[1], 1), 1);
	wait_count(SIGQUIT, 1);
	CHECK_EQ(write(m, &keys[2], 1), 1);
	wait_count(SIGTSTP, 1);
	CHECK_EQ(write(m, "a\n", 2), 2);

	struct winsize ws = { .ws_row = 50, .ws_col = 132 };
	CHECK_OK(ioctl(m, TIOCSWINSZ, &ws));
	wait_count(SIGWINCH, 1);
	/* Setting the same size again is not a change. */
	CHECK_OK(ioctl(m, TIOCSWINSZ, &ws));

	CHECK_EQ(read(ready[0], &c, 1), 1);       /* ISIG is off now */
	CHECK_EQ(write(m, &keys[0], 1), 1);
	CHECK_EQ(write(m, "\n", 1), 1);
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(counts[SIGINT], 1);
	CHECK_EQ(counts[SIGWINCH], 1);

	close(m);                                 /* hang up */
	t_wait_ok(pid);
	CHECK_EQ(counts[SIGHUP], 1);
	return 0;
}
