// SPDX-License-Identifier: GPL-2.0
/*
 * timerfd_create(2), timerfd_settime(2), timerfd_gettime(2): a timer whose
 * expirations are read as a u64 count. Each file owns a ktimer on the
 * guest's monotonic clock (core/proc/timer.c), armed at the next expiry and
 * run from irq_run. CLOCK_BOOTTIME counts as CLOCK_MONOTONIC (the guest
 * never suspends); CLOCK_REALTIME deadlines are converted to monotonic when
 * armed, so a later change of the realtime clock does not move them, and
 * TFD_TIMER_CANCEL_ON_SET is accepted but never cancels.
 * Layer: a VFS file type (core/fs); readiness through file_ops.poll.
 */
#include "uaccess.h"
#include "vfs.h"

#define NSEC 1000000000LL
#define TFD_CLOEXEC O_CLOEXEC
#define TFD_NONBLOCK O_NONBLOCK

struct timerfd_ctx {
	struct ktimer timer;     /* armed while a next expiry is due */
	int clockid;
	s64 interval;            /* ns; 0: one shot */
	u64 ticks;               /* expirations not yet read */
	struct wait_queue wait;
};

/* The timer fired: count it, and every whole interval that passed too if
 * the interrupt ran late (Linux's hrtimer_forward overrun). */
static void timerfd_fire(struct ktimer *t)
{
	struct timerfd_ctx *ctx = container_of(t, struct timerfd_ctx, timer);

	if (ctx->interval) {
		s64 now = time_mono();
		u64 n = 1;

		if (now > t->expires)
			n += (u64)((now - t->expires) / ctx->interval);
		ctx->ticks += n;
		timer_arm(t, t->expires + (s64)n * ctx->interval);
	} else {
		ctx->ticks++;
	}
	wq_wake(&ctx->wait, POLLIN | POLLRDNORM);
}

static long timerfd_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct timerfd_ctx *ctx = f->priv;
	u64 ticks;
	int err;

	if (to->count < sizeof(ticks))
		return -EINVAL;
	if (!ctx->ticks) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&ctx->wait, ctx->ticks != 0);
		if (err)
			return err;
	}
	ticks = ctx->ticks;
	if (iov_copy_to(to, &ticks, sizeof(ticks)) != sizeof(ticks))
		return -EFAULT;
	ctx->ticks = 0;
	return sizeof(ticks);
}

static unsigned timerfd_poll(struct file *f, struct poll_table *pt)
{
	struct timerfd_ctx *ctx = f->priv;

	poll_wait(f, &ctx->wait, pt);
	return ctx->ticks ? POLLIN | POLLRDNORM : 0;
}

static void timerfd_release(struct file *f)
{
	struct timerfd_ctx *ctx = f->priv;

	timer_cancel(&ctx->timer);
	kfree(ctx);
}

static const struct file_ops timerfd_fops = {
	.read = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
};

long sys_timerfd_create(int clockid, int flags)
{
	struct timerfd_ctx *ctx;
	struct file *f;

	if (flags & ~(TFD_CLOEXEC | TFD_NONBLOCK))
		return -EINVAL;
	switch (clockid) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
		break;
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		/* Linux wants CAP_WAKE_ALARM; root may, and we treat them as
		 * the plain clocks (nothing here suspends). */
		if (task_current()->cred.euid != 0)
			return -EPERM;
		clockid = clockid == CLOCK_REALTIME_ALARM ? CLOCK_REALTIME : CLOCK_BOOTTIME;
		break;
	default:
		return -EINVAL;
	}
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->clockid = clockid;
	timer_init(&ctx->timer, timerfd_fire);
	wq_init(&ctx->wait);
	f = anon_file(&timerfd_fops, O_RDWR | ((unsigned)flags & O_NONBLOCK), ctx,
		      "anon_inode:[timerfd]");
	if (!f) {
		kfree(ctx);
		return -ENFILE;
	}
	return fd_install(f, 0, flags & TFD_CLOEXEC);
}

/* struct itimerspec: { it_interval, it_value }, each a 64-bit timespec. */
static int itimerspec_from_user(u64 uaddr, s64 *interval, s64 *value)
{
	s64 ts[4];

	if (copy_from_user(ts, uaddr, sizeof(ts)))
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= NSEC || ts[2] < 0 || ts[3] < 0 || ts[3] >= NSEC)
		return -EINVAL;
	/* Beyond ~292 years: clamp (no deadline that far is ever reached). */
	*interval = ts[0] > S64_MAX / NSEC / 2 ? S64_MAX / 4 : ts[0] * NSEC + ts[1];
	*value = ts[2] > S64_MAX / NSEC / 2 ? S64_MAX / 4 : ts[2] * NSEC + ts[3];
	return 0;
}

static int itimerspec_to_user(u64 uaddr, s64 interval, s64 value)
{
	s64 ts[4] = { interval / NSEC, interval % NSEC, value / NSEC, value % NSEC };

	return copy_to_user(uaddr, ts, sizeof(ts)) ? -EFAULT : 0;
}

/* A timerfd by fd, with a reference: -EBADF, or -EINVAL for other files. */
static int timerfd_get(int fd, struct file **out)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (f->ops != &timerfd_fops) {
		file_put(f);
		return -EINVAL;
	}
	*out = f;
	return 0;
}

static void timerfd_current(struct timerfd_ctx *ctx, s64 *interval, s64 *left)
{
	*interval = ctx->interval;
	*left = ctx->timer.armed ? MAX(ctx->timer.expires - time_mono(), 1) : 0;
}

long sys_timerfd_settime(int fd, int flags, u64 unew, u64 uold)
{
	struct timerfd_ctx *ctx;
	struct file *f;
	s64 interval, value, oi, ov, expires;
	int err;

	/* Linux's order: the copy faults first, then flags and values. */
	err = itimerspec_from_user(unew, &interval, &value);
	if (err == -EFAULT)
		return err;
	if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET))
		return -EINVAL;
	if (err)
		return err;
	err = timerfd_get(fd, &f);
	if (err)
		return err;
	ctx = f->priv;
	timerfd_current(ctx, &oi, &ov);
	timer_cancel(&ctx->timer);
	ctx->ticks = 0;
	ctx->interval = interval;
	if (value) {
		if (!(flags & TFD_TIMER_ABSTIME))
			expires = time_mono() + value;
		else if (ctx->clockid == CLOCK_REALTIME)
			expires = time_mono() + (value - time_real());
		else
			expires = value;
		/* A deadline already past fires at the next interrupt. */
		timer_arm(&ctx->timer, expires);
	}
	file_put(f);
	if (uold)
		return itimerspec_to_user(uold, oi, ov);
	return 0;
}

long sys_timerfd_gettime(int fd, u64 ucur)
{
	struct file *f;
	s64 interval, left;
	int err;

	err = timerfd_get(fd, &f);
	if (err)
		return err;
	timerfd_current(f->priv, &interval, &left);
	file_put(f);
	return itimerspec_to_user(ucur, interval, left);
}
