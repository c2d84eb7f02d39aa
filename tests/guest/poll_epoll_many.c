// SPDX-License-Identifier: GPL-2.0
/*
 * poll_epoll_many: many registrations and their lifetime. With 100 ready
 * level-triggered pipes and maxevents 16, successive epoll_wait calls go
 * round the ready list (each call returns 16, the 7th call has seen all
 * 100; with two ready fds and maxevents 1 the second call returns the
 * other one); draining half leaves exactly the other half ready. A
 * registration lives as long as the open file: a dup keeps it (and the
 * key is the original fd, so EPOLL_CTL_DEL through the dup is ENOENT), the
 * last close drops it even while data is queued. Closing an epoll fd with
 * live registrations, or a child's epoll over inherited fds exiting, leaves
 * the files usable. One set mixes an EPOLLET|EPOLLONESHOT eventfd with a
 * timerfd; twenty child writes each wake one epoll_wait with one event.
 */
#include "t.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>

#define N 100
static int p[N][2];

static int add(int ep, int fd, uint32_t events, uint32_t data)
{
	struct epoll_event ev = { .events = events, .data.u32 = data };
	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static void round_robin(void)
{
	struct epoll_event out[16];
	char c;
	int ep = CHECK_OK(epoll_create1(0));
	for (int i = 0; i < N; i++) {
		CHECK_OK(pipe(p[i]));
		CHECK_OK(add(ep, p[i][0], EPOLLIN, i));
		t_write_all(p[i][1], "x", 1);
	}
	int seen[N] = { 0 }, total = 0, calls = 0;
	while (total < N && calls < 20) {
		CHECK_EQ(epoll_wait(ep, out, 16, 0), 16);
		calls++;
		for (int i = 0; i < 16; i++) {
			uint32_t k = out[i].data.u32;
			CHECK(k < N);
			if (!seen[k]) {
				seen[k] = 1;
				total++;
			}
		}
	}
	CHECK_EQ(total, N);
	CHECK_EQ(calls, 7);

	/* Drain the even ones: the odd ones, and only they, stay ready. */
	for (int i = 0; i < N; i += 2)
		CHECK_EQ(read(p[i][0], &c, 1), 1);
	int n;
	total = 0;
	while ((n = epoll_wait(ep, out, 16, 0)) > 0 && total <= N) {
		total += n;
		for (int i = 0; i < n; i++) {
			CHECK_EQ(out[i].data.u32 % 2, 1);
			CHECK_EQ(read(p[out[i].data.u32][0], &c, 1), 1);
		}
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(total, N / 2);

	/* A ready fd whose file is closed is not reported. */
	t_write_all(p[3][1], "x", 1);
	close(p[3][0]);
	CHECK_EQ(epoll_wait(ep, out, 16, 0), 0);
	/* Closing the epoll fd with 99 registrations; the pipes go on. */
	close(ep);
	for (int i = 0; i < N; i++)
		if (i != 3)
			t_write_all(p[i][1], "y", 1);

	/* A child's epoll over inherited ends, gone with the child. */
	pid_t pid = t_fork();
	if (pid == 0) {
		int e = CHECK_OK(epoll_create1(0));
		for (int i = 0; i < N; i++) {
			if (i == 3)
				continue;
			CHECK_OK(add(e, p[i][0], EPOLLIN | EPOLLOUT, i));
			CHECK_OK(add(e, p[i][1], EPOLLIN | EPOLLOUT, i));
		}
		CHECK_EQ(epoll_wait(e, out, 16, 0), 16);
		_exit(0);
	}
	t_wait_ok(pid);
	for (int i = 0; i < N; i++) {
		if (i == 3)
			continue;
		t_write_all(p[i][1], "z", 1);
		CHECK_EQ(read(p[i][0], out, sizeof(out)), 2);
		close(p[i][0]);
		close(p[i][1]);
	}
	close(p[3][1]);

	/* Two ready, room for one: the second call returns the other. */
	int a[2], b[2];
	CHECK_OK(pipe(a));
	CHECK_OK(pipe(b));
	ep = CHECK_OK(epoll_create1(0));
	CHECK_OK(add(ep, a[0], EPOLLIN, 1));
	CHECK_OK(add(ep, b[0], EPOLLIN, 2));
	t_write_all(a[1], "1", 1);
	t_write_all(b[1], "1", 1);
	CHECK_EQ(epoll_wait(ep, out, 1, 0), 1);
	uint32_t first = out[0].data.u32;
	CHECK_EQ(epoll_wait(ep, out, 1, 0), 1);
	CHECK(out[0].data.u32 != first);
	CHECK_EQ(epoll_wait(ep, out, 16, 0), 2);
	close(ep);
	close(a[0]); close(a[1]); close(b[0]); close(b[1]);
}

static void dup_lifetime(void)
{
	int q[2];
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 1000 }, out[4];
	CHECK_OK(pipe(q));
	int ep = CHECK_OK(epoll_create1(0));
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
	int d = CHECK_OK(dup(q[0]));
	close(q[0]);
	t_write_all(q[1], "d", 1);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);            /* still there via the dup */
	CHECK_EQ(out[0].data.u32, 1000);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, d, NULL), ENOENT);  /* key: (file, fd) */
	close(d);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 0);            /* gone with the last fd */
	close(q[1]);
	close(ep);
}

static void mixed_set(void)
{
	struct epoll_event out[16];
	int e = CHECK_OK(epoll_create1(0));
	int efd = CHECK_OK(eventfd(0, EFD_NONBLOCK));
	int tfd = CHECK_OK(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
	CHECK_OK(add(e, efd, EPOLLIN | EPOLLET | EPOLLONESHOT, 1));
	CHECK_OK(add(e, tfd, EPOLLIN, 2));
	uint64_t v = 1;
	CHECK_EQ(write(efd, &v, 8), 8);
	CHECK_EQ(epoll_wait(e, out, 16, 10000), 1);
	CHECK_EQ(out[0].data.u32, 1);
	/* Armed only now, so the eventfd's report above stood alone. */
	struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000000L } };
	CHECK_OK(timerfd_settime(tfd, 0, &its, NULL));
	CHECK_EQ(write(efd, &v, 8), 8);                    /* oneshot: disarmed */
	CHECK_EQ(epoll_wait(e, out, 16, 10000), 1);
	CHECK_EQ(out[0].data.u32, 2);
	CHECK_EQ(read(tfd, &v, 8), 8);
	CHECK_EQ(epoll_wait(e, out, 16, 20), 0);
	close(e);
	close(efd);
	close(tfd);
}

static void many_wakeups(void)
{
	int a[2];
	struct epoll_event out[16];
	char c;
	CHECK_OK(pipe(a));
	int e = CHECK_OK(epoll_create1(0));
	CHECK_OK(add(e, a[0], EPOLLIN, 9));
	for (int i = 0; i < 20; i++) {
		pid_t pid = t_fork();
		if (pid == 0) {
			t_write_all(a[1], "k", 1);
			_exit(0);
		}
		CHECK_EQ(epoll_wait(e, out, 16, 10000), 1);
		CHECK_EQ(out[0].data.u32, 9);
		CHECK_EQ(read(a[0], &c, 1), 1);
		t_wait_ok(pid);
	}
	close(e);
	close(a[0]);
	close(a[1]);
}

int main(void)
{
	round_robin();
	dup_lifetime();
	mixed_set();
	many_wakeups();
	return 0;
}
