// SPDX-License-Identifier: GPL-2.0
/*
 * poll_eventfd: eventfd counters. Writes add to the counter and a read
 * returns it and resets it to 0; in EFD_SEMAPHORE mode a read returns 1
 * and decrements; an empty counter reads EAGAIN when nonblocking and
 * blocks otherwise (woken by another process's write); buffers under 8
 * bytes and a write of 0xffffffffffffffff are EINVAL; a write that would
 * overflow blocks or is EAGAIN; poll shows POLLIN when nonzero and POLLOUT
 * while a write of 1 would fit; the initial value comes from eventfd();
 * EFD_NONBLOCK shows in F_GETFL.
 */
#include "t.h"
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>

static void counter(void)
{
	int fd = CHECK_OK(eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
	uint64_t v = 0;
	CHECK_EQ(read(fd, &v, 8), 8);
	CHECK_EQ(v, 5);
	CHECK_ERR(read(fd, &v, 8), EAGAIN);

	v = 3;
	CHECK_EQ(write(fd, &v, 8), 8);
	v = 4;
	CHECK_EQ(write(fd, &v, 8), 8);
	CHECK_EQ(read(fd, &v, 8), 8);
	CHECK_EQ(v, 7);

	char small[4];
	CHECK_ERR(read(fd, small, 4), EINVAL);
	CHECK_ERR(write(fd, small, 4), EINVAL);
	v = UINT64_MAX;
	CHECK_ERR(write(fd, &v, 8), EINVAL);

	/* Fill to the maximum; one more would overflow. */
	v = UINT64_MAX - 1;
	CHECK_EQ(write(fd, &v, 8), 8);
	struct pollfd pf = { fd, POLLIN | POLLOUT, 0 };
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK_EQ(pf.revents, POLLIN);
	v = 1;
	CHECK_ERR(write(fd, &v, 8), EAGAIN);
	CHECK_EQ(read(fd, &v, 8), 8);
	CHECK_EQ(v, UINT64_MAX - 1);
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK_EQ(pf.revents, POLLOUT);
	/* A larger read buffer is fine; still 8 bytes move. (Writes of more
	 * than 8 bytes differ between kernel versions, so are not tested.) */
	uint64_t two[2] = { 9, 9 };
	CHECK_EQ(write(fd, two, 8), 8);
	two[0] = 0;
	CHECK_EQ(read(fd, two, 16), 8);
	CHECK_EQ(two[0], 9);
	close(fd);
	CHECK_ERR(eventfd(0, 0x1234), EINVAL);
}

static void semaphore(void)
{
	int fd = CHECK_OK(eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK));
	uint64_t v;
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(read(fd, &v, 8), 8);
		CHECK_EQ(v, 1);
	}
	CHECK_ERR(read(fd, &v, 8), EAGAIN);
	close(fd);
}

static void blocking(void)
{
	int fd = CHECK_OK(eventfd(0, 0));
	pid_t pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		uint64_t one = 42;
		CHECK_EQ(write(fd, &one, 8), 8);
		_exit(0);
	}
	uint64_t v = 0;
	CHECK_EQ(read(fd, &v, 8), 8);          /* waits for the child */
	CHECK_EQ(v, 42);
	t_wait_ok(pid);

	/* A write that would overflow waits for a reader. */
	v = UINT64_MAX - 1;
	CHECK_EQ(write(fd, &v, 8), 8);
	pid = t_fork();
	if (pid == 0) {
		t_msleep(20);
		uint64_t r;
		CHECK_EQ(read(fd, &r, 8), 8);
		_exit(0);
	}
	v = 5;
	CHECK_EQ(write(fd, &v, 8), 8);
	t_wait_ok(pid);
	CHECK_EQ(read(fd, &v, 8), 8);
	CHECK_EQ(v, 5);
	close(fd);
}

int main(void)
{
	counter();
	semaphore();
	blocking();
	return 0;
}
