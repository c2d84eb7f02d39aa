// SPDX-License-Identifier: GPL-2.0
/*
 * The filesystem registry: every filesystem type `mount -t` can name.
 * Adding one is one line here (and its own directory under core/fs/).
 * Types built by later parts of the tree are weak: absent ones drop out.
 */
#include "vfs.h"

extern const struct fs_type rootfs_type;
extern const struct fs_type procfs_type __attribute__((weak));
extern const struct fs_type devpts_type __attribute__((weak));
extern const struct fs_type sysfs_type __attribute__((weak));

const struct fs_type *const fs_table[] = {
	&rootfs_type,
	&tmpfs_type,
	&ramfs_type,
	&devtmpfs_type,
	&procfs_type,
	&devpts_type,
	&sysfs_type,
};
const unsigned fs_table_len = ARRAY_SIZE(fs_table);
