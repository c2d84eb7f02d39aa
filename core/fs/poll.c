// SPDX-License-Identifier: GPL-2.0
/*
 * poll, ppoll, select, pselect6. Each pass asks every file for its
 * readiness (file_ops.poll); the first pass also queues the caller on the
 * files' wait queues, so any change wakes it for another pass. Timeouts
 * are monotonic deadlines; select writes back the time left, ppoll and
 * pselect swap the signal mask for the wait as Linux does.
 */
#include "uaccess.h"
#include "vfs.h"

#define POLL_MAX_FDS (1024 * 1024)
#define NSEC 1000000000LL

int timespec_from_user(u64 uts, s64 *ns);

struct poll_entry {
	struct wait_entry we;
};

struct poll_wqueues {
	struct poll_table pt;
	struct poll_entry *entries;
	int n, cap;
	struct task *task;
	bool triggered;
};

static void poll_wake_fn(struct wait_entry *we, unsigned key)
{
	struct poll_wqueues *pw = we->priv;

	pw->triggered = true;
	task_wake(pw->task);
}

static void poll_queue(struct file *f, struct wait_queue *wq, struct poll_table *pt)
{
	struct poll_wqueues *pw = container_of(pt, struct poll_wqueues, pt);
	struct poll_entry *e;

	if (pw->n == pw->cap) {
		int cap = pw->cap ? pw->cap * 2 : 16;
		struct poll_entry *ne = kmalloc(sizeof(*ne) * (size_t)cap);
		int i;

		if (!ne)
			return; /* best effort: we will still poll on timeout */
		/* wait entries are linked into queues: re-link the moved ones */
		for (i = 0; i < pw->n; i++) {
			ne[i] = pw->entries[i];
			list_add_between(&ne[i].we.link, pw->entries[i].we.link.prev,
					 pw->entries[i].we.link.next);
		}
		kfree(pw->entries);
		pw->entries = ne;
		pw->cap = cap;
	}
	e = &pw->entries[pw->n++];
	memset(e, 0, sizeof(*e));
	e->we.func = poll_wake_fn;
	e->we.priv = pw;
	e->we.task = pw->task;
	wq_add(wq, &e->we);
}

static void poll_init(struct poll_wqueues *pw)
{
	memset(pw, 0, sizeof(*pw));
	pw->pt.qproc = poll_queue;
	pw->task = task_current();
}

static void poll_free(struct poll_wqueues *pw)
{
	int i;

	for (i = 0; i < pw->n; i++)
		wq_del(&pw->entries[i].we);
	kfree(pw->entries);
}

struct pollfd_k {
	s32 fd;
	s16 events, revents;
};

/* One pass over the pollfds; returns the number ready. */
static int poll_pass(struct pollfd_k *pfd, unsigned n, struct poll_table *pt)
{
	unsigned i;
	int count = 0;

	for (i = 0; i < n; i++) {
		struct file *f;
		unsigned mask;

		pfd[i].revents = 0;
		if (pfd[i].fd < 0)
			continue;
		f = fd_get(pfd[i].fd);
		if (!f) {
			pfd[i].revents = POLLNVAL;
			count++;
			continue;
		}
		mask = vfs_poll(f, pt);
		file_put(f);
		mask &= (unsigned)(u16)pfd[i].events | POLLERR | POLLHUP;
		pfd[i].revents = (s16)mask;
		if (mask)
			count++;
	}
	return count;
}

static long do_poll(struct pollfd_k *pfd, unsigned n, s64 deadline)
{
	struct poll_wqueues pw;
	long ret;
	int err;

	poll_init(&pw);
	ret = poll_pass(pfd, n, &pw.pt);
	while (!ret) {
		if (deadline != S64_MAX && time_mono() >= deadline)
			break;
		if (signal_pending(pw.task)) {
			ret = -EINTR;
			break;
		}
		pw.triggered = false;
		err = sched_sleep(TASK_INTERRUPTIBLE, deadline);
		if (err == -EINTR) {
			ret = -EINTR;
			break;
		}
		ret = poll_pass(pfd, n, NULL);
		if (err == -ETIMEDOUT)
			break;
	}
	poll_free(&pw);
	return ret;
}

