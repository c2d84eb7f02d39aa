// SPDX-License-Identifier: GPL-2.0
/*
 * sched_policy: nice values and scheduling policies as others see them.
 * setpriority on a child shows in its /proc/<pid>/stat as priority
 * 20 + nice and nice (fields 18 and 19), for positive and (as root)
 * negative values. The policy calls (raw syscalls): SCHED_OTHER/BATCH/IDLE
 * with priority 0 set and read back (also in stat field 41), priority
 * ranges 1..99 for FIFO/RR and 0 for the others, EINVAL for bad policies,
 * priorities, pids and NULL params, ESRCH; SCHED_RESET_ON_FORK shows in
 * getscheduler and gives a child no negative nice; as nobody (no rtprio
 * or nice rlimit) FIFO, leaving SCHED_IDLE and another's process are
 * EPERM; sched_rr_get_interval is under a second. Whether root may use
 * SCHED_FIFO is not checked: the VM refuses it (no realtime class).
 */
#include "t.h"
#include <grp.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>

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

static long set_sched(pid_t pid, int policy, int prio)
{
	struct sched_param sp = { .sched_priority = prio };
	return syscall(SYS_sched_setscheduler, pid, policy, &sp);
}

static long get_sched(pid_t pid)
{
	return syscall(SYS_sched_getscheduler, pid);
}

static void ranges(void)
{
	CHECK_EQ(syscall(SYS_sched_get_priority_max, SCHED_FIFO), 99);
	CHECK_EQ(syscall(SYS_sched_get_priority_min, SCHED_FIFO), 1);
	CHECK_EQ(syscall(SYS_sched_get_priority_max, SCHED_RR), 99);
	CHECK_EQ(syscall(SYS_sched_get_priority_min, SCHED_RR), 1);
	int fair[] = { SCHED_OTHER, SCHED_BATCH, SCHED_IDLE };
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(syscall(SYS_sched_get_priority_max, fair[i]), 0);
		CHECK_EQ(syscall(SYS_sched_get_priority_min, fair[i]), 0);
	}
	CHECK_ERR(syscall(SYS_sched_get_priority_max, -1), EINVAL);
	CHECK_ERR(syscall(SYS_sched_get_priority_min, 100), EINVAL);
}

static void policies(void)
{
	int w;
	pid_t pid = sleeper(&w);
	struct sched_param sp = { .sched_priority = 42 };

	CHECK_EQ(get_sched(pid), SCHED_OTHER);
	CHECK_OK(syscall(SYS_sched_getparam, pid, &sp));
	CHECK_EQ(sp.sched_priority, 0);
	CHECK_OK(set_sched(pid, SCHED_BATCH, 0));
	CHECK_EQ(get_sched(pid), SCHED_BATCH);
	CHECK_EQ(stat_field(pid, 41), SCHED_BATCH);
	CHECK_EQ(stat_field(pid, 40), 0);
	CHECK_OK(set_sched(pid, SCHED_IDLE, 0));
	CHECK_EQ(get_sched(pid), SCHED_IDLE);
	CHECK_EQ(stat_field(pid, 41), SCHED_IDLE);
	sp.sched_priority = 0;
	CHECK_OK(syscall(SYS_sched_setparam, pid, &sp));  /* keeps the policy */
	CHECK_EQ(get_sched(pid), SCHED_IDLE);
	sp.sched_priority = 1;
	CHECK_ERR(syscall(SYS_sched_setparam, pid, &sp), EINVAL);
	if (geteuid() == 0)
		CHECK_OK(set_sched(pid, SCHED_OTHER, 0));
	CHECK_ERR(set_sched(pid, SCHED_OTHER, 1), EINVAL);
	CHECK_ERR(set_sched(pid, SCHED_FIFO, 0), EINVAL);
	CHECK_ERR(set_sched(pid, SCHED_RR, 100), EINVAL);
	CHECK_ERR(set_sched(pid, 4, 0), EINVAL);
	CHECK_ERR(set_sched(pid, -1, 0), EINVAL);
	CHECK_ERR(syscall(SYS_sched_setscheduler, pid, SCHED_OTHER, NULL), EINVAL);
	CHECK_ERR(set_sched(-1, SCHED_OTHER, 0), EINVAL);
	CHECK_ERR(get_sched(-1), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getparam, 0, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getparam, 0, (void *)8), EFAULT);

	struct timespec ts = { 7, 7 };
	CHECK_OK(syscall(SYS_sched_rr_get_interval, pid, &ts));
	CHECK_EQ(ts.tv_sec, 0);
	CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	CHECK_ERR(syscall(SYS_sched_rr_get_interval, -1, &ts), EINVAL);
	close(w);
	t_wait_ok(pid);
	/* the child is reaped: its pid is (for now) free */
	CHECK_ERR(get_sched(pid), ESRCH);
	CHECK_ERR(set_sched(pid, SCHED_OTHER, 0), ESRCH);
	CHECK_ERR(syscall(SYS_sched_rr_get_interval, pid, &ts), ESRCH);
}

static void reset_on_fork(void)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setpriority(PRIO_PROCESS, 0, -3));
		CHECK_OK(set_sched(0, SCHED_BATCH | SCHED_RESET_ON_FORK, 0));
		CHECK_EQ(get_sched(0), SCHED_BATCH | SCHED_RESET_ON_FORK);
		pid_t c = t_fork();
		if (c == 0) {
			CHECK_EQ(get_sched(0), SCHED_BATCH);  /* the flag is not inherited */
			CHECK_EQ(getpriority(PRIO_PROCESS, 0), 0);
			_exit(0);
		}
		t_wait_ok(c);
		_exit(0);
	}
	t_wait_ok(pid);
}

static void as_nobody(void)
{
	pid_t parent = getpid();
	pid_t pid = t_fork();
	if (pid == 0) {
		struct rlimit zero = { 0, 0 };
		CHECK_OK(setrlimit(RLIMIT_RTPRIO, &zero));
		CHECK_OK(setrlimit(RLIMIT_NICE, &zero));
		CHECK_OK(setgroups(0, NULL));
		CHECK_OK(setresgid(65534, 65534, 65534));
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_ERR(set_sched(0, SCHED_FIFO, 1), EPERM);
		CHECK_ERR(set_sched(parent, SCHED_BATCH, 0), EPERM);
		CHECK_OK(set_sched(0, SCHED_BATCH, 0));
		CHECK_OK(set_sched(0, SCHED_IDLE, 0));
		CHECK_ERR(set_sched(0, SCHED_OTHER, 0), EPERM);
		CHECK_EQ(get_sched(0), SCHED_IDLE);
		_exit(0);
	}
	t_wait_ok(pid);
}

int main(void)
{
	nice_in_stat();
	ranges();
	policies();
	reset_on_fork();
	if (geteuid() == 0)
		as_nobody();
	return 0;
}
