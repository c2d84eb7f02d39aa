// SPDX-License-Identifier: GPL-2.0
/*
 * sig_default: default actions, as the parent sees them in the wait
 * status. Terminating and core-dumping signals end the child with
 * WIFSIGNALED/WTERMSIG; SIGCHLD, SIGURG and SIGWINCH are ignored by default;
 * a blocked or ignored SIGTERM does not kill, and unblocking it does;
 * SIGKILL kills regardless; a signal kills every thread of a process.
 */
#include "t.h"
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

static void no_core(void)
{
	struct rlimit rl = { 0, 0 };
	CHECK_OK(setrlimit(RLIMIT_CORE, &rl));
}

/* Default disposition, unblocked: not whatever our starter left us with
 * (a background job starts with SIGINT and SIGQUIT ignored, nohup SIGHUP). */
static void defaults(int sig)
{
	sigset_t s;
	signal(sig, SIG_DFL);
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void killed_by(int sig)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		no_core();
		defaults(sig);
		raise(sig);
		_exit(99);
	}
	int st = t_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != sig)
		t_failf(__FILE__, __LINE__, "status after signal %d (got 0x%x, want killed by %d)",
			sig, st, sig);
	CHECK(!WIFEXITED(st));
}

static void survives(int sig)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		defaults(sig);
		raise(sig);
		_exit(7);
	}
	int st = t_wait(pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 7)
		t_failf(__FILE__, __LINE__, "status after signal %d (got 0x%x, want exit 7)",
			sig, st);
}

static void blocked_and_ignored(void)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		sigset_t set;
		defaults(SIGTERM);
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGKILL);
		CHECK_OK(sigprocmask(SIG_BLOCK, &set, NULL));
		raise(SIGTERM);                   /* pending, harmless */
		signal(SIGHUP, SIG_IGN);
		raise(SIGHUP);                    /* ignored */
		sigdelset(&set, SIGKILL);
		sigprocmask(SIG_UNBLOCK, &set, NULL);   /* now it kills */
		_exit(8);
	}
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGTERM);

	/* SIGKILL cannot be blocked, so this child dies in sigsuspend. */
	int p[2];
	CHECK_OK(pipe(p));
	pid = t_fork();
	if (pid == 0) {
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, NULL);
		CHECK_EQ(write(p[1], "r", 1), 1);
		sigsuspend(&all);
		_exit(9);
	}
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_OK(kill(pid, SIGKILL));
	st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGKILL);
	close(p[0]);
	close(p[1]);
}

static void *spin(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void all_threads(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = t_fork();
	if (pid == 0) {
		pthread_t th[3];
		defaults(SIGTERM);
		for (int i = 0; i < 3; i++)
			CHECK_PT(pthread_create(&th[i], NULL, spin, NULL));
		CHECK_EQ(write(p[1], "r", 1), 1);
		spin(NULL);
	}
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_OK(kill(pid, SIGTERM));
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGTERM);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const int kills[] = { SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGABRT, SIGFPE,
		SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGBUS,
		SIGSYS, SIGTRAP, SIGXCPU, SIGVTALRM, SIGPROF, SIGRTMIN, SIGRTMAX };
	static const int ignored[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };

	for (unsigned i = 0; i < sizeof(kills) / sizeof(kills[0]); i++)
		killed_by(kills[i]);
	for (unsigned i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		survives(ignored[i]);
	blocked_and_ignored();
	all_threads();
	return 0;
}
