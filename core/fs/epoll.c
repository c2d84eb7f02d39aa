// SPDX-License-Identifier: GPL-2.0
/*
 * epoll(7): epoll_create/create1, epoll_ctl, epoll_wait/pwait/pwait2.
 * Linux's design, cut to a uniprocessor kernel without locks:
 *   eventpoll  the instance behind an epoll fd: its items, a ready list,
 *              the tasks sleeping in epoll_wait and, since an epoll fd is
 *              itself pollable, a queue for whoever polls it.
 *   epitem     one registration, keyed by (file, fd). At EPOLL_CTL_ADD it
 *              polls the target with a poll_table whose qproc hangs a
 *              wait_entry with a callback (ep_wakeup) on each of the
 *              target's wait queues. A wake-up puts the item on the ready
 *              list; epoll_wait polls ready items again to build revents.
 * Level-triggered items go back on the ready list after being reported,
 * EPOLLET items do not, EPOLLONESHOT items are disarmed until EPOLL_CTL_MOD.
 * EPOLLEXCLUSIVE is accepted and behaves as a plain registration (every
 * waiter wakes). Items do not hold their file: file_put calls
 * epoll_file_gone() when a watched file's last reference goes.
 * Layer: core/fs, over file_ops.poll and wait queues (core/proc/wait.c).
 */
#include "uaccess.h"
#include "vfs.h"

#define EPOLL_CLOEXEC O_CLOEXEC
#define EP_MAX_NESTS 4
/* Bits that are instructions to epoll rather than events to report. */
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLLEXCLUSIVE_OK_BITS (EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | \
				EPOLLET | EPOLLEXCLUSIVE)
/* struct epoll_event is packed on x86_64 ({u32 events; u64 data} in 12
 * bytes) and naturally 12 bytes on i386: the same layout for both. */
#define EP_EVENT_SIZE 12
#define EP_MAX_EVENTS (0x7fffffff / EP_EVENT_SIZE)

int timespec_from_user(u64 uts, s64 *ns);

struct eventpoll {
	struct list_head items;     /* every epitem, via ep_link */
	struct list_head rdllist;   /* ready epitems, via rdllink */
	struct wait_queue wq;       /* tasks in epoll_wait */
	struct wait_queue poll_wq;  /* pollers of the epoll fd (nesting, poll, select) */
	struct file *file;          /* the epoll file (not referenced: it owns us) */
};

struct epitem {
	struct list_head ep_link;
	struct list_head rdllink;   /* self-linked when not ready */
	struct list_head fllink;    /* in file->ep_links */
	struct list_head pwqs;      /* struct ep_pwq hung on the target's queues */
	struct eventpoll *ep;
	struct file *file;          /* not referenced: see epoll_file_gone */
	int fd;
	u32 events;                 /* requested, plus EPOLLERR|EPOLLHUP */
	u64 data;
	bool queue_failed;          /* a wait entry could not be allocated */
};

struct ep_pwq {
	struct list_head link;      /* in epi->pwqs */
	struct wait_entry we;
	struct epitem *epi;
};

static const struct file_ops epoll_fops;

static bool is_epoll(struct file *f)
{
	return f->ops == &epoll_fops;
}

/* ---- wake-ups ---- */

/* Queue a ready item and tell epoll_wait sleepers and our own pollers. */
static void ep_make_ready(struct eventpoll *ep, struct epitem *epi)
{
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	wq_wake(&ep->wq, 0);
	if (wq_active(&ep->poll_wq))
		wq_wake(&ep->poll_wq, POLLIN | POLLRDNORM);
}

/* A watched file's wait queue woke: queue the item if the event may
 * concern it, and pass the news to epoll_wait sleepers and our pollers. */
static void ep_wakeup(struct wait_entry *we, unsigned key)
{
	struct ep_pwq *pwq = we->priv;
	struct epitem *epi = pwq->epi;

	if (!(epi->events & ~EP_PRIVATE_BITS))
		return; /* a disarmed EPOLLONESHOT item */
	if (key && !(key & epi->events))
		return;
	ep_make_ready(epi->ep, epi);
}

static void ep_queue_proc(struct file *f, struct wait_queue *wq, struct poll_table *pt)
{
	struct epitem *epi = pt->priv;
	struct ep_pwq *pwq = kzalloc(sizeof(*pwq));

	if (!pwq) {
		epi->queue_failed = true; /* ep_insert undoes the item: ENOMEM */
		return;
	}
	pwq->epi = epi;
	pwq->we.func = ep_wakeup;
	pwq->we.priv = pwq;
	wq_add(wq, &pwq->we);
	list_add_tail(&pwq->link, &epi->pwqs);
}

