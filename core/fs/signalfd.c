// SPDX-License-Identifier: GPL-2.0
/*
 * signalfd(2) and signalfd4(2): reading the file dequeues pending signals
 * in its mask (from the reading thread's and its process's pending sets,
 * like sigtimedwait) as 128-byte struct signalfd_siginfo records. As in
 * Linux, what a signalfd reports depends on who reads or polls it, not on
 * who created it. Signal generation (core/proc/signal.c) calls
 * signalfd_notify() whenever it queues a signal; that wakes one wait queue
 * shared by every signalfd, and each reader or poller rechecks its own mask.
 * Layer: a VFS file type (core/fs) over the signal core's signal_dequeue.
 */
#include "uaccess.h"
#include "vfs.h"

#define SFD_CLOEXEC O_CLOEXEC
#define SFD_NONBLOCK O_NONBLOCK
#define SIGNALFD_INFO_SIZE 128
#define NSIGPOLL 6 /* the largest si_code of SIGPOLL (POLL_HUP) */

static struct signalfd_state {
	struct wait_queue wait; /* readers and pollers of every signalfd */
} signalfd_state = { .wait = WAIT_QUEUE_INIT(signalfd_state.wait) };

struct signalfd_ctx {
	u64 mask; /* never SIGKILL or SIGSTOP */
};

/* struct signalfd_siginfo (linux/signalfd.h): the same on every arch. */
struct signalfd_siginfo_k {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 pad[28];
};
_Static_assert(sizeof(struct signalfd_siginfo_k) == SIGNALFD_INFO_SIZE, "signalfd_siginfo layout");
_Static_assert(offsetof(struct signalfd_siginfo_k, ssi_ptr) == 48, "signalfd_siginfo layout");
_Static_assert(offsetof(struct signalfd_siginfo_k, ssi_arch) == 96, "signalfd_siginfo layout");

/* Called by signal generation after a signal is queued for process p. */
void signalfd_notify(struct process *p, int sig)
{
	if (wq_active(&signalfd_state.wait))
		wq_wake(&signalfd_state.wait, POLLIN | POLLRDNORM);
}

/* Which fields a siginfo carries follows Linux's siginfo_layout(): by
 * si_code, then for kernel codes by signal. */
static void signalfd_fill(const struct ksiginfo *i, struct signalfd_siginfo_k *s)
{
	memset(s, 0, sizeof(*s));
	s->ssi_signo = (u32)i->signo;
	s->ssi_errno = i->errno_;
	s->ssi_code = i->code;
	if (i->code == SI_TIMER) {
		s->ssi_tid = (u32)i->timerid;
		s->ssi_overrun = (u32)i->overrun;
		s->ssi_ptr = i->value;
		s->ssi_int = (s32)i->value;
	} else if (i->code == SI_SIGIO) {
		s->ssi_band = (u32)i->band;
		s->ssi_fd = i->fd;
	} else if (i->code < 0) { /* sigqueue, tkill, mq, aio */
		s->ssi_pid = (u32)i->pid;
		s->ssi_uid = i->uid;
		s->ssi_ptr = i->value;
		s->ssi_int = (s32)i->value;
	} else if (i->code == SI_USER || i->code >= SI_KERNEL) {
		s->ssi_pid = (u32)i->pid;
		s->ssi_uid = i->uid;
	} else {
		switch (i->signo) {
		case SIGCHLD:
			s->ssi_pid = (u32)i->pid;
			s->ssi_uid = i->uid;
			s->ssi_status = i->status;
			s->ssi_utime = i->utime / 10000000; /* ns to clock ticks (USER_HZ 100) */
			s->ssi_stime = i->stime / 10000000;
			break;
		case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
			s->ssi_addr = i->addr;
			s->ssi_trapno = (u32)i->trapno;
			break;
		case SIGSYS:
			s->ssi_call_addr = i->addr;
			break;
		default:
			if (i->code <= NSIGPOLL) {
				s->ssi_band = (u32)i->band;
				s->ssi_fd = i->fd;
			} else {
				s->ssi_pid = (u32)i->pid;
				s->ssi_uid = i->uid;
			}
			break;
		}
	}
}

static bool signalfd_ready(struct task *t, u64 mask)
{
	return ((t->pending.set | t->proc->shared_pending.set) & mask) != 0;
}

static long signalfd_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct signalfd_ctx *ctx = f->priv;
	struct task *t = task_current();
	size_t want = to->count / SIGNALFD_INFO_SIZE, done = 0;
	struct signalfd_siginfo_k si;
	struct ksiginfo info;
	int err;

	if (!want)
		return -EINVAL;
	while (done < want) {
		/* signal_dequeue takes the signals to leave alone */
		if (!signal_dequeue(t, ~ctx->mask, &info)) {
			if (done)
				break;
			if (f->flags & O_NONBLOCK)
				return -EAGAIN;
			err = wait_event_interruptible(&signalfd_state.wait,
						       signalfd_ready(t, ctx->mask));
			if (err)
				return err;
			continue;
		}
		signalfd_fill(&info, &si);
		/* A fault loses the dequeued signal, as in Linux. */
		if (iov_copy_to(to, &si, sizeof(si)) != sizeof(si))
			return done ? (long)(done * sizeof(si)) : -EFAULT;
		done++;
	}
	return (long)(done * sizeof(si));
}

static unsigned signalfd_poll(struct file *f, struct poll_table *pt)
{
	struct signalfd_ctx *ctx = f->priv;

	poll_wait(f, &signalfd_state.wait, pt);
	return signalfd_ready(task_current(), ctx->mask) ? POLLIN | POLLRDNORM : 0;
}

static void signalfd_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_ops signalfd_fops = {
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
};

long sys_signalfd4(int ufd, u64 umask, u64 sizemask, int flags)
{
	struct signalfd_ctx *ctx;
	struct file *f;
	u64 mask;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	if (sizemask != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~SIG_KERNEL_ONLY_MASK;
	if (ufd != -1) {
		/* Change the mask of an existing signalfd. */
		f = fd_get(ufd);
		if (!f)
			return -EBADF;
		if (f->ops != &signalfd_fops) {
			file_put(f);
			return -EINVAL;
		}
		((struct signalfd_ctx *)f->priv)->mask = mask;
		file_put(f);
		wq_wake(&signalfd_state.wait, POLLIN | POLLRDNORM);
		return ufd;
	}
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->mask = mask;
	f = anon_file(&signalfd_fops, O_RDWR | ((unsigned)flags & O_NONBLOCK), ctx,
		      "anon_inode:[signalfd]");
	if (!f) {
		kfree(ctx);
		return -ENFILE;
	}
	return fd_install(f, 0, flags & SFD_CLOEXEC);
}

long sys_signalfd(int ufd, u64 umask, u64 sizemask)
{
	return sys_signalfd4(ufd, umask, sizemask, 0);
}
