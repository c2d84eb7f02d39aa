/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupts (core/proc/irq.c): host fds whose readiness wakes guest work
 * (the console, later network and block backends), and host notes. A
 * driver registers an fd with a handler; irq_run() calls handlers of ready
 * fds and runs expired timers. Handlers run between guest runs, never in
 * the middle of kernel code, and must not sleep.
 */
#ifndef CORE_IRQ_H
#define CORE_IRQ_H

#include "kernel.h"

typedef void (*irq_handler_fn)(void *arg, unsigned revents);

void irq_init(void);
/* Watch fd for events (POLLIN/POLLOUT); -errno. A handle for irq_update. */
int irq_register(int fd, unsigned events, irq_handler_fn fn, void *arg);
void irq_update(int handle, unsigned events); /* 0 pauses watching */
void irq_unregister(int handle);
void irq_run(void);
/* Idle: wait up to timeout_ns (-1 forever) for fds/notes, then irq_run. */
void irq_wait(s64 timeout_ns);

#endif
