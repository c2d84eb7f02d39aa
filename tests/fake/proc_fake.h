/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fake process layer for unit tests: stands in for core/proc/ (scheduler,
 * signals, the process table), which the suites do not link. The current
 * task is whatever the test says (NULL by default, as at boot); signals are
 * recorded, not delivered; sleeping calls a test hook instead of switching
 * stacks. The definitions are in tests/fake/proc_fake.c.
 */
#ifndef TESTS_FAKE_PROC_FAKE_H
#define TESTS_FAKE_PROC_FAKE_H

#include "task.h"

enum fake_sig_kind { FAKE_SIG_TASK, FAKE_SIG_PROCESS, FAKE_SIG_PGRP };
struct fake_signal {
	enum fake_sig_kind kind;
	int target;   /* tid, pid or pgid */
	int sig;
};

/* Free every fake task, forget signals and hooks; current becomes NULL. */
void fake_proc_reset(void);
/* A task in its own process, session and group (pid = pgid = sid), root
 * credentials, unlimited rlimits, no mm/files/fs. Freed by reset. */
struct task *fake_task_new(int pid);
void fake_set_current(struct task *t);

size_t fake_nsignals(void);
const struct fake_signal *fake_signal_at(size_t i);
void fake_signals_forget(void);

/* sched_sleep calls fn (default: none, and the sleep returns -EINTR at once,
 * as if a signal came: nothing in a unit test may block). fn returns what
 * sched_sleep should: 0 woken, -EINTR, -ETIMEDOUT. */
typedef int (*fake_sleep_fn)(int state, s64 deadline, void *arg);
void fake_set_sleep(fake_sleep_fn fn, void *arg);
unsigned fake_sleeps(void);
unsigned fake_wakes(void);

#endif
