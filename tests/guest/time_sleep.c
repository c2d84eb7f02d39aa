// SPDX-License-Identifier: GPL-2.0
/*
 * time_sleep: sleeping. nanosleep and clock_nanosleep (relative and
 * TIMER_ABSTIME) sleep at least as long as asked (only lower bounds are
 * checked); an absolute deadline in the past returns at once; an
 * interrupted relative sleep reports the remaining time; bad arguments are
 * EINVAL. clock_nanosleep returns its error instead of setting errno.
 */
#include "t.h"
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>
#include <time.h>

static int64_t now_ns(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void relative(void)
{
	struct timespec req = { 0, 30 * 1000000L }, rem = { 9, 9 };
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_OK(nanosleep(&req, &rem));
	CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 30 * 1000000LL);

	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL), 0);
	CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 30 * 1000000LL);

	t0 = now_ns(CLOCK_REALTIME);
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, 0, &req, NULL), 0);
	CHECK(now_ns(CLOCK_REALTIME) - t0 >= 29 * 1000000LL);

	struct timespec zero = { 0, 0 };
	CHECK_OK(nanosleep(&zero, NULL));
}

static void absolute(void)
{
	struct timespec dl;
	clock_gettime(CLOCK_MONOTONIC, &dl);
	int64_t start = (int64_t)dl.tv_sec * 1000000000 + dl.tv_nsec;
	dl.tv_nsec += 30 * 1000000L;
	if (dl.tv_nsec >= 1000000000L) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000L;
	}
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL), 0);
	CHECK(now_ns(CLOCK_MONOTONIC) >= (int64_t)dl.tv_sec * 1000000000 + dl.tv_nsec);
	CHECK(now_ns(CLOCK_MONOTONIC) - start >= 30 * 1000000LL);

	/* A deadline long past: no sleep at all (well under a second). */
	struct timespec past = { 1, 0 };
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL), 0);
	CHECK(now_ns(CLOCK_MONOTONIC) - t0 < 1000000000LL);

	struct timespec rt;
	clock_gettime(CLOCK_REALTIME, &rt);
	rt.tv_sec -= 10;
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &rt, NULL), 0);
}

static void on_alarm(int sig) { (void)sig; }

static void interrupted(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	CHECK_OK(sigaction(SIGALRM, &sa, NULL));
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	struct timespec req = { 10, 0 }, rem = { 0, 0 };
	CHECK_ERR(nanosleep(&req, &rem), EINTR);
	/* Most of the 10 s is left. */
	CHECK(rem.tv_sec >= 5 && rem.tv_sec <= 10);
	CHECK(rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000L);

	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	memset(&rem, 0, sizeof(rem));
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem), EINTR);
	CHECK(rem.tv_sec >= 5 && rem.tv_sec <= 10);

	/* Absolute sleeps do not report a remainder; they just return EINTR. */
	struct timespec dl;
	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_sec += 10;
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL), EINTR);
}

static void errors(void)
{
	struct timespec bad = { 0, 1000000000L }, neg = { -1, 0 }, ok = { 0, 1 };
	CHECK_ERR(nanosleep(&bad, NULL), EINVAL);
	CHECK_ERR(nanosleep(&neg, NULL), EINVAL);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
	CHECK_EQ(clock_nanosleep((clockid_t)12345, 0, &ok, NULL), EINVAL);
	/* Sleeping on a thread's CPU clock is not supported. */
	CHECK_EQ(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &ok, NULL), EINVAL);
}

int main(void)
{
	relative();
	absolute();
	interrupted();
	errors();
	return 0;
}
