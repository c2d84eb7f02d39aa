// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/proc/cputimer.c: CPU clocks of threads and
 * processes, timers on them (ITIMER_VIRTUAL/PROF, thread-clock timers),
 * the deadline the task loop gives the host, and RLIMIT_CPU. CPU time is
 * set by hand on fake tasks (tests/fake/proc_fake.c), the monotonic clock
 * is the fake host's; signals are recorded, not delivered.
 */
#include "unit.h"
#include "host_fake.h"
#include "proc_fake.h"
#include "uapi.h"

#define MS 1000000LL
#define PID 200

static struct cputimer_test_state {
	struct task *t, *t2;  /* two threads of one process */
	struct process *p;
	struct process *p2;   /* t2's own fake process, given back at teardown */
	unsigned fired;
} ST;

static int setup(void **state)
{
	memset(&ST, 0, sizeof(ST));
	fake_host_reset();
	fake_proc_reset();
	if (fake_host_boot())
		return -1;
	ST.t = fake_task_new(PID);
	ST.p = ST.t->proc;
	list_init(&ST.p->cpu_timers);
	itimer_cpu_init(ST.p);
	/* a second thread in the same process */
	ST.t2 = fake_task_new(PID + 1);
	ST.p2 = ST.t2->proc;
	list_del(&ST.t2->thread_link);
	ST.t2->proc = ST.p;
	list_add_tail(&ST.t2->thread_link, &ST.p->threads);
	fake_set_current(ST.t);
	return 0;
}

/* fake_proc_reset frees each task's process: give t2 its own back. */
static int teardown(void **state)
{
	list_del(&ST.t2->thread_link);
	ST.t2->proc = ST.p2;
	return 0;
}

static void count_fire(struct cpu_timer *ct)
{
	ST.fired++;
}

static bool sent(int sig)
{
	size_t i;

	for (i = 0; i < fake_nsignals(); i++)
		if (fake_signal_at(i)->sig == sig && fake_signal_at(i)->target == PID)
			return true;
	return false;
}

static void clocks_sum_threads(void **state)
{
	ST.t->utime = 3 * MS;
	ST.t->stime = 1 * MS;
	ST.t2->utime = 5 * MS;
	ST.p->utime = 7 * MS;  /* dead threads */
	ST.p->stime = 2 * MS;
	assert_int_equal(cputime_thread(ST.t, CPUCLOCK_VIRT), 3 * MS);
	assert_int_equal(cputime_thread(ST.t, CPUCLOCK_PROF), 4 * MS);
	assert_int_equal(cputime_process(ST.p, CPUCLOCK_VIRT), 15 * MS);
	assert_int_equal(cputime_process(ST.p, CPUCLOCK_SCHED), 18 * MS);
}

static void itimer_virtual_counts_user_time_only(void **state)
{
	s64 value, interval;

	itimer_cpu_set(ST.p, 0, 10 * MS, 4 * MS, NULL, NULL);
	ST.t->stime = 50 * MS;             /* system time does not count */
	cpu_timers_run(ST.t);
	assert_false(sent(SIGVTALRM));
	itimer_cpu_get(ST.p, 0, &value, &interval);
	assert_int_equal(value, 10 * MS);
	assert_int_equal(interval, 4 * MS);
	ST.t->utime = 10 * MS;
	cpu_timers_run(ST.t);
	assert_true(sent(SIGVTALRM));
	/* re-armed one interval on */
	itimer_cpu_get(ST.p, 0, &value, &interval);
	assert_int_equal(value, 4 * MS);
}

static void itimer_prof_counts_both(void **state)
{
	itimer_cpu_set(ST.p, 1, 10 * MS, 0, NULL, NULL);
	ST.t->utime = 6 * MS;
	ST.t2->stime = 3 * MS;
	cpu_timers_run(ST.t);
	assert_false(sent(SIGPROF));
	ST.t->stime = 1 * MS;
	cpu_timers_run(ST.t);
	assert_true(sent(SIGPROF));
	/* one shot: disarmed now */
	assert_false(ST.p->itimer_cpu[1].armed);
}

