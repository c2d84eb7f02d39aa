// SPDX-License-Identifier: GPL-2.0
/*
 * sched_ioprio: ioprio_set/ioprio_get (raw syscalls). A value set for a
 * process reads back as set (class << 13 | level, hint bits kept, only
 * the low 16 bits stored) and a child inherits it; class NONE takes no
 * level (EINVAL), classes 4..7 and negative values are EINVAL, so is an
 * unknown "which"; a free pid is ESRCH. For a process group the best
 * (lowest) value wins, a class-less one counting as what nice and policy
 * imply: best effort at level (nice + 20) / 5, or idle under SCHED_IDLE.
 * As nobody: the realtime class and another user's process are EPERM.
 */
#include "t.h"
#include <grp.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#define WHO_PROCESS 1
#define WHO_PGRP 2
#define WHO_USER 3
#define V(class, data) (((class) << 13) | (data))
#define RT 1
#define BE 2
#define IDLE 3

static long io_set(int which, int who, int prio)
{
	return syscall(SYS_ioprio_set, which, who, prio);
}

static long io_get(int which, int who)
{
	return syscall(SYS_ioprio_get, which, who);
}

static void values(void)
{
	CHECK_OK(io_set(WHO_PROCESS, 0, V(BE, 7)));
	CHECK_EQ(io_get(WHO_PROCESS, 0), V(BE, 7));
	CHECK_EQ(io_get(WHO_PROCESS, getpid()), V(BE, 7));
	CHECK_OK(io_set(WHO_PROCESS, 0, V(IDLE, 0)));
	CHECK_EQ(io_get(WHO_PROCESS, 0), V(IDLE, 0));
	CHECK_OK(io_set(WHO_PROCESS, 0, V(BE, 4) | (1 << 3)));  /* a hint */
	CHECK_EQ(io_get(WHO_PROCESS, 0), V(BE, 4) | (1 << 3));
	CHECK_OK(io_set(WHO_PROCESS, 0, V(BE, 4) | (1 << 16)));
	CHECK_EQ(io_get(WHO_PROCESS, 0), V(BE, 4));
	CHECK_OK(io_set(WHO_PROCESS, 0, V(0, 0)));
	CHECK_EQ(io_get(WHO_PROCESS, 0), 0);
	if (geteuid() == 0) {
		CHECK_OK(io_set(WHO_PROCESS, 0, V(RT, 3)));
		CHECK_EQ(io_get(WHO_PROCESS, 0), V(RT, 3));
	}

	CHECK_ERR(io_set(WHO_PROCESS, 0, V(0, 1)), EINVAL);
	CHECK_ERR(io_set(WHO_PROCESS, 0, V(4, 0)), EINVAL);
	CHECK_ERR(io_set(WHO_PROCESS, 0, V(7, 0)), EINVAL);
	CHECK_ERR(io_set(WHO_PROCESS, 0, -1), EINVAL);
	CHECK_ERR(io_set(0, 0, V(BE, 4)), EINVAL);
	CHECK_ERR(io_set(4, 0, V(BE, 4)), EINVAL);
	CHECK_ERR(io_get(0, 0), EINVAL);
	CHECK_ERR(io_get(4, 0), EINVAL);

	CHECK_OK(io_set(WHO_PROCESS, 0, V(BE, 6)));
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(io_get(WHO_PROCESS, 0), V(BE, 6));
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_ERR(io_get(WHO_PROCESS, pid), ESRCH);
	CHECK_ERR(io_set(WHO_PROCESS, pid, V(BE, 4)), ESRCH);
}

static void groups(void)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setpgid(0, 0));
		CHECK_OK(io_set(WHO_PROCESS, 0, V(0, 0)));
		CHECK_OK(setpriority(PRIO_PROCESS, 0, 0));
		CHECK_EQ(io_get(WHO_PROCESS, 0), 0);
		CHECK_EQ(io_get(WHO_PGRP, 0), V(BE, 4));
		CHECK_OK(setpriority(PRIO_PROCESS, 0, 10));
		CHECK_EQ(io_get(WHO_PGRP, 0), V(BE, 6));
		struct sched_param sp = { 0 };
		CHECK_OK(syscall(SYS_sched_setscheduler, 0, SCHED_IDLE, &sp));
		CHECK_EQ(io_get(WHO_PGRP, 0), V(IDLE, 6));
		CHECK_OK(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp));
		CHECK_OK(setpriority(PRIO_PROCESS, 0, 0));
		int p[2];
		CHECK_OK(pipe(p));
		pid_t c = t_fork();
		if (c == 0) {
			char ch;
			close(p[1]);
			while (read(p[0], &ch, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
		close(p[0]);
		/* two class-less members: best effort, level 4 */
		CHECK_EQ(io_get(WHO_PGRP, 0), V(BE, 4));
		CHECK_OK(io_set(WHO_PROCESS, c, V(IDLE, 0)));
		CHECK_OK(io_set(WHO_PROCESS, 0, V(BE, 7)));
		CHECK_EQ(io_get(WHO_PGRP, getpgrp()), V(BE, 7));
		CHECK_OK(io_set(WHO_PGRP, 0, V(BE, 2)));
		CHECK_EQ(io_get(WHO_PROCESS, c), V(BE, 2));
		close(p[1]);
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
		CHECK_OK(setgroups(0, NULL));
		CHECK_OK(setresgid(65534, 65534, 65534));
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_ERR(io_set(WHO_PROCESS, 0, V(RT, 0)), EPERM);
		CHECK_ERR(io_set(WHO_PROCESS, parent, V(BE, 4)), EPERM);
		CHECK_OK(io_set(WHO_PROCESS, 0, V(IDLE, 0)));
		CHECK_EQ(io_get(WHO_PROCESS, 0), V(IDLE, 0));
		_exit(0);
	}
	t_wait_ok(pid);
}

int main(void)
{
	values();
	groups();
	if (geteuid() == 0)
		as_nobody();
	return 0;
}
