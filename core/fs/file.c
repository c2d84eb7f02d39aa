// SPDX-License-Identifier: GPL-2.0
/*
 * Open files: allocation and references, open(2)'s path logic (O_CREAT,
 * O_EXCL, O_TRUNC, O_NOFOLLOW, O_DIRECTORY...), the read/write entry
 * points with their permission checks, and the generic page-cache file
 * operations that tmpfs (and later disk filesystems) use.
 */
#include "uaccess.h"
#include "vfs.h"

struct file *file_alloc(const struct file_ops *ops, unsigned flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->refs = 1;
	f->ops = ops;
	f->flags = flags;
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		f->fmode = FMODE_READ;
		break;
	case O_WRONLY:
		f->fmode = FMODE_WRITE;
		break;
	default:
		f->fmode = FMODE_READ | FMODE_WRITE;
		break;
	}
	if (flags & O_PATH)
		f->fmode = FMODE_PATH;
	list_init(&f->ep_links);
	list_init(&f->fasync_waits);
	return f;
}

void file_get(struct file *f)
{
	f->refs++;
}

void epoll_file_gone(struct file *f) __attribute__((weak));
void fasync_file_gone(struct file *f) __attribute__((weak)); /* unit builds lack fasync.c */
/* lock.c: drop the OFD and flock locks this open file description owns. */
void locks_file_gone(struct file *f);

void file_put(struct file *f)
{
	if (!f || --f->refs > 0)
		return;
	if (!list_empty(&f->ep_links) && epoll_file_gone)
		epoll_file_gone(f);
	if (!list_empty(&f->fasync_waits) && fasync_file_gone)
		fasync_file_gone(f);
	if (f->inode && !list_empty(&f->inode->locks))
		locks_file_gone(f);
	if (f->ops && f->ops->release && !(f->fmode & FMODE_PATH))
		f->ops->release(f);
	if (f->fmode & FMODE_WRITER) {
		f->path.mnt->writers--;
		f->inode->writecount--;
	}
	if (f->fmode & FMODE_DENYWRITE)
		f->inode->writecount++;
	if (f->inode)
		inode_put(f->inode);
	if (f->path.dentry)
		path_put(&f->path);
	kfree(f);
}

/* A regular file open for writing keeps its mount from going read-only
 * (remount: EBUSY), as Linux's mnt_get_write_access in do_dentry_open,
 * and cannot be opened while it runs as a program (get_write_access). */
static int file_count_writer(struct file *f)
{
	if ((f->fmode & FMODE_WRITE) && f->path.mnt && S_ISREG(f->inode->mode)) {
		if (f->inode->writecount < 0)
			return -ETXTBSY;
		f->inode->writecount++;
		f->fmode |= FMODE_WRITER;
		f->path.mnt->writers++;
	}
	return 0;
}

int file_deny_write(struct file *f)
{
	if (f->fmode & FMODE_DENYWRITE)
		return 0;
	if (f->inode->writecount > 0)
		return -ETXTBSY;
	f->inode->writecount--;
	f->fmode |= FMODE_DENYWRITE;
	return 0;
}

void file_allow_write(struct file *f)
{
	if (!(f->fmode & FMODE_DENYWRITE))
		return;
	f->inode->writecount++;
	f->fmode &= ~FMODE_DENYWRITE;
}

