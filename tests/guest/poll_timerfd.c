// SPDX-License-Identifier: GPL-2.0
/*
 * poll_timerfd: timerfd. A relative one-shot expires after at least its
 * delay and a blocking read returns the expiration count 1; a periodic
 * timer counts every interval missed; a nonblocking read before expiry is
 * EAGAIN; timerfd_gettime shows the time left (never more than set) and
 * 0 once a one-shot has fired; setting 0 disarms and returns the old
 * value; TFD_TIMER_ABSTIME takes a clock deadline; poll sees expiry as
 * POLLIN; short buffers and bad clocks/flags/values are EINVAL.
 * Disarming a periodic timer returns its interval too. An absolute
 * CLOCK_MONOTONIC deadline blocks a read until it passes; an absolute
 * deadline 1 s in the past with a 100 ms interval reads at least 11
 * expirations at once; epoll reports an absolute CLOCK_REALTIME expiry;
 * timerfd_settime on a non-timerfd is EINVAL; CLOCK_BOOTTIME is accepted.
 */
#include "t.h"
#include <poll.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void one_shot(void)
{
	int fd = CHECK_OK(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	struct itimerspec its = { { 0, 0 }, { 0, 30 * 1000000L } }, cur;
	CHECK_OK(timerfd_gettime(fd, &cur));
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);

	int64_t t0 = now_ns();
	CHECK_OK(timerfd_settime(fd, 0, &its, NULL));
	CHECK_OK(timerfd_gettime(fd, &cur));
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 &&
	      cur.it_value.tv_nsec <= 30 * 1000000L);
	uint64_t n = 0;
	CHECK_EQ(read(fd, &n, 8), 8);             /* blocks until expiry */
	CHECK(now_ns() - t0 >= 30 * 1000000LL);
	CHECK_EQ(n, 1);
	CHECK_OK(timerfd_gettime(fd, &cur));
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);

	/* Nonblocking, before expiry. */
	CHECK_OK(fcntl(fd, F_SETFL, O_NONBLOCK));
	its.it_value.tv_sec = 10;
	CHECK_OK(timerfd_settime(fd, 0, &its, NULL));
	CHECK_ERR(read(fd, &n, 8), EAGAIN);
	struct pollfd pf = { fd, POLLIN, 0 };
	CHECK_EQ(poll(&pf, 1, 0), 0);

	/* Disarm: the old value comes back. */
	struct itimerspec off = { { 0, 0 }, { 0, 0 } }, old;
	CHECK_OK(timerfd_settime(fd, 0, &off, &old));
	CHECK(old.it_value.tv_sec >= 9 && old.it_value.tv_sec <= 10);
	CHECK_OK(timerfd_gettime(fd, &cur));
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
	CHECK_ERR(read(fd, &n, 8), EAGAIN);
	close(fd);
}

