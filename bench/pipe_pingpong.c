/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pipe_pingpong: two processes pass one byte back and forth over two pipes.
 * One operation is a round trip: write + read in each process, and two
 * wake-ups with a switch between the processes each. On a host with two
 * CPUs the two may sit on different CPUs (cross-CPU wake-ups); run under
 * `taskset -c 0` to measure the same-CPU case.
 */
#include "bench.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static int to_child[2] = { -1, -1 }, to_parent[2] = { -1, -1 };
static pid_t child = -1;

static int pingpong_setup(void)
{
	char c;

	if (pipe(to_child) || pipe(to_parent))
		return bench_fail("pipe");
	child = fork();
	if (child < 0)
		return bench_fail("fork");
	if (child == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		/* Echo every byte until the parent closes its end. */
		while (read(to_child[0], &c, 1) == 1)
			if (write(to_parent[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(to_child[0]);
	close(to_parent[1]);
	return 0;
}

static int pingpong_run(long n, uint64_t *untimed_ns)
{
	char c = 'x';
	long i;

	for (i = 0; i < n; i++) {
		if (write(to_child[1], &c, 1) != 1)
			return bench_fail("write");
		if (read(to_parent[0], &c, 1) != 1)
			return errno ? bench_fail("read") : -EPIPE;
	}
	return 0;
}

static void pingpong_teardown(void)
{
	int status;

	if (to_child[1] >= 0)
		close(to_child[1]);
	if (to_parent[0] >= 0)
		close(to_parent[0]);
	if (child > 0)
		waitpid(child, &status, 0);
}

int main(int argc, char **argv)
{
	static const struct bench b = {
		.name = "pipe_pingpong", .ops_per_iter = 1, .setup = pingpong_setup,
		.run = pingpong_run, .teardown = pingpong_teardown,
	};

	return bench_main(&b, argc, argv);
}
