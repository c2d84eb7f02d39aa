// SPDX-License-Identifier: GPL-2.0
/*
 * Fake definitions of the core/proc/ symbols that the linked core files
 * call (interface: tests/fake/proc_fake.h). Only what the suites need:
 * task_current, sleeping and waking, and the signal calls of the tty and
 * pipe code, which record their arguments so a test can assert "^C sent
 * SIGINT to group 42" without the real signal machinery.
 */
#include <stdio.h>
#include <stdlib.h>

#include "proc_fake.h"
#include "uapi.h"

#define FAKE_MAX_SIGNALS 64
#define FAKE_MAX_TASKS 16

static struct proc_fake_state {
	struct task *current;
	struct task *tasks[FAKE_MAX_TASKS];
	unsigned ntasks;
	struct fake_signal signals[FAKE_MAX_SIGNALS];
	size_t nsignals;
	fake_sleep_fn sleep_fn;
	void *sleep_arg;
	unsigned sleeps, wakes;
} proc_fake_state;

static void fake_record(enum fake_sig_kind kind, int target, int sig)
{
	if (proc_fake_state.nsignals == FAKE_MAX_SIGNALS) {
		fprintf(stderr, "proc_fake: more than %d signals recorded\n", FAKE_MAX_SIGNALS);
		abort();
	}
	proc_fake_state.signals[proc_fake_state.nsignals++] = (struct fake_signal){ kind, target, sig };
}

/* ---- the test interface ------------------------------------------------- */

void fake_proc_reset(void)
{
	unsigned i;

	for (i = 0; i < proc_fake_state.ntasks; i++) {
		free(proc_fake_state.tasks[i]->proc);
		free(proc_fake_state.tasks[i]);
	}
	memset(&proc_fake_state, 0, sizeof(proc_fake_state));
}

struct task *fake_task_new(int pid)
{
	struct task *t = calloc(1, sizeof(*t));
	struct process *p = calloc(1, sizeof(*p));
	unsigned i;

	if (!t || !p || proc_fake_state.ntasks == FAKE_MAX_TASKS) {
		fprintf(stderr, "proc_fake: cannot make task %d\n", pid);
		abort();
	}
	p->refs = 1;
	p->pid = p->pgid = p->sid = pid;
	p->leader = t;
	list_init(&p->threads);
	list_init(&p->children);
	list_init(&p->sibling);
	list_init(&p->all_link);
	list_init(&p->shared_pending.queue);
	wq_init(&p->wait_chld);
	for (i = 0; i < ARRAY_SIZE(p->rlim); i++)
		p->rlim[i].cur = p->rlim[i].max = RLIM_INFINITY;
	p->rlim[RLIMIT_NOFILE].cur = p->rlim[RLIMIT_NOFILE].max = 1024;
	p->nr_threads = p->nr_live = 1;
	t->tid = pid;
	t->proc = p;
	t->state = TASK_RUNNING;
	list_init(&t->thread_link);
	list_init(&t->all_link);
	list_init(&t->run_link);
	list_init(&t->pending.queue);
	list_add_tail(&t->thread_link, &p->threads);
	snprintf(t->comm, sizeof(t->comm), "fake%d", pid);
	proc_fake_state.tasks[proc_fake_state.ntasks++] = t;
	return t;
}

void fake_set_current(struct task *t)
{
	proc_fake_state.current = t;
}

size_t fake_nsignals(void)
{
	return proc_fake_state.nsignals;
}

const struct fake_signal *fake_signal_at(size_t i)
{
	return i < proc_fake_state.nsignals ? &proc_fake_state.signals[i] : NULL;
}

void fake_signals_forget(void)
{
	proc_fake_state.nsignals = 0;
}

void fake_set_sleep(fake_sleep_fn fn, void *arg)
{
	proc_fake_state.sleep_fn = fn;
	proc_fake_state.sleep_arg = arg;
}

unsigned fake_sleeps(void)
{
	return proc_fake_state.sleeps;
}

unsigned fake_wakes(void)
{
	return proc_fake_state.wakes;
}

/* ---- core/proc/sched.c ---------------------------------------------------- */

struct task *task_current(void)
{
	return proc_fake_state.current;
}

int sched_sleep(int state, s64 deadline)
{
	proc_fake_state.sleeps++;
	if (!proc_fake_state.sleep_fn)
		return -EINTR;
	return proc_fake_state.sleep_fn(state, deadline, proc_fake_state.sleep_arg);
}

void task_wake(struct task *t)
{
	proc_fake_state.wakes++;
}

/* ---- core/proc/signal.c ----------------------------------------------------- */

int signal_send(struct task *t, int sig, const struct ksiginfo *info)
{
	fake_record(FAKE_SIG_TASK, t ? t->tid : 0, sig);
	return 0;
}

int signal_send_process(struct process *p, int sig, const struct ksiginfo *info)
{
	fake_record(FAKE_SIG_PROCESS, p ? p->pid : 0, sig);
	return 0;
}

int signal_send_pgrp(int pgid, int sig, const struct ksiginfo *info)
{
	fake_record(FAKE_SIG_PGRP, pgid, sig);
	return 0;
}

bool signal_ignored(struct task *t, int sig)
{
	return false;
}

bool proc_pgrp_orphaned(int pgid)
{
	return false;
}

/* ---- core/proc/task.c ------------------------------------------------------- */

struct process *process_by_pid(int pid)
{
	unsigned i;

	for (i = 0; i < proc_fake_state.ntasks; i++)
		if (proc_fake_state.tasks[i]->proc->pid == pid)
			return proc_fake_state.tasks[i]->proc;
	return NULL;
}

struct task *task_next(struct task *t)
{
	unsigned i = 0;

	if (t) {
		while (i < proc_fake_state.ntasks && proc_fake_state.tasks[i] != t)
			i++;
		i++;
	}
	return i < proc_fake_state.ntasks ? proc_fake_state.tasks[i] : NULL;
}

struct process *process_next(struct process *p)
{
	unsigned i = 0;

	if (p) {
		while (i < proc_fake_state.ntasks && proc_fake_state.tasks[i]->proc != p)
			i++;
		i++;
	}
	return i < proc_fake_state.ntasks ? proc_fake_state.tasks[i]->proc : NULL;
}
