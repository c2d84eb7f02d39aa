// SPDX-License-Identifier: GPL-2.0
/*
 * sig_stop: job-control stops. SIGSTOP stops a child, which waitpid
 * reports once with WUNTRACED (WIFSTOPPED, WSTOPSIG) and waitid with
 * CLD_STOPPED; a stopped process makes no progress; SIGCONT resumes it,
 * reported with WCONTINUED/CLD_CONTINUED, and runs a SIGCONT handler;
 * SIGTSTP stops by default but not when caught; SIGKILL ends a stopped
 * process at once, while a SIGTERM waits for the SIGCONT.
 */
#include "t.h"
#include <signal.h>
#include <sys/mman.h>

static volatile unsigned long *progress;
static volatile int *conts;

static void on_cont(int sig) { (void)sig; (*conts)++; }

static pid_t spinner(int own_group)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		/* In its own group its parent (us) is outside it in the same
		 * session, so the group is not orphaned and SIGTSTP may stop it. */
		if (own_group)
			CHECK_OK(setpgid(0, 0));
		for (;;)
			(*progress)++;
	}
	if (own_group)
		setpgid(pid, pid);
	return pid;
}

static void stop_and_continue(void)
{
	pid_t pid = spinner(0);
	int st;
	CHECK_OK(kill(pid, SIGSTOP));
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	CHECK_EQ(WSTOPSIG(st), SIGSTOP);
	/* Reported once only. */
	CHECK_EQ(waitpid(pid, &st, WUNTRACED | WNOHANG), 0);

	unsigned long before = *progress;
	t_msleep(30);
	CHECK_EQ(*progress, before);

	int c0 = *conts;
	CHECK_OK(kill(pid, SIGCONT));
	CHECK_EQ(waitpid(pid, &st, WCONTINUED), pid);
	CHECK(WIFCONTINUED(st));
	CHECK(!WIFSTOPPED(st));
	/* It runs again, and its SIGCONT handler ran. */
	for (int i = 0; i < 500 && (*progress == before || *conts == c0); i++)
		t_msleep(2);
	CHECK(*progress != before);
	CHECK_EQ(*conts, c0 + 1);

	CHECK_OK(kill(pid, SIGKILL));
	st = t_wait(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static void with_waitid(void)
{
	pid_t pid = spinner(0);
	siginfo_t si;
	CHECK_OK(kill(pid, SIGSTOP));
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT));
	CHECK_EQ(si.si_code, CLD_STOPPED);
	CHECK_EQ(si.si_status, SIGSTOP);
	CHECK_EQ(si.si_pid, pid);
	/* WNOWAIT left the event for the next waiter. */
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_PID, pid, &si, WSTOPPED));
	CHECK_EQ(si.si_code, CLD_STOPPED);
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_PID, pid, &si, WSTOPPED | WNOHANG));
	CHECK_EQ(si.si_pid, 0);

	CHECK_OK(kill(pid, SIGCONT));
	memset(&si, 0, sizeof(si));
	CHECK_OK(waitid(P_PID, pid, &si, WCONTINUED));
	CHECK_EQ(si.si_code, CLD_CONTINUED);
	CHECK_EQ(si.si_status, SIGCONT);

	/* Stopped again, a fatal SIGTERM stays pending: it acts on SIGCONT. */
	CHECK_OK(kill(pid, SIGSTOP));
	CHECK_OK(waitid(P_PID, pid, &si, WSTOPPED));
	CHECK_OK(kill(pid, SIGTERM));
	t_msleep(20);
	int st;
	CHECK_EQ(waitpid(pid, &st, WNOHANG), 0);
	CHECK_OK(kill(pid, SIGCONT));
	st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGTERM);
}

static void tstp(void)
{
	pid_t pid = spinner(1);
	int st;
	CHECK_OK(kill(pid, SIGTSTP));
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	CHECK_EQ(WSTOPSIG(st), SIGTSTP);
	CHECK_OK(kill(pid, SIGKILL));
	st = t_wait(pid);
	CHECK(WIFSIGNALED(st));

	/* Caught: no stop, the handler runs instead. */
	int p[2];
	CHECK_OK(pipe(p));
	*conts = 0;
	pid = t_fork();
	if (pid == 0) {
		signal(SIGTSTP, on_cont);
		CHECK_EQ(write(p[1], "r", 1), 1);
		while (*conts == 0)
			pause();
		_exit(6);
	}
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_OK(kill(pid, SIGTSTP));
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 6);
}

int main(void)
{
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	progress = m;
	conts = (volatile int *)((char *)m + 64);
	/* Installed before fork: a child may be stopped before it runs at all. */
	signal(SIGCONT, on_cont);
	/* Default actions, whatever our starter set. */
	signal(SIGTSTP, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	stop_and_continue();
	with_waitid();
	tstp();
	return 0;
}
