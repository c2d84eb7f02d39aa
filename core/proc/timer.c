// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel timers on the guest's monotonic clock: a sorted list, run from
 * irq_run. Sleeps with a deadline, alarm/setitimer, timerfd and poll
 * timeouts are built on these. The host is asked to interrupt the guest at
 * the earliest expiry (sched_deadline -> host_set_deadline).
 */
#include "host.h"
#include "task.h"
#include "uapi.h"

static struct timer_state {
	struct list_head armed;    /* sorted by expires */
	s64 boot_mono;             /* host monotonic at boot, boot-only */
	s64 boot_real;
	s64 real_offset;           /* guest realtime - host realtime (clock_settime) */
	bool started;
} timer_state = { .armed = LIST_HEAD_INIT(timer_state.armed) };

static void time_start(void)
{
	if (timer_state.started)
		return;
	timer_state.started = true;
	/* Guest monotonic time starts a little above zero, like Linux's. */
	timer_state.boot_mono = host_clock_now(CLOCK_MONOTONIC) - 1000000000LL;
	timer_state.boot_real = host_clock_now(CLOCK_REALTIME);
}

s64 time_mono(void)
{
	time_start();
	return host_clock_now(CLOCK_MONOTONIC) - timer_state.boot_mono;
}

s64 time_real(void)
{
	return host_clock_now(CLOCK_REALTIME) + timer_state.real_offset;
}

/* Set the guest's realtime clock (the host's stays as it is). Timers
 * already converted to monotonic deadlines keep them. */
void time_set_real(s64 ns)
{
	timer_state.real_offset = ns - host_clock_now(CLOCK_REALTIME);
}

/* Realtime at boot, as /proc/stat's btime: moves with clock_settime. */
s64 time_boot_real(void)
{
	time_start();
	return timer_state.boot_real + timer_state.real_offset;
}

void timer_init(struct ktimer *t, void (*fn)(struct ktimer *t))
{
	if (t->armed)
		timer_cancel(t);
	list_init(&t->link);
	t->fn = fn;
	t->armed = false;
}

void timer_arm(struct ktimer *t, s64 expires)
{
	struct ktimer *o;

	if (t->armed)
		timer_cancel(t);
	t->expires = expires;
	t->armed = true;
	list_for_each_entry(o, &timer_state.armed, link) {
		if (o->expires > expires) {
			list_add_tail(&t->link, &o->link);
			return;
		}
	}
	list_add_tail(&t->link, &timer_state.armed);
}

void timer_cancel(struct ktimer *t)
{
	if (!t->armed)
		return;
	list_del(&t->link);
	t->armed = false;
}

void timers_run(void)
{
	s64 now;

	if (list_empty(&timer_state.armed))
		return;
	now = time_mono();
	while (!list_empty(&timer_state.armed)) {
		struct ktimer *t = list_first_entry(&timer_state.armed, struct ktimer, link);

		if (t->expires > now)
			break;
		list_del(&t->link);
		t->armed = false;
		t->fn(t);
	}
}

s64 timers_next(void)
{
	if (list_empty(&timer_state.armed))
		return S64_MAX;
	return list_first_entry(&timer_state.armed, struct ktimer, link)->expires;
}

/* The host deadline is absolute host-monotonic time. */
s64 time_mono_to_host(s64 t)
{
	if (t == S64_MAX)
		return S64_MAX;
	time_start();
	return t + timer_state.boot_mono;
}