static void periodic(void)
{
	int fd = CHECK_OK(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
	struct itimerspec its = { { 0, 5 * 1000000L }, { 0, 5 * 1000000L } };
	CHECK_OK(timerfd_settime(fd, 0, &its, NULL));
	t_msleep(40);
	struct pollfd pf = { fd, POLLIN, 0 };
	CHECK_EQ(poll(&pf, 1, 0), 1);
	uint64_t n = 0;
	CHECK_EQ(read(fd, &n, 8), 8);
	CHECK(n >= 2);                           /* several intervals passed */
	struct itimerspec cur;
	CHECK_OK(timerfd_gettime(fd, &cur));
	CHECK_EQ(cur.it_interval.tv_nsec, 5 * 1000000L);
	char small[4];
	CHECK_ERR(read(fd, small, 4), EINVAL);
	struct itimerspec off = { { 0, 0 }, { 0, 0 } }, old;
	CHECK_OK(timerfd_settime(fd, 0, &off, &old));
	CHECK_EQ(old.it_interval.tv_sec, 0);
	CHECK_EQ(old.it_interval.tv_nsec, 5 * 1000000L);
	close(fd);
}

static void absolute(void)
{
	int fd = CHECK_OK(timerfd_create(CLOCK_REALTIME, 0));
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	struct itimerspec its = { { 0, 0 }, now };
	its.it_value.tv_nsec += 20 * 1000000L;
	if (its.it_value.tv_nsec >= 1000000000L) {
		its.it_value.tv_sec++;
		its.it_value.tv_nsec -= 1000000000L;
	}
	CHECK_OK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	uint64_t n = 0;
	CHECK_EQ(read(fd, &n, 8), 8);
	CHECK_EQ(n, 1);
	struct timespec after;
	clock_gettime(CLOCK_REALTIME, &after);
	CHECK(after.tv_sec > its.it_value.tv_sec ||
	      (after.tv_sec == its.it_value.tv_sec && after.tv_nsec >= its.it_value.tv_nsec));

	/* A deadline in the past fires at once. */
	its.it_value.tv_sec = 1;
	its.it_value.tv_nsec = 0;
	CHECK_OK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	CHECK_EQ(read(fd, &n, 8), 8);
	CHECK_EQ(n, 1);

	struct itimerspec bad = { { 0, 0 }, { 0, 1000000000L } };
	CHECK_ERR(timerfd_settime(fd, 0, &bad, NULL), EINVAL);
	CHECK_ERR(timerfd_settime(fd, 0x100, &its, NULL), EINVAL);
	close(fd);
	CHECK_ERR(timerfd_create(12345, 0), EINVAL);
	CHECK_ERR(timerfd_create(CLOCK_MONOTONIC, 0x1), EINVAL);
}

static struct timespec plus_ms(clockid_t clock, long ms)
{
	struct timespec t;
	clock_gettime(clock, &t);
	t.tv_nsec += ms * 1000000L;
	while (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

static void absolute_more(void)
{
	/* Monotonic deadline: a blocking read returns once it has passed. */
	int fd = CHECK_OK(timerfd_create(CLOCK_MONOTONIC, 0));
	struct itimerspec its = { { 0, 0 }, plus_ms(CLOCK_MONOTONIC, 30) };
	CHECK_OK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	uint64_t n = 0;
	CHECK_EQ(read(fd, &n, 8), 8);
	CHECK_EQ(n, 1);
	struct timespec after;
	clock_gettime(CLOCK_MONOTONIC, &after);
	CHECK(after.tv_sec > its.it_value.tv_sec ||
	      (after.tv_sec == its.it_value.tv_sec && after.tv_nsec >= its.it_value.tv_nsec));

	/* 1 s in the past, every 100 ms: expirations at -1 s, -0.9 s, ... 0 s. */
	clock_gettime(CLOCK_MONOTONIC, &its.it_value);
	its.it_value.tv_sec -= 1;
	its.it_interval.tv_nsec = 100 * 1000000L;
	CHECK_OK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	CHECK_EQ(read(fd, &n, 8), 8);
	CHECK(n >= 11);
	close(fd);

	/* Realtime deadline, seen through epoll. */
	fd = CHECK_OK(timerfd_create(CLOCK_REALTIME, 0));
	struct itimerspec rt = { { 0, 0 }, plus_ms(CLOCK_REALTIME, 30) };
	CHECK_OK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &rt, NULL));
	int ep = CHECK_OK(epoll_create1(0));
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 77 }, out;
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	CHECK_EQ(epoll_wait(ep, &out, 1, 10000), 1);
	CHECK_EQ(out.data.u32, 77);
	CHECK_EQ(out.events, EPOLLIN);
	CHECK_EQ(read(fd, &n, 8), 8);
	CHECK_EQ(n, 1);
	close(ep);
	close(fd);

	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(timerfd_settime(p[0], 0, &rt, NULL), EINVAL);
	close(p[0]);
	close(p[1]);
	fd = CHECK_OK(timerfd_create(CLOCK_BOOTTIME, 0));
	close(fd);
}

int main(void)
{
	one_shot();
	periodic();
	absolute();
	absolute_more();
	return 0;
}
