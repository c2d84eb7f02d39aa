// SPDX-License-Identifier: GPL-2.0
/*
 * Futexes, keyed as Linux's get_futex_key does:
 *   FUTEX_PRIVATE_FLAG          (mm, address): no page lookup at all;
 *   shared, anonymous private   (mm, address), marked shared, so it does
 *                               not meet a private waiter on the same word;
 *   shared, MAP_SHARED or a     the frame (guest-physical address), which
 *   page-cache page             every mapper of the object reaches.
 * So a private wake never reaches another process, even one that shares
 * the frame copy-on-write after fork. Waiters sit in one hash of lists;
 * WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP and the bitset variants follow
 * Linux. Robust lists are walked at thread exit.
 */
#include "mm.h"
#include "task.h"
#include "uaccess.h"
#include "uapi.h"

#define FUTEX_HASH 256

enum futex_key_kind { FUTEX_KEY_PRIVATE, FUTEX_KEY_MM_SHARED, FUTEX_KEY_FRAME };

struct futex_key {
	int kind;
	struct mm *mm;   /* PRIVATE and MM_SHARED */
	u64 addr;        /* user address, or guest-physical for FRAME */
};

struct futex_waiter {
	struct list_head link;
	struct task *task;
	struct futex_key key;
	u32 bitset;
	bool woken;
};

static struct futex_state {
	struct list_head hash[FUTEX_HASH];
	bool init;
} futex_state;

static bool futex_key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->kind == b->kind && a->mm == b->mm && a->addr == b->addr;
}

static struct list_head *futex_bucket(const struct futex_key *key)
{
	u64 h = (key->addr >> 2) ^ (u64)(uintptr_t)key->mm ^ (u64)key->kind;
	unsigned i;

	if (!futex_state.init) {
		for (i = 0; i < FUTEX_HASH; i++)
			list_init(&futex_state.hash[i]);
		futex_state.init = true;
	}
	return &futex_state.hash[h * 0x9e3779b97f4a7c15ull >> 56];
}

/* The key for uaddr; shared: the op lacks FUTEX_PRIVATE_FLAG. -EINVAL if
 * misaligned, -EFAULT if a shared futex's page cannot be reached. */
static int futex_key(struct mm *mm, u64 uaddr, bool shared, struct futex_key *key)
{
	struct vma *v;
	pte_t *pte;
	pfn_t pfn;
	int err;

	if (uaddr & 3)
		return -EINVAL;
	key->mm = mm;
	key->addr = uaddr;
	key->kind = FUTEX_KEY_PRIVATE;
	if (!shared)
		return 0;
	err = mm_user_frame(mm, uaddr, false, &pfn);
	if (err)
		return err;
	v = mm_find_vma(mm, uaddr);
	pte = radix_slot(&mm->pt, uaddr >> PAGE_SHIFT, false);
	if ((v && (v->flags & VMA_SHARED)) || (pte && (*pte & PTE_FILE))) {
		key->kind = FUTEX_KEY_FRAME;
		key->mm = NULL;
		key->addr = mm_frame_off(pfn) | (uaddr & (PAGE_SIZE - 1));
	} else {
		/* Linux: a read-only anonymous page never changes, so a
		 * shared futex there makes no sense. */
		if (v && !(v->prot & PROT_WRITE))
			return -EFAULT;
		key->kind = FUTEX_KEY_MM_SHARED;
	}
	return 0;
}

static int futex_wake_key(const struct futex_key *key, int n, u32 bitset)
{
	struct list_head *b = futex_bucket(key);
	struct futex_waiter *w, *t;
	int woken = 0;

	list_for_each_entry_safe(w, t, b, link) {
		if (woken >= n)
			break;
		if (!futex_key_eq(&w->key, key) || !(w->bitset & bitset))
			continue;
		list_del(&w->link);
		list_init(&w->link);
		w->woken = true;
		task_wake(w->task);
		woken++;
	}
	return woken;
}

static long futex_wake(u64 uaddr, bool shared, int n, u32 bitset)
{
	struct futex_key key;
	int err;

	if (!bitset)
		return -EINVAL;
	err = futex_key(task_current()->mm, uaddr, shared, &key);
	if (err)
		return err;
	return futex_wake_key(&key, n, bitset);
}