static int may_open(const struct path *p, unsigned flags)
{
	struct inode *inode = p->dentry->inode;
	int acc = flags & O_ACCMODE, mask = 0, err;

	if (flags & O_PATH)
		return 0;
	if (S_ISLNK(inode->mode))
		return -ELOOP;
	if (S_ISDIR(inode->mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		return -ENOTDIR;
	if (acc == O_RDONLY || acc == O_RDWR)
		mask |= MAY_READ;
	if (acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC))
		mask |= MAY_WRITE;
	if ((mask & MAY_WRITE) && mnt_is_readonly(p->mnt) &&
	    (S_ISREG(inode->mode) || S_ISDIR(inode->mode) || S_ISLNK(inode->mode)))
		return -EROFS;
	if ((S_ISCHR(inode->mode) || S_ISBLK(inode->mode)) && (p->mnt->flags & MS_NODEV))
		return -EACCES;
	err = vfs_permission(inode, mask);
	if (err)
		return err;
	/* A socket's name is for connect(2); opening it is Linux's no_open. */
	if (S_ISSOCK(inode->mode))
		return -ENXIO;
	return 0;
}

int vfs_open(const struct path *p, unsigned flags, struct file **out)
{
	struct inode *inode = p->dentry->inode;
	struct file *f;
	int err;

	err = may_open(p, flags);
	if (err)
		return err;
	f = file_alloc(inode->fops, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC));
	if (!f)
		return -ENOMEM;
	f->path = *p;
	path_get(&f->path);
	f->inode = inode;
	inode_get(inode);
	if (S_ISREG(inode->mode) || S_ISDIR(inode->mode) || S_ISBLK(inode->mode))
		f->fmode |= FMODE_LSEEK;
	err = file_count_writer(f);
	if (err) {
		f->ops = NULL;
		file_put(f);
		return err;
	}
	if (!(flags & O_PATH) && f->ops && f->ops->open) {
		/* open sees the original flags (O_NOCTTY for ttys) */
		unsigned keep = f->flags;

		f->flags = flags;
		err = f->ops->open(inode, f);
		f->flags = keep | (flags & O_NOCTTY ? 0 : 0);
		if (err) {
			f->ops = NULL; /* not opened: no release */
			file_put(f);
			return err;
		}
	}
	if ((flags & O_TRUNC) && S_ISREG(inode->mode) && (f->fmode & FMODE_WRITE)) {
		struct iattr ia = { .valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, .size = 0 };

		ia.mtime = ia.ctime = vfs_now();
		err = vfs_setattr(p->dentry, &ia);
		if (err) {
			file_put(f);
			return err;
		}
	}
	*out = f;
	return 0;
}

/* A new regular file d in dir, opened. It may be opened for writing even if
 * its mode says read-only (POSIX): no permission check on the file. */
static int open_created(struct path *dir, struct dentry *d, unsigned flags, struct file **out)
{
	struct file *f = file_alloc(d->inode->fops,
				    flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC | O_NOCTTY));
	int err;

	if (!f)
		return -ENOMEM;
	f->path.mnt = dir->mnt;
	f->path.dentry = d;
	path_get(&f->path);
	f->inode = d->inode;
	inode_get(d->inode);
	f->fmode |= FMODE_LSEEK;
	if (f->ops && f->ops->open) {
		err = f->ops->open(d->inode, f);
		if (err) {
			f->ops = NULL; /* not opened: no release */
			file_put(f);
			return err;
		}
	}
	file_count_writer(f);
	*out = f;
	return 0;
}

/* open(2): create if asked, then open. mode is already umask'ed. */
int file_open_path(int dirfd, const char *name, unsigned flags, u32 mode, struct file **out)
{
	struct path p, dir;
	struct dentry *d;
	struct inode *di;
	unsigned lookup = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	int err;

	if (flags & __O_TMPFILE)
		return -EOPNOTSUPP;
	if (!(flags & O_CREAT)) {
		if (flags & O_DIRECTORY)
			lookup |= LOOKUP_DIRECTORY;
		err = path_lookup(dirfd, name, lookup, &p);
		if (err)
			return err;
		if ((flags & O_NOFOLLOW) && S_ISLNK(p.dentry->inode->mode) && !(flags & O_PATH)) {
			path_put(&p);
			return -ELOOP;
		}
		err = vfs_open(&p, flags, out);
		path_put(&p);
		return err;
	}
	if (flags & O_DIRECTORY)
		return -EINVAL; /* O_CREAT|O_DIRECTORY (Linux 6.x) */
	/* O_EXCL never follows a final symlink: the name itself must be new. */
	err = path_open_last(dirfd, name, !(flags & (O_EXCL | O_NOFOLLOW)), &dir, &d);
	if (err)
		return err;
	if (d->inode) {
		struct path target = { dir.mnt, d };

		if (flags & O_EXCL)
			err = -EEXIST;
		else if (S_ISLNK(d->inode->mode))
			err = -ELOOP; /* O_NOFOLLOW */
		else if (S_ISDIR(d->inode->mode))
			err = -EISDIR;
		else {
			/* a file may have a file bind-mounted on it */
			path_get(&target);
			path_follow_mounts(&target);
			err = vfs_open(&target, flags, out);
			path_put(&target);
		}
		goto out_d;
	}
	di = dir.dentry->inode;
	if (mnt_is_readonly(dir.mnt)) {
		err = -EROFS;
		goto out_d;
	}
	err = vfs_permission(di, MAY_WRITE | MAY_EXEC);
	if (err)
		goto out_d;
	if (!di->iops || !di->iops->create) {
		err = -EACCES;
		goto out_d;
	}
	err = di->iops->create(di, d, S_IFREG | (mode & 07777));
	if (!err)
		err = open_created(&dir, d, flags, out);
out_d:
	dentry_put(d);
	path_put(&dir);
	return err;
}

