// SPDX-License-Identifier: GPL-2.0
/*
 * The load average (Linux's kernel/sched/loadavg.c): every 5 s a kernel
 * timer folds the number of runnable and uninterruptible tasks into three
 * exponentially decayed averages (1, 5 and 15 minutes) in 11-bit fixed
 * point. Read by sysinfo(2) and /proc/loadavg. Sampling starts at boot
 * (sched_init).
 */
#include "task.h"

#define EXP_1 1884UL   /* 1/exp(5s/1min) in fixed point */
#define EXP_5 2014UL   /* 1/exp(5s/5min) */
#define EXP_15 2037UL  /* 1/exp(5s/15min) */
#define LOAD_FREQ_NS (5 * 1000000000LL)

static struct loadavg_state {
	struct ktimer timer;        /* armed from boot on */
	unsigned long avenrun[3];   /* fixed point, SCHED_FSHIFT bits of fraction */
} loadavg_state;

static unsigned nr_uninterruptible(void)
{
	struct task *t;
	unsigned nr = 0;

	for (t = task_next(NULL); t; t = task_next(t))
		if (t->state == TASK_UNINTERRUPTIBLE)
			nr++;
	return nr;
}

static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (SCHED_FIXED_1 - exp);

	if (active >= load)
		newload += SCHED_FIXED_1 - 1;
	return newload / SCHED_FIXED_1;
}

static void loadavg_sample(struct ktimer *timer)
{
	unsigned long active = (sched_nr_running() + nr_uninterruptible()) * SCHED_FIXED_1;
	unsigned long *a = loadavg_state.avenrun;

	a[0] = calc_load(a[0], EXP_1, active);
	a[1] = calc_load(a[1], EXP_5, active);
	a[2] = calc_load(a[2], EXP_15, active);
	timer_arm(timer, timer->expires + LOAD_FREQ_NS);
}

void sched_loadavg_start(void)
{
	timer_init(&loadavg_state.timer, loadavg_sample);
	timer_arm(&loadavg_state.timer, time_mono() + LOAD_FREQ_NS);
}

void sched_loadavg(unsigned long avenrun[3])
{
	memcpy(avenrun, loadavg_state.avenrun, sizeof(loadavg_state.avenrun));
}
