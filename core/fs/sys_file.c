// SPDX-License-Identifier: GPL-2.0
/*
 * File-descriptor system calls: open/close, read/write and their vector
 * and positional forms, lseek, dup*, fcntl, ioctl's generic commands,
 * pipe, sendfile, truncate, fadvise, sync, umask. Argument checks here; the work is
 * in file.c and the files' own ops.
 */
#include "uaccess.h"
#include "vfs.h"

#define MAX_RW_COUNT 0x7ffff000ul

long pipe_set_size(struct file *f, unsigned long size);
long pipe_get_size(struct file *f);
int lock_fcntl(int fd, struct file *f, int cmd, u64 arg);
long memfd_fcntl(struct file *f, int cmd, u64 arg);

static long do_open(int dirfd, u64 upath, int flags, u32 mode)
{
	struct file *f;
	char *path;
	int fd, err;

	err = path_from_user(upath, &path);
	if (err)
		return err;
	if (ARCH_FORCE_O_LARGEFILE)
		flags |= O_LARGEFILE;
	/* O_PATH drops the rest, O_LARGEFILE too (build_open_how) */
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	mode &= ~task_current()->fs->umask;
	/* The fd first: with the table full, O_CREAT must create nothing. */
	fd = fd_reserve(0, flags & O_CLOEXEC);
	if (fd < 0) {
		kfree(path);
		return fd;
	}
	err = file_open_path(dirfd, path, (unsigned)flags, mode, &f);
	kfree(path);
	if (err) {
		fd_unreserve(fd);
		return err;
	}
	fd_install_reserved(fd, f);
	return fd;
}

long sys_open(u64 path, int flags, u32 mode)
{
	return do_open(AT_FDCWD, path, flags, mode);
}

long sys_openat(int dirfd, u64 path, int flags, u32 mode)
{
	return do_open(dirfd, path, flags, mode);
}

