// SPDX-License-Identifier: GPL-2.0
/*
 * sig_kill: who a signal reaches. kill(pid, 0) probes existence; kill to
 * a child, to a process group (-pgid and killpg) reaching every member and
 * no one else, kill(0, sig) reaching the caller's own group; tgkill and
 * tkill aimed at a thread id with the right and wrong thread group;
 * ESRCH for gone processes, EINVAL for bad signals, EPERM across users.
 */
#include "t.h"
#include <signal.h>
#include <sys/syscall.h>

/* A child that reports, by exit status, which signal (if any) it got. */
static pid_t victim(int ready_fd, int pgid)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		sigset_t set;
		int sig = 0;
		if (pgid >= 0)
			CHECK_OK(setpgid(0, pgid));
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		sigaddset(&set, SIGUSR2);
		sigaddset(&set, SIGTERM);
		CHECK_OK(sigprocmask(SIG_BLOCK, &set, NULL));
		CHECK_EQ(write(ready_fd, "r", 1), 1);
		CHECK_OK(sigwait(&set, &sig));
		_exit(sig);
	}
	if (pgid >= 0)
		setpgid(pid, pgid);   /* both sides, so the order does not matter */
	return pid;
}

static void ready(int fd, int n)
{
	char buf[8];
	CHECK_EQ(t_read_full(fd, buf, n), n);
}

static int got(pid_t pid)
{
	int st = t_wait(pid);
	CHECK(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void to_process(int rd, int wr)
{
	pid_t a = victim(wr, -1);
	ready(rd, 1);
	CHECK_OK(kill(a, 0));
	CHECK_OK(kill(a, SIGUSR2));
	CHECK_EQ(got(a), SIGUSR2);
	CHECK_ERR(kill(a, 0), ESRCH);
	CHECK_ERR(kill(a, SIGUSR1), ESRCH);
	CHECK_ERR(kill(getpid(), 1000), EINVAL);
}

static void to_group(int rd, int wr)
{
	pid_t a = victim(wr, 0);          /* leads a new group */
	pid_t b = victim(wr, a);          /* joins it */
	pid_t c = victim(wr, -1);         /* stays in ours */
	ready(rd, 3);
	CHECK_EQ(getpgid(b), a);
	CHECK_OK(kill(-a, SIGUSR1));
	CHECK_EQ(got(a), SIGUSR1);
	CHECK_EQ(got(b), SIGUSR1);
	CHECK_OK(kill(c, SIGTERM));
	CHECK_EQ(got(c), SIGTERM);        /* c got only the direct one */
	CHECK_ERR(kill(-a, SIGUSR1), ESRCH);

	a = victim(wr, 0);
	b = victim(wr, a);
	ready(rd, 2);
	CHECK_OK(killpg(a, SIGUSR2));
	CHECK_EQ(got(a), SIGUSR2);
	CHECK_EQ(got(b), SIGUSR2);

	/* kill(0): our own group, in a child that leads a fresh one. */
	pid_t leader = t_fork();
	if (leader == 0) {
		CHECK_OK(setpgid(0, 0));
		pid_t m = victim(wr, -1);       /* inherits the group */
		ready(rd, 1);
		signal(SIGUSR1, SIG_IGN);
		CHECK_OK(kill(0, SIGUSR1));
		CHECK_EQ(got(m), SIGUSR1);
		_exit(0);
	}
	t_wait_ok(leader);
}

static volatile pid_t handled_tid;
static void on_usr1(int sig) { (void)sig; handled_tid = (pid_t)syscall(SYS_gettid); }

static void to_thread(void)
{
	signal(SIGUSR1, on_usr1);
	pid_t tid = (pid_t)syscall(SYS_gettid);
	CHECK_OK(syscall(SYS_tgkill, getpid(), tid, SIGUSR1));
	CHECK_EQ(handled_tid, tid);
	handled_tid = 0;
	CHECK_OK(syscall(SYS_tkill, tid, SIGUSR1));
	CHECK_EQ(handled_tid, tid);
	CHECK_OK(syscall(SYS_tgkill, getpid(), tid, 0));
	/* Right tid, wrong thread group. */
	CHECK_ERR(syscall(SYS_tgkill, getppid(), tid, SIGUSR1), ESRCH);
	CHECK_ERR(syscall(SYS_tgkill, getpid(), 0, SIGUSR1), EINVAL);
	CHECK_ERR(syscall(SYS_tgkill, 0, tid, SIGUSR1), EINVAL);
	CHECK_ERR(syscall(SYS_tgkill, getpid(), tid, 99), EINVAL);
	signal(SIGUSR1, SIG_DFL);
}

static void permission(void)
{
	/* An unprivileged process may not signal another user's process. */
	pid_t parent = getpid();
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_ERR(kill(parent, SIGUSR1), EPERM);
		CHECK_ERR(kill(parent, 0), EPERM);
		CHECK_OK(kill(getpid(), 0));
		_exit(0);
	}
	t_wait_ok(pid);
}

int main(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	to_process(p[0], p[1]);
	to_group(p[0], p[1]);
	to_thread();
	if (geteuid() == 0)
		permission();
	return 0;
}
