// SPDX-License-Identifier: GPL-2.0
/*
 * sig_mask: blocking. A blocked signal stays pending (sigpending shows it)
 * and is delivered as soon as it is unblocked, before sigprocmask returns;
 * a standard signal sent twice while blocked is delivered once; SIGKILL and
 * SIGSTOP are silently left out of any mask; SIG_BLOCK/SIG_UNBLOCK/
 * SIG_SETMASK combine as documented; sigsuspend swaps the mask, returns
 * EINTR after the handler, and restores the mask; ignoring a pending
 * signal discards it.
 */
#include "t.h"
#include <signal.h>
#include <sys/syscall.h>

static volatile sig_atomic_t usr1, usr2;
static volatile int order[4], norder;

static void on_sig(int sig)
{
	if (sig == SIGUSR1)
		usr1++;
	else
		usr2++;
	if (norder < 4)
		order[norder++] = sig;
}

static void block_pending_unblock(void)
{
	sigset_t set, old, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, &old));
	CHECK(!sigismember(&old, SIGUSR1));

	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK_EQ(usr1, 0);
	CHECK_OK(sigpending(&pend));
	CHECK(sigismember(&pend, SIGUSR1));
	CHECK(!sigismember(&pend, SIGUSR2));

	CHECK_OK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	/* Delivered on the way out of sigprocmask, and only once. */
	CHECK_EQ(usr1, 1);
	CHECK_OK(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGUSR1));
}

static void mask_arithmetic(void)
{
	sigset_t a, cur;
	sigemptyset(&a);
	sigaddset(&a, SIGUSR1);
	sigaddset(&a, SIGKILL);
	sigaddset(&a, SIGSTOP);
	CHECK_OK(sigprocmask(SIG_SETMASK, &a, NULL));
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &cur));
	CHECK(sigismember(&cur, SIGUSR1));
	CHECK(!sigismember(&cur, SIGKILL));
	CHECK(!sigismember(&cur, SIGSTOP));

	sigemptyset(&a);
	sigaddset(&a, SIGUSR2);
	CHECK_OK(sigprocmask(SIG_BLOCK, &a, NULL));
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &cur));
	CHECK(sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGUSR2));
	sigemptyset(&a);
	sigaddset(&a, SIGUSR1);
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &a, NULL));
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &cur));
	CHECK(!sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGUSR2));

	CHECK_ERR(sigprocmask(99, &a, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &a, NULL, 4), EINVAL);
	sigemptyset(&a);
	CHECK_OK(sigprocmask(SIG_SETMASK, &a, NULL));
}

static void two_pending(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, NULL));
	usr1 = usr2 = 0;
	norder = 0;
	CHECK_OK(kill(getpid(), SIGUSR2));
	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK_EQ(usr1, 1);
	CHECK_EQ(usr2, 1);
	/* Linux delivers the lowest-numbered pending standard signal first.
	 * Each handler blocks the other (sa_mask), so the second waits for the
	 * first to return instead of stacking its frame on top. */
	CHECK_EQ(norder, 2);
	CHECK_EQ(order[0], SIGUSR1);
	CHECK_EQ(order[1], SIGUSR2);
}

static void suspend(void)
{
	sigset_t block, waitmask, cur;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	CHECK_OK(sigprocmask(SIG_SETMASK, &block, NULL));

	usr1 = usr2 = 0;
	pid_t parent = getpid();
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		kill(parent, SIGUSR2);   /* blocked even during sigsuspend */
		kill(parent, SIGUSR1);
		_exit(0);
	}
	/* Wait with only SIGUSR2 blocked: SIGUSR1 ends the wait. */
	sigemptyset(&waitmask);
	sigaddset(&waitmask, SIGUSR2);
	while (usr1 == 0)
		CHECK_ERR(sigsuspend(&waitmask), EINTR);
	CHECK_EQ(usr1, 1);
	CHECK_EQ(usr2, 0);
	/* The old mask is back: SIGUSR1 blocked again. */
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &cur));
	CHECK(sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGUSR2));
	t_wait_ok(pid);

	/* SIGUSR2 is still pending; ignoring it discards it. */
	sigset_t pend;
	CHECK_OK(sigpending(&pend));
	CHECK(sigismember(&pend, SIGUSR2));
	signal(SIGUSR2, SIG_IGN);
	CHECK_OK(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGUSR2));
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	CHECK_OK(sigaction(SIGUSR2, &sa, NULL));
	sigemptyset(&block);
	CHECK_OK(sigprocmask(SIG_SETMASK, &block, NULL));
	CHECK_EQ(usr2, 0);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR1);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	CHECK_OK(sigaction(SIGUSR2, &sa, NULL));
	block_pending_unblock();
	mask_arithmetic();
	two_pending();
	suspend();
	return 0;
}
