// SPDX-License-Identifier: GPL-2.0
/*
 * Time system calls: clocks (wall clocks and the CPU clocks of
 * cputimer.c, dynamic pid clocks included), sleeps (restartable, with the
 * remaining time written back on a signal as Linux does), alarm and the
 * interval timers: ITIMER_REAL on a kernel timer, ITIMER_VIRTUAL and
 * ITIMER_PROF on the process's user and user+system CPU clocks.
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

/* A CPU clock id (Linux's posix-cpu-timers encoding: ~pid << 3, bit 2 per
 * thread, low bits PROF/VIRT/SCHED; CLOCK_PROCESS/THREAD_CPUTIME_ID are
 * pid 0) to whose clock it is: *p for a process, *t for a thread (then *p
 * is its process). -EINVAL if no such clock (Linux's pid_for_clock). */
int cpuclock_resolve(int clk, bool gettime, struct process **p, struct task **t, int *clock)
{
	struct task *cur = task_current();
	bool thread;
	int pid;

	if (clk == CLOCK_PROCESS_CPUTIME_ID || clk == CLOCK_THREAD_CPUTIME_ID) {
		*p = cur->proc;
		*t = clk == CLOCK_THREAD_CPUTIME_ID ? cur : NULL;
		*clock = CPUCLOCK_SCHED;
		return 0;
	}
	if (clk >= 0 || (clk & 3) == 3)
		return -EINVAL;
	thread = clk & 4;
	pid = ~(clk >> 3);
	*clock = clk & 3;
	if (pid == 0) {
		*p = cur->proc;
		*t = thread ? cur : NULL;
		return 0;
	}
	*t = task_by_tid(pid);
	if (thread) {
		if (!*t || (*t)->proc != cur->proc)
			return -EINVAL;
		*p = cur->proc;
		return 0;
	}
	/* A process clock needs a process id (or, to read it, our own tid). */
	if (*t && (*t)->proc->pid != pid && !(gettime && *t == cur))
		return -EINVAL;
	*p = *t ? (*t)->proc : process_by_pid(pid);
	*t = NULL;
	if (!*p || ((*p)->flags & PROC_ZOMBIE))
		return -EINVAL;
	return 0;
}

static int clock_read(int clk, s64 *ns)
{
	struct process *p;
	struct task *t;
	int clock, err;

	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI: /* TAI offset 0 until set, as on a fresh Linux */
		*ns = time_real();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		*ns = time_mono();
		return 0;
	default:
		err = cpuclock_resolve(clk, true, &p, &t, &clock);
		if (err)
			return err;
		*ns = (s64)(t ? cputime_thread(t, clock) : cputime_process(p, clock));
		return 0;
	}
}

/* For posix_timer.c: the current time on clk. */
long clock_read_ns(int clk, s64 *ns)
{
	return clock_read(clk, ns);
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

static struct sys_time_state {
	s32 tz[2];   /* settimeofday's timezone: minuteswest, dsttime */
} sys_time_state;

/* Linux's do_sys_settimeofday64: a valid time before year 2262 (EINVAL),
 * CAP_SYS_TIME (EPERM), a timezone within 15 hours. */
static long set_time(const s64 *ns, const s32 *tz)
{
	if (ns && (*ns < 0 || *ns / NSEC >= (S64_MAX / NSEC) / 2))
		return -EINVAL;
	if (task_current()->cred.euid != 0)
		return -EPERM;
	if (tz) {
		if (tz[0] > 15 * 60 || tz[0] < -15 * 60)
			return -EINVAL;
		sys_time_state.tz[0] = tz[0];
		sys_time_state.tz[1] = tz[1];
	}
	if (ns)
		time_set_real(*ns);
	return 0;
}

long sys_clock_settime(int clk, u64 uts)
{
	s64 ns;
	int err;

	if (clk != CLOCK_REALTIME)
		return -EINVAL; /* only the realtime clock can be set (Linux: no clock_set) */
	err = timespec_from_user(uts, &ns);
	if (err)
		return err;
	return set_time(&ns, NULL);
}

long sys_settimeofday(u64 utv, u64 utz)
{
	s64 tv[2], ns = 0;
	s32 tz[2];

	if (utv) {
		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv[1] >= 1000000 || tv[1] < 0 || tv[0] < 0)
			return -EINVAL;
		ns = tv[0] * NSEC + tv[1] * 1000;
	}
	if (utz && copy_from_user(tz, utz, sizeof(tz)))
		return -EFAULT;
	return set_time(utv ? &ns : NULL, utz ? tz : NULL);
}

