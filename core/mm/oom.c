// SPDX-License-Identifier: GPL-2.0
/*
 * The OOM killer. Guest RAM (mem=) is the only memory guest processes
 * consume; when a fault finds it exhausted, the process with the highest
 * badness is killed with SIGKILL and the fault is retried once it has gone,
 * as Linux does (mm/oom_kill.c): badness is the process's resident pages,
 * shifted by oom_score_adj in thousandths of guest RAM; -1000 and init are
 * never chosen. While a victim is still dying, nobody else is killed: the
 * faulting task waits a little and tries again.
 */
#include "mm.h"
#include "task.h"
#include "uapi.h"

#define OOM_RETRY_NS (5 * 1000 * 1000LL)

long mm_oom_badness(struct process *p)
{
	struct task *t = p->leader;
	long points;

	if (proc_is_init(p) || (p->flags & (PROC_ZOMBIE | PROC_REAPED)) || !t || !t->mm ||
	    p->oom_score_adj <= -1000)
		return -1;
	points = (long)t->mm->rss;
	points += (long)p->oom_score_adj * (long)mm_frames_total() / 1000;
	return points > 0 ? points : 1;
}

static bool oom_victim_dying(void)
{
	struct process *p;

	for (p = process_next(NULL); p; p = process_next(p))
		if (p->oom_victim && !(p->flags & PROC_ZOMBIE))
			return true;
	return false;
}

void mm_oom(struct task *t)
{
	struct process *p, *victim = NULL;
	long best = -1;

	if (!oom_victim_dying()) {
		for (p = process_next(NULL); p; p = process_next(p)) {
			long b = mm_oom_badness(p);

			if (b > best) {
				best = b;
				victim = p;
			}
		}
		if (!victim)
			victim = t->proc; /* nothing else to free: the caller pays */
		pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, oom_score_adj:%d\n",
		       victim->pid, victim->leader ? victim->leader->comm : "?",
		       victim->leader && victim->leader->mm ? (unsigned long)victim->leader->mm->rss * 4 : 0ul,
		       victim->leader && victim->leader->mm ? (unsigned long)victim->leader->mm->rss * 4 : 0ul,
		       victim->oom_score_adj);
		victim->oom_victim = true;
		signal_send_process(victim, SIGKILL, NULL);
		if (victim == t->proc)
			return;
	}
	/* Someone else is dying for us: give them time, then fault again. */
	sched_sleep(TASK_INTERRUPTIBLE, time_mono() + OOM_RETRY_NS);
}
