// SPDX-License-Identifier: GPL-2.0
/*
 * pty_jobctl: job control seen and driven from the master, beyond
 * pty_signal. A child that made the slave its controlling tty (setsid,
 * TIOCSCTTY, tcsetpgrp) can open /dev/tty; TIOCGPGRP and TIOCGSID on the
 * master name its group and session; ^C on the master kills it with SIGINT
 * and is echoed as "^C". A session leader child acting as a shell (it
 * acquires the slave by opening it) runs a job in its own foreground
 * group: TIOCGPGRP on the master names the job, TIOCGSID the shell; ^Z
 * stops the job (the shell sees WIFSTOPPED SIGTSTP); TIOCSIG refuses
 * SIGKILL (EINVAL) and sends SIGINT, which kills the continued job.
 */
#include "t.h"
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>

static void defaults(void)
{
	int sigs[] = { SIGINT, SIGTSTP, SIGCONT, SIGHUP };
	sigset_t set;
	sigemptyset(&set);
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		signal(sigs[i], SIG_DFL);
		sigaddset(&set, sigs[i]);
	}
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &set, NULL));
}

static void ctrl_c(int m, const char *name)
{
	int p[2], pg = -1;
	char buf[64], x;
	CHECK_OK(pipe(p));
	pid_t c = t_fork();
	if (c == 0) {
		CHECK_OK(setsid());
		int s = CHECK_OK(open(name, O_RDWR | O_NOCTTY));
		CHECK_OK(ioctl(s, TIOCSCTTY, 0));
		CHECK_OK(tcsetpgrp(s, getpid()));
		int t = CHECK_OK(open("/dev/tty", O_RDWR));
		close(t);
		CHECK_EQ(write(p[1], "r", 1), 1);
		for (;;)                                 /* until SIGINT */
			if (read(s, buf, sizeof(buf)) < 0)
				t_msleep(1);
	}
	close(p[1]);
	CHECK_EQ(read(p[0], &x, 1), 1);
	CHECK_OK(ioctl(m, TIOCGPGRP, &pg));
	CHECK_EQ(pg, c);
	pg = -1;
	CHECK_OK(ioctl(m, TIOCGSID, &pg));
	CHECK_EQ(pg, c);
	CHECK_EQ(write(m, "\003", 1), 1);
	int st = t_wait(c);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGINT);
	CHECK_EQ(t_read_full(m, buf, 2), 2);
	CHECK_EQ(memcmp(buf, "^C", 2), 0);
	close(p[0]);
}

static void shell_and_job(int m, const char *name)
{
	int q[2], pg = -1, sid = -1;
	char x;
	CHECK_OK(pipe(q));
	pid_t c = t_fork();
	if (c == 0) {
		close(m);
		close(q[0]);
		CHECK_OK(setsid());
		int s = CHECK_OK(open(name, O_RDWR));    /* acquired as the controlling tty */
		pid_t j = t_fork();
		if (j == 0) {
			CHECK_OK(setpgid(0, 0));
			for (;;)
				pause();
		}
		CHECK_OK(setpgid(j, j));
		signal(SIGTTOU, SIG_IGN);
		CHECK_OK(tcsetpgrp(s, j));
		CHECK_EQ(write(q[1], "r", 1), 1);
		int st;
		CHECK_EQ(waitpid(j, &st, WUNTRACED), j);
		CHECK(WIFSTOPPED(st));
		CHECK_EQ(WSTOPSIG(st), SIGTSTP);
		CHECK_EQ(write(q[1], "s", 1), 1);
		CHECK_OK(kill(j, SIGCONT));
		CHECK_EQ(waitpid(j, &st, 0), j);
		CHECK(WIFSIGNALED(st));
		CHECK_EQ(WTERMSIG(st), SIGINT);
		_exit(0);
	}
	close(q[1]);
	CHECK_EQ(read(q[0], &x, 1), 1);
	CHECK_EQ(x, 'r');
	CHECK_OK(ioctl(m, TIOCGPGRP, &pg));
	CHECK(pg > 0 && pg != c);
	CHECK_OK(ioctl(m, TIOCGSID, &sid));
	CHECK_EQ(sid, c);
	CHECK_EQ(write(m, "\032", 1), 1);                     /* ^Z */
	CHECK_EQ(read(q[0], &x, 1), 1);
	CHECK_EQ(x, 's');
	CHECK_ERR(ioctl(m, TIOCSIG, SIGKILL), EINVAL);
	CHECK_OK(ioctl(m, TIOCSIG, SIGINT));
	t_wait_ok(c);
	close(q[0]);
}

int main(void)
{
	char name[64];
	defaults();
	int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	CHECK_EQ(ptsname_r(m, name, sizeof(name)), 0);
	ctrl_c(m, name);
	shell_and_job(m, name);
	close(m);
	return 0;
}
