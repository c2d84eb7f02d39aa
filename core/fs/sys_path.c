// SPDX-License-Identifier: GPL-2.0
/*
 * Path system calls: access, readlink, getdents64, directory entries
 * (mkdir, rmdir, unlink, link, symlink, rename, mknod), cwd and root,
 * mount/umount, statfs. The stat family and attribute changes are in
 * sys_attr.c. Argument checks here; the work is in namei.c, mount.c and
 * the filesystems' inode operations.
 */
#include "uaccess.h"
#include "vfs.h"

int arch_put_statfs(u64 uaddr, const struct statfs_k *k, u32 dev);

static long access_at(int dirfd, u64 upath, int mode, int flags)
{
	struct task *t = task_current();
	struct cred saved = t->cred;
	struct path p;
	unsigned lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	/* access() checks with the real ids unless AT_EACCESS. */
	if (!(flags & AT_EACCESS)) {
		t->cred.fsuid = t->cred.uid;
		t->cred.fsgid = t->cred.gid;
	}
	err = path_lookup_user(dirfd, upath, lookup, &p);
	if (!err) {
		if ((mode & W_OK) && mnt_is_readonly(p.mnt) &&
		    (S_ISREG(p.dentry->inode->mode) || S_ISDIR(p.dentry->inode->mode)))
			err = -EROFS;
		else if (mode)
			err = vfs_permission(p.dentry->inode, mode);
		path_put(&p);
	}
	t->cred = saved;
	return err;
}

long sys_access(u64 path, int mode)
{
	return access_at(AT_FDCWD, path, mode, 0);
}

long sys_faccessat(int dirfd, u64 path, int mode)
{
	return access_at(dirfd, path, mode, 0);
}

long sys_faccessat2(int dirfd, u64 path, int mode, int flags)
{
	return access_at(dirfd, path, mode, flags);
}

static long readlink_at(int dirfd, u64 upath, u64 ubuf, int size)
{
	struct path p;
	char *buf;
	int n, err;

	if (size <= 0)
		return -EINVAL;
	err = path_lookup_user(dirfd, upath, LOOKUP_EMPTY, &p);
	if (err)
		return err;
	if (!S_ISLNK(p.dentry->inode->mode) ||
	    !(p.dentry->inode->iops && p.dentry->inode->iops->readlink)) {
		path_put(&p);
		return -EINVAL;
	}
	buf = kmalloc(PATH_MAX_K);
	if (!buf) {
		path_put(&p);
		return -ENOMEM;
	}
	n = p.dentry->inode->iops->readlink(p.dentry, buf, PATH_MAX_K);
	path_put(&p);
	if (n >= 0) {
		n = MIN(n, size);
		if (copy_to_user(ubuf, buf, (size_t)n))
			n = -EFAULT;
	}
	kfree(buf);
	return n;
}

long sys_readlink(u64 path, u64 buf, int size)
{
	return readlink_at(AT_FDCWD, path, buf, size);
}

long sys_readlinkat(int dirfd, u64 path, u64 buf, int size)
{
	return readlink_at(dirfd, path, buf, size);
}

/* ---- getdents64 ---- */

struct getdents_ctx {
	struct dir_context ctx;
	u64 ubuf;
	size_t size, used;
	int err;
};

