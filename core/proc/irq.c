// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts: the table of host fds drivers watch, dispatch of ready ones,
 * expired timers and host notes (terminate requests). See irq.h.
 */
#include "boot.h"
#include "host.h"
#include "irq.h"
#include "ksignal.h"
#include "task.h"
#include "uapi.h"

#define IRQ_MAX 64

struct irq_line {
	int fd;
	unsigned events;
	irq_handler_fn fn;
	void *arg;
	bool used;
};

static struct irq_state {
	struct irq_line lines[IRQ_MAX];
	struct host_pollfd pfd[IRQ_MAX];
	int map[IRQ_MAX];       /* pfd index -> line */
	bool terminating;
} irq_state;

void irq_init(void)
{
}

int irq_register(int fd, unsigned events, irq_handler_fn fn, void *arg)
{
	int i;

	for (i = 0; i < IRQ_MAX; i++) {
		if (!irq_state.lines[i].used) {
			irq_state.lines[i] = (struct irq_line){ fd, events, fn, arg, true };
			/* Best effort: fds that cannot signal are still polled
			 * whenever the kernel looks (idle, other interrupts). */
			host_irq_enable(fd);
			return i;
		}
	}
	return -ENOSPC;
}

void irq_update(int handle, unsigned events)
{
	if (handle >= 0 && handle < IRQ_MAX)
		irq_state.lines[handle].events = events;
}

void irq_unregister(int handle)
{
	if (handle >= 0 && handle < IRQ_MAX)
		irq_state.lines[handle].used = false;
}

static int irq_collect(void)
{
	int i, n = 0;

	for (i = 0; i < IRQ_MAX; i++) {
		struct irq_line *l = &irq_state.lines[i];

		if (!l->used || !l->events)
			continue;
		irq_state.pfd[n] = (struct host_pollfd){ l->fd, (short)l->events, 0 };
		irq_state.map[n++] = i;
	}
	return n;
}

static void irq_dispatch(int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct irq_line *l = &irq_state.lines[irq_state.map[i]];

		if (irq_state.pfd[i].revents && l->used)
			l->fn(l->arg, (unsigned)irq_state.pfd[i].revents);
	}
}

static void irq_notes(void)
{
	unsigned notes = host_take_notes();
	struct process *init;

	if (!(notes & HOST_NOTE_TERMINATE))
		return;
	if (irq_state.terminating) {
		/* Asked twice: stop waiting for the guest. */
		kernel_halt(130, "Terminated again: halting now.");
	}
	irq_state.terminating = true;
	pr_warn("Host asked us to stop: powering off.\n");
	/* Like ctrl-alt-del on a real machine: init shuts down in order.
	 * busybox and sysvinit take SIGUSR2/SIGTERM-less paths, so send the
	 * poweroff request busybox init understands and halt if none. */
	init = process_by_pid(1);
	if (!init || signal_send_process(init, SIGUSR2, NULL))
		kernel_halt(130, "Power down.");
}

void irq_run(void)
{
	int n = irq_collect();

	if (n && host_poll(irq_state.pfd, n, 0) > 0)
		irq_dispatch(n);
	timers_run();
	irq_notes();
}

void irq_wait(s64 timeout_ns)
{
	int n = irq_collect();

	if (host_poll(irq_state.pfd, n, timeout_ns) > 0)
		irq_dispatch(n);
	host_irq_take();
	timers_run();
	irq_notes();
}
