// SPDX-License-Identifier: GPL-2.0
/*
 * Attribute system calls: the stat family (struct stat from the arch,
 * statx generic, AT_EMPTY_PATH on nameless files answered as fstat) and
 * changes (chmod, chown, utimes and their at/f forms), with Linux's
 * permission rules. Argument checks here; vfs_getattr and vfs_setattr
 * (file.c) do the work.
 */
#include "uaccess.h"
#include "vfs.h"

int arch_put_stat(u64 uaddr, const struct kstat *k);

static int at_lookup_flags(int flags, unsigned *lookup)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	*lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		*lookup |= LOOKUP_EMPTY;
	return 0;
}

/* The attributes of an open file, named or not. */
static int fd_getattr(int fd, struct kstat *st)
{
	struct file *f = fd_get(fd);
	int err;

	if (!f)
		return -EBADF;
	if (f->path.dentry)
		err = vfs_getattr(&f->path, st);
	else
		err = vfs_stat_inode(f->inode, st);
	file_put(f);
	return err;
}

/* Linux's vfs_empty_path: AT_EMPTY_PATH with "" (or, since 6.11, NULL)
 * means the fd itself. */
static bool empty_path(int dirfd, u64 upath)
{
	char c;

	if (dirfd < 0)
		return false;
	if (!upath)
		return true;
	return copy_from_user(&c, upath, 1) == 0 && c == 0;
}

/* The stat family's lookup. glibc's fstat is fstatat(fd, "", AT_EMPTY_PATH)
 * and nameless files (pipes, sockets, memfd) have no path to walk: Linux
 * answers that case as fstat (vfs_fstatat, statx's do_statx_fd). */
static int getattr_at(int dirfd, u64 upath, int flags, struct kstat *st)
{
	struct path p;
	unsigned lookup;
	int err = at_lookup_flags(flags, &lookup);

	if (err)
		return err;
	if ((flags & AT_EMPTY_PATH) && empty_path(dirfd, upath))
		return fd_getattr(dirfd, st);
	err = path_lookup_user(dirfd, upath, lookup, &p);
	if (err)
		return err;
	err = vfs_getattr(&p, st);
	path_put(&p);
	return err;
}

static long stat_at(int dirfd, u64 upath, u64 ubuf, int flags)
{
	struct kstat st;
	int err = getattr_at(dirfd, upath, flags, &st);

	if (err)
		return err;
	return arch_put_stat(ubuf, &st);
}

long sys_stat(u64 path, u64 buf)
{
	return stat_at(AT_FDCWD, path, buf, 0);
}

long sys_lstat(u64 path, u64 buf)
{
	return stat_at(AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW);
}

long sys_newfstatat(int dirfd, u64 path, u64 buf, int flags)
{
	return stat_at(dirfd, path, buf, flags);
}

long sys_fstat(int fd, u64 buf)
{
	struct kstat st;
	int err = fd_getattr(fd, &st);

	if (err)
		return err;
	return arch_put_stat(buf, &st);
}

/* struct statx (include/uapi/linux/stat.h), arch-independent. */
struct statx_ts {
	s64 tv_sec;
	u32 tv_nsec;
	s32 reserved;
};
struct statx_k {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, pad1;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 stx_mnt_id;
	u32 stx_dio_mem_align, stx_dio_offset_align;
	u64 spare[12];
};
_Static_assert(sizeof(struct statx_k) == 256, "struct statx layout");
#define STATX_BASIC_STATS 0x7ffu
#define STATX_BTIME 0x800u