static long poll_common(u64 ufds, unsigned n, s64 deadline)
{
	struct pollfd_k *pfd;
	unsigned i;
	long r;

	if (n > task_rlimit(task_current(), RLIMIT_NOFILE) || n > POLL_MAX_FDS)
		return -EINVAL;
	pfd = kmalloc(sizeof(*pfd) * (n ? n : 1));
	if (!pfd)
		return -ENOMEM;
	if (n && copy_from_user(pfd, ufds, sizeof(*pfd) * n)) {
		kfree(pfd);
		return -EFAULT;
	}
	r = do_poll(pfd, n, deadline);
	if (r >= 0) {
		for (i = 0; i < n; i++)
			if (copy_to_user(ufds + i * sizeof(*pfd) + 6, &pfd[i].revents, 2)) {
				r = -EFAULT;
				break;
			}
	}
	kfree(pfd);
	return r;
}

static long poll_restart(struct restart_block *rb)
{
	long r = poll_common(rb->arg[0], (unsigned)rb->arg[1], (s64)rb->arg[2]);

	if (r == -EINTR) {
		task_current()->restart.fn = poll_restart;
		return -ERESTART_RESTARTBLOCK;
	}
	return r;
}

long sys_poll(u64 ufds, unsigned n, int timeout_ms)
{
	struct task *t = task_current();
	s64 deadline = timeout_ms < 0 ? S64_MAX : time_mono() + (s64)timeout_ms * 1000000LL;
	long r = poll_common(ufds, n, deadline);

	if (r == -EINTR) {
		t->restart.fn = poll_restart;
		t->restart.arg[0] = ufds;
		t->restart.arg[1] = n;
		t->restart.arg[2] = (u64)deadline;
		return -ERESTART_RESTARTBLOCK;
	}
	return r;
}

/* Swap in a temporary signal mask for ppoll/pselect. */
static int sigmask_swap(u64 umask, u64 size)
{
	struct task *t = task_current();
	u64 mask;

	if (!umask)
		return 0;
	if (size != 8)
		return -EINVAL;
	if (copy_from_user(&mask, umask, 8))
		return -EFAULT;
	t->saved_sigmask = t->blocked;
	t->blocked = mask & ~SIG_KERNEL_ONLY_MASK;
	t->restore_sigmask = true;
	return 0;
}

/* On EINTR the old mask comes back after the handler (signal_deliver);
 * otherwise right now. */
static long sigmask_done(long r)
{
	struct task *t = task_current();

	if (r == -EINTR)
		return -ERESTARTNOHAND;
	if (t->restore_sigmask) {
		t->blocked = t->saved_sigmask;
		t->restore_sigmask = false;
	}
	return r;
}

long sys_ppoll(u64 ufds, unsigned n, u64 uts, u64 umask, u64 size)
{
	s64 deadline = S64_MAX, ns;
	long r;

	if (uts) {
		r = timespec_from_user(uts, &ns);
		if (r)
			return r;
		deadline = time_mono() + ns;
	}
	r = sigmask_swap(umask, size);
	if (r)
		return r;
	r = poll_common(ufds, n, deadline);
	if (uts && r != -EFAULT) {
		s64 left = MAX(deadline - time_mono(), 0), ts[2] = { left / NSEC, left % NSEC };

		copy_to_user(uts, ts, sizeof(ts));
	}
	return sigmask_done(r);
}

/* ---- select ---- */

#define SEL_IN (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SEL_OUT (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SEL_EX POLLPRI

