// SPDX-License-Identifier: GPL-2.0
/*
 * poll_epoll_nest: an epoll fd watched by another epoll set. The outer set
 * reports the inner epoll fd as EPOLLIN (with the outer registration's
 * data) exactly while the inner set has a ready item, and poll() on an
 * epoll fd says the same; the inner set is not consumed by that. Adding a
 * set into itself through one or two other sets is ELOOP. A child's write
 * wakes a waiter two levels up. Closing the inner epoll fd removes it from
 * the outer set, even though the inner set's fd is still ready.
 */
#include "t.h"
#include <poll.h>
#include <sys/epoll.h>

static int add(int ep, int fd, uint32_t events, uint32_t data)
{
	struct epoll_event ev = { .events = events, .data.u32 = data };
	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static void two_levels(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	int ep = CHECK_OK(epoll_create1(0));
	CHECK_OK(add(ep, p[0], EPOLLIN, 1));
	int ep2 = CHECK_OK(epoll_create1(0));
	CHECK_OK(add(ep2, ep, EPOLLIN, 42));
	CHECK_ERR(add(ep, ep2, EPOLLIN, 0), ELOOP);        /* ep -> ep2 -> ep */

	struct epoll_event out[8];
	CHECK_EQ(epoll_wait(ep2, out, 8, 0), 0);
	struct pollfd pf = { ep, POLLIN, 0 };
	CHECK_EQ(poll(&pf, 1, 0), 0);

	t_write_all(p[1], "n", 1);
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK_EQ(pf.revents, POLLIN);
	CHECK_EQ(epoll_wait(ep2, out, 8, 0), 1);
	CHECK_EQ(out[0].data.u32, 42);
	CHECK_EQ(out[0].events, EPOLLIN);
	/* Level-triggered all the way: still there, and the inner set too. */
	CHECK_EQ(epoll_wait(ep2, out, 8, 0), 1);
	CHECK_EQ(epoll_wait(ep, out, 8, 0), 1);
	CHECK_EQ(out[0].data.u32, 1);
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(epoll_wait(ep2, out, 8, 0), 0);
	CHECK_EQ(poll(&pf, 1, 0), 0);

	/* A third level, and a cycle through all three. */
	int ep3 = CHECK_OK(epoll_create1(0));
	CHECK_OK(add(ep3, ep2, EPOLLIN, 43));
	CHECK_ERR(add(ep, ep3, EPOLLIN, 0), ELOOP);
	CHECK_EQ(epoll_wait(ep3, out, 8, 0), 0);

	/* A child's write wakes the outermost waiter. */
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		t_write_all(p[1], "w", 1);
		_exit(0);
	}
	CHECK_EQ(epoll_wait(ep3, out, 8, 10000), 1);
	CHECK_EQ(out[0].data.u32, 43);
	t_wait_ok(pid);
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(epoll_wait(ep3, out, 8, 0), 0);
	close(ep3);
	close(ep2);
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void close_inner(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	int in = CHECK_OK(epoll_create1(0)), outer = CHECK_OK(epoll_create1(0));
	CHECK_OK(add(in, p[0], EPOLLIN, 0));
	CHECK_OK(add(outer, in, EPOLLIN, 7));
	t_write_all(p[1], "q", 1);
	struct epoll_event out[8];
	CHECK_EQ(epoll_wait(outer, out, 8, 0), 1);
	CHECK_EQ(out[0].data.u32, 7);
	close(in);                      /* its only fd: gone from the outer set */
	CHECK_EQ(epoll_wait(outer, out, 8, 0), 0);
	t_write_all(p[1], "q", 1);
	CHECK_EQ(epoll_wait(outer, out, 8, 0), 0);
	close(outer);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	two_levels();
	close_inner();
	return 0;
}
