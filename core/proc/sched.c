// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler: one run queue, round robin with a 10 ms slice, uniprocessor.
 *
 * Every task has its own kernel stack; schedule() switches stacks directly
 * to the next runnable task, or to the idle context (the boot stack running
 * sched_idle_loop) when none is runnable. The idle loop waits for host I/O
 * and timers in host_poll. Interrupts - ready host fds, expired timers, host
 * notes such as SIGTERM - are handled only by irq_run(), which the idle loop
 * and the task loop call between guest runs; so kernel code between two
 * schedule() calls is never interrupted and needs no locks.
 */
#include "boot.h"
#include "host.h"
#include "irq.h"
#include "task.h"
#include "uapi.h"

#define SCHED_SLICE_NS (10 * 1000 * 1000LL)
#define SCHED_SLICE_MIN_NS (1000 * 1000LL)
#define SCHED_SLICE_MAX_NS (100 * 1000 * 1000LL)

/* Linux's sched_prio_to_weight: nice 0 is 1024, each step about 1.25x. */
static const int sched_nice_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};

/* Round robin with weighted slices: each runnable task gets one slice per
 * round, in proportion to its nice weight (CFS's share, bounded).
 * SCHED_IDLE weighs less than nice 19 (Linux's WEIGHT_IDLEPRIO). */
s64 sched_slice(const struct task *t)
{
	int weight = t->policy == SCHED_IDLE ? 3 : sched_nice_weight[t->nice + 20];
	s64 s = SCHED_SLICE_NS * weight / 1024;

	return MIN(MAX(s, SCHED_SLICE_MIN_NS), SCHED_SLICE_MAX_NS);
}

static struct sched_state {
	struct task *current;       /* NULL while idle */
	struct list_head runq;      /* runnable tasks, not current */
	unsigned nr_running;        /* on the run queue */
	struct kctx idle_ctx;       /* the boot stack */
	struct list_head dead;      /* exited tasks whose stacks idle frees */
	bool need_resched;
} sched_state = {
	.runq = LIST_HEAD_INIT(sched_state.runq),
	.dead = LIST_HEAD_INIT(sched_state.dead),
};

struct task *task_current(void)
{
	return sched_state.current;
}

unsigned sched_nr_running(void)
{
	return sched_state.nr_running + (sched_state.current ? 1 : 0);
}

static void runq_add(struct task *t)
{
	if (t->on_runq)
		return;
	list_add_tail(&t->run_link, &sched_state.runq);
	t->on_runq = true;
	sched_state.nr_running++;
}

static struct task *runq_pop(void)
{
	struct task *t;

	if (list_empty(&sched_state.runq))
		return NULL;
	t = list_first_entry(&sched_state.runq, struct task, run_link);
	list_del(&t->run_link);
	t->on_runq = false;
	sched_state.nr_running--;
	return t;
}

void task_wake(struct task *t)
{
	if (t->state != TASK_INTERRUPTIBLE && t->state != TASK_UNINTERRUPTIBLE)
		return;
	t->state = TASK_RUNNING;
	t->woken = true;
	if (t != sched_state.current)
		runq_add(t);
}

void task_wake_stopped(struct task *t)
{
	if (t->state == TASK_STOPPED) {
		t->state = TASK_RUNNING;
		if (t != sched_state.current)
			runq_add(t);
	} else {
		task_wake(t);
	}
}

void sched_request_resched(void)
{
	sched_state.need_resched = true;
}

/* Give the CPU to the next runnable task (or idle). A current task that is
 * still TASK_RUNNING goes to the back of the queue (a yield). */
static void sched_reap(void);

void schedule(void)
{
	struct task *prev = sched_state.current, *next;
	s64 now;

	BUG_ON(!prev);
	sched_state.need_resched = false;
	if (prev->state == TASK_RUNNING)
		runq_add(prev);
	next = runq_pop();
	if (next == prev)
		return;
	if (prev->state == TASK_RUNNING)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	/* System time: prev's stint in the kernel ends here. */
	now = time_mono();
	prev->stime += (u64)(now - prev->sys_start);
	sched_state.current = next;
	if (next) {
		next->slice_end = now + sched_slice(next);
		next->sys_start = now;
		kctx_switch(&prev->kctx, &next->kctx);
	} else {
		kctx_switch(&prev->kctx, &sched_state.idle_ctx);
	}
	/* Back here when someone picked prev again. Free the stacks of
	 * tasks that died meanwhile: under a fork storm the idle loop may not
	 * run for a long time, and each stack is 128 KiB of host memory. */
	sched_reap();
}

static void sched_timeout(struct ktimer *tm)
{
	struct task *t = container_of(tm, struct task, sleep_timer);
	bool was_woken = t->woken;

	t->timed_out = true;
	task_wake(t);
	t->woken = was_woken; /* a timeout is not a wake-up by an event */
}

int sched_sleep(int state, s64 deadline)
{
	struct task *t = sched_state.current;

	if (state == TASK_INTERRUPTIBLE && signal_pending(t))
		return -EINTR;
	if (deadline != S64_MAX && deadline <= time_mono())
		return -ETIMEDOUT;
	t->state = state;
	t->timed_out = false;
	t->woken = false;
	if (deadline != S64_MAX) {
		timer_init(&t->sleep_timer, sched_timeout);
		timer_arm(&t->sleep_timer, deadline);
	}
	schedule();
	if (deadline != S64_MAX)
		timer_cancel(&t->sleep_timer);
	t->state = TASK_RUNNING;
	if (state == TASK_INTERRUPTIBLE && signal_pending(t))
		return -EINTR;
	if (t->timed_out && !t->woken)
		return -ETIMEDOUT;
	return 0;
}

/* A dead task's stack cannot be freed while it runs on it: the next task
 * to come back from schedule() frees it, or the idle loop. */
void sched_task_dead(struct task *t)
{
	t->state = TASK_DEAD;
	list_add_tail(&t->run_link, &sched_state.dead);
	schedule();
	panic("a dead task was scheduled");
}

static void sched_reap(void)
{
	if (list_empty(&sched_state.dead))
		return;
	while (!list_empty(&sched_state.dead)) {
		struct task *t = list_first_entry(&sched_state.dead, struct task, run_link);

		list_del(&t->run_link);
		task_free(t);
	}
}

void sched_init(void)
{
	irq_init();
	sched_loadavg_start();
}

/* When must the running guest be interrupted? The next timer, the next
 * timer on its process's CPU clocks, and the end of its slice if someone
 * else could run. */
s64 sched_deadline(struct task *t)
{
	s64 d = MIN(timers_next(), cpu_timers_next(t));

	if (sched_state.nr_running && t->slice_end < d)
		d = t->slice_end;
	return d;
}

bool sched_should_preempt(struct task *t)
{
	if (sched_state.need_resched)
		return true;
	return sched_state.nr_running && time_mono() >= t->slice_end;
}

__noreturn void sched_idle_loop(void)
{
	for (;;) {
		struct task *next;

		sched_reap();
		irq_run();
		next = runq_pop();
		if (!next) {
			s64 d = timers_next(), now = time_mono();

			irq_wait(d == S64_MAX ? -1 : (d > now ? d - now : 0));
			continue;
		}
		sched_state.current = next;
		next->sys_start = time_mono();
		next->slice_end = next->sys_start + sched_slice(next);
		kctx_switch(&sched_state.idle_ctx, &next->kctx);
		sched_state.current = NULL;
	}
}
