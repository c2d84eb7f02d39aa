// SPDX-License-Identifier: GPL-2.0
/*
 * proc_waitid: waitid's siginfo (si_pid, si_uid, si_signo SIGCHLD, si_code
 * CLD_EXITED/CLD_KILLED, si_status), WNOWAIT leaving the zombie for a second
 * wait, WNOHANG with nothing ready zeroing si_pid, P_PGID selection, and
 * waitpid(-pgid) reaping only that group.
 */
#include "t.h"
#include <signal.h>

static void exited_and_killed(void)
{
	siginfo_t si;
	pid_t pid = t_fork();
	if (pid == 0)
		_exit(9);

	/* WNOWAIT: report but keep the zombie. */
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_signo, SIGCHLD);
	CHECK_EQ(si.si_code, CLD_EXITED);
	CHECK_EQ(si.si_status, 9);
	CHECK_EQ(si.si_uid, getuid());
	CHECK_OK(kill(pid, 0));

	/* Reaped for real now. */
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_PID, pid, &si, WEXITED));
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_status, 9);
	CHECK_ERR(waitid(P_PID, pid, &si, WEXITED), ECHILD);

	signal(SIGTERM, SIG_DFL);     /* before fork: the kill may come early */
	pid = t_fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	CHECK_OK(kill(pid, SIGTERM));
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_ALL, 0, &si, WEXITED));
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_code, CLD_KILLED);
	CHECK_EQ(si.si_status, SIGTERM);
}

static void nohang_and_errors(void)
{
	siginfo_t si;
	int go[2];
	CHECK_OK(pipe(go));
	pid_t pid = t_fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		_exit(read(go[0], &c, 1) == 0 ? 0 : 1);
	}
	close(go[0]);
	memset(&si, 0x5a, sizeof(si));
	CHECK_EQ(waitid(P_PID, pid, &si, WEXITED | WNOHANG), 0);
	/* Linux zeroes si_pid (and si_signo) when no child was ready. */
	CHECK_EQ(si.si_pid, 0);
	/* Options must include at least one of WEXITED/WSTOPPED/WCONTINUED. */
	CHECK_ERR(waitid(P_PID, pid, &si, WNOHANG), EINVAL);
	CHECK_ERR(waitid((idtype_t)77, pid, &si, WEXITED), EINVAL);
	close(go[1]);
	CHECK_OK(waitid(P_PID, pid, &si, WEXITED));
	CHECK_EQ(si.si_status, 0);
	CHECK_ERR(waitid(P_ALL, 0, &si, WEXITED | WNOHANG), ECHILD);
}

static void by_group(void)
{
	/* Two children in a new group led by the first; one outside it. */
	int go[2];
	CHECK_OK(pipe(go));
	pid_t a = t_fork();
	if (a == 0) {
		char c;
		close(go[1]);
		CHECK_OK(setpgid(0, 0));
		_exit(read(go[0], &c, 1) == 0 ? 21 : 1);
	}
	/* Both sides set it, so the order of parent and child does not matter. */
	CHECK_OK(setpgid(a, a));
	pid_t b = t_fork();
	if (b == 0) {
		char c;
		close(go[1]);
		_exit(read(go[0], &c, 1) == 0 ? 22 : 1);
	}
	CHECK_OK(setpgid(b, a));
	pid_t outside = t_fork();
	if (outside == 0) {
		char c;
		close(go[1]);
		_exit(read(go[0], &c, 1) == 0 ? 23 : 1);
	}
	close(go[0]);
	CHECK_EQ(getpgid(a), a);
	CHECK_EQ(getpgid(b), a);
	CHECK_EQ(getpgid(outside), getpgrp());
	close(go[1]);

	int got = 0, st;
	for (int i = 0; i < 2; i++) {
		pid_t w = waitpid(-a, &st, 0);
		CHECK(w == a || w == b);
		CHECK_EQ(WEXITSTATUS(st), w == a ? 21 : 22);
		got |= w == a ? 1 : 2;
	}
	CHECK_EQ(got, 3);
	CHECK_ERR(waitpid(-a, &st, WNOHANG), ECHILD);

	siginfo_t si;
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_PGID, getpgrp(), &si, WEXITED));
	CHECK_EQ(si.si_pid, outside);
	CHECK_EQ(si.si_status, 23);
}

int main(void)
{
	exited_and_killed();
	nohang_and_errors();
	by_group();
	return 0;
}
