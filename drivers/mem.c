// SPDX-License-Identifier: GPL-2.0
/*
 * The memory character devices (major 1): /dev/null, /dev/zero, /dev/full,
 * /dev/random, /dev/urandom and /dev/kmsg, with Linux's behaviour: null
 * reads EOF and swallows writes, zero reads zeros and maps as anonymous
 * memory, full fails writes with ENOSPC, random devices read the host's
 * randomness (never block, as Linux >= 5.6 once seeded).
 */
#include "host.h"
#include "mm.h"
#include "uapi.h"
#include "vfs.h"
#include "console.h"

static long null_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	return 0;
}

static long null_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	size_t n = from->count;

	iov_advance(from, n);
	return (long)n;
}

static s64 mem_llseek(struct file *f, s64 off, int whence)
{
	f->pos = 0;
	return 0;
}

static long zero_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	size_t n = to->count, got = iov_zero(to, n);

	return got ? (long)got : (n ? -EFAULT : 0);
}

/* mmap of /dev/zero: private is anonymous memory, shared a shmem object. */
static int zero_mmap(struct file *f, struct vma *v)
{
	struct file *anon;
	int err;

	if (v->flags & VMA_SHARED) {
		err = tmpfs_anon_file("dev/zero", (s64)(v->end - v->start), O_RDWR, &anon);
		if (err)
			return err;
		file_put(v->file);
		v->file = anon;
		v->pgoff = 0;
		return 0;
	}
	file_put(v->file);
	v->file = NULL;
	return 0;
}

static long full_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	return -ENOSPC;
}

static long random_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	u8 buf[512];
	size_t done = 0;

	while (to->count) {
		size_t n = MIN(to->count, sizeof(buf)), got;

		if (host_getrandom(buf, n))
			return done ? (long)done : -EIO;
		got = iov_copy_to(to, buf, n);
		done += got;
		if (got < n)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

static unsigned always_ready(struct file *f, struct poll_table *pt)
{
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

static long random_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	return -ENOTTY;
}

/* /dev/kmsg: writes become kernel log lines; reads give the log. */
static long kmsg_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	char buf[1024];
	size_t n = MIN(from->count, sizeof(buf) - 1), got = iov_copy_from(from, buf, n);

	if (!got)
		return n ? -EFAULT : 0;
	buf[got] = 0;
	pr_info("%s%s", buf, buf[got - 1] == '\n' ? "" : "\n");
	iov_advance(from, from->count);
	return (long)got;
}

static long kmsg_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	size_t size = printk_ring_size(), n, got;
	char *buf;

	if (*pos >= (s64)size)
		return 0;
	buf = kmalloc(size);
	if (!buf)
		return -ENOMEM;
	printk_read_ring(buf, size);
	n = MIN(size - (size_t)*pos, to->count);
	got = iov_copy_to(to, buf + *pos, n);
	kfree(buf);
	*pos += (s64)got;
	return got || !n ? (long)got : -EFAULT;
}

static const struct file_ops null_fops = {
	.splice_read = true,
	.read = null_read, .write = null_write, .llseek = mem_llseek, .poll = always_ready,
};
static const struct file_ops zero_fops = {
	.splice_read = true,
	.read = zero_read, .write = null_write, .llseek = mem_llseek, .mmap = zero_mmap,
	.poll = always_ready,
};
static const struct file_ops full_fops = {
	.splice_read = true,
	.read = zero_read, .write = full_write, .llseek = mem_llseek, .poll = always_ready,
};
static const struct file_ops random_fops = {
	.splice_read = true,
	.read = random_read, .write = null_write, .llseek = mem_llseek, .poll = always_ready,
	.ioctl = random_ioctl,
};
static const struct file_ops kmsg_fops = {
	.read = kmsg_read, .write = kmsg_write, .poll = always_ready,
};

static int mem_open(struct inode *inode, struct file *f)
{
	switch (dev_minor(inode->rdev)) {
	case 3: f->ops = &null_fops; break;
	case 5: f->ops = &zero_fops; break;
	case 7: f->ops = &full_fops; break;
	case 8: case 9: f->ops = &random_fops; break;
	case 11: f->ops = &kmsg_fops; break;
	default: return -ENXIO;
	}
	return 0;
}

static const struct file_ops mem_fops = {
	.open = mem_open,
};

int mem_devices_init(void)
{
	return chrdev_register(1, 0, 256, "mem", &mem_fops);
}