/* /proc/<pid>/io, as Linux's vfs_read/vfs_write: every call that got to
 * the file counts, its bytes when it moved some. */
static long io_account(long r, bool write)
{
	struct task *t = task_current();

	if (t) {
		if (write) {
			t->io.syscw++;
			t->io.wchar += r > 0 ? (u64)r : 0;
		} else {
			t->io.syscr++;
			t->io.rchar += r > 0 ? (u64)r : 0;
		}
	}
	return r;
}

long vfs_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	if (!(f->fmode & FMODE_READ))
		return -EBADF;
	if (f->inode && S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->ops || !f->ops->read)
		return -EINVAL;
	/* A zero-length read still goes to the file, as on Linux: eventfd,
	 * timerfd and signalfd say EINVAL, most files 0 at once. */
	return io_account(f->ops->read(f, to, pos), false);
}

long vfs_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	if (!(f->fmode & FMODE_WRITE))
		return -EBADF;
	if (!f->ops || !f->ops->write)
		return -EINVAL;
	/* Zero bytes go to the file too: eventfd says EINVAL, a datagram
	 * socket sends an empty datagram, a regular file writes nothing. */
	return io_account(f->ops->write(f, from, pos), true);
}

long kernel_read(struct file *f, void *buf, size_t len, s64 pos)
{
	struct iov_iter it;

	iov_init_kbuf(&it, buf, len);
	if (!f->ops || !f->ops->read)
		return -EINVAL;
	return f->ops->read(f, &it, &pos);
}

long kernel_write(struct file *f, const void *buf, size_t len, s64 pos)
{
	struct iov_iter it;

	iov_init_kbuf(&it, (void *)buf, len);
	if (!f->ops || !f->ops->write)
		return -EINVAL;
	return f->ops->write(f, &it, &pos);
}

int vfs_stat_inode(struct inode *inode, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = inode->sb ? inode->sb->dev : 0;
	st->ino = inode->ino;
	st->mode = inode->mode;
	st->nlink = inode->nlink;
	st->uid = inode->uid;
	st->gid = inode->gid;
	st->rdev = inode->rdev;
	st->size = inode->size;
	st->blksize = PAGE_SIZE;
	st->blocks = inode->has_pages ? inode->pages.nrpages * (PAGE_SIZE / 512) : inode->blocks;
	st->atime = inode->atime;
	st->mtime = inode->mtime;
	st->ctime = inode->ctime;
	st->btime = inode->btime;
	return 0;
}

int vfs_getattr(const struct path *p, struct kstat *st)
{
	struct inode *inode = p->dentry->inode;

	if (inode->iops && inode->iops->getattr)
		return inode->iops->getattr(p->dentry, st);
	return vfs_stat_inode(inode, st);
}

int generic_truncate(struct inode *inode, s64 size)
{
	if (size < 0)
		return -EINVAL;
	if (inode->has_pages) {
		/* The last page kept (shrinking) or the old last page (growing)
		 * is zeroed past the smaller size: bytes written there through
		 * a mapping while they were past EOF never become file data. */
		s64 edge = MIN(size, inode->size);
		pfn_t pfn;

		if (size < inode->size) {
			u64 first = ALIGN_UP((u64)size, PAGE_SIZE) >> PAGE_SHIFT;

			mm_unmap_file_pages(inode, first);
			pc_truncate(&inode->pages, first);
		}
		if (size != inode->size && (edge & (PAGE_SIZE - 1)) &&
		    pc_get(&inode->pages, (u64)edge >> PAGE_SHIFT, false, &pfn) == 0)
			memset((char *)mm_frame_ptr(pfn) + (edge & (PAGE_SIZE - 1)), 0,
			       PAGE_SIZE - (edge & (PAGE_SIZE - 1)));
	}
	inode->size = size;
	return 0;
}

int inode_newsize_ok(struct inode *inode, s64 size)
{
	struct task *t = task_current();
	u64 limit = t ? task_rlimit(t, RLIMIT_FSIZE) : RLIM_INFINITY;

	if (size <= inode->size)
		return 0; /* shrinking is always allowed */
	if (limit != RLIM_INFINITY && (u64)size > limit) {
		signal_send(t, SIGXFSZ, NULL);
		return -EFBIG;
	}
	if (size > VFS_MAX_BYTES)
		return -EFBIG;
	return 0;
}