long sys_creat(u64 path, u32 mode)
{
	return do_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

long sys_close(int fd)
{
	return fd_close(fd);
}

long sys_close_range(unsigned first, unsigned last, unsigned flags)
{
	struct files *fs = task_current()->files;
	unsigned fd;

	if (flags & ~6u) /* CLOSE_RANGE_UNSHARE 2, CLOSE_RANGE_CLOEXEC 4 */
		return -EINVAL;
	if (first > last)
		return -EINVAL;
	for (fd = first; fd <= last && fd < (unsigned)fs->max; fd++) {
		if (!fs->fds[fd].file)
			continue;
		if (flags & 4)
			fs->fds[fd].cloexec = true;
		else
			fd_close((int)fd);
	}
	return 0;
}

static long rw_file(int fd, struct iov_iter *it, s64 off, bool positional, bool write)
{
	struct file *f = fd_get(fd);
	long r;

	if (!f)
		return -EBADF;
	if (positional) {
		if (!(f->fmode & FMODE_LSEEK)) {
			file_put(f);
			return -ESPIPE;
		}
		if (off < 0) {
			file_put(f);
			return -EINVAL;
		}
		r = write ? vfs_write(f, it, &off) : vfs_read(f, it, &off);
	} else {
		s64 pos = f->pos;

		r = write ? vfs_write(f, it, &pos) : vfs_read(f, it, &pos);
		f->pos = pos;
	}
	file_put(f);
	return r;
}

long sys_read(int fd, u64 buf, u64 count)
{
	struct iov_iter it;

	iov_init_ubuf(&it, buf, MIN(count, MAX_RW_COUNT));
	return rw_file(fd, &it, 0, false, false);
}

long sys_write(int fd, u64 buf, u64 count)
{
	struct iov_iter it;

	iov_init_ubuf(&it, buf, MIN(count, MAX_RW_COUNT));
	return rw_file(fd, &it, 0, false, true);
}

long sys_pread64(int fd, u64 buf, u64 count, s64 off)
{
	struct iov_iter it;

	iov_init_ubuf(&it, buf, MIN(count, MAX_RW_COUNT));
	return rw_file(fd, &it, off, true, false);
}

long sys_pwrite64(int fd, u64 buf, u64 count, s64 off)
{
	struct iov_iter it;

	iov_init_ubuf(&it, buf, MIN(count, MAX_RW_COUNT));
	return rw_file(fd, &it, off, true, true);
}

static long rw_vec(int fd, u64 uiov, u64 nr, s64 off, bool positional, bool write)
{
	struct kiovec *v;
	struct iov_iter it;
	size_t total;
	long r;

	if (nr > 1024)
		return -EINVAL;
	r = iov_import(uiov, (unsigned)nr, &v, &total);
	if (r)
		return r;
	iov_init_user(&it, v, (unsigned)nr, total);
	r = rw_file(fd, &it, off, positional, write);
	kfree(v);
	return r;
}

long sys_readv(int fd, u64 iov, u64 nr)
{
	return rw_vec(fd, iov, nr, 0, false, false);
}

long sys_writev(int fd, u64 iov, u64 nr)
{
	return rw_vec(fd, iov, nr, 0, false, true);
}

long sys_preadv(int fd, u64 iov, u64 nr, s64 off)
{
	return rw_vec(fd, iov, nr, off, true, false);
}

long sys_pwritev(int fd, u64 iov, u64 nr, s64 off)
{
	return rw_vec(fd, iov, nr, off, true, true);
}

long sys_preadv2(int fd, u64 iov, u64 nr, s64 off, u64 offhi, int flags)
{
	return rw_vec(fd, iov, nr, off, off != -1, false);
}

long sys_pwritev2(int fd, u64 iov, u64 nr, s64 off, u64 offhi, int flags)
{
	return rw_vec(fd, iov, nr, off, off != -1, true);
}

long sys_lseek(int fd, s64 off, int whence)
{
	struct file *f = fd_get(fd);
	s64 r;

	if (!f)
		return -EBADF;
	if (!(f->fmode & FMODE_LSEEK) && !(f->ops && f->ops->llseek))
		r = -ESPIPE;
	else if (f->ops && f->ops->llseek)
		r = f->ops->llseek(f, off, whence);
	else
		r = generic_llseek(f, off, whence);
	file_put(f);
	return r;
}

long sys_dup(int fd)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	return fd_install(f, 0, false);
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	struct file *f;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	f = fd_get(oldfd);
	if (!f)
		return -EBADF;
	return fd_install_at(f, newfd, flags & O_CLOEXEC);
}

long sys_dup2(int oldfd, int newfd)
{
	struct file *f = fd_get(oldfd);

	if (!f)
		return -EBADF;
	if (oldfd == newfd) {
		file_put(f);
		return newfd;
	}
	return fd_install_at(f, newfd, false);
}

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

/* struct f_owner_ex: glibc's fcntl(F_GETOWN) is F_GETOWN_EX underneath. */
struct f_owner_ex_k {
	s32 type;
	s32 pid;
};

static long fcntl_setown_ex(struct file *f, u64 uarg)
{
	struct f_owner_ex_k o;

	if (copy_from_user(&o, uarg, sizeof(o)))
		return -EFAULT;
	if (o.type != F_OWNER_TID && o.type != F_OWNER_PID && o.type != F_OWNER_PGRP)
		return -EINVAL;
	if (o.pid < 0)
		return -EINVAL;
	/* Linux's f_setown_ex: a pid that names nothing is ESRCH */
	if (o.pid && ((o.type == F_OWNER_TID && !task_by_tid(o.pid)) ||
		      (o.type == F_OWNER_PID && !process_by_pid(o.pid)) ||
		      (o.type == F_OWNER_PGRP && !pgid_exists(o.pid))))
		return -ESRCH;
	f->owner = o.type == F_OWNER_PGRP ? -o.pid : o.pid;
	f->owner_is_tid = o.type == F_OWNER_TID && o.pid;
	return 0;
}

