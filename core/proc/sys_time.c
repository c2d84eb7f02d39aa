// SPDX-License-Identifier: GPL-2.0
/*
 * Time system calls: clocks, sleeps (restartable, with the remaining time
 * written back on a signal as Linux does), alarm and interval timers
 * (ITIMER_REAL; VIRTUAL and PROF count guest time only approximately).
 */
#include "task.h"
#include "uaccess.h"
#include "uapi.h"

#define NSEC 1000000000LL

int timespec_from_user(u64 uts, s64 *ns)
{
	s64 ts[2];

	if (copy_from_user(ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= NSEC)
		return -EINVAL;
	if (ts[0] > (S64_MAX / NSEC) - 1)
		*ns = S64_MAX / 2;
	else
		*ns = ts[0] * NSEC + ts[1];
	return 0;
}

static int timespec_to_user(u64 uts, s64 ns)
{
	s64 ts[2] = { ns / NSEC, ns % NSEC };

	return copy_to_user(uts, ts, sizeof(ts));
}

static s64 thread_cpu_ns(struct task *t)
{
	return (s64)(t->utime + t->stime);
}

static s64 process_cpu_ns(struct process *p)
{
	struct task *th;
	s64 ns = (s64)(p->utime + p->stime);

	list_for_each_entry(th, &p->threads, thread_link)
		ns += thread_cpu_ns(th);
	return ns;
}

static int clock_read(int clk, s64 *ns)
{
	struct task *t = task_current();

	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
		*ns = time_real();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		*ns = time_mono();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		*ns = process_cpu_ns(t->proc);
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = thread_cpu_ns(t);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_clock_gettime(int clk, u64 uts)
{
	s64 ns;
	int err = clock_read(clk, &ns);

	if (err)
		return err;
	return timespec_to_user(uts, ns) ? -EFAULT : 0;
}

long sys_clock_getres(int clk, u64 uts)
{
	s64 ns;
	int err = clock_read(clk, &ns);

	if (err)
		return err;
	if (!uts)
		return 0;
	return timespec_to_user(uts, (clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE)
					     ? 4000000 : 1) ? -EFAULT : 0;
}

long sys_clock_settime(int clk, u64 uts)
{
	if (clk != CLOCK_REALTIME)
		return -EINVAL;
	return task_current()->cred.euid ? -EPERM : -EPERM; /* the host's clock is not ours */
}

long sys_gettimeofday(u64 utv, u64 utz)
{
	s64 ns = time_real();
	s64 tv[2] = { ns / NSEC, (ns % NSEC) / 1000 };
	int tz[2] = { 0, 0 };

	if (utv && copy_to_user(utv, tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

long sys_time(u64 ut)
{
	s64 t = time_real() / NSEC;

	if (ut && copy_to_user(ut, &t, sizeof(t)))
		return -EFAULT;
	return (long)t;
}

/* Sleep until the monotonic deadline; a signal interrupts. */
static long sleep_until(s64 deadline)
{
	int err;

	do {
		err = sched_sleep(TASK_INTERRUPTIBLE, deadline);
	} while (err == 0);
	return err == -ETIMEDOUT ? 0 : -EINTR;
}

static long nanosleep_restart(struct restart_block *rb)
{
	s64 deadline = (s64)rb->arg[0];
	u64 urem = rb->arg[1];

	if (sleep_until(deadline) == 0)
		return 0;
	if (urem && timespec_to_user(urem, MAX(deadline - time_mono(), 0)))
		return -EFAULT;
	return -ERESTART_RESTARTBLOCK;
}

static long do_nanosleep(s64 deadline, u64 urem, bool restart_abs)
{
	struct task *t = task_current();

	if (sleep_until(deadline) == 0)
		return 0;
	if (restart_abs)
		return -ERESTARTNOHAND; /* absolute sleeps simply restart */
	if (urem && timespec_to_user(urem, MAX(deadline - time_mono(), 0)))
		return -EFAULT;
	t->restart.fn = nanosleep_restart;
	t->restart.arg[0] = (u64)deadline;
	t->restart.arg[1] = urem;
	return -ERESTART_RESTARTBLOCK;
}

long sys_nanosleep(u64 ureq, u64 urem)
{
	s64 ns;
	int err = timespec_from_user(ureq, &ns);

	if (err)
		return err;
	return do_nanosleep(time_mono() + ns, urem, false);
}

long sys_clock_nanosleep(int clk, int flags, u64 ureq, u64 urem)
{
	s64 ns, now;
	int err;

	if (clk == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	err = clock_read(clk, &now);
	if (err)
		return err == -EINVAL ? -EINVAL : err;
	if (clk == CLOCK_PROCESS_CPUTIME_ID)
		return -EOPNOTSUPP;
	err = timespec_from_user(ureq, &ns);
	if (err)
		return err;
	if (flags & TIMER_ABSTIME) {
		/* convert the target on clk to our monotonic clock */
		s64 mono = time_mono() + (ns - now);

		return do_nanosleep(mono, 0, true);
	}
	return do_nanosleep(time_mono() + ns, urem, false);
}

/* ---- ITIMER_REAL / alarm ---- */

static void itimer_real_fire(struct ktimer *tm)
{
	struct process *p = container_of(tm, struct process, itimer_real);
	struct ksiginfo info;

	memset(&info, 0, sizeof(info));
	info.signo = SIGALRM;
	info.code = SI_KERNEL;
	signal_send_process(p, SIGALRM, &info);
	if (p->itimer_real_interval)
		timer_arm(tm, tm->expires + p->itimer_real_interval);
}

static s64 itimer_remaining(struct process *p)
{
	if (!p->itimer_real.armed)
		return 0;
	return MAX(p->itimer_real.expires - time_mono(), 1000);
}

static void itimer_set(struct process *p, s64 value, s64 interval)
{
	if (!p->itimer_real.fn)
		timer_init(&p->itimer_real, itimer_real_fire);
	timer_cancel(&p->itimer_real);
	p->itimer_real_interval = interval;
	if (value)
		timer_arm(&p->itimer_real, time_mono() + value);
}

long sys_alarm(unsigned secs)
{
	struct process *p = task_current()->proc;
	s64 left = itimer_remaining(p);

	itimer_set(p, (s64)secs * NSEC, 0);
	/* round the old value to seconds, at least 1 if any was left */
	return left ? (long)((left + NSEC / 2) / NSEC) + ((left + NSEC / 2) / NSEC == 0) : 0;
}

struct itimerval_k {
	s64 interval_sec, interval_usec, value_sec, value_usec;
};

long sys_getitimer(int which, u64 uval)
{
	struct process *p = task_current()->proc;
	struct itimerval_k v;
	s64 left;

	if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) {
		memset(&v, 0, sizeof(v));
		return copy_to_user(uval, &v, sizeof(v)) ? -EFAULT : 0;
	}
	if (which != ITIMER_REAL)
		return -EINVAL;
	left = itimer_remaining(p);
	v.interval_sec = p->itimer_real_interval / NSEC;
	v.interval_usec = (p->itimer_real_interval % NSEC) / 1000;
	v.value_sec = left / NSEC;
	v.value_usec = (left % NSEC) / 1000;
	return copy_to_user(uval, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(int which, u64 unew, u64 uold)
{
	struct process *p = task_current()->proc;
	struct itimerval_k v;
	long err;

	if (which != ITIMER_REAL) {
		if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) {
			pr_once(LOG_WARNING, "uml: setitimer(ITIMER_VIRTUAL/PROF) not supported\n");
			return -EINVAL;
		}
		return -EINVAL;
	}
	if (uold) {
		err = sys_getitimer(which, uold);
		if (err)
			return err;
	}
	if (!unew)
		return 0;
	if (copy_from_user(&v, unew, sizeof(v)))
		return -EFAULT;
	if (v.value_usec < 0 || v.value_usec >= 1000000 || v.interval_usec < 0 ||
	    v.interval_usec >= 1000000 || v.value_sec < 0 || v.interval_sec < 0)
		return -EINVAL;
	itimer_set(p, v.value_sec * NSEC + v.value_usec * 1000,
		   v.interval_sec * NSEC + v.interval_usec * 1000);
	return 0;
}