u32 vfs_suid_bits_to_drop(const struct inode *inode)
{
	struct task *t = task_current();
	u32 mode = inode->mode, drop = 0;

	if (!(mode & (S_ISUID | S_ISGID)) || !S_ISREG(mode))
		return 0;
	/* CAP_FSETID: root's effective set; the kernel itself (no task) too */
	if (!t || t->cred.euid == 0)
		return 0;
	if (mode & S_ISUID)
		drop |= S_ISUID;
	/* setgid without group-exec is a locking mark, dropped only by a
	 * writer outside the group (Linux setattr_should_drop_sgid) */
	if ((mode & S_ISGID) && ((mode & S_IXGRP) || !vfs_in_group(inode->gid)))
		drop |= S_ISGID;
	return drop;
}

/* file_remove_privs for a write: the caller saw a set-id bit. */
static void file_drop_suid(struct inode *inode)
{
	u32 drop = vfs_suid_bits_to_drop(inode);

	if (drop)
		inode->mode &= ~drop;	/* the write itself updates ctime */
}

int vfs_setattr(struct dentry *d, struct iattr *ia)
{
	struct inode *inode = d->inode;
	int err;

	if ((ia->valid & ATTR_SIZE) && S_ISDIR(inode->mode))
		return -EISDIR;
	/* truncate, ftruncate: growing past RLIMIT_FSIZE (setattr_prepare) */
	if ((ia->valid & ATTR_SIZE) && (err = inode_newsize_ok(inode, ia->size)))
		return err;
	/* truncate, ftruncate and O_TRUNC drop set-id bits as a write does
	 * (do_truncate's dentry_needs_remove_privs) */
	if ((ia->valid & (ATTR_SIZE | ATTR_MODE)) == ATTR_SIZE &&
	    (inode->mode & (S_ISUID | S_ISGID))) {
		u32 drop = vfs_suid_bits_to_drop(inode);

		if (drop) {
			ia->valid |= ATTR_MODE;
			ia->mode = inode->mode & 07777 & ~drop;
		}
	}
	if (inode->iops && inode->iops->setattr)
		return inode->iops->setattr(d, ia);
	if (ia->valid & ATTR_SIZE) {
		err = generic_truncate(inode, ia->size);
		if (err)
			return err;
	}
	setattr_copy(inode, ia);
	return 0;
}

void setattr_copy(struct inode *inode, const struct iattr *ia)
{
	if (ia->valid & ATTR_MODE)
		inode->mode = (inode->mode & S_IFMT) | (ia->mode & 07777);
	if (ia->valid & ATTR_UID)
		inode->uid = ia->uid;
	if (ia->valid & ATTR_GID)
		inode->gid = ia->gid;
	if (ia->valid & ATTR_ATIME)
		inode->atime = ia->atime;
	if (ia->valid & ATTR_MTIME)
		inode->mtime = ia->mtime;
	inode->ctime = (ia->valid & ATTR_CTIME) ? ia->ctime : vfs_now();
}