static long fcntl_getown_ex(struct file *f, u64 uarg)
{
	struct f_owner_ex_k o;

	o.type = f->owner < 0 ? F_OWNER_PGRP : f->owner_is_tid ? F_OWNER_TID : F_OWNER_PID;
	o.pid = f->owner < 0 ? -f->owner : f->owner;
	return copy_to_user(uarg, &o, sizeof(o)) ? -EFAULT : 0;
}

long sys_fcntl(int fd, int cmd, u64 arg)
{
	struct file *f = fd_get(fd);
	long r = 0;

	if (!f)
		return -EBADF;
	if ((f->fmode & FMODE_PATH) && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC &&
	    cmd != F_GETFD && cmd != F_SETFD && cmd != F_GETFL) {
		file_put(f);
		return -EBADF;
	}
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if ((s64)arg < 0 || arg >= task_rlimit(task_current(), RLIMIT_NOFILE)) {
			r = -EINVAL;
			break;
		}
		file_get(f);
		r = fd_install(f, (int)arg, cmd == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		r = fd_cloexec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		r = fd_set_cloexec(fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		r = (long)(f->flags & ~(unsigned)O_CLOEXEC);
		if (f->fmode & FMODE_PATH)
			r = O_PATH | (f->flags & (O_DIRECTORY | O_NOFOLLOW));
		break;
	case F_SETFL: {
		unsigned nf = (f->flags & ~(unsigned)SETFL_MASK) | ((unsigned)arg & SETFL_MASK);

		if ((f->flags & O_APPEND) && !(nf & O_APPEND) && 0)
			r = -EPERM;
		if (f->ops && f->ops->setfl)
			r = f->ops->setfl(f, nf);
		if (!r && ((nf ^ f->flags) & O_ASYNC))
			r = fasync_set(f, fd, nf & O_ASYNC);
		if (!r)
			f->flags = nf;
		break;
	}
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		r = lock_fcntl(fd, f, cmd, arg);
		break;
	case F_SETOWN:
		f->owner = (int)arg;
		f->owner_is_tid = false;
		break;
	case F_GETOWN:
		r = f->owner;
		break;
	case F_SETOWN_EX:
		r = fcntl_setown_ex(f, arg);
		break;
	case F_GETOWN_EX:
		r = fcntl_getown_ex(f, arg);
		break;
	case F_SETSIG:
		if (arg > _NSIG)
			r = -EINVAL;
		else
			f->sig = (int)arg;
		break;
	case F_GETSIG:
		r = f->sig;
		break;
	case F_SETPIPE_SZ:
		r = pipe_set_size(f, arg);
		break;
	case F_GETPIPE_SZ:
		r = pipe_get_size(f);
		break;
	case F_GET_SEALS:
	case F_ADD_SEALS:
		r = memfd_fcntl(f, cmd, arg); /* EINVAL for anything but a memfd */
		break;
	default:
		r = -EINVAL;
		break;
	}
	file_put(f);
	return r;
}

long sys_ioctl(int fd, unsigned cmd, u64 arg)
{
	struct file *f = fd_get(fd);
	long r;
	int on;

	if (!f)
		return -EBADF;
	if (f->fmode & FMODE_PATH) {
		file_put(f);
		return -EBADF;
	}
	switch (cmd) {
	case FIOCLEX:
		r = fd_set_cloexec(fd, true);
		break;
	case FIONCLEX:
		r = fd_set_cloexec(fd, false);
		break;
	case FIONBIO:
	case FIOASYNC:
		if (copy_from_user(&on, arg, sizeof(on))) {
			r = -EFAULT;
			break;
		}
		{
			unsigned bit = cmd == FIONBIO ? O_NONBLOCK : O_ASYNC;
			unsigned nf = on ? (f->flags | bit) : (f->flags & ~bit);

			r = (f->ops && f->ops->setfl) ? f->ops->setfl(f, nf) : 0;
			if (!r && ((nf ^ f->flags) & O_ASYNC))
				r = fasync_set(f, fd, nf & O_ASYNC);
			if (!r)
				f->flags = nf;
		}
		break;
	case FIOQSIZE:
		if (f->inode && (S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode))) {
			s64 sz = f->inode->size;

			r = copy_to_user(arg, &sz, sizeof(sz)) ? -EFAULT : 0;
			break;
		}
		/* fall through */
	default:
		if (f->ops && f->ops->ioctl)
			r = f->ops->ioctl(f, cmd, arg);
		else
			r = -ENOTTY;
		break;
	}
	file_put(f);
	return r;
}