long sys_gettimeofday(u64 utv, u64 utz)
{
	s64 ns = time_real();
	s64 tv[2] = { ns / NSEC, (ns % NSEC) / 1000 };
	s32 *tz = sys_time_state.tz;

	if (utv && copy_to_user(utv, tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, tz, sizeof(sys_time_state.tz)))
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

/* Sleeping on a CPU clock (Linux's posix_cpu_nsleep): a CPU timer on it
 * wakes us; the clock advances only while its owner runs. */
struct cpu_sleep {
	struct cpu_timer ct;
	struct task *task;
	bool fired;
};

static void cpu_sleep_fire(struct cpu_timer *ct)
{
	struct cpu_sleep *cs = container_of(ct, struct cpu_sleep, ct);

	cs->fired = true;
	task_wake(cs->task);
}

static long cpu_nanosleep_restart(struct restart_block *rb);

static long cpu_nanosleep(int clk, s64 expires, u64 urem, bool abs)
{
	struct task *cur = task_current();
	struct cpu_sleep cs = { .task = cur };
	struct process *p;
	struct task *t;
	int clock, err;
	s64 left;

	err = cpuclock_resolve(clk, false, &p, &t, &clock);
	if (err)
		return err;
	cs.ct.proc = p;
	cs.ct.thread = t;
	cs.ct.clock = clock;
	cs.ct.fn = cpu_sleep_fire;
	if (cpu_timer_now(&cs.ct) >= expires)
		return 0;
	cpu_timer_arm(&cs.ct, expires);
	while (!cs.fired && sched_sleep(TASK_INTERRUPTIBLE, S64_MAX) != -EINTR)
		;
	cpu_timer_cancel(&cs.ct);
	if (cs.fired)
		return 0;
	if (abs)
		return -ERESTARTNOHAND;
	left = cs.ct.proc ? MAX(expires - cpu_timer_now(&cs.ct), 0) : 0;
	if (urem && timespec_to_user(urem, left))
		return -EFAULT;
	cur->restart.fn = cpu_nanosleep_restart;
	cur->restart.arg[0] = (u64)clk;
	cur->restart.arg[1] = (u64)expires;
	cur->restart.arg[2] = urem;
	return -ERESTART_RESTARTBLOCK;
}

static long cpu_nanosleep_restart(struct restart_block *rb)
{
	return cpu_nanosleep((int)rb->arg[0], (s64)rb->arg[1], rb->arg[2], false);
}

long sys_clock_nanosleep(int clk, int flags, u64 ureq, u64 urem)
{
	s64 ns, now;
	int err;

	/* Not on our own thread's clock: it cannot advance while we sleep. */
	if (clk == CLOCK_THREAD_CPUTIME_ID ||
	    (clk < 0 && (clk & 4) && (~(clk >> 3) == 0 || ~(clk >> 3) == task_current()->tid)))
		return -EINVAL;
	err = clock_read(clk, &now);
	if (err)
		return err;
	if (clk == CLOCK_MONOTONIC_RAW || clk == CLOCK_REALTIME_COARSE ||
	    clk == CLOCK_MONOTONIC_COARSE)
		return -EOPNOTSUPP; /* Linux: these clocks have no nsleep */
	err = timespec_from_user(ureq, &ns);
	if (err)
		return err;
	if (clk == CLOCK_PROCESS_CPUTIME_ID || clk < 0)
		return cpu_nanosleep(clk, (flags & TIMER_ABSTIME) ? ns : now + ns, urem,
				     flags & TIMER_ABSTIME);
	if (err)
		return err;
	if (flags & TIMER_ABSTIME) {
		/* convert the target on clk to our monotonic clock */
		s64 mono = time_mono() + (ns - now);

		return do_nanosleep(mono, 0, true);
	}
	return do_nanosleep(time_mono() + ns, urem, false);
}

/* ---- interval timers and alarm ---- */

/* ITIMER_REAL fires once; a periodic one is re-armed when its SIGALRM is
 * dequeued (Linux's it_real_fn and dequeue_signal), so while the signal
 * waits, getitimer shows 0 left. */
static void itimer_real_fire(struct ktimer *tm)
{
	struct process *p = container_of(tm, struct process, itimer_real);

	signal_send_process(p, SIGALRM, NULL);
}

void itimer_real_dequeued(struct process *p)
{
	struct ktimer *tm = &p->itimer_real;
	s64 now, iv = p->itimer_real_interval;

	if (tm->armed || !iv || !tm->fn)
		return;
	/* hrtimer_forward: the next period boundary after now */
	now = time_mono();
	if (tm->expires <= now)
		tm->expires += ((now - tm->expires) / iv + 1) * iv;
	timer_arm(tm, tm->expires);
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
	p->itimer_real_interval = value ? interval : 0;
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

static void itimer_get(struct process *p, int which, s64 *value, s64 *interval)
{
	if (which == ITIMER_REAL) {
		*value = itimer_remaining(p);
		*interval = p->itimer_real_interval;
	} else {
		itimer_cpu_get(p, which == ITIMER_VIRTUAL ? 0 : 1, value, interval);
	}
}

static int itimerval_to_user(u64 uval, s64 value, s64 interval)
{
	struct itimerval_k v = { interval / NSEC, (interval % NSEC) / 1000,
				 value / NSEC, (value % NSEC) / 1000 };

	/* a value under 1 us still running reads as 1 us, not 0 */
	if (value > 0 && !v.value_sec && !v.value_usec)
		v.value_usec = 1;
	return copy_to_user(uval, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_getitimer(int which, u64 uval)
{
	s64 value, interval;

	if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
		return -EINVAL;
	itimer_get(task_current()->proc, which, &value, &interval);
	return itimerval_to_user(uval, value, interval);
}

long sys_setitimer(int which, u64 unew, u64 uold)
{
	struct process *p = task_current()->proc;
	struct itimerval_k v = { 0 };
	s64 value, interval, ovalue, ointerval;

	if (unew) {
		if (copy_from_user(&v, unew, sizeof(v)))
			return -EFAULT;
		if (v.value_usec < 0 || v.value_usec >= 1000000 || v.interval_usec < 0 ||
		    v.interval_usec >= 1000000 || v.value_sec < 0 || v.interval_sec < 0)
			return -EINVAL;
	} else {
		/* Linux still takes NULL as "disarm", with a warning */
		pr_once(LOG_WARNING, "%s calls setitimer() with new_value NULL pointer. "
			"Misfeature support will be removed\n", task_current()->comm);
	}
	if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
		return -EINVAL;
	value = v.value_sec * NSEC + v.value_usec * 1000;
	interval = v.interval_sec * NSEC + v.interval_usec * 1000;
	itimer_get(p, which, &ovalue, &ointerval);
	if (which == ITIMER_REAL)
		itimer_set(p, value, interval);
	else
		itimer_cpu_set(p, which == ITIMER_VIRTUAL ? 0 : 1, value, interval, NULL, NULL);
	return uold ? itimerval_to_user(uold, ovalue, ointerval) : 0;
}
