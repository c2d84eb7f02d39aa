// SPDX-License-Identifier: GPL-2.0
/*
 * CPU time: the clocks and the timers that run on them (Linux's
 * kernel/time/posix-cpu-timers.c). A task's user time is its time in the
 * guest (task_user_loop), its system time its time on the CPU in the
 * kernel (from the return from the guest, or from being picked, until it
 * enters the guest or gives up the CPU: sched.c). A process's clocks sum
 * its live threads and what its dead threads left in the process.
 *
 * Timers on those clocks (ITIMER_VIRTUAL, ITIMER_PROF, POSIX timers on CPU
 * clocks, RLIMIT_CPU) sit in a list per process: they can only expire
 * while one of its threads runs, so the task loop checks them after every
 * guest run (cpu_timers_run), and asks the host to interrupt the guest
 * when the nearest one is due (cpu_timers_next, through sched_deadline):
 * on one CPU a clock advances at most as fast as the monotonic clock.
 */
#include "task.h"
#include "uapi.h"

#define NSEC 1000000000LL

static u64 clock_pick(u64 utime, u64 stime, int clock)
{
	return clock == CPUCLOCK_VIRT ? utime : utime + stime;
}

u64 cputime_thread(struct task *t, int clock)
{
	return clock_pick(t->utime, t->stime, clock);
}

u64 cputime_process(struct process *p, int clock)
{
	struct task *th;
	u64 ut = p->utime, st = p->stime;

	list_for_each_entry(th, &p->threads, thread_link) {
		ut += th->utime;
		st += th->stime;
	}
	return clock_pick(ut, st, clock);
}

/* The current value of ct's clock. */
s64 cpu_timer_now(const struct cpu_timer *ct)
{
	if (ct->thread)
		return (s64)cputime_thread(ct->thread, ct->clock);
	return ct->proc ? (s64)cputime_process(ct->proc, ct->clock) : 0;
}

/* Arm ct (ct->proc, thread and clock set) to fire when its clock reaches
 * expires. Re-arming moves it. */
void cpu_timer_arm(struct cpu_timer *ct, s64 expires)
{
	cpu_timer_cancel(ct);
	if (!ct->proc)
		return; /* the clock's process is gone: never fires */
	ct->expires = expires;
	ct->armed = true;
	list_add_tail(&ct->link, &ct->proc->cpu_timers);
}

void cpu_timer_cancel(struct cpu_timer *ct)
{
	if (!ct->armed)
		return;
	list_del(&ct->link);
	ct->armed = false;
}

/* Does t's running advance ct's clock? */
static bool cpu_timer_counts(const struct cpu_timer *ct, const struct task *t)
{
	return !ct->thread || ct->thread == t;
}

/* RLIMIT_CPU (Linux's check_process_timers): SIGKILL at the hard limit,
 * SIGXCPU at the soft one and every second after it (the soft limit is
 * raised by one each time, as Linux does). */
static void cpu_rlimit_check(struct process *p)
{
	struct rlimit64 *rl = &p->rlim[RLIMIT_CPU];
	u64 now;

	if (rl->cur == RLIM_INFINITY)
		return;
	now = cputime_process(p, CPUCLOCK_PROF);
	if (rl->max != RLIM_INFINITY && now >= rl->max * (u64)NSEC) {
		signal_send_process(p, SIGKILL, NULL);
		return;
	}
	if (now >= rl->cur * (u64)NSEC) {
		signal_send_process(p, SIGXCPU, NULL);
		if (rl->cur < rl->max)
			rl->cur++;
	}
}

/* Fire whatever expired on the clocks t's running advanced. */
void cpu_timers_run(struct task *t)
{
	struct process *p = t->proc;
	struct cpu_timer *ct;

	if (p->rlim[RLIMIT_CPU].cur != RLIM_INFINITY)
		cpu_rlimit_check(p);
again:
	list_for_each_entry(ct, &p->cpu_timers, link) {
		if (cpu_timer_counts(ct, t) && cpu_timer_now(ct) >= ct->expires) {
			/* fn may re-arm it or others: start over after it */
			cpu_timer_cancel(ct);
			ct->fn(ct);
			goto again;
		}
	}
}

