// SPDX-License-Identifier: GPL-2.0
/*
 * sig_flags: sigaction flags. SA_RESETHAND runs the handler once and
 * restores SIG_DFL (the second signal then kills); SA_NODEFER lets the
 * signal nest inside its own handler, while the default defers it until
 * the handler returns; SA_NOCLDSTOP suppresses SIGCHLD for stops;
 * SA_NOCLDWAIT and SIGCHLD set to SIG_IGN reap children automatically, so
 * wait ends with ECHILD.
 */
#include "t.h"
#include <signal.h>

static volatile int calls, depth, max_depth;

static void nest_handler(int sig)
{
	calls++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (calls == 1)
		raise(sig);   /* nested now, or deferred until we return */
	depth--;
}

static void set(int sig, void (*h)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	CHECK_OK(sigaction(sig, &sa, NULL));
}

static void nodefer(void)
{
	calls = depth = max_depth = 0;
	set(SIGUSR1, nest_handler, 0);
	raise(SIGUSR1);
	CHECK_EQ(calls, 2);
	CHECK_EQ(max_depth, 1);

	calls = depth = max_depth = 0;
	set(SIGUSR1, nest_handler, SA_NODEFER);
	raise(SIGUSR1);
	CHECK_EQ(calls, 2);
	CHECK_EQ(max_depth, 2);
}

static void count_handler(int sig) { (void)sig; calls++; }

static void resethand(void)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		calls = 0;
		set(SIGUSR1, count_handler, SA_RESETHAND);
		raise(SIGUSR1);
		CHECK_EQ(calls, 1);
		struct sigaction now;
		CHECK_OK(sigaction(SIGUSR1, NULL, &now));
		CHECK(now.sa_handler == SIG_DFL);
		raise(SIGUSR1);     /* default action: terminate */
		_exit(3);
	}
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGUSR1);
}

static volatile int chld;
static void on_chld(int sig) { (void)sig; chld++; }

static void nocldstop(void)
{
	chld = 0;
	set(SIGCHLD, on_chld, SA_NOCLDSTOP);
	pid_t pid = t_fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK_OK(kill(pid, SIGSTOP));
	int st;
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	t_msleep(20);
	CHECK_EQ(chld, 0);           /* no SIGCHLD for the stop */
	CHECK_OK(kill(pid, SIGKILL));
	CHECK(WIFSIGNALED(t_wait(pid)));
	/* SIGCHLD for the death is sent; it may still be on its way. */
	for (int i = 0; i < 100 && chld == 0; i++)
		t_msleep(2);
	CHECK_EQ(chld, 1);
	set(SIGCHLD, SIG_DFL, 0);
}

static void autoreap(int how_ignore)
{
	if (how_ignore)
		set(SIGCHLD, SIG_IGN, 0);
	else
		set(SIGCHLD, SIG_DFL, SA_NOCLDWAIT);
	pid_t pid = t_fork();
	if (pid == 0)
		_exit(4);
	/* wait blocks until the child has gone, then reports no children. */
	int st;
	CHECK_ERR(waitpid(pid, &st, 0), ECHILD);
	CHECK_ERR(kill(pid, 0), ESRCH);
	set(SIGCHLD, SIG_DFL, 0);
	/* With the default back, children become zombies again. */
	pid = t_fork();
	if (pid == 0)
		_exit(5);
	st = t_wait(pid);
	CHECK_EQ(WEXITSTATUS(st), 5);
}

int main(void)
{
	nodefer();
	resethand();
	nocldstop();
	autoreap(1);
	autoreap(0);
	return 0;
}
