// SPDX-License-Identifier: GPL-2.0
/*
 * memfd_create(2) and file seals (F_ADD_SEALS, F_GET_SEALS). A memfd is an
 * unlinked tmpfs file (tmpfs_anon_file), so read, write, mmap and ftruncate
 * share one page cache. To enforce seals, the memfd's inode gets file and
 * inode operations of its own that check the seals and then call tmpfs's:
 *   F_SEAL_SHRINK/GROW   ftruncate, write and fallocate past the end
 *   F_SEAL_WRITE         write, new shared writable mappings; adding it
 *                        fails with EBUSY while such a mapping exists
 *   F_SEAL_FUTURE_WRITE  like WRITE for what comes later
 *   F_SEAL_EXEC          setattr changing the exec bits
 * Not enforced: mprotect adding PROT_WRITE to a shared read-only mapping of
 * a write-sealed memfd, and fchmod (it changes a nameless inode directly).
 * Layer: core/fs, over tmpfs; sys_fcntl calls memfd_fcntl for the seals.
 */
#include <stdio.h>

#include "uaccess.h"
#include "vfs.h"

#define MFD_HUGETLB 0x0004U
#define MFD_NOEXEC_SEAL 0x0008U
#define MFD_EXEC 0x0010U
#define MFD_NAME_MAX 249 /* NAME_MAX minus "memfd:" */

#define F_SEAL_SEAL 0x0001
#define F_SEAL_SHRINK 0x0002
#define F_SEAL_GROW 0x0004
#define F_SEAL_WRITE 0x0008
#define F_SEAL_FUTURE_WRITE 0x0010
#define F_SEAL_EXEC 0x0020
#define F_SEAL_ALL (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | \
		    F_SEAL_FUTURE_WRITE | F_SEAL_EXEC)
#define FALLOC_FL_KEEP_SIZE 1

/* Hung on the memfd's inode (inode->priv), freed with it. */
struct memfd_info {
	unsigned seals;
	const struct file_ops *base;           /* tmpfs's file operations */
	void (*base_destroy)(struct inode *inode);
	char link[MFD_NAME_MAX + 8];           /* "memfd:NAME", the dentry name Linux gives it */
};

static const struct file_ops memfd_fops;

static struct memfd_info *memfd_info(struct inode *inode)
{
	return inode && inode->fops == &memfd_fops ? inode->priv : NULL;
}

static long memfd_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	struct memfd_info *mi = memfd_info(f->inode);
	s64 at = (f->flags & O_APPEND) ? f->inode->size : *pos;

	if (!from->count)
		return 0; /* generic_write_checks: nothing to write, no seal check */
	if (mi->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if ((mi->seals & F_SEAL_GROW) && at >= 0 && (u64)at + from->count > (u64)f->inode->size) {
		/* Linux writes page by page and refuses the first page chunk
		 * that would pass the size: whole chunks below it go in. */
		s64 ok_end = (s64)ALIGN_DOWN((u64)f->inode->size, PAGE_SIZE);

		if (at >= ok_end)
			return -EPERM;
		from->count = (size_t)(ok_end - at);
	}
	return mi->base->write(f, from, pos);
}

static int memfd_mmap(struct file *f, struct vma *vma)
{
	struct memfd_info *mi = memfd_info(f->inode);

	if ((mi->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) && (vma->flags & VMA_SHARED) &&
	    (vma->prot & PROT_WRITE))
		return -EPERM;
	return mi->base->mmap(f, vma);
}

static int memfd_fallocate(struct file *f, int mode, s64 off, s64 len)
{
	struct memfd_info *mi = memfd_info(f->inode);

	if (!(mode & FALLOC_FL_KEEP_SIZE) && (mi->seals & F_SEAL_GROW) && off + len > f->inode->size)
		return -EPERM;
	if (!mi->base->fallocate)
		return -EOPNOTSUPP;
	return mi->base->fallocate(f, mode, off, len);
}

static long memfd_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	return memfd_info(f->inode)->base->read(f, to, pos);
}

static s64 memfd_llseek(struct file *f, s64 off, int whence)
{
	return memfd_info(f->inode)->base->llseek(f, off, whence);
}

static int memfd_fsync(struct file *f)
{
	const struct file_ops *base = memfd_info(f->inode)->base;

	return base->fsync ? base->fsync(f) : 0;
}

static const struct file_ops memfd_fops = {
	.read = memfd_read,
	.write = memfd_write,
	.llseek = memfd_llseek,
	.mmap = memfd_mmap,
	.fsync = memfd_fsync,
	.fallocate = memfd_fallocate,
};