static long do_select(int n, u64 uin, u64 uout, u64 uex, s64 deadline)
{
	size_t words = DIV_ROUND_UP((size_t)n, 64), bytes = DIV_ROUND_UP((size_t)n, 8);
	u64 *in, *out, *ex, *rin, *rout, *rex;
	struct poll_wqueues pw;
	long ret = 0;
	int fd, err;
	bool first = true;

	if (n < 0)
		return -EINVAL;
	if ((u64)n > task_rlimit(task_current(), RLIMIT_NOFILE) && n > 1024)
		n = (int)MIN((u64)n, task_rlimit(task_current(), RLIMIT_NOFILE));
	in = kzalloc(6 * words * 8 + 8);
	if (!in)
		return -ENOMEM;
	out = in + words;
	ex = out + words;
	rin = ex + words;
	rout = rin + words;
	rex = rout + words;
	if ((uin && copy_from_user(in, uin, bytes)) || (uout && copy_from_user(out, uout, bytes)) ||
	    (uex && copy_from_user(ex, uex, bytes))) {
		kfree(in);
		return -EFAULT;
	}
	poll_init(&pw);
	for (;;) {
		ret = 0;
		for (fd = 0; fd < n; fd++) {
			u64 bit = 1ull << (fd % 64);
			unsigned want = 0, mask;
			struct file *f;

			if (in[fd / 64] & bit)
				want |= SEL_IN;
			if (out[fd / 64] & bit)
				want |= SEL_OUT;
			if (ex[fd / 64] & bit)
				want |= SEL_EX;
			if (!want)
				continue;
			f = fd_get(fd);
			if (!f) {
				ret = -EBADF;
				goto out;
			}
			mask = vfs_poll(f, first ? &pw.pt : NULL);
			file_put(f);
			if ((mask & SEL_IN) && (in[fd / 64] & bit)) {
				rin[fd / 64] |= bit;
				ret++;
			}
			if ((mask & SEL_OUT) && (out[fd / 64] & bit)) {
				rout[fd / 64] |= bit;
				ret++;
			}
			if ((mask & SEL_EX) && (ex[fd / 64] & bit)) {
				rex[fd / 64] |= bit;
				ret++;
			}
		}
		first = false;
		if (ret || (deadline != S64_MAX && time_mono() >= deadline))
			break;
		if (signal_pending(pw.task)) {
			ret = -EINTR;
			break;
		}
		err = sched_sleep(TASK_INTERRUPTIBLE, deadline);
		if (err == -EINTR) {
			ret = -EINTR;
			break;
		}
		if (err == -ETIMEDOUT)
			deadline = time_mono(); /* one last pass */
	}
	if (ret >= 0) {
		if ((uin && copy_to_user(uin, rin, bytes)) || (uout && copy_to_user(uout, rout, bytes)) ||
		    (uex && copy_to_user(uex, rex, bytes)))
			ret = -EFAULT;
	}
out:
	poll_free(&pw);
	kfree(in);
	return ret;
}

long sys_select(int n, u64 uin, u64 uout, u64 uex, u64 utv)
{
	s64 deadline = S64_MAX;
	s64 tv[2];
	long r;

	if (utv) {
		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000)
			return -EINVAL;
		deadline = time_mono() + tv[0] * NSEC + tv[1] * 1000;
	}
	r = do_select(n, uin, uout, uex, deadline);
	if (utv) {
		s64 left = MAX(deadline - time_mono(), 0);

		tv[0] = left / NSEC;
		tv[1] = (left % NSEC) / 1000;
		copy_to_user(utv, tv, sizeof(tv));
	}
	return r == -EINTR ? -ERESTARTNOHAND : r;
}

long sys_pselect6(int n, u64 uin, u64 uout, u64 uex, u64 uts, u64 usig)
{
	s64 deadline = S64_MAX, ns;
	u64 sig[2] = { 0, 0 };
	long r;

	if (uts) {
		r = timespec_from_user(uts, &ns);
		if (r)
			return r;
		deadline = time_mono() + ns;
	}
	if (usig && copy_from_user(sig, usig, sizeof(sig)))
		return -EFAULT;
	r = sigmask_swap(sig[0], sig[1]);
	if (r)
		return r;
	r = do_select(n, uin, uout, uex, deadline);
	if (uts && r != -EFAULT) {
		s64 left = MAX(deadline - time_mono(), 0), ts[2] = { left / NSEC, left % NSEC };

		copy_to_user(uts, ts, sizeof(ts));
	}
	return sigmask_done(r);
}
