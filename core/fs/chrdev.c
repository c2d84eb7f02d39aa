// SPDX-License-Identifier: GPL-2.0
/*
 * Character devices by number: drivers register a (major, minor range)
 * with their file_ops; opening a device node finds the driver and hands
 * the file over to it (Linux's chrdev_open).
 */
#include "vfs.h"

#define CHRDEV_MAX 32

struct chrdev {
	u32 major, minor, count;
	const char *name;
	const struct file_ops *fops;
};

static struct chrdev_state {
	struct chrdev devs[CHRDEV_MAX];
	int n;
} chrdev_state;

int chrdev_register(u32 major, u32 minor, u32 count, const char *name, const struct file_ops *fops)
{
	if (chrdev_state.n == CHRDEV_MAX)
		return -ENOSPC;
	chrdev_state.devs[chrdev_state.n++] = (struct chrdev){ major, minor, count, name, fops };
	return 0;
}

const struct file_ops *chrdev_find(u32 rdev)
{
	u32 ma = dev_major(rdev), mi = dev_minor(rdev);
	int i;

	for (i = 0; i < chrdev_state.n; i++) {
		struct chrdev *c = &chrdev_state.devs[i];

		if (c->major == ma && mi >= c->minor && mi < c->minor + c->count)
			return c->fops;
	}
	return NULL;
}

int chrdev_next(int i, u32 *major, const char **name)
{
	if (i < 0 || i >= chrdev_state.n)
		return -1;
	*major = chrdev_state.devs[i].major;
	*name = chrdev_state.devs[i].name;
	return i + 1;
}

int chrdev_open(struct inode *inode, struct file *f)
{
	const struct file_ops *ops = chrdev_find(inode->rdev);

	if (!ops)
		return -ENXIO;
	f->ops = ops;
	if (ops->open)
		return ops->open(inode, f);
	return 0;
}

const struct file_ops chrdev_fops = {
	.open = chrdev_open,
};
