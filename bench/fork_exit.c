/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fork_exit: fork a child that exits at once, wait for it. One operation is
 * the whole fork + _exit + waitpid: address-space copy (copy-on-write setup),
 * task creation, exit, reaping. The parent is a small static program, so the
 * address space copied is a few hundred KiB.
 */
#include "bench.h"

#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

static int fork_exit_run(long n, uint64_t *untimed_ns)
{
	int status;
	long i;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0)
			return bench_fail("fork");
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, &status, 0) != pid)
			return bench_fail("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			return -ECHILD;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct bench b = {
		.name = "fork_exit", .ops_per_iter = 1, .run = fork_exit_run,
	};

	return bench_main(&b, argc, argv);
}