static bool getdents_emit(struct dir_context *dc, const char *name, size_t len, u64 ino,
			  unsigned dtype)
{
	struct getdents_ctx *g = container_of(dc, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(19 + len + 1, 8);
	u8 rec[19 + 256 + 8];
	s64 off = dc->pos + 1;
	u16 rl = (u16)reclen;

	if (len > 255)
		return true; /* cannot happen for our filesystems */
	if (g->used + reclen > g->size) {
		if (!g->used)
			g->err = -EINVAL;
		return false;
	}
	memset(rec, 0, reclen);
	memcpy(rec, &ino, 8);
	memcpy(rec + 8, &off, 8);
	memcpy(rec + 16, &rl, 2);
	rec[18] = (u8)dtype;
	memcpy(rec + 19, name, len);
	if (copy_to_user(g->ubuf + g->used, rec, reclen)) {
		g->err = -EFAULT;
		return false;
	}
	g->used += reclen;
	return true;
}

long sys_getdents64(int fd, u64 ubuf, u64 count)
{
	struct file *f = fd_get(fd);
	struct getdents_ctx g = { .ctx.emit = getdents_emit, .ubuf = ubuf, .size = (size_t)count };
	int err;

	if (!f)
		return -EBADF;
	if (!f->inode || !S_ISDIR(f->inode->mode)) {
		file_put(f);
		return -ENOTDIR;
	}
	if (!f->ops || !f->ops->iterate) {
		file_put(f);
		return -ENOTDIR;
	}
	g.ctx.pos = f->pos;
	err = f->ops->iterate(f, &g.ctx);
	f->pos = g.ctx.pos;
	file_accessed(f);
	file_put(f);
	if (g.err && !g.used)
		return g.err;
	if (err && !g.used)
		return err;
	return (long)g.used;
}

/* ---- directory entries ---- */

/* The parent dir and a (negative or positive) child for a user path. */
struct name_op {
	struct path dir;
	struct dentry *d;
	char *path;
	bool slash;             /* the last component had trailing slashes */
};

/* Linux's filename_create without LOOKUP_DIRECTORY (mknod, symlink, link):
 * "name/" asks for a directory, so a new entry there is ENOENT. */
static int may_create_name(const struct name_op *op)
{
	if (op->d->inode)
		return -EEXIST;
	return op->slash ? -ENOENT : 0;
}

static int name_op_begin(int dirfd, u64 upath, struct name_op *op)
{
	const char *last;
	size_t lastlen;
	int err;

	memset(op, 0, sizeof(*op));
	err = path_from_user(upath, &op->path);
	if (err)
		return err;
	err = path_parent(dirfd, op->path, &op->dir, &last, &lastlen);
	if (err)
		goto out_free;
	op->slash = last[lastlen] == '/';
	if ((lastlen == 1 && last[0] == '.') || (lastlen == 2 && last[0] == '.' && last[1] == '.')) {
		err = -EEXIST; /* callers map: mkdir EEXIST, rmdir EINVAL/ENOTEMPTY */
		goto out_dir;
	}
	err = lookup_child(&op->dir, last, lastlen, &op->d);
	if (err)
		goto out_dir;
	return 0;
out_dir:
	path_put(&op->dir);
out_free:
	kfree(op->path);
	return err;
}

static void name_op_end(struct name_op *op)
{
	dentry_put(op->d);
	path_put(&op->dir);
	kfree(op->path);
}

static int may_create_in(struct name_op *op)
{
	if (mnt_is_readonly(op->dir.mnt))
		return -EROFS;
	if (op->dir.dentry->flags & DENTRY_DEAD)
		return -ENOENT;
	return vfs_permission(op->dir.dentry->inode, MAY_WRITE | MAY_EXEC);
}

/* Sticky directories: only the owner of the entry or dir may remove it. */
static int may_delete(struct name_op *op)
{
	struct task *t = task_current();
	struct inode *dir = op->dir.dentry->inode;
	int err = may_create_in(op);

	if (err)
		return err;
	if ((dir->mode & S_ISVTX) && t->cred.fsuid != 0 && t->cred.fsuid != dir->uid &&
	    t->cred.fsuid != op->d->inode->uid)
		return -EPERM;
	if (op->d->mounted)
		return -EBUSY;
	return 0;
}

/*
 * mkdir(2) never takes set-user/group-id bits from its argument (Linux
 * vfs_mkdir masks with S_IRWXUGO | S_ISVTX): a directory is setgid only by
 * inheriting it from a setgid parent, which the filesystem's mkdir does.
 */
static u32 mkdir_mode(u32 mode)
{
	return mode & (S_IRWXUGO | S_ISVTX) & ~task_current()->fs->umask;
}

long sys_mkdirat(int dirfd, u64 upath, u32 mode)
{
	struct name_op op;
	struct inode *dir;
	int err = name_op_begin(dirfd, upath, &op);

	if (err)
		return err;
	dir = op.dir.dentry->inode;
	if (op.d->inode)
		err = -EEXIST;
	else if (!(err = may_create_in(&op)))
		err = dir->iops->mkdir ? dir->iops->mkdir(dir, op.d, mkdir_mode(mode)) : -EPERM;
	name_op_end(&op);
	return err;
}

long sys_mkdir(u64 path, u32 mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

long sys_mknodat(int dirfd, u64 upath, u32 mode, u32 dev)
{
	struct name_op op;
	struct inode *dir;
	u32 type = mode & S_IFMT;
	int err;

	if (type == 0)
		type = S_IFREG;
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK && type != S_IFIFO && type != S_IFSOCK)
		return -EINVAL;
	if ((type == S_IFCHR || type == S_IFBLK) && task_current()->cred.euid != 0)
		return -EPERM;
	err = name_op_begin(dirfd, upath, &op);
	if (err)
		return err;
	dir = op.dir.dentry->inode;
	err = may_create_name(&op);
	if (!err && !(err = may_create_in(&op))) {
		u32 m = type | (mode & 07777 & ~task_current()->fs->umask);
		u32 rdev = mkdev((dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00));

		err = dir->iops->mknod ? dir->iops->mknod(dir, op.d, m, rdev) : -EPERM;
	}
	name_op_end(&op);
	return err;
}

long sys_mknod(u64 path, u32 mode, u32 dev)
{
	return sys_mknodat(AT_FDCWD, path, mode, dev);
}

static long do_rmdir(int dirfd, u64 upath)
{
	struct name_op op;
	struct inode *dir;
	int err;

	err = name_op_begin(dirfd, upath, &op);
	if (err == -EEXIST) {
		/* rmdir(".") is EINVAL, rmdir("..") ENOTEMPTY */
		char *p;

		if (path_from_user(upath, &p) == 0) {
			size_t n = strlen(p);

			while (n > 1 && p[n - 1] == '/')
				n--;
			err = (n >= 2 && p[n - 1] == '.' && p[n - 2] == '.') ? -ENOTEMPTY : -EINVAL;
			kfree(p);
		}
		return err;
	}
	if (err)
		return err;
	dir = op.dir.dentry->inode;
	if (!op.d->inode)
		err = -ENOENT;
	else if (!S_ISDIR(op.d->inode->mode))
		err = -ENOTDIR;
	else if (op.d == op.dir.mnt->root || op.d->mounted)
		err = -EBUSY;
	else if (!(err = may_delete(&op)))
		err = dir->iops->rmdir ? dir->iops->rmdir(dir, op.d) : -EPERM;
	name_op_end(&op);
	return err;
}

long sys_rmdir(u64 path)
{
	return do_rmdir(AT_FDCWD, path);
}

static long do_unlink(int dirfd, u64 upath)
{
	struct name_op op;
	struct inode *dir;
	int err = name_op_begin(dirfd, upath, &op);

	if (err == -EEXIST)
		return -EISDIR;
	if (err)
		return err;
	dir = op.dir.dentry->inode;
	if (!op.d->inode)
		err = -ENOENT;
	else if (S_ISDIR(op.d->inode->mode))
		err = -EISDIR;
	else if (op.slash)
		err = -ENOTDIR; /* "file/" (do_unlinkat's slashes:) */
	else if (!(err = may_delete(&op)))
		err = dir->iops->unlink ? dir->iops->unlink(dir, op.d) : -EPERM;
	name_op_end(&op);
	return err;
}

long sys_unlink(u64 path)
{
	return do_unlink(AT_FDCWD, path);
}

long sys_unlinkat(int dirfd, u64 path, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return (flags & AT_REMOVEDIR) ? do_rmdir(dirfd, path) : do_unlink(dirfd, path);
}

long sys_symlinkat(u64 utarget, int dirfd, u64 upath)
{
	struct name_op op;
	struct inode *dir;
	char *target;
	int err = path_from_user(utarget, &target);

	if (err)
		return err;
	err = name_op_begin(dirfd, upath, &op);
	if (err) {
		kfree(target);
		return err;
	}
	dir = op.dir.dentry->inode;
	err = may_create_name(&op);
	if (!err && !(err = may_create_in(&op)))
		err = dir->iops->symlink ? dir->iops->symlink(dir, op.d, target) : -EPERM;
	name_op_end(&op);
	kfree(target);
	return err;
}

long sys_symlink(u64 target, u64 path)
{
	return sys_symlinkat(target, AT_FDCWD, path);
}

long sys_linkat(int olddirfd, u64 uold, int newdirfd, u64 unew, int flags)
{
	struct name_op op;
	struct path old;
	struct inode *dir;
	unsigned lookup = (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = path_lookup_user(olddirfd, uold, lookup, &old);
	if (err)
		return err;
	err = name_op_begin(newdirfd, unew, &op);
	if (err) {
		path_put(&old);
		return err;
	}
	dir = op.dir.dentry->inode;
	err = may_create_name(&op);
	if (err)
		goto out;
	if (S_ISDIR(old.dentry->inode->mode))
		err = -EPERM;
	else if (old.mnt->sb != op.dir.mnt->sb)
		err = -EXDEV;
	else if (old.dentry->inode->nlink == 0)
		err = -ENOENT;
	else if (!(err = may_create_in(&op)))
		err = dir->iops->link ? dir->iops->link(old.dentry, dir, op.d) : -EPERM;
out:
	name_op_end(&op);
	path_put(&old);
	return err;
}

long sys_link(u64 oldp, u64 newp)
{
	return sys_linkat(AT_FDCWD, oldp, AT_FDCWD, newp, 0);
}

/* Is a an ancestor of (or equal to) d? */
static bool is_ancestor(struct dentry *a, struct dentry *d)
{
	for (;;) {
		if (d == a)
			return true;
		if (d->parent == d)
			return false;
		d = d->parent;
	}
}

long sys_renameat2(int odirfd, u64 uold, int ndirfd, u64 unew, unsigned flags)
{
	struct name_op o, n;
	struct inode *odir, *ndir;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;
	err = name_op_begin(odirfd, uold, &o);
	if (err)
		return err == -EEXIST ? -EBUSY : err;
	err = name_op_begin(ndirfd, unew, &n);
	if (err) {
		name_op_end(&o);
		return err == -EEXIST ? -EBUSY : err;
	}
	odir = o.dir.dentry->inode;
	ndir = n.dir.dentry->inode;
	if (!o.d->inode) {
		err = -ENOENT;
	} else if (o.dir.mnt != n.dir.mnt) {
		err = -EXDEV;
	} else if ((flags & RENAME_NOREPLACE) && n.d->inode) {
		err = -EEXIST;
	} else if ((flags & RENAME_EXCHANGE) && !n.d->inode) {
		err = -ENOENT;
	} else if ((flags & RENAME_EXCHANGE) && n.slash && !S_ISDIR(n.d->inode->mode)) {
		err = -ENOTDIR;
	} else if (!S_ISDIR(o.d->inode->mode) &&
		   (o.slash || (n.slash && !(flags & RENAME_EXCHANGE)))) {
		err = -ENOTDIR; /* trailing slashes need a directory to move */
	} else if (o.d == n.d) {
		err = 0; /* same entry: nothing to do */
	} else if (n.d->inode && o.d->inode == n.d->inode) {
		err = 0; /* hard links to the same file: POSIX says do nothing */
	} else if (S_ISDIR(o.d->inode->mode) && is_ancestor(o.d, n.dir.dentry)) {
		err = -EINVAL;
	} else if (n.d->inode && !(flags & RENAME_EXCHANGE) &&
		   S_ISDIR(o.d->inode->mode) != S_ISDIR(n.d->inode->mode)) {
		err = S_ISDIR(o.d->inode->mode) ? -ENOTDIR : -EISDIR;
	} else if (o.d->mounted || (n.d->inode && n.d->mounted)) {
		err = -EBUSY;
	} else if (!(err = may_delete(&o)) && !(err = may_create_in(&n))) {
		err = odir->iops->rename ? odir->iops->rename(odir, o.d, ndir, n.d, flags) : -EPERM;
	}
	name_op_end(&n);
	name_op_end(&o);
	return err;
}

long sys_renameat(int odirfd, u64 uold, int ndirfd, u64 unew)
{
	return sys_renameat2(odirfd, uold, ndirfd, unew, 0);
}

long sys_rename(u64 uold, u64 unew)
{
	return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/* ---- cwd and root ---- */

long sys_chdir(u64 upath)
{
	struct fs_info *fi = task_current()->fs;
	struct path p;
	int err = path_lookup_user(AT_FDCWD, upath, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = vfs_permission(p.dentry->inode, MAY_EXEC);
	if (err) {
		path_put(&p);
		return err;
	}
	path_put(&fi->cwd);
	fi->cwd = p;
	return 0;
}

long sys_fchdir(int fd)
{
	struct fs_info *fi = task_current()->fs;
	struct file *f = fd_get(fd);
	struct path p;

	if (!f)
		return -EBADF;
	if (!f->path.dentry || !S_ISDIR(f->inode->mode)) {
		file_put(f);
		return -ENOTDIR;
	}
	p = f->path;
	path_get(&p);
	file_put(f);
	path_put(&fi->cwd);
	fi->cwd = p;
	return 0;
}

long sys_getcwd(u64 ubuf, u64 size)
{
	struct fs_info *fi = task_current()->fs;
	char *buf = kmalloc(PATH_MAX_K);
	int n;

	if (!buf)
		return -ENOMEM;
	if (fi->cwd.dentry->flags & DENTRY_DEAD) {
		kfree(buf);
		return -ENOENT;
	}
	n = path_to_string(&fi->cwd, buf, PATH_MAX_K);
	if (n >= 0) {
		if ((u64)n + 1 > size)
			n = -ERANGE;
		else if (copy_to_user(ubuf, buf, (size_t)n + 1))
			n = -EFAULT;
		else
			n++;
	}
	kfree(buf);
	return n;
}

long sys_chroot(u64 upath)
{
	struct fs_info *fi = task_current()->fs;
	struct path p;
	int err;

	if (task_current()->cred.euid != 0)
		return -EPERM;
	err = path_lookup_user(AT_FDCWD, upath, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);
	if (err)
		return err;
	path_put(&fi->root);
	fi->root = p;
	return 0;
}

/* ---- mounts ---- */

long sys_mount(u64 udev, u64 udir, u64 utype, u64 flags, u64 udata)
{
	char *dev = NULL, *dir = NULL, *type = NULL, *data = NULL;
	struct path where;
	long err;

	if (task_current()->cred.euid != 0)
		return -EPERM;
	err = path_from_user(udir, &dir);
	if (err)
		return err;
	if (udev && path_from_user(udev, &dev) == -EFAULT) {
		err = -EFAULT;
		goto out;
	}
	if (utype && path_from_user(utype, &type) == -EFAULT) {
		err = -EFAULT;
		goto out;
	}
	if (udata) {
		data = kzalloc(PAGE_SIZE);
		if (!data) {
			err = -ENOMEM;
			goto out;
		}
		/* data is a page of options, NUL-terminated by convention */
		if (mm_copy_from_partial(task_current()->mm, data, udata, PAGE_SIZE - 1) == 0) {
			err = -EFAULT;
			goto out;
		}
	}
	err = path_lookup(AT_FDCWD, dir, LOOKUP_FOLLOW, &where);
	if (err)
		goto out;
	if (!(flags & (MS_REMOUNT | MS_BIND | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_MOVE)) && !type)
		err = -EINVAL;
	else
		err = vfs_mount(dev ? dev : "none", &where, type, flags, data);
	path_put(&where);
out:
	kfree(dev);
	kfree(dir);
	kfree(type);
	kfree(data);
	return err;
}

long sys_umount2(u64 upath, int flags)
{
	struct path p;
	int err;

	if (task_current()->cred.euid != 0)
		return -EPERM;
	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = path_lookup_user(AT_FDCWD, upath, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = vfs_umount(&p, flags);
	if (err)
		path_put(&p);
	return err;
}

static long statfs_path(struct path *p, u64 ubuf)
{
	struct super_block *sb = p->mnt->sb;
	struct statfs_k st;
	int err;

	memset(&st, 0, sizeof(st));
	if (sb->ops && sb->ops->statfs) {
		err = sb->ops->statfs(sb, &st);
		if (err)
			return err;
	} else {
		st.type = sb->magic;
		st.bsize = st.frsize = PAGE_SIZE;
		st.namelen = 255;
	}
	/* ST_* share MS_*'s low bits; ST_RELATIME (0x1000) is not MS_RELATIME,
	 * and relatime is the default (flags_by_mnt) */
	st.flags = p->mnt->flags & (MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME);
	if (mnt_is_readonly(p->mnt))
		st.flags |= MS_RDONLY;
	if (!(p->mnt->flags & (MS_NOATIME | MS_STRICTATIME)))
		st.flags |= 0x1000; /* ST_RELATIME */
	st.flags |= 0x20; /* ST_VALID */
	return arch_put_statfs(ubuf, &st, sb->dev);
}

long sys_statfs(u64 upath, u64 ubuf)
{
	struct path p;
	long err = path_lookup_user(AT_FDCWD, upath, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = statfs_path(&p, ubuf);
	path_put(&p);
	return err;
}

long sys_fstatfs(int fd, u64 ubuf)
{
	struct file *f = fd_get(fd);
	long err;

	if (!f)
		return -EBADF;
	err = f->path.dentry ? statfs_path(&f->path, ubuf) : -EINVAL;
	file_put(f);
	return err;
}