/* The item's current events (pt: register on the file's queues too). */
static unsigned ep_item_poll(struct epitem *epi, struct poll_table *pt)
{
	return vfs_poll(epi->file, pt) & epi->events;
}

/* ---- items ---- */

static struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->items, ep_link)
		if (epi->file == f && epi->fd == fd)
			return epi;
	return NULL;
}

static void ep_remove(struct epitem *epi)
{
	struct ep_pwq *pwq, *n;

	list_for_each_entry_safe(pwq, n, &epi->pwqs, link) {
		wq_del(&pwq->we);
		list_del(&pwq->link);
		kfree(pwq);
	}
	list_del(&epi->fllink);
	list_del(&epi->rdllink);
	list_del(&epi->ep_link);
	kfree(epi);
}

static int ep_insert(struct eventpoll *ep, struct file *f, int fd, u32 events, u64 data)
{
	struct epitem *epi = kzalloc(sizeof(*epi));
	struct poll_table pt = { .qproc = ep_queue_proc };
	unsigned revents;

	if (!epi)
		return -ENOMEM;
	list_init(&epi->rdllink);
	list_init(&epi->pwqs);
	epi->ep = ep;
	epi->file = f;
	epi->fd = fd;
	epi->events = events;
	epi->data = data;
	list_add_tail(&epi->ep_link, &ep->items);
	list_add_tail(&epi->fllink, &f->ep_links);
	pt.priv = epi;
	revents = ep_item_poll(epi, &pt);
	if (epi->queue_failed) {
		ep_remove(epi);
		return -ENOMEM;
	}
	if (revents)
		ep_make_ready(ep, epi);
	return 0;
}

static int ep_modify(struct eventpoll *ep, struct epitem *epi, u32 events, u64 data)
{
	epi->events = events;
	epi->data = data;
	if (ep_item_poll(epi, NULL))
		ep_make_ready(ep, epi);
	return 0;
}

/* ---- loop and depth checks (Linux's ep_loop_check) ---- */

/* Depth of epoll files below ep, or EP_MAX_NESTS + 1 if that is too deep
 * or target (the instance we are adding to) is reachable: a cycle. */
static int ep_depth_below(struct eventpoll *ep, struct eventpoll *target, int depth)
{
	struct epitem *epi;
	int result = 0;

	list_for_each_entry(epi, &ep->items, ep_link) {
		struct eventpoll *sub;

		if (!is_epoll(epi->file))
			continue;
		sub = epi->file->priv;
		if (sub == target || depth > EP_MAX_NESTS)
			return EP_MAX_NESTS + 1;
		result = MAX(result, ep_depth_below(sub, target, depth + 1) + 1);
		if (result > EP_MAX_NESTS)
			break;
	}
	return result;
}

/* The longest chain of epoll instances watching epfile from above. */
static int ep_depth_above(struct file *epfile, int depth)
{
	struct epitem *epi;
	int result = 0;

	if (depth > EP_MAX_NESTS)
		return EP_MAX_NESTS + 1;
	list_for_each_entry(epi, &epfile->ep_links, fllink)
		result = MAX(result, ep_depth_above(epi->ep->file, depth + 1) + 1);
	return result;
}

/* May target (an epoll file) be added to ep? Not if that closes a cycle
 * or makes a chain of more than EP_MAX_NESTS instances. */
static bool ep_loop_ok(struct eventpoll *ep, struct eventpoll *target)
{
	int below = ep_depth_below(target, ep, 0);

	if (below > EP_MAX_NESTS)
		return false;
	return below + 1 + ep_depth_above(ep->file, 0) <= EP_MAX_NESTS;
}

/* ---- collecting events ---- */

/* Copy ready events to the guest: Linux's ep_send_events. Items found not
 * ready after all are dropped; level-triggered ones go back on the list
 * for the next call (behind the ones not reached this time). */