static long do_pipe(u64 ufds, int flags)
{
	struct file *r, *w;
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = pipe_create(&r, &w, (unsigned)flags);
	if (err)
		return err;
	fds[0] = fd_install(r, 0, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		file_put(w);
		return fds[0];
	}
	fds[1] = fd_install(w, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(u64 fds)
{
	return do_pipe(fds, 0);
}

long sys_pipe2(u64 fds, int flags)
{
	return do_pipe(fds, flags);
}

long sys_sendfile(int outfd, int infd, u64 uoff, u64 count)
{
	struct file *in = fd_get(infd), *out = fd_get(outfd);
	char *buf = NULL;
	s64 off = 0, *pos;
	long done = 0, r = 0;

	if (!in || !out) {
		r = -EBADF;
		goto out;
	}
	if (!(in->fmode & FMODE_READ) || !(out->fmode & FMODE_WRITE)) {
		r = -EBADF;
		goto out;
	}
	if ((out->flags & O_APPEND)) {
		r = -EINVAL;
		goto out;
	}
	/* Linux reads only from files with a splice path: not from pipes,
	 * sockets or ttys (callers like busybox cat then fall back to read). */
	if (!in->inode || !(S_ISREG(in->inode->mode) || S_ISBLK(in->inode->mode) ||
			    (in->ops && in->ops->splice_read))) {
		r = -EINVAL;
		goto out;
	}
	if (uoff) {
		if (copy_from_user(&off, uoff, sizeof(off))) {
			r = -EFAULT;
			goto out;
		}
		if (off < 0) {
			r = -EINVAL;
			goto out;
		}
		pos = &off;
	} else {
		pos = &in->pos;
	}
	buf = kmalloc(65536);
	if (!buf) {
		r = -ENOMEM;
		goto out;
	}
	count = MIN(count, MAX_RW_COUNT);
	while ((u64)done < count) {
		struct iov_iter it;
		size_t n = (size_t)MIN(count - (u64)done, 65536);
		long got, put;
		s64 opos;

		iov_init_kbuf(&it, buf, n);
		got = vfs_read(in, &it, pos);
		if (got <= 0) {
			r = got;
			break;
		}
		iov_init_kbuf(&it, buf, (size_t)got);
		opos = out->pos;
		put = vfs_write(out, &it, &opos);
		out->pos = opos;
		if (put < 0) {
			r = put;
			*pos -= got;
			break;
		}
		done += put;
		if (put < got) {
			*pos -= got - put;
			break;
		}
		/* A short read (a tty line, a pipe's contents) ends the call, as
		 * in Linux: reading on could block, or swallow an end-of-file. */
		if ((size_t)got < n)
			break;
	}
	if (uoff && copy_to_user(uoff, &off, sizeof(off)))
		r = -EFAULT;
out:
	kfree(buf);
	if (in)
		file_put(in);
	if (out)
		file_put(out);
	return done ? done : r;
}

long sys_ftruncate(int fd, s64 len)
{
	struct file *f = fd_get(fd);
	struct iattr ia = { .valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME };
	long r;

	if (!f)
		return -EBADF;
	if (len < 0)
		r = -EINVAL;
	else if (!(f->fmode & FMODE_WRITE))
		r = -EINVAL;
	else if (!f->inode || !S_ISREG(f->inode->mode) || (!f->path.dentry && !f->inode->has_pages))
		r = -EINVAL;
	else {
		/* memfd and shared anonymous memory have no name: setattr
		 * gets a stand-in dentry that only carries the inode. */
		struct dentry nameless = { .inode = f->inode, .sb = f->inode->sb };

		ia.size = len;
		ia.mtime = ia.ctime = vfs_now();
		r = vfs_setattr(f->path.dentry ? f->path.dentry : &nameless, &ia);
	}
	file_put(f);
	return r;
}

long sys_truncate(u64 upath, s64 len)
{
	struct iattr ia = { .valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME };
	struct path p;
	char *path;
	long r;

	if (len < 0)
		return -EINVAL;
	r = path_from_user(upath, &path);
	if (r)
		return r;
	r = path_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, &p);
	kfree(path);
	if (r)
		return r;
	if (S_ISDIR(p.dentry->inode->mode))
		r = -EISDIR;
	else if (!S_ISREG(p.dentry->inode->mode))
		r = -EINVAL;
	else if (mnt_is_readonly(p.mnt))
		r = -EROFS;
	else
		r = vfs_permission(p.dentry->inode, MAY_WRITE);
	/* vfs_truncate's get_write_access: not a running program's file */
	if (!r && p.dentry->inode->writecount < 0)
		r = -ETXTBSY;
	if (!r) {
		ia.size = len;
		ia.mtime = ia.ctime = vfs_now();
		r = vfs_setattr(p.dentry, &ia);
	}
	path_put(&p);
	return r;
}

/*
 * fadvise64: Linux's generic_fadvise checks. Every file here lives in
 * memory, like tmpfs (noop_backing_dev_info) on Linux, where valid advice
 * is accepted and has no effect: there is no readahead or writeback to
 * tune.
 */
long sys_fadvise64(int fd, s64 off, s64 len, int advice)
{
	struct file *f = fd_get(fd);
	long r = 0;

	if (!f)
		return -EBADF;
	if (f->fmode & FMODE_PATH)
		r = -EBADF;
	else if (f->inode && S_ISFIFO(f->inode->mode))
		r = -ESPIPE;	/* pipes and FIFOs */
	else if (len < 0 || advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE)
		r = -EINVAL;
	file_put(f);
	return r;
}

long sys_fallocate(int fd, int mode, s64 off, s64 len)
{
	struct file *f = fd_get(fd);
	long r;

	if (!f)
		return -EBADF;
	/* vfs_fallocate's order */
	if (off < 0 || len <= 0)
		r = -EINVAL;
	else if (!(f->fmode & FMODE_WRITE))
		r = -EBADF;
	else if (!f->inode || S_ISFIFO(f->inode->mode))
		r = -ESPIPE;
	else if (S_ISDIR(f->inode->mode))
		r = -EISDIR;
	else if (!S_ISREG(f->inode->mode) && !S_ISBLK(f->inode->mode))
		r = -ENODEV; /* sockets, eventfd, ttys */
	else if (off + len < 0)
		r = -EFBIG;
	else if (!f->ops || !f->ops->fallocate)
		r = -EOPNOTSUPP;
	else
		r = f->ops->fallocate(f, mode, off, len);
	file_put(f);
	return r;
}

static long do_fsync(int fd)
{
	struct file *f = fd_get(fd);
	long r = 0;

	if (!f)
		return -EBADF;
	if (f->ops && f->ops->fsync)
		r = f->ops->fsync(f);
	else if (!f->inode || (!S_ISREG(f->inode->mode) && !S_ISDIR(f->inode->mode)))
		r = -EINVAL;
	file_put(f);
	return r;
}

long sys_fsync(int fd)
{
	return do_fsync(fd);
}

long sys_fdatasync(int fd)
{
	return do_fsync(fd);
}

long sys_sync(void)
{
	/* In-memory filesystems only for now: nothing is dirty on a host disk. */
	return 0;
}

long sys_syncfs(int fd)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

long sys_umask(u32 mask)
{
	struct fs_info *fi = task_current()->fs;
	u32 old = fi->umask;

	fi->umask = mask & 0777;
	return old;
}