long sys_statx(int dirfd, u64 upath, int flags, u32 mask, u64 ubuf)
{
	struct statx_k sx;
	struct kstat st;
	int err;

	if (mask & 0x80000000u) /* STATX__RESERVED */
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = getattr_at(dirfd, upath, flags, &st);
	if (err)
		return err;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS | STATX_BTIME;
	sx.stx_blksize = st.blksize;
	sx.stx_nlink = st.nlink;
	sx.stx_uid = st.uid;
	sx.stx_gid = st.gid;
	sx.stx_mode = (u16)st.mode;
	sx.stx_ino = st.ino;
	sx.stx_size = (u64)st.size;
	sx.stx_blocks = st.blocks;
	sx.stx_atime = (struct statx_ts){ st.atime.sec, (u32)st.atime.nsec, 0 };
	sx.stx_btime = (struct statx_ts){ st.btime.sec, (u32)st.btime.nsec, 0 };
	sx.stx_ctime = (struct statx_ts){ st.ctime.sec, (u32)st.ctime.nsec, 0 };
	sx.stx_mtime = (struct statx_ts){ st.mtime.sec, (u32)st.mtime.nsec, 0 };
	sx.stx_rdev_major = dev_major((u32)st.rdev);
	sx.stx_rdev_minor = dev_minor((u32)st.rdev);
	sx.stx_dev_major = dev_major((u32)st.dev);
	sx.stx_dev_minor = dev_minor((u32)st.dev);
	return copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

/* ---- attributes ---- */

static int may_setattr(struct path *p, struct iattr *ia)
{
	struct task *t = task_current();
	struct inode *inode = p->dentry->inode;

	if (mnt_is_readonly(p->mnt))
		return -EROFS;
	if (t->cred.fsuid == 0)
		return 0;
	if ((ia->valid & (ATTR_MODE | ATTR_UID | ATTR_GID)) && t->cred.fsuid != inode->uid)
		return -EPERM;
	if ((ia->valid & ATTR_UID) && ia->uid != inode->uid)
		return -EPERM;
	return 0;
}

static long chmod_path(struct path *p, u32 mode)
{
	struct iattr ia = { .valid = ATTR_MODE | ATTR_CTIME, .mode = mode & 07777 };
	int err;

	ia.ctime = vfs_now();
	err = may_setattr(p, &ia);
	if (!err)
		err = vfs_setattr(p->dentry, &ia);
	return err;
}

long sys_fchmodat(int dirfd, u64 upath, u32 mode)
{
	struct path p;
	int err = path_lookup_user(dirfd, upath, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = (int)chmod_path(&p, mode);
	path_put(&p);
	return err;
}

long sys_chmod(u64 path, u32 mode)
{
	return sys_fchmodat(AT_FDCWD, path, mode);
}

long sys_fchmod(int fd, u32 mode)
{
	struct file *f = fd_get(fd);
	long err;

	if (!f)
		return -EBADF;
	if (!f->path.dentry) {
		f->inode->mode = (f->inode->mode & S_IFMT) | (mode & 07777);
		err = 0;
	} else {
		err = chmod_path(&f->path, mode);
	}
	file_put(f);
	return err;
}

static long chown_path(struct path *p, u32 uid, u32 gid)
{
	struct iattr ia = { .valid = ATTR_CTIME };
	struct inode *inode = p->dentry->inode;
	int err;

	ia.ctime = vfs_now();
	if (uid != (u32)-1) {
		ia.valid |= ATTR_UID;
		ia.uid = uid;
	}
	if (gid != (u32)-1) {
		ia.valid |= ATTR_GID;
		ia.gid = gid;
	}
	err = may_setattr(p, &ia);
	if (err)
		return err;
	/* chown clears set-user/group-id on non-directories (Linux) */
	if ((ia.valid & (ATTR_UID | ATTR_GID)) && !S_ISDIR(inode->mode) &&
	    (inode->mode & (S_ISUID | S_ISGID))) {
		ia.valid |= ATTR_MODE;
		ia.mode = inode->mode & 07777 & ~(u32)S_ISUID;
		if (inode->mode & 010)
			ia.mode &= ~(u32)S_ISGID;
	}
	return vfs_setattr(p->dentry, &ia);
}

long sys_fchownat(int dirfd, u64 upath, u32 uid, u32 gid, int flags)
{
	struct path p;
	unsigned lookup;
	int err = at_lookup_flags(flags, &lookup);

	if (err)
		return err;
	err = path_lookup_user(dirfd, upath, lookup, &p);
	if (err)
		return err;
	err = (int)chown_path(&p, uid, gid);
	path_put(&p);
	return err;
}

long sys_chown(u64 path, u32 uid, u32 gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_lchown(u64 path, u32 uid, u32 gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(int fd, u32 uid, u32 gid)
{
	struct file *f = fd_get(fd);
	long err;

	if (!f)
		return -EBADF;
	err = f->path.dentry ? chown_path(&f->path, uid, gid) : -EINVAL;
	file_put(f);
	return err;
}

struct kts64 {
	s64 sec;
	s64 nsec;
};

static long utimes_path(struct path *p, const struct kts64 *ts)
{
	struct task *t = task_current();
	struct iattr ia = { .valid = ATTR_ATIME | ATTR_MTIME | ATTR_CTIME };
	struct timespec_k now = vfs_now();
	bool set_explicit = false;
	int i;

	if (mnt_is_readonly(p->mnt))
		return -EROFS;
	ia.atime = ia.mtime = ia.ctime = now;
	if (ts) {
		for (i = 0; i < 2; i++) {
			struct timespec_k *dst = i ? &ia.mtime : &ia.atime;

			if (ts[i].nsec == UTIME_OMIT) {
				ia.valid &= ~(unsigned)(i ? ATTR_MTIME : ATTR_ATIME);
			} else if (ts[i].nsec != UTIME_NOW) {
				if (ts[i].nsec < 0 || ts[i].nsec >= 1000000000)
					return -EINVAL;
				dst->sec = ts[i].sec;
				dst->nsec = ts[i].nsec;
				set_explicit = true;
			}
		}
	}
	/* Setting explicit times needs ownership; "now" needs write access. */
	if (t->cred.fsuid != 0 && t->cred.fsuid != p->dentry->inode->uid) {
		if (set_explicit)
			return -EPERM;
		if (vfs_permission(p->dentry->inode, MAY_WRITE))
			return -EACCES;
	}
	return vfs_setattr(p->dentry, &ia);
}

long sys_utimensat(int dirfd, u64 upath, u64 utimes, int flags)
{
	struct kts64 ts[2];
	struct path p;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes && copy_from_user(ts, utimes, sizeof(ts)))
		return -EFAULT;
	if (utimes && ts[0].nsec == UTIME_OMIT && ts[1].nsec == UTIME_OMIT)
		return 0;
	if (!upath) {
		/* futimens: the fd itself */
		struct file *f = fd_get(dirfd);

		if (!f)
			return -EBADF;
		if (!f->path.dentry) {
			file_put(f);
			return -EINVAL;
		}
		p = f->path;
		path_get(&p);
		file_put(f);
	} else {
		err = path_lookup_user(dirfd, upath,
				   ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
					   ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0),
				   &p);
		if (err)
			return err;
	}
	err = (int)utimes_path(&p, utimes ? ts : NULL);
	path_put(&p);
	return err;
}

static long utimes_tv(int dirfd, u64 upath, u64 utv)
{
	s64 tv[4];
	struct kts64 ts[2];
	struct path p;
	int err;

	if (utv) {
		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv[1] < 0 || tv[1] >= 1000000 || tv[3] < 0 || tv[3] >= 1000000)
			return -EINVAL;
		ts[0] = (struct kts64){ tv[0], tv[1] * 1000 };
		ts[1] = (struct kts64){ tv[2], tv[3] * 1000 };
	}
	err = path_lookup_user(dirfd, upath, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = (int)utimes_path(&p, utv ? ts : NULL);
	path_put(&p);
	return err;
}

long sys_utimes(u64 path, u64 tv)
{
	return utimes_tv(AT_FDCWD, path, tv);
}

long sys_futimesat(int dirfd, u64 path, u64 tv)
{
	return utimes_tv(dirfd, path, tv);
}

long sys_utime(u64 upath, u64 ubuf)
{
	s64 b[2];
	struct kts64 ts[2];
	struct path p;
	int err;

	if (ubuf) {
		if (copy_from_user(b, ubuf, sizeof(b)))
			return -EFAULT;
		ts[0] = (struct kts64){ b[0], 0 };
		ts[1] = (struct kts64){ b[1], 0 };
	}
	err = path_lookup_user(AT_FDCWD, upath, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = (int)utimes_path(&p, ubuf ? ts : NULL);
	path_put(&p);
	return err;
}
