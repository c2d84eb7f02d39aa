/* SPDX-License-Identifier: GPL-2.0 */
/*
 * getpid: the cheapest system call, made raw (syscall(SYS_getpid), so no C
 * library cache can answer it). In a VM this is one full guest system call
 * round trip: compare it with sysemu_floor's host-only PTRACE_SYSEMU figure.
 */
#include "bench.h"

#include <sys/syscall.h>
#include <unistd.h>

static int getpid_run(long n, uint64_t *untimed_ns)
{
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getpid);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct bench b = {
		.name = "getpid", .ops_per_iter = 1, .run = getpid_run,
	};

	return bench_main(&b, argc, argv);
}
