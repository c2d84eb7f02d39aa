/* SPDX-License-Identifier: GPL-2.0 */
/*
 * open_close: open an existing file read-only and close it. One operation is
 * open + close: path walk (/etc/passwd: two components, dentry cache hits),
 * file object and descriptor allocation, and their release. -f PATH picks
 * another file.
 */
#include "bench.h"

#include <fcntl.h>
#include <unistd.h>

static const char *path = "/etc/passwd";

static int open_close_run(long n, uint64_t *untimed_ns)
{
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return bench_fail(path);
		close(fd);
	}
	return 0;
}

static int open_close_opt(int c, const char *arg)
{
	if (c != 'f')
		return -1;
	path = arg;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct bench b = {
		.name = "open_close", .ops_per_iter = 1, .run = open_close_run,
		.opts = "f:", .opt = open_close_opt,
	};

	return bench_main(&b, argc, argv);
}
