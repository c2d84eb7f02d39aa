// SPDX-License-Identifier: GPL-2.0
/*
 * procfs_io: /proc/<pid>/io counts the read and write families: writes of
 * 3000 bytes in two calls raise wchar by at least 3000 and syscw by at
 * least 2, a 500-byte read raises rchar and syscr; a thread's I/O shows in
 * its task/<tid>/io and in the process's total, also after it exited.
 * Storage bytes are whatever the filesystem does (not checked).
 */
#include "t.h"
#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>

struct io { unsigned long long rchar, wchar, syscr, syscw; };

static struct io io_of(const char *path)
{
	struct io v = { 0 };
	char line[128];
	FILE *f = fopen(path, "r");

	CHECK(f != NULL);
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "rchar: %llu", &v.rchar);
		sscanf(line, "wchar: %llu", &v.wchar);
		sscanf(line, "syscr: %llu", &v.syscr);
		sscanf(line, "syscw: %llu", &v.syscw);
	}
	fclose(f);
	return v;
}

static char thread_io[64];

static void *worker(void *arg)
{
	char buf[4000] = { 0 };
	int fd = open("/dev/null", O_WRONLY);

	(void)arg;
	snprintf(thread_io, sizeof(thread_io), "/proc/self/task/%ld/io", (long)syscall(SYS_gettid));
	CHECK_EQ(write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	close(fd);
	struct io t = io_of(thread_io);
	CHECK(t.wchar >= sizeof(buf));
	CHECK(t.syscw >= 1);
	return NULL;
}

int main(void)
{
	char buf[2000] = { 0 };
	int out = CHECK_OK(open("/dev/null", O_WRONLY));
	int in = CHECK_OK(open("/dev/zero", O_RDONLY));
	struct io a, b, c;
	pthread_t th;

	a = io_of("/proc/self/io");
	CHECK_EQ(write(out, buf, 1000), 1000);
	CHECK_EQ(write(out, buf, 2000), 2000);
	CHECK_EQ(read(in, buf, 500), 500);
	b = io_of("/proc/self/io");
	CHECK(b.wchar >= a.wchar + 3000);
	CHECK(b.syscw >= a.syscw + 2);
	CHECK(b.rchar >= a.rchar + 500);
	CHECK(b.syscr >= a.syscr + 1);

	CHECK_EQ(pthread_create(&th, NULL, worker, NULL), 0);
	CHECK_EQ(pthread_join(th, NULL), 0);
	c = io_of("/proc/self/io");
	CHECK(c.wchar >= b.wchar + 4000);
	close(out);
	close(in);
	return 0;
}
