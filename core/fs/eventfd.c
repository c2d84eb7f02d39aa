// SPDX-License-Identifier: GPL-2.0
/*
 * eventfd(2) and eventfd2(2): a 64-bit counter behind an anonymous file.
 * write adds to it (blocking while the sum would pass 0xfffffffffffffffe),
 * read returns it and resets it to zero, or with EFD_SEMAPHORE returns 1 and
 * decrements; a zero counter blocks readers. Both transfer exactly 8 bytes
 * (shorter buffers: EINVAL). Readiness is reported through file_ops.poll
 * and the file's wait queue, so poll, select and epoll see it.
 * Layer: a VFS file type (core/fs), used only through its file_ops.
 */
#include "uaccess.h"
#include "vfs.h"

#define EVENTFD_MAX 0xfffffffffffffffeULL /* ULLONG_MAX is never a valid count */

struct eventfd_ctx {
	u64 count;
	bool semaphore;           /* EFD_SEMAPHORE */
	struct wait_queue wait;   /* readers, writers and pollers */
};

static long eventfd_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct eventfd_ctx *ctx = f->priv;
	u64 val;
	int err;

	if (to->count < sizeof(val))
		return -EINVAL;
	if (!ctx->count) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&ctx->wait, ctx->count != 0);
		if (err)
			return err;
	}
	val = ctx->semaphore ? 1 : ctx->count;
	/* Copy before consuming, so a bad buffer loses nothing. */
	if (iov_copy_to(to, &val, sizeof(val)) != sizeof(val))
		return -EFAULT;
	ctx->count -= val;
	wq_wake(&ctx->wait, POLLOUT | POLLWRNORM);
	return sizeof(val);
}

static long eventfd_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	struct eventfd_ctx *ctx = f->priv;
	u64 val;
	int err;

	if (from->count < sizeof(val))
		return -EINVAL;
	if (iov_copy_from(from, &val, sizeof(val)) != sizeof(val))
		return -EFAULT;
	if (val == ~0ULL)
		return -EINVAL;
	if (EVENTFD_MAX - ctx->count < val) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&ctx->wait, EVENTFD_MAX - ctx->count >= val);
		if (err)
			return err;
	}
	ctx->count += val;
	if (ctx->count)
		wq_wake(&ctx->wait, POLLIN | POLLRDNORM);
	return sizeof(val);
}

static unsigned eventfd_poll(struct file *f, struct poll_table *pt)
{
	struct eventfd_ctx *ctx = f->priv;
	unsigned mask = 0;

	poll_wait(f, &ctx->wait, pt);
	if (ctx->count)
		mask |= POLLIN | POLLRDNORM;
	if (ctx->count == ~0ULL)
		mask |= POLLERR; /* cannot happen through write; kept as Linux has it */
	if (ctx->count < EVENTFD_MAX)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static void eventfd_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_ops eventfd_fops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

long sys_eventfd2(unsigned initval, int flags)
{
	struct eventfd_ctx *ctx;
	struct file *f;

	if (flags & ~(EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE))
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->count = initval;
	ctx->semaphore = flags & EFD_SEMAPHORE;
	wq_init(&ctx->wait);
	f = anon_file(&eventfd_fops, O_RDWR | ((unsigned)flags & O_NONBLOCK), ctx,
		      "anon_inode:[eventfd]");
	if (!f) {
		kfree(ctx);
		return -ENFILE;
	}
	return fd_install(f, 0, flags & EFD_CLOEXEC);
}

long sys_eventfd(unsigned initval)
{
	return sys_eventfd2(initval, 0);
}
