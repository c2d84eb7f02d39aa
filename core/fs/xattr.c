// SPDX-License-Identifier: GPL-2.0
/*
 * Extended attributes. None of our filesystems stores them yet, so the
 * answers are those of a Linux filesystem without xattr support: no
 * attribute exists (ENODATA), the list is empty, and setting one is not
 * supported (EOPNOTSUPP). Paths and fds are still checked (ENOENT, EBADF).
 */
#include "uaccess.h"
#include "vfs.h"

static int xattr_target(int fd, u64 upath, bool follow)
{
	struct path p;
	char *path;
	int err;

	if (!upath) {
		struct file *f = fd_get(fd);

		if (!f)
			return -EBADF;
		file_put(f);
		return 0;
	}
	err = path_from_user(upath, &path);
	if (err)
		return err;
	err = path_lookup(AT_FDCWD, path, follow ? LOOKUP_FOLLOW : 0, &p);
	kfree(path);
	if (!err)
		path_put(&p);
	return err;
}

static long xattr_get(int fd, u64 upath, bool follow)
{
	int err = xattr_target(fd, upath, follow);

	return err ? err : -ENODATA;
}

static long xattr_list(int fd, u64 upath, bool follow)
{
	int err = xattr_target(fd, upath, follow);

	return err ? err : 0;
}

static long xattr_set(int fd, u64 upath, bool follow)
{
	int err = xattr_target(fd, upath, follow);

	return err ? err : -EOPNOTSUPP;
}

long sys_getxattr(u64 path, u64 name, u64 value, u64 size) { return xattr_get(-1, path, true); }
long sys_lgetxattr(u64 path, u64 name, u64 value, u64 size) { return xattr_get(-1, path, false); }
long sys_fgetxattr(int fd, u64 name, u64 value, u64 size) { return xattr_get(fd, 0, true); }
long sys_listxattr(u64 path, u64 list, u64 size) { return xattr_list(-1, path, true); }
long sys_llistxattr(u64 path, u64 list, u64 size) { return xattr_list(-1, path, false); }
long sys_flistxattr(int fd, u64 list, u64 size) { return xattr_list(fd, 0, true); }
long sys_setxattr(u64 path, u64 name, u64 value, u64 size, int flags) { return xattr_set(-1, path, true); }
long sys_lsetxattr(u64 path, u64 name, u64 value, u64 size, int flags) { return xattr_set(-1, path, false); }
long sys_fsetxattr(int fd, u64 name, u64 value, u64 size, int flags) { return xattr_set(fd, 0, true); }
long sys_removexattr(u64 path, u64 name) { return xattr_get(-1, path, true); }
long sys_lremovexattr(u64 path, u64 name) { return xattr_get(-1, path, false); }
long sys_fremovexattr(int fd, u64 name) { return xattr_get(fd, 0, true); }
