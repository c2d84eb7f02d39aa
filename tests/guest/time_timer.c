// SPDX-License-Identifier: GPL-2.0
/*
 * time_timer: timers that send signals. alarm returns the seconds left on
 * the previous alarm and alarm(0) cancels; setitimer/getitimer ITIMER_REAL
 * fire SIGALRM once or periodically and report the time left (never more
 * than was set); ITIMER_PROF fires on CPU time; POSIX timers (timer_create
 * with SIGEV_SIGNAL) deliver si_code SI_TIMER with the sigev value and
 * report overruns; bad arguments are EINVAL.
 */
#include "t.h"
#include <signal.h>
#include <sys/time.h>
#include <time.h>

static volatile int alrm, prof, rt_count, rt_code, rt_value, rt_overrun;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGALRM)
		alrm++;
	else if (sig == SIGPROF)
		prof++;
	else {
		rt_count++;
		rt_code = si->si_code;
		rt_value = si->si_value.sival_int;
		if (si->si_overrun > rt_overrun)
			rt_overrun = si->si_overrun;
	}
}

static void wait_for(volatile int *counter, int n)
{
	sigset_t empty;
	sigemptyset(&empty);
	while (*counter < n)
		sigsuspend(&empty);
}

static void alarms(void)
{
	CHECK_EQ(alarm(0), 0);
	CHECK_EQ(alarm(100), 0);
	unsigned left = alarm(50);
	CHECK(left >= 99 && left <= 100);
	left = alarm(0);
	CHECK(left >= 49 && left <= 50);
	CHECK_EQ(alarm(0), 0);
	/* alarm and ITIMER_REAL are the same timer. */
	alarm(30);
	struct itimerval it;
	CHECK_OK(getitimer(ITIMER_REAL, &it));
	CHECK(it.it_value.tv_sec >= 29 && it.it_value.tv_sec <= 30);
	alarm(0);
	CHECK_OK(getitimer(ITIMER_REAL, &it));
	CHECK(it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0);
}

static void itimer_real(void)
{
	/* One shot. Blocked until sigsuspend, so no tick can be missed. */
	struct itimerval it = { { 0, 0 }, { 0, 20000 } }, old, cur;
	alrm = 0;
	CHECK_OK(setitimer(ITIMER_REAL, &it, &old));
	CHECK_OK(getitimer(ITIMER_REAL, &cur));
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec <= 20000);
	CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 0);
	wait_for(&alrm, 1);
	t_msleep(40);
	CHECK_EQ(alrm, 1);
	CHECK_OK(getitimer(ITIMER_REAL, &cur));
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);

	/* Periodic, then cancelled: the old value comes back from setitimer. */
	struct itimerval per = { { 0, 10000 }, { 0, 10000 } }, off = { { 0, 0 }, { 0, 0 } };
	alrm = 0;
	CHECK_OK(setitimer(ITIMER_REAL, &per, NULL));
	wait_for(&alrm, 3);
	CHECK_OK(setitimer(ITIMER_REAL, &off, &old));
	CHECK(old.it_interval.tv_sec == 0 && old.it_interval.tv_usec == 10000);
	CHECK(old.it_value.tv_usec <= 10000);
	int n = alrm;
	t_msleep(40);
	CHECK_EQ(alrm, n);

	struct itimerval bad = { { 0, 0 }, { 0, 1000000 } };
	CHECK_ERR(setitimer(ITIMER_REAL, &bad, NULL), EINVAL);
	CHECK_ERR(setitimer(99, &it, NULL), EINVAL);
	CHECK_ERR(getitimer(99, &cur), EINVAL);
}

static void itimer_prof(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 10000 } }, off = { { 0, 0 }, { 0, 0 } };
	prof = 0;
	CHECK_OK(setitimer(ITIMER_PROF, &it, NULL));
	/* Spin: only CPU time advances this timer. */
	volatile unsigned long x = 0;
	while (prof == 0)
		x++;
	CHECK_EQ(prof, 1);
	CHECK_OK(setitimer(ITIMER_PROF, &off, NULL));
}

static void posix_timers(void)
{
	timer_t t;
	struct sigevent sev;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN;
	sev.sigev_value.sival_int = 4242;
	CHECK_OK(timer_create(CLOCK_MONOTONIC, &sev, &t));

	struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000000L } }, cur;
	CHECK_OK(timer_settime(t, 0, &its, NULL));
	CHECK_OK(timer_gettime(t, &cur));
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 20 * 1000000L);
	wait_for(&rt_count, 1);
	CHECK_EQ(rt_code, SI_TIMER);
	CHECK_EQ(rt_value, 4242);
	CHECK_OK(timer_gettime(t, &cur));
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);

	/* Overruns: block the signal while a fast periodic timer runs. */
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN);
	CHECK_OK(sigprocmask(SIG_BLOCK, &s, NULL));
	struct itimerspec fast = { { 0, 2 * 1000000L }, { 0, 2 * 1000000L } };
	rt_count = 0;
	rt_overrun = 0;
	CHECK_OK(timer_settime(t, 0, &fast, NULL));
	t_msleep(50);
	CHECK_EQ(rt_count, 0);
	/* Unblocked while still armed: recent kernels drop the pending signal
	 * of a timer that is disarmed first. */
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &s, NULL));
	struct itimerspec stop = { { 0, 0 }, { 0, 0 } };
	CHECK_OK(timer_settime(t, 0, &stop, NULL));
	/* One signal was queued for many expiries; the rest are overruns. */
	CHECK(rt_count >= 1);
	CHECK(rt_overrun >= 1);
	CHECK(timer_getoverrun(t) >= 0);
	CHECK_OK(timer_delete(t));
	CHECK_ERR(timer_settime(t, 0, &its, NULL), EINVAL);

	CHECK_ERR(timer_create((clockid_t)12345, &sev, &t), EINVAL);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	CHECK_OK(sigaction(SIGALRM, &sa, NULL));
	CHECK_OK(sigaction(SIGPROF, &sa, NULL));
	CHECK_OK(sigaction(SIGRTMIN, &sa, NULL));
	alarms();
	itimer_real();
	itimer_prof();
	posix_timers();
	return 0;
}
