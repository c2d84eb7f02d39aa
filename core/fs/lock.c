// SPDX-License-Identifier: GPL-2.0
/*
 * Advisory file locks, Linux semantics:
 *   POSIX record locks  fcntl F_GETLK/F_SETLK/F_SETLKW. Byte ranges owned by
 *                       the process's fd table (struct files): taking a lock
 *                       over one's own merges or splits ranges, and closing
 *                       ANY fd of the owner on the file drops all of them.
 *                       F_SETLKW detects simple deadlock cycles (EDEADLK).
 *   OFD locks           F_OFD_*: the same ranges and conflicts as POSIX
 *                       locks, but owned by the open file description and
 *                       dropped when its last reference goes.
 *   flock(2)            whole-file shared/exclusive locks owned by the open
 *                       file description; independent of the two above.
 * Every lock sits on its inode's `locks` list; a waiter sleeps on the
 * inode's `lock_wait` queue and re-checks after any change. The kernel is
 * one thread, so nothing here needs a lock of its own.
 * Hooks: sys_fcntl calls lock_fcntl; fdtable.c calls locks_release_file on
 * every close; file_put calls locks_file_gone at the last reference.
 */
#include "uaccess.h"
#include "vfs.h"

#define OFFSET_MAX S64_MAX
#define LOCK_MAND 32
#define MAX_DEADLK_ITERATIONS 10 /* how far a wait-for chain is followed (Linux's) */

enum lock_kind { LK_POSIX, LK_OFD, LK_FLOCK };

struct file_lock {
	struct list_head link;  /* in inode->locks */
	int kind;               /* enum lock_kind */
	int type;               /* F_RDLCK or F_WRLCK (F_UNLCK only in requests) */
	const void *owner;      /* LK_POSIX: struct files; LK_OFD, LK_FLOCK: struct file */
	int pid;                /* tgid of the setter, reported by F_GETLK */
	s64 start, end;         /* inclusive; end == OFFSET_MAX: to the end of time */
};

/* A POSIX F_SETLKW asleep, for deadlock detection (on the sleeper's stack). */
struct lock_waiter {
	struct list_head link;  /* in lock_state.waiters */
	struct inode *inode;
	const struct file_lock *req;
};

static struct lock_state {
	struct list_head waiters; /* struct lock_waiter */
} lock_state = { .waiters = LIST_HEAD_INIT(lock_state.waiters) };

/* ---- conflicts ---- */

static bool lock_posix_class(int kind)
{
	return kind != LK_FLOCK;
}

static bool locks_conflict(const struct file_lock *req, const struct file_lock *fl)
{
	if (lock_posix_class(req->kind) != lock_posix_class(fl->kind))
		return false; /* flock and fcntl locks do not see each other */
	if (req->kind == fl->kind && req->owner == fl->owner)
		return false;
	if (req->type != F_WRLCK && fl->type != F_WRLCK)
		return false;
	if (!lock_posix_class(req->kind))
		return true;
	return req->start <= fl->end && fl->start <= req->end;
}

static struct file_lock *lock_first_conflict(struct inode *inode, const struct file_lock *req)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &inode->locks, link)
		if (locks_conflict(req, fl))
			return fl;
	return NULL;
}

/* Would req waiting on blocker close a cycle of POSIX owners, each waiting
 * for a lock the next one holds? (Linux's posix_locks_deadlock.) */
static bool lock_deadlock(const struct file_lock *req, const struct file_lock *blocker)
{
	int i;

	for (i = 0; i < MAX_DEADLK_ITERATIONS && blocker; i++) {
		struct lock_waiter *w, *found = NULL;

		if (blocker->kind != LK_POSIX)
			return false;
		if (blocker->owner == req->owner)
			return true;
		list_for_each_entry(w, &lock_state.waiters, link) {
			if (w->req->kind == LK_POSIX && w->req->owner == blocker->owner) {
				found = w;
				break;
			}
		}
		if (!found)
			return false;
		blocker = lock_first_conflict(found->inode, found->req);
	}
	return false;
}

/* ---- applying POSIX and OFD requests ---- */

/* Set req's range to req's type (F_UNLCK: clear it) for req's owner:
 * same-type neighbours merge, other ranges of the owner are trimmed or
 * split. The caller checked conflicts. -ENOLCK if memory runs out (then
 * nothing changed). */