/* tmpfs files have no setattr of their own (vfs_setattr's generic code
 * serves them); this is that code with the seal checks in front. */
static int memfd_setattr(struct dentry *d, const struct iattr *ia)
{
	struct inode *inode = d->inode;
	struct memfd_info *mi = memfd_info(inode);
	int err;

	if (ia->valid & ATTR_SIZE) {
		if ((ia->size < inode->size && (mi->seals & F_SEAL_SHRINK)) ||
		    (ia->size > inode->size && (mi->seals & F_SEAL_GROW)))
			return -EPERM;
		err = generic_truncate(inode, ia->size);
		if (err)
			return err;
	}
	if ((ia->valid & ATTR_MODE) && (mi->seals & F_SEAL_EXEC) &&
	    ((ia->mode ^ inode->mode) & 0111))
		return -EPERM;
	setattr_copy(inode, ia);
	return 0;
}

static const struct inode_ops memfd_iops = {
	.setattr = memfd_setattr,
};

static void memfd_destroy(struct inode *inode)
{
	struct memfd_info *mi = inode->priv;
	void (*base_destroy)(struct inode *inode) = mi->base_destroy;

	inode->priv = NULL;
	kfree(mi);
	if (base_destroy)
		base_destroy(inode);
}

/* Is a shared writable mapping of inode left anywhere? (F_SEAL_WRITE) */
static bool memfd_mapped_writable(struct inode *inode)
{
	struct task *t;
	struct vma *v;

	for (t = task_next(NULL); t; t = task_next(t)) {
		if (!t->mm)
			continue;
		list_for_each_entry(v, &t->mm->vmas, link)
			if (v->file && v->file->inode == inode && (v->flags & VMA_SHARED) &&
			    (v->prot & PROT_WRITE))
				return true;
	}
	return false;
}

/* fcntl F_ADD_SEALS and F_GET_SEALS (sys_fcntl passes them here). */
long memfd_fcntl(struct file *f, int cmd, u64 arg)
{
	struct memfd_info *mi = memfd_info(f->inode);
	unsigned seals = (unsigned)arg;

	if (!mi)
		return -EINVAL;
	if (cmd == F_GET_SEALS)
		return mi->seals;
	if (cmd != F_ADD_SEALS)
		return -EINVAL;
	if (!(f->fmode & FMODE_WRITE))
		return -EPERM;
	if (seals & ~F_SEAL_ALL)
		return -EINVAL;
	if (mi->seals & F_SEAL_SEAL)
		return -EPERM;
	if ((seals & F_SEAL_WRITE) && !(mi->seals & F_SEAL_WRITE) &&
	    memfd_mapped_writable(f->inode))
		return -EBUSY;
	mi->seals |= seals;
	return 0;
}

long sys_memfd_create(u64 uname, unsigned flags)
{
	struct memfd_info *mi;
	struct inode *inode;
	char name[MFD_NAME_MAX + 1];
	struct file *f;
	long len;
	int err;

	if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC))
		return -EINVAL;
	if (flags & MFD_HUGETLB)
		return -EINVAL; /* no hugetlbfs here */
	if ((flags & MFD_NOEXEC_SEAL) && (flags & MFD_EXEC))
		return -EINVAL;
	len = strncpy_from_user(name, uname, sizeof(name));
	if (len < 0)
		return len == -ENAMETOOLONG ? -EINVAL : len;
	mi = kzalloc(sizeof(*mi));
	if (!mi)
		return -ENOMEM;
	/* procfs shows it as "/memfd:NAME (deleted)", like any unlinked object */
	snprintf(mi->link, sizeof(mi->link), "memfd:%s", name);
	err = tmpfs_anon_file(mi->link, 0, O_RDWR | O_LARGEFILE, &f);
	if (err) {
		kfree(mi);
		return err;
	}
	inode = f->inode;
	mi->base = f->ops;
	mi->base_destroy = inode->destroy;
	/* Without MFD_ALLOW_SEALING the set is closed from the start. */
	mi->seals = (flags & (MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL)) ? 0 : F_SEAL_SEAL;
	if (flags & MFD_NOEXEC_SEAL) {
		inode->mode &= ~0111u;
		mi->seals |= F_SEAL_EXEC;
	}
	inode->priv = mi;
	inode->destroy = memfd_destroy;
	inode->fops = &memfd_fops;
	inode->iops = &memfd_iops;
	f->ops = &memfd_fops;
	return fd_install(f, 0, flags & MFD_CLOEXEC);
}