static long ep_send_events(struct eventpoll *ep, u64 uevents, int maxevents)
{
	struct list_head txlist;
	long res = 0;

	list_init(&txlist);
	/* Take the whole ready list, so re-queued items are not seen twice. */
	if (!list_empty(&ep->rdllist)) {
		txlist.next = ep->rdllist.next;
		txlist.prev = ep->rdllist.prev;
		txlist.next->prev = &txlist;
		txlist.prev->next = &txlist;
		list_init(&ep->rdllist);
	}
	while (!list_empty(&txlist) && res < maxevents) {
		struct epitem *epi = list_first_entry(&txlist, struct epitem, rdllink);
		u8 rec[EP_EVENT_SIZE];
		u32 revents;

		list_del(&epi->rdllink);
		revents = ep_item_poll(epi, NULL);
		if (!revents)
			continue;
		memcpy(rec, &revents, 4);
		memcpy(rec + 4, &epi->data, 8);
		if (copy_to_user(uevents + (u64)res * EP_EVENT_SIZE, rec, sizeof(rec))) {
			list_add(&epi->rdllink, &txlist);
			if (!res)
				res = -EFAULT;
			break;
		}
		res++;
		if (epi->events & EPOLLONESHOT)
			epi->events &= EP_PRIVATE_BITS;
		else if (!(epi->events & EPOLLET))
			list_add_tail(&epi->rdllink, &ep->rdllist);
	}
	/* Items not reached go back in front, in their order. */
	while (!list_empty(&txlist)) {
		struct epitem *epi = list_entry(txlist.prev, struct epitem, rdllink);

		list_del(&epi->rdllink);
		list_add(&epi->rdllink, &ep->rdllist);
	}
	return res;
}

/* Wait for events until deadline (S64_MAX: forever; 0: do not wait).
 * Never restarted after a signal: -EINTR, as epoll_wait(2) says. */
static long ep_poll(struct eventpoll *ep, u64 uevents, int maxevents, s64 deadline)
{
	struct task *t = task_current();
	long res;
	int err;

	for (;;) {
		if (!list_empty(&ep->rdllist)) {
			res = ep_send_events(ep, uevents, maxevents);
			if (res)
				return res;
		}
		if (deadline != S64_MAX && time_mono() >= deadline)
			return 0;
		if (signal_pending(t))
			return -EINTR;
		err = wait_event_deadline(&ep->wq, !list_empty(&ep->rdllist), TASK_INTERRUPTIBLE,
					  deadline);
		if (err == -ERESTARTSYS)
			return -EINTR;
		if (err == -ETIMEDOUT)
			deadline = 0; /* one last look, then give up */
	}
}

/* ---- the epoll file ---- */

/* Readable when some ready item really has events (Linux re-polls them:
 * ep_read_events_proc); items found idle leave the ready list. */
static unsigned ep_eventpoll_poll(struct file *f, struct poll_table *pt)
{
	struct eventpoll *ep = f->priv;
	struct epitem *epi, *n;

	poll_wait(f, &ep->poll_wq, pt);
	list_for_each_entry_safe(epi, n, &ep->rdllist, rdllink) {
		if (ep_item_poll(epi, NULL))
			return POLLIN | POLLRDNORM;
		list_del(&epi->rdllink);
	}
	return 0;
}

static void ep_eventpoll_release(struct file *f)
{
	struct eventpoll *ep = f->priv;

	while (!list_empty(&ep->items))
		ep_remove(list_first_entry(&ep->items, struct epitem, ep_link));
	kfree(ep);
}

static const struct file_ops epoll_fops = {
	.poll = ep_eventpoll_poll,
	.release = ep_eventpoll_release,
};

/* file_put: the last reference to a watched file is gone. */
void epoll_file_gone(struct file *f)
{
	while (!list_empty(&f->ep_links))
		ep_remove(list_first_entry(&f->ep_links, struct epitem, fllink));
}

/* ---- system calls ---- */

long sys_epoll_create1(int flags)
{
	struct eventpoll *ep;
	struct file *f;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	list_init(&ep->items);
	list_init(&ep->rdllist);
	wq_init(&ep->wq);
	wq_init(&ep->poll_wq);
	f = anon_file(&epoll_fops, O_RDWR, ep, "anon_inode:[eventpoll]");
	if (!f) {
		kfree(ep);
		return -ENFILE;
	}
	ep->file = f;
	return fd_install(f, 0, flags & EPOLL_CLOEXEC);
}

long sys_epoll_create(int size)
{
	if (size <= 0)
		return -EINVAL;
	return sys_epoll_create1(0);
}

