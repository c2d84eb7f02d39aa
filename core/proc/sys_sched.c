// SPDX-License-Identifier: GPL-2.0
/*
 * Scheduling attributes a task can be asked about: the policy calls
 * (sched_setscheduler and friends), I/O priorities (ioprio_get/set) and
 * membarrier. The scheduler (sched.c) reads t->nice and t->policy when it
 * sizes a slice; the I/O priority is only stored and reported, since no
 * I/O here queues behind another task's. Errors and checks follow Linux's
 * kernel/sched/syscalls.c, block/ioprio.c and kernel/sched/membarrier.c.
 */
#include "task.h"
#include "uaccess.h"
#include "uapi.h"

/* pid 0 is the caller; any other a thread id (find_process_by_pid). */
static struct task *sched_target(int pid)
{
	return pid ? task_by_tid(pid) : task_current();
}

static bool sched_valid_policy(int policy)
{
	return policy == SCHED_NORMAL || policy == SCHED_FIFO || policy == SCHED_RR ||
	       policy == SCHED_BATCH || policy == SCHED_IDLE || policy == SCHED_DEADLINE;
}

static bool sched_rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* Linux's check_same_owner: the caller's euid is the target's uid or euid. */
static bool sched_same_owner(const struct task *t)
{
	const struct cred *c = &task_current()->cred;

	return c->euid == t->cred.euid || c->euid == t->cred.uid;
}

/* user_check_sched_setscheduler, for a caller without CAP_SYS_NICE. */
static int sched_check_user(struct task *t, int policy, int prio, bool reset)
{
	if (sched_rt_policy(policy)) {
		u64 rlim = task_rlimit(t, RLIMIT_RTPRIO);

		if (policy != t->policy && !rlim)
			return -EPERM;
		if ((u64)prio > rlim)
			return -EPERM; /* no task here has an rt priority to keep */
	}
	/* leaving SCHED_IDLE is like lowering nice (is_nice_reduction) */
	if (t->policy == SCHED_IDLE && policy != SCHED_IDLE &&
	    (u64)(20 - t->nice) > task_rlimit(t, RLIMIT_NICE))
		return -EPERM;
	if (!sched_same_owner(t))
		return -EPERM;
	if (t->sched_reset_on_fork && !reset)
		return -EPERM;
	return 0;
}

/* __sched_setscheduler without a deadline class. policy -1 keeps the
 * policy (sched_setparam). */
static int sched_set(struct task *t, int policy, int prio)
{
	bool reset;
	int err;

	if (policy < 0) {
		policy = t->policy;
		reset = t->sched_reset_on_fork;
	} else {
		reset = policy & SCHED_RESET_ON_FORK;
		policy &= ~SCHED_RESET_ON_FORK;
		if (!sched_valid_policy(policy))
			return -EINVAL;
	}
	/* priority 1..99 for the realtime policies, 0 for the others; a
	 * deadline task needs sched_setattr's parameters */
	if (prio < 0 || prio > 99 || sched_rt_policy(policy) != (prio != 0) ||
	    policy == SCHED_DEADLINE)
		return -EINVAL;
	if (task_current()->cred.euid != 0) {
		err = sched_check_user(t, policy, prio, reset);
		if (err)
			return err;
	}
	if (sched_rt_policy(policy)) {
		/* The run queue has no realtime class, and a FIFO task
		 * that did not preempt everything else would be a lie:
		 * refused as an invalid policy rather than faked. */
		pr_once(LOG_WARNING, "uml: SCHED_FIFO/SCHED_RR not supported (EINVAL)\n");
		return -EINVAL;
	}
	t->policy = policy;
	t->sched_reset_on_fork = reset;
	return 0;
}

static long sched_set_user(int pid, int policy, u64 uparam)
{
	struct task *t;
	int prio;

	if (!uparam || pid < 0)
		return -EINVAL;
	if (copy_from_user(&prio, uparam, sizeof(prio)))
		return -EFAULT;
	t = sched_target(pid);
	if (!t)
		return -ESRCH;
	return sched_set(t, policy, prio);
}

long sys_sched_setscheduler(int pid, int policy, u64 uparam)
{
	if (policy < 0)
		return -EINVAL;
	return sched_set_user(pid, policy, uparam);
}

long sys_sched_setparam(int pid, u64 uparam)
{
	return sched_set_user(pid, -1, uparam);
}

