// SPDX-License-Identifier: GPL-2.0
/*
 * O_ASYNC (F_SETFL, FIOASYNC): signal-driven I/O. A file with O_ASYNC set
 * hangs a wait entry on each of its wait queues through its poll op, as
 * epoll does; when one wakes with an event that concerns the file (input
 * for a readable file, room for a writable one), its owner (F_SETOWN: a
 * process, a process group or, with F_SETOWN_EX, a thread) gets SIGIO, or
 * the F_SETSIG signal with si_fd, si_band and a POLL_* code (Linux's
 * kill_fasync and send_sigio). Files without wait queues (regular files)
 * never signal, as on Linux. The fd in si_fd is the one O_ASYNC was set
 * through, as Linux's fasync_struct keeps it.
 */
#include "ksignal.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"

struct fasync_wait {
	struct wait_entry we;
	struct list_head link;   /* file->fasync_waits */
	struct file *file;
};

#define POLL_OUT_K 2
#define POLL_ERR_K 4
#define POLL_PRI_K 5
#define POLL_HUP_K 6

static int fasync_code(unsigned band)
{
	if (band & POLLERR)
		return POLL_ERR_K;
	if (band & POLLPRI)
		return POLL_PRI_K;
	if (band & POLLHUP)
		return POLL_HUP_K;
	if (band & (POLLIN | POLLRDNORM))
		return POLL_IN;
	return POLL_OUT_K;
}

static void fasync_send(struct file *f, unsigned band)
{
	struct ksiginfo info = { 0 };
	const struct ksiginfo *ip = NULL;
	int sig = f->sig ? f->sig : SIGIO;

	if (f->sig) {
		info.signo = sig;
		info.code = fasync_code(band);
		info.band = (long)band;
		info.fd = f->fasync_fd;
		ip = &info;
	}
	if (f->owner < 0) {
		signal_send_pgrp(-f->owner, sig, ip);
	} else if (f->owner_is_tid) {
		struct task *t = task_by_tid(f->owner);

		if (t)
			signal_send(t, sig, ip);
	} else {
		struct process *p = process_by_pid(f->owner);

		if (p)
			signal_send_process(p, sig, ip);
	}
}

static void fasync_wakeup(struct wait_entry *we, unsigned key)
{
	struct fasync_wait *w = we->priv;
	struct file *f = w->file;
	unsigned want = 0;

	if (!f->owner)
		return;
	if (f->fmode & FMODE_READ)
		want |= POLLIN | POLLRDNORM | POLLPRI | POLLHUP | POLLERR;
	if (f->fmode & FMODE_WRITE)
		want |= POLLOUT | POLLWRNORM | POLLERR;
	if (!key)
		key = vfs_poll(f, NULL);
	if (key & want)
		fasync_send(f, key & want);
}

static void fasync_queue_proc(struct file *f, struct wait_queue *wq, struct poll_table *pt)
{
	struct fasync_wait *w = kzalloc(sizeof(*w));

	if (!w) {
		*(bool *)pt->priv = true;
		return;
	}
	w->file = f;
	w->we.func = fasync_wakeup;
	w->we.priv = w;
	wq_add(wq, &w->we);
	list_add_tail(&w->link, &f->fasync_waits);
}

static void fasync_off(struct file *f)
{
	struct fasync_wait *w, *n;

	list_for_each_entry_safe(w, n, &f->fasync_waits, link) {
		wq_del(&w->we);
		list_del(&w->link);
		kfree(w);
	}
}

int fasync_set(struct file *f, int fd, bool on)
{
	bool failed = false;
	struct poll_table pt = { .qproc = fasync_queue_proc, .priv = &failed };

	f->fasync_fd = fd;
	if (!on) {
		fasync_off(f);
		return 0;
	}
	if (!list_empty(&f->fasync_waits))
		return 0; /* already registered: the fd is updated */
	vfs_poll(f, &pt);
	if (failed) {
		fasync_off(f);
		return -ENOMEM;
	}
	return 0;
}

void fasync_file_gone(struct file *f)
{
	fasync_off(f);
}