static void disarm_returns_old_setting(void **state)
{
	s64 ov, oi;

	itimer_cpu_set(ST.p, 1, 30 * MS, 5 * MS, NULL, NULL);
	ST.t->utime = 10 * MS;
	itimer_cpu_set(ST.p, 1, 0, 0, &ov, &oi);
	assert_int_equal(ov, 20 * MS);
	assert_int_equal(oi, 5 * MS);
	assert_true(list_empty(&ST.p->cpu_timers));
}

static void thread_clock_timer_needs_its_thread(void **state)
{
	struct cpu_timer ct = { .proc = ST.p, .thread = ST.t2, .clock = CPUCLOCK_SCHED,
				.fn = count_fire };

	cpu_timer_arm(&ct, 5 * MS);
	ST.t->utime = 100 * MS;           /* another thread's time */
	cpu_timers_run(ST.t);
	assert_int_equal(ST.fired, 0);
	assert_int_equal(cpu_timers_next(ST.t), S64_MAX);
	ST.t2->utime = 5 * MS;
	cpu_timers_run(ST.t2);
	assert_int_equal(ST.fired, 1);
}

static void deadline_is_nearest_expiry(void **state)
{
	struct cpu_timer ct = { .proc = ST.p, .clock = CPUCLOCK_PROF, .fn = count_fire };

	assert_int_equal(cpu_timers_next(ST.t), S64_MAX);
	ST.t->utime = 2 * MS;
	cpu_timer_arm(&ct, 9 * MS);
	itimer_cpu_set(ST.p, 0, 20 * MS, 0, NULL, NULL);
	assert_int_equal(cpu_timers_next(ST.t), time_mono() + 7 * MS);
	fake_clock_advance(3 * MS);
	assert_int_equal(cpu_timers_next(ST.t), time_mono() + 7 * MS);
	/* already due: now */
	ST.t->utime = 12 * MS;
	assert_int_equal(cpu_timers_next(ST.t), time_mono());
	cpu_timer_cancel(&ct);
}

static void thread_exit_disarms_its_timers(void **state)
{
	struct cpu_timer ct = { .proc = ST.p, .thread = ST.t2, .clock = CPUCLOCK_SCHED,
				.fn = count_fire };

	cpu_timer_arm(&ct, 5 * MS);
	cpu_timers_thread_exit(ST.t2);
	assert_false(ct.armed);
	assert_null(ct.proc);
	/* and it cannot be armed again */
	cpu_timer_arm(&ct, 1 * MS);
	assert_false(ct.armed);
}

static void rlimit_cpu_signals(void **state)
{
	ST.p->rlim[RLIMIT_CPU].cur = 1;
	ST.p->rlim[RLIMIT_CPU].max = 3;
	ST.t->utime = 900 * MS;
	cpu_timers_run(ST.t);
	assert_false(sent(SIGXCPU));
	assert_int_equal(cpu_timers_next(ST.t), time_mono() + 100 * MS);
	ST.t->utime = 1000 * MS;
	cpu_timers_run(ST.t);
	assert_true(sent(SIGXCPU));
	assert_int_equal(ST.p->rlim[RLIMIT_CPU].cur, 2); /* next one a second later */
	fake_signals_forget();
	ST.t->utime = 3000 * MS;
	cpu_timers_run(ST.t);
	assert_true(sent(SIGKILL));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
static const struct CMUnitTest cputimer_tests[] = {
	T(clocks_sum_threads),
	T(itimer_virtual_counts_user_time_only),
	T(itimer_prof_counts_both),
	T(disarm_returns_old_setting),
	T(thread_clock_timer_needs_its_thread),
	T(deadline_is_nearest_expiry),
	T(thread_exit_disarms_its_timers),
	T(rlimit_cpu_signals),
};

UNIT_SUITE(unit_suite_proc_cputimer, "core/proc/cputimer.c", cputimer_tests, NULL, NULL);
