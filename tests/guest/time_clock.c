// SPDX-License-Identifier: GPL-2.0
/*
 * time_clock: reading clocks. CLOCK_MONOTONIC (and _RAW, _COARSE,
 * BOOTTIME) never go backwards, through the vDSO or the raw syscall;
 * CLOCK_REALTIME, gettimeofday and time() agree with each other; the
 * process and thread CPU clocks advance with work; clock_getres is sane;
 * bad clock ids are EINVAL and bad pointers EFAULT.
 */
#include "t.h"
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

static int64_t ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static void monotonic(clockid_t id)
{
	struct timespec a, b;
	CHECK_OK(clock_gettime(id, &a));
	CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
	for (int i = 0; i < 2000; i++) {
		/* Alternate vDSO and raw syscall: both read the same clock. */
		if (i & 1)
			CHECK_OK(syscall(SYS_clock_gettime, id, &b));
		else
			CHECK_OK(clock_gettime(id, &b));
		CHECK(b.tv_nsec >= 0 && b.tv_nsec < 1000000000);
		if (ns(&b) < ns(&a))
			t_failf(__FILE__, __LINE__, "clock %d went back (got %lld, want >= %lld)",
				(int)id, (long long)ns(&b), (long long)ns(&a));
		a = b;
	}
}

static void realtime(void)
{
	struct timespec ts;
	struct timeval tv;
	time_t t0, t1;

	t0 = time(NULL);
	CHECK_OK(clock_gettime(CLOCK_REALTIME, &ts));
	CHECK_OK(gettimeofday(&tv, NULL));
	t1 = time(NULL);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	/* All three within the same couple of seconds, and after 2020. */
	CHECK(ts.tv_sec >= t0 && ts.tv_sec <= t1 + 1);
	CHECK(tv.tv_sec >= ts.tv_sec && tv.tv_sec <= t1 + 1);
	CHECK(t0 > 1577836800);
	time_t t2;
	CHECK_EQ(time(&t2), t2);
	CHECK_EQ(syscall(SYS_time, NULL) >= t1, 1);
}

static void cpu_clocks(void)
{
	struct timespec p0, p1, t0, t1;
	CHECK_OK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p0));
	CHECK_OK(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0));
	/* Burn until the clock moves (no fixed amount of time is assumed). */
	volatile unsigned long x = 0;
	for (int i = 0; i < 2000; i++) {
		for (int j = 0; j < 100000; j++)
			x += j;
		CHECK_OK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p1));
		if (ns(&p1) > ns(&p0))
			break;
	}
	CHECK(ns(&p1) > ns(&p0));
	CHECK_OK(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1));
	CHECK(ns(&t1) >= ns(&t0));
}

static void resolution_and_errors(void)
{
	struct timespec res;
	static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME,
		CLOCK_MONOTONIC_RAW, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID };
	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		memset(&res, 0xff, sizeof(res));
		CHECK_OK(clock_getres(ids[i], &res));
		CHECK_EQ(res.tv_sec, 0);
		CHECK(res.tv_nsec > 0 && res.tv_nsec <= 10000000);
	}
	CHECK_OK(clock_getres(CLOCK_MONOTONIC, NULL));
	CHECK_ERR(clock_gettime((clockid_t)12345, &res), EINVAL);
	CHECK_ERR(clock_getres((clockid_t)12345, &res), EINVAL);
	CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)8), EFAULT);
	CHECK_ERR(syscall(SYS_gettimeofday, (void *)8, NULL), EFAULT);
}

static void boottime_vs_monotonic(void)
{
	struct timespec m, b;
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &m));
	CHECK_OK(clock_gettime(CLOCK_BOOTTIME, &b));
	/* Boot time counts suspend too, so it is never behind. */
	CHECK(ns(&b) >= ns(&m));
}

int main(void)
{
	monotonic(CLOCK_MONOTONIC);
	monotonic(CLOCK_MONOTONIC_RAW);
	monotonic(CLOCK_MONOTONIC_COARSE);
	monotonic(CLOCK_BOOTTIME);
	realtime();
	cpu_clocks();
	resolution_and_errors();
	boottime_vs_monotonic();
	return 0;
}