static int lock_posix_apply(struct inode *inode, const struct file_lock *req)
{
	struct file_lock *fl, *n, *added = NULL, *spare;
	s64 start = req->start, end = req->end;

	spare = kmalloc(sizeof(*spare)); /* a split needs one more lock */
	if (req->type != F_UNLCK)
		added = kmalloc(sizeof(*added));
	if (!spare || (req->type != F_UNLCK && !added)) {
		kfree(spare);
		kfree(added);
		return -ENOLCK;
	}
	list_for_each_entry_safe(fl, n, &inode->locks, link) {
		if (fl->kind != req->kind || fl->owner != req->owner)
			continue;
		if (fl->type == req->type) {
			/* overlapping or adjacent: absorb it (no overflow: start,
			 * fl->start >= 0) */
			if (fl->end < start - 1 || fl->start - 1 > end)
				continue;
			start = MIN(start, fl->start);
			end = MAX(end, fl->end);
			list_del(&fl->link);
			kfree(fl);
			continue;
		}
		if (fl->end < start || fl->start > end)
			continue;
		if (fl->start < start && fl->end > end) {
			/* the request punches a hole: keep both sides */
			*spare = *fl;
			spare->start = end + 1;
			list_add(&spare->link, &fl->link);
			fl->end = start - 1;
			spare = NULL;
		} else if (fl->start < start) {
			fl->end = start - 1;
		} else if (fl->end > end) {
			fl->start = end + 1;
		} else {
			list_del(&fl->link);
			kfree(fl);
		}
	}
	kfree(spare);
	if (added) {
		*added = *req;
		added->start = start;
		added->end = end;
		list_add_tail(&added->link, &inode->locks);
	}
	/* Waiters re-check whatever changed; a merge frees nothing, but
	 * telling apart every case is not worth it. */
	if (wq_active(&inode->lock_wait))
		wq_wake(&inode->lock_wait, 0);
	return 0;
}

/* Remove the locks of one kind and owner; wake waiters if any went. */
static void lock_remove_owner(struct inode *inode, int kind, const void *owner)
{
	struct file_lock *fl, *n;
	bool removed = false;

	list_for_each_entry_safe(fl, n, &inode->locks, link) {
		if (fl->kind == kind && fl->owner == owner) {
			list_del(&fl->link);
			kfree(fl);
			removed = true;
		}
	}
	if (removed)
		wq_wake(&inode->lock_wait, 0);
}

/* Close of fd by the process whose table is owner: its POSIX locks on the
 * file go, whichever fd set them (POSIX's famous rule). */
void locks_release_file(struct file *f, struct files *owner)
{
	if (!f->inode || list_empty(&f->inode->locks))
		return;
	lock_remove_owner(f->inode, LK_POSIX, owner);
}

/* The open file description's last reference: its OFD and flock locks go. */
void locks_file_gone(struct file *f)
{
	if (!f->inode || list_empty(&f->inode->locks))
		return;
	lock_remove_owner(f->inode, LK_OFD, f);
	lock_remove_owner(f->inode, LK_FLOCK, f);
}

/* Wait until req can be had, then take it. wait false: -EAGAIN at once. */
static int lock_posix_set(struct inode *inode, const struct file_lock *req, bool wait)
{
	struct file_lock *blocker;
	struct lock_waiter w;
	int err;

	if (req->type == F_UNLCK)
		return lock_posix_apply(inode, req);
	for (;;) {
		blocker = lock_first_conflict(inode, req);
		if (!blocker)
			return lock_posix_apply(inode, req);
		if (!wait)
			return -EAGAIN;
		if (req->kind == LK_POSIX && lock_deadlock(req, blocker))
			return -EDEADLK;
		w.inode = inode;
		w.req = req;
		list_add_tail(&w.link, &lock_state.waiters);
		err = wait_event_interruptible(&inode->lock_wait, !lock_first_conflict(inode, req));
		list_del(&w.link);
		if (err)
			return err;
	}
}

/* ---- fcntl ---- */

/* struct flock as the guest lays it out. x86_64 (and the i386 flock64):
 * { s16 l_type; s16 l_whence; s64 l_start; s64 l_len; s32 l_pid; } in 32
 * bytes. Only this helper pair knows that layout. */
struct flock_k {
	s16 type, whence;
	s64 start, len;
	s32 pid;
};
#define FLOCK_SIZE 32

static int flock_from_user(u64 uaddr, struct flock_k *fk)
{
	u8 b[FLOCK_SIZE];

	if (copy_from_user(b, uaddr, sizeof(b)))
		return -EFAULT;
	memcpy(&fk->type, b + 0, 2);
	memcpy(&fk->whence, b + 2, 2);
	memcpy(&fk->start, b + 8, 8);
	memcpy(&fk->len, b + 16, 8);
	memcpy(&fk->pid, b + 24, 4);
	return 0;
}

static int flock_to_user(u64 uaddr, const struct flock_k *fk)
{
	u8 b[FLOCK_SIZE];

	memset(b, 0, sizeof(b));
	memcpy(b + 0, &fk->type, 2);
	memcpy(b + 2, &fk->whence, 2);
	memcpy(b + 8, &fk->start, 8);
	memcpy(b + 16, &fk->len, 8);
	memcpy(b + 24, &fk->pid, 4);
	return copy_to_user(uaddr, b, sizeof(b)) ? -EFAULT : 0;
}