static long ep_ctl(struct file *epf, struct file *tf, int op, int fd, u32 events, u64 data)
{
	struct eventpoll *ep;
	struct epitem *epi;

	if ((epf->fmode | tf->fmode) & FMODE_PATH)
		return -EBADF; /* O_PATH fds do not count as open for I/O */
	/* Files without a poll method (regular files, directories) cannot
	 * be watched: Linux's EPERM. */
	if (!tf->ops || !tf->ops->poll)
		return -EPERM;
	if (epf == tf || !is_epoll(epf))
		return -EINVAL;
	ep = epf->priv;
	if ((op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) && (events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (is_epoll(tf) || (events & ~EPOLLEXCLUSIVE_OK_BITS))
			return -EINVAL;
	}
	epi = ep_find(ep, tf, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi)
			return -EEXIST;
		if (is_epoll(tf) && !ep_loop_ok(ep, tf->priv))
			return -ELOOP;
		return ep_insert(ep, tf, fd, events | EPOLLERR | EPOLLHUP, data);
	case EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(epi);
		return 0;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (epi->events & EPOLLEXCLUSIVE)
			return -EINVAL;
		return ep_modify(ep, epi, events | EPOLLERR | EPOLLHUP, data);
	default:
		return -EINVAL;
	}
}

long sys_epoll_ctl(int epfd, int op, int fd, u64 uevent)
{
	struct file *epf, *tf;
	u8 rec[EP_EVENT_SIZE];
	u32 events = 0;
	u64 data = 0;
	long r;

	if (op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) {
		if (copy_from_user(rec, uevent, sizeof(rec)))
			return -EFAULT;
		memcpy(&events, rec, 4);
		memcpy(&data, rec + 4, 8);
	}
	epf = fd_get(epfd);
	if (!epf)
		return -EBADF;
	tf = fd_get(fd);
	if (!tf) {
		file_put(epf);
		return -EBADF;
	}
	r = ep_ctl(epf, tf, op, fd, events, data);
	file_put(tf);
	file_put(epf);
	return r;
}

static long ep_wait_common(int epfd, u64 uevents, int maxevents, s64 deadline)
{
	struct file *f;
	long r;

	if (maxevents <= 0 || maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	f = fd_get(epfd);
	if (!f)
		return -EBADF;
	if (!is_epoll(f)) {
		file_put(f);
		return -EINVAL;
	}
	r = ep_poll(f->priv, uevents, maxevents, deadline);
	file_put(f);
	return r;
}

static s64 ep_deadline_ms(int timeout)
{
	if (timeout < 0)
		return S64_MAX;
	if (timeout == 0)
		return 0;
	return time_mono() + (s64)timeout * 1000000LL;
}

long sys_epoll_wait(int epfd, u64 uevents, int maxevents, int timeout)
{
	return ep_wait_common(epfd, uevents, maxevents, ep_deadline_ms(timeout));
}

/* The temporary signal mask of epoll_pwait: as ppoll, the old mask comes
 * back after a handler runs (-EINTR), otherwise at once. */
static int ep_sigmask_set(u64 umask, u64 size)
{
	struct task *t = task_current();
	u64 mask;

	if (!umask)
		return 0;
	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	t->saved_sigmask = t->blocked;
	t->blocked = mask & ~SIG_KERNEL_ONLY_MASK;
	t->restore_sigmask = true;
	return 0;
}

static long ep_sigmask_done(long r)
{
	struct task *t = task_current();

	if (r != -EINTR && t->restore_sigmask) {
		t->blocked = t->saved_sigmask;
		t->restore_sigmask = false;
	}
	return r;
}

long sys_epoll_pwait(int epfd, u64 uevents, int maxevents, int timeout, u64 umask, u64 size)
{
	long r = ep_sigmask_set(umask, size);

	if (r)
		return r;
	return ep_sigmask_done(ep_wait_common(epfd, uevents, maxevents, ep_deadline_ms(timeout)));
}

long sys_epoll_pwait2(int epfd, u64 uevents, int maxevents, u64 uts, u64 umask, u64 size)
{
	s64 deadline = S64_MAX, ns;
	long r;

	if (uts) {
		r = timespec_from_user(uts, &ns);
		if (r)
			return r;
		deadline = ns ? time_mono() + ns : 0;
	}
	r = ep_sigmask_set(umask, size);
	if (r)
		return r;
	return ep_sigmask_done(ep_wait_common(epfd, uevents, maxevents, deadline));
}