/* The kernel's own wakes (CLONE_CHILD_CLEARTID, robust lists) are shared
 * futex wakes, as in Linux; C libraries wait on those words accordingly. */
int futex_wake_addr(struct mm *mm, u64 uaddr, int n)
{
	struct futex_key key;

	if (futex_key(mm, uaddr, true, &key))
		return 0;
	return futex_wake_key(&key, n, FUTEX_BITSET_MATCH_ANY);
}

static long futex_wait_restart(struct restart_block *rb);

static long futex_wait(u64 uaddr, bool shared, u32 val, s64 deadline, u32 bitset)
{
	struct task *t = task_current();
	struct futex_waiter w = { .task = t, .bitset = bitset };
	u32 cur;
	int err;

	if (!bitset)
		return -EINVAL;
	err = futex_key(t->mm, uaddr, shared, &w.key);
	if (err)
		return err;
	if (copy_from_user(&cur, uaddr, sizeof(cur)))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	list_add_tail(&w.link, futex_bucket(&w.key));
	while (!w.woken) {
		err = sched_sleep(TASK_INTERRUPTIBLE, deadline);
		if (err)
			break;
	}
	if (w.woken)
		return 0;
	list_del(&w.link);
	if (err == -ETIMEDOUT)
		return -ETIMEDOUT;
	if (deadline == S64_MAX)
		return -ERESTARTSYS;
	/* With a timeout the restart keeps the absolute deadline (Linux's
	 * futex_wait_restart); a handler makes it EINTR. */
	t->restart.fn = futex_wait_restart;
	t->restart.arg[0] = uaddr;
	t->restart.arg[1] = shared;
	t->restart.arg[2] = val;
	t->restart.arg[3] = (u64)deadline;
	t->restart.arg[4] = bitset;
	return -ERESTART_RESTARTBLOCK;
}

static long futex_wait_restart(struct restart_block *rb)
{
	return futex_wait(rb->arg[0], rb->arg[1] != 0, (u32)rb->arg[2], (s64)rb->arg[3],
			  (u32)rb->arg[4]);
}

static long futex_requeue(u64 uaddr, bool shared, int nwake, int nreq, u64 uaddr2, bool cmp,
			  u32 val)
{
	struct task *t = task_current();
	struct futex_waiter *w, *tmp;
	struct futex_key k1, k2;
	u32 cur;
	int woken = 0, moved = 0, err;

	if (nwake < 0 || nreq < 0)
		return -EINVAL;
	err = futex_key(t->mm, uaddr, shared, &k1);
	if (err)
		return err;
	err = futex_key(t->mm, uaddr2, shared, &k2);
	if (err)
		return err;
	if (cmp) {
		if (copy_from_user(&cur, uaddr, sizeof(cur)))
			return -EFAULT;
		if (cur != val)
			return -EAGAIN;
	}
	list_for_each_entry_safe(w, tmp, futex_bucket(&k1), link) {
		if (!futex_key_eq(&w->key, &k1))
			continue;
		if (woken < nwake) {
			list_del(&w->link);
			list_init(&w->link);
			w->woken = true;
			task_wake(w->task);
			woken++;
		} else if (moved < nreq) {
			list_del(&w->link);
			w->key = k2;
			list_add_tail(&w->link, futex_bucket(&k2));
			moved++;
		} else {
			break;
		}
	}
	return woken + moved;
}