/* l_whence/l_start/l_len to an inclusive range (Linux's flock_to_posix_lock). */
static int flock_range(struct file *f, const struct flock_k *fk, s64 *start, s64 *end)
{
	s64 base, s;

	switch (fk->whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		base = f->inode->size;
		break;
	default:
		return -EINVAL;
	}
	if (fk->start > OFFSET_MAX - base)
		return -EOVERFLOW;
	s = base + fk->start;
	if (s < 0)
		return -EINVAL;
	if (fk->len > 0) {
		if (fk->len - 1 > OFFSET_MAX - s)
			return -EOVERFLOW;
		*start = s;
		*end = s + fk->len - 1;
	} else if (fk->len < 0) {
		/* POSIX-2001: the range ends just before l_start */
		*end = s - 1;
		*start = s + fk->len;
		if (*start < 0)
			return -EINVAL;
	} else {
		*start = s;
		*end = OFFSET_MAX;
	}
	return 0;
}

int lock_fcntl(int fd, struct file *f, int cmd, u64 arg)
{
	bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	struct task *t = task_current();
	struct file_lock req, *c;
	struct flock_k fk;
	int err;

	if (!f->inode)
		return -EINVAL;
	err = flock_from_user(arg, &fk);
	if (err)
		return err;
	memset(&req, 0, sizeof(req));
	req.kind = ofd ? LK_OFD : LK_POSIX;
	req.owner = ofd ? (const void *)f : (const void *)t->files;
	req.pid = t->proc->pid;
	req.type = fk.type;
	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		if (fk.type != F_RDLCK && fk.type != F_WRLCK)
			return -EINVAL;
		err = flock_range(f, &fk, &req.start, &req.end);
		if (err)
			return err;
		if (ofd && fk.pid != 0)
			return -EINVAL;
		c = lock_first_conflict(f->inode, &req);
		if (!c) {
			fk.type = F_UNLCK;
		} else {
			fk.type = (s16)c->type;
			fk.whence = SEEK_SET;
			fk.start = c->start;
			fk.len = c->end == OFFSET_MAX ? 0 : c->end - c->start + 1;
			fk.pid = c->kind == LK_OFD ? -1 : c->pid;
		}
		return flock_to_user(arg, &fk);
	}
	err = flock_range(f, &fk, &req.start, &req.end);
	if (err)
		return err;
	switch (fk.type) {
	case F_RDLCK:
		if (!(f->fmode & FMODE_READ))
			return -EBADF;
		break;
	case F_WRLCK:
		if (!(f->fmode & FMODE_WRITE))
			return -EBADF;
		break;
	case F_UNLCK:
		break;
	default:
		return -EINVAL;
	}
	if (ofd && fk.pid != 0)
		return -EINVAL;
	err = lock_posix_set(f->inode, &req, cmd == F_SETLKW || cmd == F_OFD_SETLKW);
	/* Another thread may have closed fd while we slept: that close could
	 * not drop the lock we had not taken yet, so drop it now (Linux). */
	if (!err && !ofd && req.type != F_UNLCK && fd_peek(t->files, fd) != f) {
		req.type = F_UNLCK;
		lock_posix_apply(f->inode, &req);
		return -EBADF;
	}
	return err;
}

/* ---- flock(2) ---- */

static int lock_flock(struct file *f, int type, bool wait)
{
	struct inode *inode = f->inode;
	struct file_lock req, *fl, *mine = NULL;
	int err;

	list_for_each_entry(fl, &inode->locks, link) {
		if (fl->kind == LK_FLOCK && fl->owner == f) {
			mine = fl;
			break;
		}
	}
	if (mine) {
		if (mine->type == type)
			return 0;
		/* A conversion drops the old lock first: not atomic (flock(2)). */
		list_del(&mine->link);
		kfree(mine);
		wq_wake(&inode->lock_wait, 0);
	}
	if (type == F_UNLCK)
		return 0;
	memset(&req, 0, sizeof(req));
	req.kind = LK_FLOCK;
	req.type = type;
	req.owner = f;
	req.pid = task_current()->proc->pid;
	while (lock_first_conflict(inode, &req)) {
		if (!wait)
			return -EWOULDBLOCK;
		err = wait_event_interruptible(&inode->lock_wait, !lock_first_conflict(inode, &req));
		if (err)
			return err;
	}
	fl = kmalloc(sizeof(*fl));
	if (!fl)
		return -ENOLCK;
	*fl = req;
	list_add_tail(&fl->link, &inode->locks);
	return 0;
}

long sys_flock(int fd, unsigned cmd)
{
	struct file *f;
	int type;
	long r;

	if (cmd & LOCK_MAND)
		return 0; /* Linux ignores the old Samba modes (with a warning) */
	switch (cmd & ~(unsigned)LOCK_NB) {
	case LOCK_SH:
		type = F_RDLCK;
		break;
	case LOCK_EX:
		type = F_WRLCK;
		break;
	case LOCK_UN:
		type = F_UNLCK;
		break;
	default:
		return -EINVAL;
	}
	f = fd_get(fd);
	if (!f)
		return -EBADF;
	if (!(f->fmode & (FMODE_READ | FMODE_WRITE)) || !f->inode)
		r = -EBADF; /* O_PATH */
	else
		r = lock_flock(f, type, !(cmd & LOCK_NB));
	file_put(f);
	return r;
}
