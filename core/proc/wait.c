// SPDX-License-Identifier: GPL-2.0
/*
 * Wait queues: a list of waiting tasks (or callbacks, for poll and epoll).
 * Waking never sleeps and may run from interrupt handlers (irq_run).
 */
#include "task.h"

void wq_init(struct wait_queue *wq)
{
	list_init(&wq->head);
}

void wq_add(struct wait_queue *wq, struct wait_entry *we)
{
	list_add_tail(&we->link, &wq->head);
}

void wq_del(struct wait_entry *we)
{
	if (we->link.next)
		list_del(&we->link);
}

void wq_wake(struct wait_queue *wq, unsigned key)
{
	struct list_head *p, *n;

	list_for_each_safe(p, n, &wq->head) {
		struct wait_entry *we = list_entry(p, struct wait_entry, link);

		if (we->func)
			we->func(we, key);
		else if (we->task)
			task_wake(we->task);
	}
}