s64 generic_llseek(struct file *f, s64 off, int whence)
{
	s64 pos;

	switch (whence) {
	case SEEK_SET:
		pos = off;
		break;
	case SEEK_CUR:
		pos = f->pos + off;
		break;
	case SEEK_END:
		pos = f->inode->size + off;
		break;
	case SEEK_DATA:
		if (off >= f->inode->size)
			return -ENXIO;
		pos = off;
		break;
	case SEEK_HOLE:
		if (off >= f->inode->size)
			return -ENXIO;
		pos = f->inode->size;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->pos = pos;
	return pos;
}

unsigned vfs_poll(struct file *f, struct poll_table *pt)
{
	if (f->ops && f->ops->poll)
		return f->ops->poll(f, pt);
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

/* a < b: -1, equal: 0, a > b: 1 */
static int ts_cmp(struct timespec_k a, struct timespec_k b)
{
	if (a.sec != b.sec)
		return a.sec < b.sec ? -1 : 1;
	return a.nsec < b.nsec ? -1 : a.nsec > b.nsec;
}

/* Linux's relatime_need_update: atime moves only when it would otherwise
 * look older than the last change, or once a day, so "read since the last
 * write?" still works without a write per read. */
static bool relatime_need_update(const struct inode *inode, struct timespec_k now)
{
	if (ts_cmp(inode->mtime, inode->atime) >= 0 || ts_cmp(inode->ctime, inode->atime) >= 0)
		return true;
	return now.sec - inode->atime.sec >= 24 * 60 * 60;
}

void file_accessed(struct file *f)
{
	struct inode *inode = f->inode;
	const struct mount *m = f->path.mnt;
	struct timespec_k now;

	if (!inode || (f->flags & O_NOATIME))
		return;
	if (inode->sb && (inode->sb->flags & MS_NOATIME))
		return;
	/* a nameless file (memfd, shared anonymous memory) sits on no user
	 * mount: strict atime, as on Linux's internal mounts */
	if (m) {
		if ((m->flags & MS_NOATIME) || mnt_is_readonly(m))
			return;
		if (S_ISDIR(inode->mode) && (m->flags & MS_NODIRATIME))
			return;
	}
	now = vfs_now();
	if (m && !(m->flags & MS_STRICTATIME) && !relatime_need_update(inode, now))
		return;
	inode->atime = now;
}

/* ---- page-cache files ---- */

long generic_file_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct inode *inode = f->inode;
	size_t done = 0;

	if (*pos < 0)
		return -EINVAL;
	if (!to->count)
		return 0; /* and no atime update (generic_file_read_iter) */
	while (to->count && *pos < inode->size) {
		u64 idx = (u64)*pos >> PAGE_SHIFT;
		size_t off = (size_t)(*pos & (PAGE_SIZE - 1));
		size_t n = MIN(to->count, PAGE_SIZE - off);
		size_t got;
		pfn_t pfn;
		int err;

		n = (size_t)MIN((s64)n, inode->size - *pos);
		err = pc_get(&inode->pages, idx, inode->pages.ops && inode->pages.ops->readpage, &pfn);
		if (err == -ENOENT)
			got = iov_zero(to, n);
		else if (err)
			return done ? (long)done : err;
		else
			got = iov_copy_to(to, (char *)mm_frame_ptr(pfn) + off, n);
		done += got;
		*pos += (s64)got;
		if (got < n) {
			if (!done)
				return -EFAULT;
			break;
		}
	}
	file_accessed(f);
	return (long)done;
}

long generic_file_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	struct inode *inode = f->inode;
	struct task *t = task_current();
	u64 limit = t ? task_rlimit(t, RLIMIT_FSIZE) : RLIM_INFINITY;
	size_t done = 0;

	if (f->flags & O_APPEND)
		*pos = inode->size;
	if (*pos < 0)
		return -EINVAL;
	/* generic_write_checks: nothing to write is 0, before the limits */
	if (!from->count)
		return 0;
	if (limit != RLIM_INFINITY && (u64)*pos >= limit) {
		signal_send(t, SIGXFSZ, NULL);
		return -EFBIG;
	}
	if (*pos >= VFS_MAX_BYTES)
		return -EFBIG;
	/* file_remove_privs after generic_write_checks; a mode test on the
	 * hot path, the rest only for set-id files */
	if (inode->mode & (S_ISUID | S_ISGID))
		file_drop_suid(inode);
	while (from->count) {
		u64 idx = (u64)*pos >> PAGE_SHIFT;
		size_t off = (size_t)(*pos & (PAGE_SIZE - 1));
		size_t n = MIN(from->count, PAGE_SIZE - off), got;
		pfn_t pfn;
		int err;

		if (limit != RLIM_INFINITY && (u64)*pos + n > limit)
			n = (size_t)(limit - (u64)*pos);
		n = (size_t)MIN((s64)n, VFS_MAX_BYTES - *pos);
		if (n == 0)
			break;
		err = pc_get(&inode->pages, idx, true, &pfn);
		if (err) {
			if (done)
				break;
			return err == -ENOMEM ? -ENOSPC : err;
		}
		got = iov_copy_from(from, (char *)mm_frame_ptr(pfn) + off, n);
		done += got;
		*pos += (s64)got;
		if (*pos > inode->size)
			inode->size = *pos;
		if (got < n) {
			if (!done)
				return -EFAULT;
			break;
		}
	}
	if (done)
		inode_touch(inode, ATTR_MTIME | ATTR_CTIME);
	return (long)done;
}

int generic_file_mmap(struct file *f, struct vma *vma)
{
	if (!f->inode->has_pages)
		return -ENODEV;
	return 0;
}