long sys_sched_getscheduler(int pid)
{
	struct task *t;

	if (pid < 0)
		return -EINVAL;
	t = sched_target(pid);
	if (!t)
		return -ESRCH;
	return t->policy | (t->sched_reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

long sys_sched_getparam(int pid, u64 uparam)
{
	int prio = 0; /* no task has a realtime priority */

	if (!uparam || pid < 0)
		return -EINVAL;
	if (!sched_target(pid))
		return -ESRCH;
	return copy_to_user(uparam, &prio, sizeof(prio)) ? -EFAULT : 0;
}

long sys_sched_get_priority_max(int policy)
{
	if (sched_rt_policy(policy))
		return 99;
	return sched_valid_policy(policy) ? 0 : -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
	if (sched_rt_policy(policy))
		return 1;
	return sched_valid_policy(policy) ? 0 : -EINVAL;
}

/* The slice the task would get on our run queue now, as Linux gives the
 * fair class's slice. */
long sys_sched_rr_get_interval(int pid, u64 uts)
{
	struct task *t;
	s64 ts[2];
	s64 ns;

	if (pid < 0)
		return -EINVAL;
	t = sched_target(pid);
	if (!t)
		return -ESRCH;
	ns = sched_slice(t);
	ts[0] = ns / 1000000000;
	ts[1] = ns % 1000000000;
	return copy_to_user(uts, ts, sizeof(ts)) ? -EFAULT : 0;
}

/* ---- I/O priorities ---- */

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IOPRIO_WHO_USER 3
#define IOPRIO_CLASS_NONE 0
#define IOPRIO_CLASS_RT 1
#define IOPRIO_CLASS_BE 2
#define IOPRIO_CLASS_IDLE 3
#define IOPRIO_CLASS(p) (((p) >> 13) & 7)
#define IOPRIO_LEVEL(p) ((p) & 7)

/* ioprio_check_cap: the class must exist, NONE has no level, RT needs
 * CAP_SYS_NICE. The hint bits (3..12) are not checked, as on Linux. */
static int ioprio_check(int ioprio)
{
	switch (IOPRIO_CLASS(ioprio)) {
	case IOPRIO_CLASS_RT:
		return task_current()->cred.euid == 0 ? 0 : -EPERM;
	case IOPRIO_CLASS_BE:
	case IOPRIO_CLASS_IDLE:
		return 0;
	case IOPRIO_CLASS_NONE:
		return IOPRIO_LEVEL(ioprio) ? -EINVAL : 0;
	default:
		return -EINVAL;
	}
}

static bool ioprio_match(const struct task *t, int which, int who)
{
	if (t->state == TASK_DEAD || !t->proc)
		return false;
	if (which == IOPRIO_WHO_PGRP)
		return t->proc->pgid == who;
	return t->cred.uid == (u32)who;
}

static int ioprio_who(int which, int who)
{
	struct task *cur = task_current();

	if (who)
		return who;
	return which == IOPRIO_WHO_PGRP ? cur->proc->pgid : (int)cur->cred.uid;
}

/* set_task_ioprio: the target's uid must be the caller's uid or euid. */
static int ioprio_set_one(struct task *t, int ioprio)
{
	const struct cred *c = &task_current()->cred;

	if (c->euid != 0 && t->cred.uid != c->euid && t->cred.uid != c->uid)
		return -EPERM;
	t->ioprio = (u16)ioprio; /* Linux keeps an unsigned short */
	return 0;
}

long sys_ioprio_set(int which, int who, int ioprio)
{
	struct task *t;
	int err = ioprio_check(ioprio);

	if (err)
		return err;
	if (which == IOPRIO_WHO_PROCESS) {
		t = sched_target(who);
		return t ? ioprio_set_one(t, ioprio) : -ESRCH;
	}
	if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
		return -EINVAL;
	who = ioprio_who(which, who);
	err = -ESRCH;
	for (t = task_next(NULL); t; t = task_next(t)) {
		if (!ioprio_match(t, which, who))
			continue;
		err = ioprio_set_one(t, ioprio);
		if (err)
			break;
	}
	return err;
}

/* __get_task_ioprio: a class-less value stands for what the CPU policy
 * implies, idle for SCHED_IDLE, else best effort at level (nice + 20) / 5. */
static int ioprio_effective(const struct task *t)
{
	if (IOPRIO_CLASS(t->ioprio) != IOPRIO_CLASS_NONE)
		return t->ioprio;
	if (t->policy == SCHED_IDLE)
		return IOPRIO_CLASS_IDLE << 13 | (t->nice + 20) / 5;
	return IOPRIO_CLASS_BE << 13 | (t->nice + 20) / 5;
}

long sys_ioprio_get(int which, int who)
{
	struct task *t;
	long best = -ESRCH;

	if (which == IOPRIO_WHO_PROCESS) {
		t = sched_target(who);
		return t ? t->ioprio : -ESRCH;
	}
	if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
		return -EINVAL;
	who = ioprio_who(which, who);
	/* a group's is its best (lowest) effective value (ioprio_best); a
	 * single process's is what was set, class-less or not */
	for (t = task_next(NULL); t; t = task_next(t))
		if (ioprio_match(t, which, who))
			best = best == -ESRCH ? ioprio_effective(t) : MIN(best, ioprio_effective(t));
	return best;
}

/* ---- membarrier ---- */

#define MEMBARRIER_CMD_QUERY 0
#define MEMBARRIER_CMD_GLOBAL 1
#define MEMBARRIER_CMD_GLOBAL_EXPEDITED 2
#define MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED 4
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED 8
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED 16
#define MEMBARRIER_CMD_GET_REGISTRATIONS 512

/*
 * Why the barriers are free here: the guest kernel runs one task at a time
 * on one host thread, and every switch from one guest task to another goes
 * through the host kernel (ptrace stop, context switch), which orders
 * memory fully. So by the time membarrier returns, every other task has
 * either not run since the call began or has passed such a switch: the
 * barrier Linux sends IPIs for has already happened. The sync-core and
 * rseq commands need more than ordering and are not offered.
 */
#define MEMBARRIER_SUPPORTED (MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED | \
			      MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | \
			      MEMBARRIER_CMD_PRIVATE_EXPEDITED | \
			      MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED | \
			      MEMBARRIER_CMD_GET_REGISTRATIONS)

long sys_membarrier(int cmd, unsigned flags, int cpu_id)
{
	struct process *p = task_current()->proc;

	/* MEMBARRIER_CMD_FLAG_CPU is for the rseq command only */
	if (flags)
		return -EINVAL;
	switch (cmd) {
	case MEMBARRIER_CMD_QUERY:
		return MEMBARRIER_SUPPORTED;
	case MEMBARRIER_CMD_GLOBAL:
	case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
		return 0;
	case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
		p->membarrier_registered |= (unsigned)cmd;
		return 0;
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
		if (!(p->membarrier_registered & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED))
			return -EPERM;
		return 0;
	case MEMBARRIER_CMD_GET_REGISTRATIONS:
		return p->membarrier_registered;
	default:
		return -EINVAL;
	}
}
