// SPDX-License-Identifier: GPL-2.0
/*
 * Futexes. A futex is keyed by the guest-physical address of its word
 * (frame and offset), so private and shared futexes, across fork and
 * MAP_SHARED, meet at the same key with no special cases. Waiters sit in
 * one hash of lists; WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP and the bitset
 * variants follow Linux. Robust lists are walked at thread exit.
 */
#include "mm.h"
#include "task.h"
#include "uaccess.h"
#include "uapi.h"

#define FUTEX_HASH 256

struct futex_waiter {
	struct list_head link;
	struct task *task;
	u64 key;
	u32 bitset;
	bool woken;
};

static struct futex_state {
	struct list_head hash[FUTEX_HASH];
	bool init;
} futex_state;

static struct list_head *futex_bucket(u64 key)
{
	unsigned i;

	if (!futex_state.init) {
		for (i = 0; i < FUTEX_HASH; i++)
			list_init(&futex_state.hash[i]);
		futex_state.init = true;
	}
	return &futex_state.hash[(key >> 2) * 0x9e3779b97f4a7c15ull >> 56];
}

static int futex_key(struct mm *mm, u64 uaddr, u64 *key)
{
	pfn_t pfn;
	int err;

	if (uaddr & 3)
		return -EINVAL;
	err = mm_user_frame(mm, uaddr, false, &pfn);
	if (err)
		return err;
	*key = mm_frame_off(pfn) | (uaddr & (PAGE_SIZE - 1));
	return 0;
}

static int futex_wake_key(u64 key, int n, u32 bitset)
{
	struct list_head *b = futex_bucket(key);
	struct futex_waiter *w, *t;
	int woken = 0;

	list_for_each_entry_safe(w, t, b, link) {
		if (woken >= n)
			break;
		if (w->key != key || !(w->bitset & bitset))
			continue;
		list_del(&w->link);
		list_init(&w->link);
		w->woken = true;
		task_wake(w->task);
		woken++;
	}
	return woken;
}

int futex_wake_addr(struct mm *mm, u64 uaddr, int n)
{
	u64 key;

	if (futex_key(mm, uaddr, &key))
		return 0;
	return futex_wake_key(key, n, FUTEX_BITSET_MATCH_ANY);
}

static long futex_wait(u64 uaddr, u32 val, s64 deadline, u32 bitset)
{
	struct task *t = task_current();
	struct futex_waiter w = { .task = t, .bitset = bitset };
	u32 cur;
	int err;

	if (!bitset)
		return -EINVAL;
	err = futex_key(t->mm, uaddr, &w.key);
	if (err)
		return err;
	if (copy_from_user(&cur, uaddr, sizeof(cur)))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	list_add_tail(&w.link, futex_bucket(w.key));
	while (!w.woken) {
		err = sched_sleep(TASK_INTERRUPTIBLE, deadline);
		if (err)
			break;
	}
	if (!w.woken) {
		list_del(&w.link);
		return err == -ETIMEDOUT ? -ETIMEDOUT : -ERESTARTSYS;
	}
	return 0;
}

static long futex_requeue(u64 uaddr, int nwake, int nreq, u64 uaddr2, bool cmp, u32 val)
{
	struct task *t = task_current();
	struct futex_waiter *w, *tmp;
	u64 k1, k2;
	u32 cur;
	int woken = 0, moved = 0, err;

	if (nwake < 0 || nreq < 0)
		return -EINVAL;
	err = futex_key(t->mm, uaddr, &k1);
	if (err)
		return err;
	err = futex_key(t->mm, uaddr2, &k2);
	if (err)
		return err;
	if (cmp) {
		if (copy_from_user(&cur, uaddr, sizeof(cur)))
			return -EFAULT;
		if (cur != val)
			return -EAGAIN;
	}
	list_for_each_entry_safe(w, tmp, futex_bucket(k1), link) {
		if (w->key != k1)
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
			list_add_tail(&w->link, futex_bucket(k2));
			moved++;
		} else {
			break;
		}
	}
	return woken + moved;
}

static long futex_wake_op(u64 uaddr, int n1, u64 uaddr2, int n2, u32 op)
{
	struct task *t = task_current();
	u32 oldval, newval, oparg = (op >> 12) & 0xfff, cmparg = op & 0xfff;
	int opcode = (op >> 28) & 7, cmp = (op >> 24) & 15, woken;
	bool cond;

	if ((op >> 31) & 1)
		oparg = 1u << (oparg & 31);
	if (copy_from_user(&oldval, uaddr2, sizeof(oldval)))
		return -EFAULT;
	switch (opcode) {
	case 0: newval = oparg; break;
	case 1: newval = oldval + oparg; break;
	case 2: newval = oldval | oparg; break;
	case 3: newval = oldval & ~oparg; break;
	case 4: newval = oldval ^ oparg; break;
	default: return -ENOSYS;
	}
	if (copy_to_user(uaddr2, &newval, sizeof(newval)))
		return -EFAULT;
	woken = futex_wake_addr(t->mm, uaddr, n1);
	switch (cmp) {
	case 0: cond = oldval == cmparg; break;
	case 1: cond = oldval != cmparg; break;
	case 2: cond = (s32)oldval < (s32)cmparg; break;
	case 3: cond = (s32)oldval <= (s32)cmparg; break;
	case 4: cond = (s32)oldval > (s32)cmparg; break;
	case 5: cond = (s32)oldval >= (s32)cmparg; break;
	default: return -ENOSYS;
	}
	if (cond)
		woken += futex_wake_addr(t->mm, uaddr2, n2);
	return woken;
}

int timespec_from_user(u64 uts, s64 *ns);

long sys_futex(u64 uaddr, int op, u32 val, u64 utime, u64 uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	s64 deadline = S64_MAX, ns;
	int err;

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
		return futex_wait(uaddr, val, deadline,
				  cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3);
	case FUTEX_WAKE:
		return futex_wake_addr(task_current()->mm, uaddr, (int)val);
	case FUTEX_WAKE_BITSET: {
		u64 key;

		if (!val3)
			return -EINVAL;
		err = futex_key(task_current()->mm, uaddr, &key);
		if (err)
			return err;
		return futex_wake_key(key, (int)val, val3);
	}
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, (int)val, (int)utime, uaddr2, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, (int)val, (int)utime, uaddr2, true, val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, (int)val, uaddr2, (int)utime, val3);
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
