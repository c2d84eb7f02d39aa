// SPDX-License-Identifier: GPL-2.0
/*
 * sig_wait: synchronous acceptance and realtime queueing. sigtimedwait
 * (rt_sigtimedwait) takes a blocked pending signal with its siginfo, fails
 * with EAGAIN when the timeout passes (at once for a zero timeout), and
 * wakes for a signal sent later by another process. Realtime signals queue:
 * every sigqueue is delivered, in order, with its value; among several
 * pending realtime signals the lowest number comes first; a standard
 * signal sent twice is taken once.
 */
#include "t.h"
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>

static sigset_t blocked(int a, int b, int c)
{
	sigset_t s;
	sigemptyset(&s);
	if (a) sigaddset(&s, a);
	if (b) sigaddset(&s, b);
	if (c) sigaddset(&s, c);
	return s;
}

static void timeouts(void)
{
	sigset_t set = blocked(SIGUSR1, 0, 0);
	siginfo_t si;
	struct timespec zero = { 0, 0 }, short_ts = { 0, 20 * 1000000L };
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, NULL));
	CHECK_ERR(sigtimedwait(&set, &si, &zero), EAGAIN);
	CHECK_ERR(sigtimedwait(&set, &si, &short_ts), EAGAIN);
	struct timespec bad = { 0, 2000000000L };
	CHECK_ERR(sigtimedwait(&set, &si, &bad), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 4), EINVAL);
}

static void takes_pending(void)
{
	sigset_t set = blocked(SIGUSR1, SIGUSR2, 0);
	siginfo_t si;
	struct timespec zero = { 0, 0 };
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, NULL));

	CHECK_OK(kill(getpid(), SIGUSR2));
	CHECK_OK(kill(getpid(), SIGUSR2));
	memset(&si, 0, sizeof(si));
	CHECK_EQ(sigtimedwait(&set, &si, &zero), SIGUSR2);
	CHECK_EQ(si.si_signo, SIGUSR2);
	CHECK_EQ(si.si_code, SI_USER);
	CHECK_EQ(si.si_pid, getpid());
	/* Not queued: the second kill merged into the first. */
	CHECK_ERR(sigtimedwait(&set, &si, &zero), EAGAIN);

	/* Blocking wait, woken by a signal from a child. */
	pid_t parent = getpid();
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		union sigval v = { .sival_int = 77 };
		sigqueue(parent, SIGUSR1, v);
		_exit(0);
	}
	memset(&si, 0, sizeof(si));
	CHECK_EQ(sigwaitinfo(&set, &si), SIGUSR1);
	CHECK_EQ(si.si_code, SI_QUEUE);
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_value.sival_int, 77);
	t_wait_ok(pid);

	int sig = 0;
	CHECK_OK(raise(SIGUSR2));
	CHECK_EQ(sigwait(&set, &sig), 0);
	CHECK_EQ(sig, SIGUSR2);
}

static void rt_queue(void)
{
	int lo = SIGRTMIN + 1, hi = SIGRTMIN + 5;
	sigset_t set = blocked(lo, hi, SIGUSR1);
	siginfo_t si;
	struct timespec zero = { 0, 0 };
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, NULL));

	/* Interleave two realtime signals and a standard one. */
	for (int i = 0; i < 5; i++) {
		union sigval v = { .sival_int = 100 + i };
		CHECK_OK(sigqueue(getpid(), hi, v));
		v.sival_int = 200 + i;
		CHECK_OK(sigqueue(getpid(), lo, v));
	}
	CHECK_OK(kill(getpid(), SIGUSR1));

	/* Lowest number first: SIGUSR1 (10), then all of lo, then all of hi. */
	CHECK_EQ(sigtimedwait(&set, &si, &zero), SIGUSR1);
	for (int i = 0; i < 5; i++) {
		CHECK_EQ(sigtimedwait(&set, &si, &zero), lo);
		CHECK_EQ(si.si_value.sival_int, 200 + i);
	}
	for (int i = 0; i < 5; i++) {
		CHECK_EQ(sigtimedwait(&set, &si, &zero), hi);
		CHECK_EQ(si.si_value.sival_int, 100 + i);
		CHECK_EQ(si.si_code, SI_QUEUE);
	}
	CHECK_ERR(sigtimedwait(&set, &si, &zero), EAGAIN);

	/* Plain kill of a realtime signal queues too. */
	CHECK_OK(kill(getpid(), lo));
	CHECK_OK(kill(getpid(), lo));
	CHECK_EQ(sigtimedwait(&set, &si, &zero), lo);
	CHECK_EQ(si.si_code, SI_USER);
	CHECK_EQ(sigtimedwait(&set, &si, &zero), lo);
	CHECK_ERR(sigtimedwait(&set, &si, &zero), EAGAIN);
}

static volatile int seq[8], nseq;
static void rec(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (nseq < 8)
		seq[nseq++] = sig * 1000 + si->si_value.sival_int;
}

static void rt_handlers(void)
{
	int s = SIGRTMIN + 2;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = rec;
	sa.sa_flags = SA_SIGINFO;
	sigfillset(&sa.sa_mask);      /* one at a time, no nesting */
	CHECK_OK(sigaction(s, &sa, NULL));
	sigset_t set = blocked(s, 0, 0);
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, NULL));
	for (int i = 1; i <= 3; i++) {
		union sigval v = { .sival_int = i };
		CHECK_OK(sigqueue(getpid(), s, v));
	}
	nseq = 0;
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK_EQ(nseq, 3);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(seq[i], s * 1000 + i + 1);
}

int main(void)
{
	timeouts();
	takes_pending();
	rt_queue();
	rt_handlers();
	return 0;
}
