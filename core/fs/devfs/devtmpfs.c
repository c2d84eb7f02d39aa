// SPDX-License-Identifier: GPL-2.0
/*
 * devtmpfs: one tmpfs instance holding the device nodes the kernel knows,
 * made at boot; every `mount -t devtmpfs` shows that same instance (as on
 * Linux). Nodes carry Linux's numbers so ls -l /dev looks as expected.
 */
#include "vfs.h"

int tmpfs_symlink_at(struct dentry *dir, const char *name, const char *target);
int mem_devices_init(void);

static struct devtmpfs_state {
	struct super_block *sb; /* boot-only */
} devtmpfs_state;

struct devnode {
	const char *name;
	u32 mode, major, minor;
};

static const struct devnode devnodes[] = {
	{ "null", S_IFCHR | 0666, 1, 3 },
	{ "zero", S_IFCHR | 0666, 1, 5 },
	{ "full", S_IFCHR | 0666, 1, 7 },
	{ "random", S_IFCHR | 0666, 1, 8 },
	{ "urandom", S_IFCHR | 0666, 1, 9 },
	{ "kmsg", S_IFCHR | 0644, 1, 11 },
	{ "tty", S_IFCHR | 0666, 5, 0 },
	{ "console", S_IFCHR | 0600, 5, 1 },
	{ "ptmx", S_IFCHR | 0666, 5, 2 },
	{ "tty0", S_IFCHR | 0620, 4, 0 },
	{ "pts", S_IFDIR | 0755, 0, 0 },
	{ "shm", S_IFDIR | 01777, 0, 0 },
};

static int devtmpfs_mount(const struct fs_type *type, const char *dev, unsigned long flags,
			  const char *data, struct super_block **out)
{
	if (!devtmpfs_state.sb)
		return -ENODEV;
	*out = devtmpfs_state.sb;
	return 0;
}

const struct fs_type devtmpfs_type = { .name = "devtmpfs", .mount = devtmpfs_mount };

int devtmpfs_init(void)
{
	struct dentry *root;
	unsigned i;
	int err;

	err = mem_devices_init();
	if (err)
		return err;
	err = tmpfs_type.mount(&tmpfs_type, "devtmpfs", 0, "mode=0755", &devtmpfs_state.sb);
	if (err)
		return err;
	devtmpfs_state.sb->type = &devtmpfs_type;
	root = devtmpfs_state.sb->root;
	for (i = 0; i < ARRAY_SIZE(devnodes); i++) {
		const struct devnode *n = &devnodes[i];

		err = tmpfs_mknod_at(root, n->name, n->mode, mkdev(n->major, n->minor));
		if (err)
			return err;
	}
	tmpfs_symlink_at(root, "fd", "/proc/self/fd");
	tmpfs_symlink_at(root, "stdin", "/proc/self/fd/0");
	tmpfs_symlink_at(root, "stdout", "/proc/self/fd/1");
	tmpfs_symlink_at(root, "stderr", "/proc/self/fd/2");
	return 0;
}