/* The monotonic time by which a timer of t's process can expire if t runs
 * from now on, or S64_MAX. */
s64 cpu_timers_next(struct task *t)
{
	struct process *p = t->proc;
	struct cpu_timer *ct;
	s64 now, left = S64_MAX;

	if (list_empty(&p->cpu_timers) && p->rlim[RLIMIT_CPU].cur == RLIM_INFINITY)
		return S64_MAX;
	list_for_each_entry(ct, &p->cpu_timers, link)
		if (cpu_timer_counts(ct, t))
			left = MIN(left, ct->expires - cpu_timer_now(ct));
	if (p->rlim[RLIMIT_CPU].cur != RLIM_INFINITY && p->rlim[RLIMIT_CPU].cur < (u64)S64_MAX / NSEC)
		left = MIN(left, (s64)(p->rlim[RLIMIT_CPU].cur * NSEC) -
				 (s64)cputime_process(p, CPUCLOCK_PROF));
	if (left == S64_MAX)
		return S64_MAX;
	now = time_mono();
	return left <= 0 ? now : now + left;
}

/* t exits: timers on its own clock can never fire again (Linux's
 * posix_cpu_timers_exit); their owners see them disarmed. */
void cpu_timers_thread_exit(struct task *t)
{
	struct cpu_timer *ct, *n;

	list_for_each_entry_safe(ct, n, &t->proc->cpu_timers, link) {
		if (ct->thread == t) {
			cpu_timer_cancel(ct);
			ct->thread = NULL;
			ct->proc = NULL;
		}
	}
}

/* p is gone: so are its clocks. */
void cpu_timers_process_exit(struct process *p)
{
	struct cpu_timer *ct, *n;

	list_for_each_entry_safe(ct, n, &p->cpu_timers, link) {
		cpu_timer_cancel(ct);
		ct->thread = NULL;
		ct->proc = NULL;
	}
}

/* ---- ITIMER_VIRTUAL and ITIMER_PROF ------------------------------------- */

static void itimer_cpu_fire(struct cpu_timer *ct)
{
	struct process *p = ct->proc;
	int which = ct == &p->itimer_cpu[0] ? 0 : 1;
	s64 incr = p->itimer_cpu_incr[which];

	/* Linux's check_cpu_itimer: re-arm one interval on, SI_KERNEL */
	if (incr)
		cpu_timer_arm(ct, ct->expires + incr);
	signal_send_process(p, which == 0 ? SIGVTALRM : SIGPROF, NULL);
}

void itimer_cpu_init(struct process *p)
{
	int i;

	for (i = 0; i < 2; i++) {
		struct cpu_timer *ct = &p->itimer_cpu[i];

		memset(ct, 0, sizeof(*ct));
		ct->proc = p;
		ct->clock = i == 0 ? CPUCLOCK_VIRT : CPUCLOCK_PROF;
		ct->fn = itimer_cpu_fire;
	}
}

/* which: 0 ITIMER_VIRTUAL, 1 ITIMER_PROF. Times in ns; value 0 disarms.
 * The old setting comes back in *ovalue, *ointerval (may be NULL). */
void itimer_cpu_set(struct process *p, int which, s64 value, s64 interval, s64 *ovalue,
		    s64 *ointerval)
{
	struct cpu_timer *ct = &p->itimer_cpu[which];

	itimer_cpu_get(p, which, ovalue, ointerval);
	cpu_timer_cancel(ct);
	p->itimer_cpu_incr[which] = interval;
	if (value)
		cpu_timer_arm(ct, cpu_timer_now(ct) + value);
}

void itimer_cpu_get(struct process *p, int which, s64 *value, s64 *interval)
{
	struct cpu_timer *ct = &p->itimer_cpu[which];

	if (value)
		*value = ct->armed ? MAX(ct->expires - cpu_timer_now(ct), 1000) : 0;
	if (interval)
		*interval = p->itimer_cpu_incr[which];
}