static long futex_wake_op(u64 uaddr, bool shared, int n1, u64 uaddr2, int n2, u32 op)
{
	struct task *t = task_current();
	/* 12-bit signed oparg and cmparg (Linux sign-extends both) */
	s32 oparg = (s32)(op << 8) >> 20, cmparg = (s32)(op << 20) >> 20;
	int opcode = (op >> 28) & 7, cmp = (op >> 24) & 15;
	u32 oldval, newval;
	struct futex_key k1, k2;
	long woken;
	bool cond;
	int err;

	err = futex_key(t->mm, uaddr, shared, &k1);
	if (err)
		return err;
	err = futex_key(t->mm, uaddr2, shared, &k2);
	if (err)
		return err;
	if ((op >> 31) & 1)
		oparg = (s32)(1u << (oparg & 31)); /* FUTEX_OP_OPARG_SHIFT */
	if (copy_from_user(&oldval, uaddr2, sizeof(oldval)))
		return -EFAULT;
	switch (opcode) {
	case 0: newval = (u32)oparg; break;
	case 1: newval = oldval + (u32)oparg; break;
	case 2: newval = oldval | (u32)oparg; break;
	case 3: newval = oldval & ~(u32)oparg; break;
	case 4: newval = oldval ^ (u32)oparg; break;
	default: return -ENOSYS;
	}
	if (copy_to_user(uaddr2, &newval, sizeof(newval)))
		return -EFAULT;
	/* Linux compares after the store, so a bad cmp still stored. */
	switch (cmp) {
	case 0: cond = oldval == (u32)cmparg; break;
	case 1: cond = oldval != (u32)cmparg; break;
	case 2: cond = (s32)oldval < cmparg; break;
	case 3: cond = (s32)oldval <= cmparg; break;
	case 4: cond = (s32)oldval > cmparg; break;
	case 5: cond = (s32)oldval >= cmparg; break;
	default: return -ENOSYS;
	}
	woken = futex_wake_key(&k1, n1, FUTEX_BITSET_MATCH_ANY);
	if (cond)
		woken += futex_wake_key(&k2, n2, FUTEX_BITSET_MATCH_ANY);
	return woken;
}

int timespec_from_user(u64 uts, s64 *ns);

long sys_futex(u64 uaddr, int op, u32 val, u64 utime, u64 uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	s64 deadline = S64_MAX, ns;
	int err;

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS; /* Linux: only the absolute waits take a clock */
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if (utime) {
			err = timespec_from_user(utime, &ns);
			if (err)
				return err;
			if (cmd == FUTEX_WAIT)
				deadline = time_mono() + ns; /* relative */
			else if (op & FUTEX_CLOCK_REALTIME)
				deadline = time_mono() + (ns - time_real());
			else
				deadline = ns; /* absolute monotonic */
		}
		return futex_wait(uaddr, shared, val, deadline,
				  cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, shared, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, shared, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, shared, (int)val, (int)utime, uaddr2, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, shared, (int)val, (int)utime, uaddr2, true, val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, shared, (int)val, uaddr2, (int)utime, val3);
	default:
		pr_once(LOG_WARNING, "uml: futex op %d (priority inheritance) not supported\n", cmd);
		return -ENOSYS;
	}
}

long sys_set_tid_address(u64 tidptr)
{
	struct task *t = task_current();

	t->clear_child_tid = tidptr;
	return t->tid;
}

long sys_set_robust_list(u64 head, u64 len)
{
	if (len != 24)
		return -EINVAL;
	task_current()->robust_list = head;
	task_current()->robust_len = len;
	return 0;
}

long sys_get_robust_list(int pid, u64 uhead, u64 ulen)
{
	struct task *t = pid ? task_by_tid(pid) : task_current();
	u64 len = 24;

	if (!t)
		return -ESRCH;
	if (copy_to_user(uhead, &t->robust_list, 8) || copy_to_user(ulen, &len, 8))
		return -EFAULT;
	return 0;
}

/* At thread exit: mark the robust futexes it held as owner-died and wake
 * one waiter each (Linux's exit_robust_list, 64-bit layout). */
void futex_exit_release(struct task *t)
{
	u64 head = t->robust_list, entry, off, pending;
	int limit = 2048;

	if (!head || !t->mm)
		return;
	if (mm_copy_from(t->mm, &entry, head, 8) || mm_copy_from(t->mm, &off, head + 8, 8) ||
	    mm_copy_from(t->mm, &pending, head + 16, 8))
		return;
	while (entry != head && limit--) {
		u64 next, uaddr = (entry & ~1ull) + off;
		u32 v;

		if (mm_copy_from(t->mm, &next, entry & ~1ull, 8))
			return;
		if (mm_copy_from(t->mm, &v, uaddr, 4) == 0 && (v & FUTEX_TID_MASK) == (u32)t->tid) {
			v = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
			if (mm_copy_to(t->mm, uaddr, &v, 4) == 0 && (v & FUTEX_WAITERS))
				futex_wake_addr(t->mm, uaddr, 1);
		}
		entry = next;
	}
}
