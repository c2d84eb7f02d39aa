// SPDX-License-Identifier: GPL-2.0
/*
 * sig_handler: sigaction with SA_SIGINFO. The handler gets si_signo and a
 * si_code telling how the signal was sent (SI_USER for kill, SI_TKILL for
 * tgkill/raise, SI_QUEUE with si_value for sigqueue), the sender's pid and
 * uid; sa_mask plus the signal itself are blocked while it runs and
 * unblocked after; the old action comes back from sigaction; SIGKILL and
 * SIGSTOP cannot be caught; bad signal numbers are EINVAL.
 */
#include "t.h"
#include <signal.h>
#include <sys/syscall.h>

static volatile sig_atomic_t calls;
/* What the handler saw; volatile, since only the handler writes them. */
static volatile struct {
	int signo, code, pid, uid, value;
} last;
static sigset_t mask_in_handler;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	calls++;
	last.signo = sig == si->si_signo ? sig : -1;
	last.code = si->si_code;
	last.pid = si->si_pid;
	last.uid = (int)si->si_uid;
	last.value = si->si_value.sival_int;
	sigprocmask(SIG_SETMASK, NULL, &mask_in_handler);
}

static void install(int sig, int flags, int extra_blocked)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	if (extra_blocked)
		sigaddset(&sa.sa_mask, extra_blocked);
	CHECK_OK(sigaction(sig, &sa, NULL));
}

static void codes(void)
{
	install(SIGUSR1, 0, SIGUSR2);

	calls = 0;
	CHECK_OK(kill(getpid(), SIGUSR1));
	/* A signal sent to ourselves is delivered before kill returns. */
	CHECK_EQ(calls, 1);
	CHECK_EQ(last.signo, SIGUSR1);
	CHECK_EQ(last.code, SI_USER);
	CHECK_EQ(last.pid, getpid());
	CHECK_EQ(last.uid, getuid());
	/* The signal itself and sa_mask were blocked inside; not after. */
	CHECK(sigismember(&mask_in_handler, SIGUSR1));
	CHECK(sigismember(&mask_in_handler, SIGUSR2));
	CHECK(!sigismember(&mask_in_handler, SIGTERM));
	sigset_t now;
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &now));
	CHECK(!sigismember(&now, SIGUSR1));
	CHECK(!sigismember(&now, SIGUSR2));

	CHECK_OK(syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1));
	CHECK_EQ(calls, 2);
	CHECK_EQ(last.code, SI_TKILL);
	CHECK_EQ(last.pid, getpid());

	CHECK_OK(raise(SIGUSR1));
	CHECK_EQ(calls, 3);
	CHECK_EQ(last.code, SI_TKILL);

	union sigval v = { .sival_int = 0x5eed };
	CHECK_OK(sigqueue(getpid(), SIGUSR1, v));
	CHECK_EQ(calls, 4);
	CHECK_EQ(last.code, SI_QUEUE);
	CHECK_EQ(last.value, 0x5eed);
	CHECK_EQ(last.pid, getpid());

	/* From another process: si_pid is the sender's. */
	pid_t parent = getpid();
	pid_t pid = t_fork();
	if (pid == 0) {
		kill(parent, SIGUSR1);
		_exit(0);
	}
	t_wait_ok(pid);
	/* The signal may arrive as late as our next return from the kernel. */
	for (int i = 0; i < 100 && calls < 5; i++)
		t_msleep(2);
	CHECK_EQ(calls, 5);
	CHECK_EQ(last.code, SI_USER);
	CHECK_EQ(last.pid, pid);
}

static void plain_handler(int sig) { (void)sig; calls += 100; }

static void old_actions(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = plain_handler;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGINT);
	sa.sa_flags = SA_RESTART;
	CHECK_OK(sigaction(SIGUSR2, &sa, NULL));

	memset(&old, 0, sizeof(old));
	sa.sa_handler = SIG_IGN;
	CHECK_OK(sigaction(SIGUSR2, &sa, &old));
	CHECK(old.sa_handler == plain_handler);
	CHECK(old.sa_flags & SA_RESTART);
	CHECK(!(old.sa_flags & SA_SIGINFO));
	CHECK(sigismember(&old.sa_mask, SIGINT));
	/* Query only. */
	CHECK_OK(sigaction(SIGUSR2, NULL, &old));
	CHECK(old.sa_handler == SIG_IGN);

	calls = 0;
	CHECK_OK(kill(getpid(), SIGUSR2));   /* ignored */
	CHECK_EQ(calls, 0);
	CHECK(signal(SIGUSR2, plain_handler) == SIG_IGN);
	CHECK_OK(kill(getpid(), SIGUSR2));
	CHECK_EQ(calls, 100);
}

static void errors(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = plain_handler;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	/* Querying them is fine. */
	CHECK_OK(sigaction(SIGKILL, NULL, &sa));
	CHECK(sa.sa_handler == SIG_DFL);
	CHECK_ERR(syscall(SYS_rt_sigaction, 0, NULL, &sa, 8), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigaction, 65, NULL, &sa, 8), EINVAL);
	/* The kernel's sigset size is 8 bytes exactly. */
	CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &sa, 4), EINVAL);
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	CHECK_ERR(kill(getpid(), -1), EINVAL);
}

int main(void)
{
	codes();
	old_actions();
	errors();
	return 0;
}
