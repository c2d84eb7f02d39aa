// SPDX-License-Identifier: GPL-2.0
/*
 * sched_policy: nice values and scheduling policies as others see them.
 * setpriority on a child shows in its /proc/<pid>/stat as priority
 * 20 + nice and nice (fields 18 and 19), for positive and (as root)
 * negative values.
 */
#include "t.h"
#include <sys/resource.h>

/* Field number nr (1-based, as proc(5) counts) of /proc/<pid>/stat. */
static long stat_field(pid_t pid, int nr)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = CHECK_OK(open(path, O_RDONLY));
	size_t n = t_read_full(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	CHECK(p != NULL);
	p += 2;                                 /* field 3, the state */
	for (int i = 3; i < nr; i++) {
		p = strchr(p, ' ');
		CHECK(p != NULL);
		p++;
	}
	return strtol(p, NULL, 10);
}

/* A child that waits until its pipe closes. */
static pid_t sleeper(int *wfd)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = t_fork();
	if (pid == 0) {
		char c;
		close(p[1]);
		while (read(p[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(p[0]);
	*wfd = p[1];
	return pid;
}

static void nice_in_stat(void)
{
	int w;
	pid_t pid = sleeper(&w);
	CHECK_EQ(stat_field(pid, 18), 20 + getpriority(PRIO_PROCESS, 0));
	CHECK_OK(setpriority(PRIO_PROCESS, pid, 7));
	CHECK_EQ(stat_field(pid, 18), 27);
	CHECK_EQ(stat_field(pid, 19), 7);
	if (geteuid() == 0) {
		CHECK_OK(setpriority(PRIO_PROCESS, pid, -5));
		CHECK_EQ(stat_field(pid, 18), 15);
		CHECK_EQ(stat_field(pid, 19), -5);
	}
	close(w);
	t_wait_ok(pid);
}

int main(void)
{
	nice_in_stat();
	return 0;
}
