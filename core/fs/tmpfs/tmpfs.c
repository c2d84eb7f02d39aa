// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs (and rootfs, ramfs): files in guest RAM. File data is the inode's
 * page cache, so mmap maps the very frames read/write use; directories are
 * the dcache itself (pinned positive dentries, ramfs style). Unlinked files
 * live on while open. Also the unnamed files behind MAP_SHARED|MAP_ANONYMOUS
 * and memfd_create. Space is bounded by guest RAM: a full RAM gives ENOSPC.
 */
#include <stdio.h>
#include <stdlib.h>

#include "vfs.h"

#define TMPFS_MAGIC 0x01021994
#define RAMFS_MAGIC 0x858458f6

static const struct inode_ops tmpfs_dir_iops;
static const struct inode_ops tmpfs_file_iops;
static const struct inode_ops tmpfs_symlink_iops;
static const struct file_ops tmpfs_file_fops;
static const struct file_ops tmpfs_dir_fops;
static const struct super_ops tmpfs_sops;

static struct tmpfs_state {
	struct super_block *anon_sb; /* unnamed files (shm, memfd) */
} tmpfs_state;

static void tmpfs_inode_destroy(struct inode *inode)
{
	if (S_ISLNK(inode->mode))
		kfree(inode->priv);
}

static struct inode *tmpfs_new_inode(struct super_block *sb, u32 mode, u32 rdev)
{
	struct inode *inode = inode_alloc(sb, mode);

	if (!inode)
		return NULL;
	inode->rdev = rdev;
	inode->destroy = tmpfs_inode_destroy;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->iops = &tmpfs_file_iops;
		inode->fops = &tmpfs_file_fops;
		inode->has_pages = true;
		pc_init(&inode->pages, NULL, inode);
		break;
	case S_IFDIR:
		inode->iops = &tmpfs_dir_iops;
		inode->fops = &tmpfs_dir_fops;
		inode->size = 4096;
		break;
	case S_IFLNK:
		inode->iops = &tmpfs_symlink_iops;
		break;
	case S_IFCHR:
		inode->iops = &tmpfs_file_iops;
		inode->fops = &chrdev_fops;
		break;
	case S_IFIFO:
		inode->iops = &tmpfs_file_iops;
		inode->fops = &fifo_fops;
		break;
	default: /* sockets, block devices: nodes only */
		inode->iops = &tmpfs_file_iops;
		break;
	}
	return inode;
}

/* Attach inode to the negative dentry d in dir; the fs pins d. */
static void tmpfs_attach(struct inode *dir, struct dentry *d, struct inode *inode)
{
	d_instantiate(d, inode);
	d->pinned = true;
	dentry_get(d);
	inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
}

static int tmpfs_lookup(struct inode *dir, struct dentry *d)
{
	return 0; /* the dcache holds everything: not cached means absent */
}

static int tmpfs_mknod(struct inode *dir, struct dentry *d, u32 mode, u32 rdev)
{
	struct inode *inode = tmpfs_new_inode(dir->sb, mode, rdev);

	if (!inode)
		return -ENOSPC;
	/* setgid directories pass their group on */
	if (dir->mode & S_ISGID) {
		inode->gid = dir->gid;
		if (S_ISDIR(mode))
			inode->mode |= S_ISGID;
	}
	tmpfs_attach(dir, d, inode);
	return 0;
}

static int tmpfs_create(struct inode *dir, struct dentry *d, u32 mode)
{
	return tmpfs_mknod(dir, d, S_IFREG | (mode & 07777), 0);
}

static int tmpfs_mkdir(struct inode *dir, struct dentry *d, u32 mode)
{
	int err = tmpfs_mknod(dir, d, S_IFDIR | (mode & 07777), 0);

	if (!err)
		dir->nlink++;
	return err;
}

static int tmpfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	struct inode *inode = tmpfs_new_inode(dir->sb, S_IFLNK | 0777, 0);

	if (!inode)
		return -ENOSPC;
	inode->priv = kstrdup(target);
	if (!inode->priv) {
		inode_put(inode);
		return -ENOSPC;
	}
	inode->size = (s64)strlen(target);
	tmpfs_attach(dir, d, inode);
	return 0;
}

static int tmpfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->inode;

	inode->nlink++;
	inode_get(inode);
	inode_touch(inode, ATTR_CTIME);
	tmpfs_attach(dir, d, inode);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->inode;

	inode->nlink--;
	inode_touch(inode, ATTR_CTIME);
	inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
	d_delete(d);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, struct dentry *d)
{
	if (!dir_is_empty(d))
		return -ENOTEMPTY;
	d->inode->nlink = 0;
	dir->nlink--;
	inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
	d_delete(d);
	return 0;
}

static int tmpfs_rename(struct inode *odir, struct dentry *od, struct inode *ndir,
			struct dentry *nd, unsigned flags)
{
	bool isdir = S_ISDIR(od->inode->mode);

	if (flags & RENAME_EXCHANGE) {
		/* swap the two names' inodes */
		struct inode *a = od->inode, *b = nd->inode;

		od->inode = b;
		nd->inode = a;
		if (S_ISDIR(a->mode) != S_ISDIR(b->mode)) {
			if (S_ISDIR(a->mode)) {
				odir->nlink--;
				ndir->nlink++;
			} else {
				odir->nlink++;
				ndir->nlink--;
			}
		}
		inode_touch(odir, ATTR_MTIME | ATTR_CTIME);
		inode_touch(ndir, ATTR_MTIME | ATTR_CTIME);
		return 0;
	}
	if (nd->inode) {
		if (S_ISDIR(nd->inode->mode)) {
			if (!dir_is_empty(nd))
				return -ENOTEMPTY;
			nd->inode->nlink = 0;
			ndir->nlink--;
		} else {
			nd->inode->nlink--;
		}
		inode_touch(nd->inode, ATTR_CTIME);
		d_delete(nd);
	}
	if (isdir && odir != ndir) {
		odir->nlink--;
		ndir->nlink++;
	}
	d_move(od, nd->parent, nd->name, strlen(nd->name));
	inode_touch(od->inode, ATTR_CTIME);
	inode_touch(odir, ATTR_MTIME | ATTR_CTIME);
	inode_touch(ndir, ATTR_MTIME | ATTR_CTIME);
	return 0;
}

static int tmpfs_readlink(struct dentry *d, char *buf, size_t len)
{
	const char *target = d->inode->priv;
	size_t n = MIN(strlen(target), len);

	memcpy(buf, target, n);
	return (int)n;
}

static const struct inode_ops tmpfs_dir_iops = {
	.lookup = tmpfs_lookup,
	.create = tmpfs_create,
	.mkdir = tmpfs_mkdir,
	.mknod = tmpfs_mknod,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
};

static const struct inode_ops tmpfs_file_iops = {
	.readlink = NULL,
};

static const struct inode_ops tmpfs_symlink_iops = {
	.readlink = tmpfs_readlink,
};

static int tmpfs_fsync(struct file *f)
{
	return 0; /* RAM is the storage: nothing to flush */
}

static int tmpfs_fallocate(struct file *f, int mode, s64 off, s64 len)
{
	struct inode *inode = f->inode;
	u64 i;
	pfn_t pfn;

	if (mode & ~1) /* only FALLOC_FL_KEEP_SIZE */
		return -EOPNOTSUPP;
	if (off + len < 0 || off + len > VFS_MAX_BYTES)
		return -EFBIG;
	if (!(mode & 1)) {
		int err = inode_newsize_ok(inode, off + len);

		if (err)
			return err;
	}
	for (i = (u64)off >> PAGE_SHIFT; i < ALIGN_UP((u64)(off + len), PAGE_SIZE) >> PAGE_SHIFT; i++)
		if (pc_get(&inode->pages, i, true, &pfn))
			return -ENOSPC;
	if (!(mode & 1) && off + len > inode->size)
		inode->size = off + len;
	return 0;
}

static const struct file_ops tmpfs_file_fops = {
	.read = generic_file_read,
	.write = generic_file_write,
	.llseek = generic_llseek,
	.mmap = generic_file_mmap,
	.fsync = tmpfs_fsync,
	.fallocate = tmpfs_fallocate,
};

static const struct file_ops tmpfs_dir_fops = {
	.iterate = dcache_iterate,
	.llseek = generic_llseek,
	.fsync = tmpfs_fsync,
};

static int tmpfs_statfs(struct super_block *sb, struct statfs_k *st)
{
	memset(st, 0, sizeof(*st));
	st->type = sb->magic;
	st->bsize = PAGE_SIZE;
	st->frsize = PAGE_SIZE;
	st->blocks = mm_frames_total() / 2;
	st->bfree = st->bavail = MIN(mm_frames_free(), st->blocks);
	st->files = mm_frames_total() / 2;
	st->ffree = st->files;
	st->namelen = 255;
	return 0;
}

static int tmpfs_show_options(struct super_block *sb, char *buf, size_t len)
{
	return snprintf(buf, len, "rw,relatime");
}

static const struct super_ops tmpfs_sops = {
	.statfs = tmpfs_statfs,
	.show_options = tmpfs_show_options,
};

static int tmpfs_parse_mode(const char *data, u32 *mode)
{
	const char *p = data ? strstr(data, "mode=") : NULL;
	char *end;
	unsigned long m;

	if (!p)
		return 0;
	m = strtoul(p + 5, &end, 8);
	if (end == p + 5 || m > 07777)
		return -EINVAL;
	*mode = (u32)m;
	return 0;
}

static int tmpfs_fill(const struct fs_type *type, u32 rootmode, u32 magic, struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, &tmpfs_sops);
	struct inode *root;

	if (!sb)
		return -ENOMEM;
	sb->magic = magic;
	root = tmpfs_new_inode(sb, S_IFDIR | rootmode, 0);
	if (!root)
		return -ENOMEM;
	root->uid = root->gid = 0;
	sb->root = dentry_alloc(NULL, "/", 1);
	if (!sb->root)
		return -ENOMEM;
	sb->root->sb = sb;
	d_instantiate(sb->root, root);
	sb->root->pinned = true;
	*out = sb;
	return 0;
}

static int tmpfs_mount(const struct fs_type *type, const char *dev, unsigned long flags,
		       const char *data, struct super_block **out)
{
	u32 mode = 01777;
	int err = tmpfs_parse_mode(data, &mode);

	if (err)
		return err;
	return tmpfs_fill(type, mode, TMPFS_MAGIC, out);
}

static int rootfs_mount(const struct fs_type *type, const char *dev, unsigned long flags,
			const char *data, struct super_block **out)
{
	return tmpfs_fill(type, 0755, RAMFS_MAGIC, out);
}

const struct fs_type tmpfs_type = { .name = "tmpfs", .mount = tmpfs_mount };
const struct fs_type ramfs_type = { .name = "ramfs", .mount = tmpfs_mount };
const struct fs_type rootfs_type = { .name = "rootfs", .mount = rootfs_mount };

int tmpfs_mknod_at(struct dentry *dir, const char *name, u32 mode, u32 rdev)
{
	struct dentry *d = d_lookup(dir, name, strlen(name));
	int err;

	if (d) {
		dentry_put(d);
		return -EEXIST;
	}
	d = dentry_alloc(dir, name, strlen(name));
	if (!d)
		return -ENOMEM;
	if (S_ISDIR(mode))
		err = tmpfs_mkdir(dir->inode, d, mode);
	else
		err = tmpfs_mknod(dir->inode, d, mode, rdev);
	dentry_put(d);
	return err;
}

int tmpfs_symlink_at(struct dentry *dir, const char *name, const char *target)
{
	struct dentry *d = dentry_alloc(dir, name, strlen(name));
	int err;

	if (!d)
		return -ENOMEM;
	err = tmpfs_symlink(dir->inode, d, target);
	dentry_put(d);
	return err;
}

int tmpfs_anon_file(const char *name, s64 size, unsigned flags, struct file **out)
{
	struct inode *inode;
	struct file *f;

	if (!tmpfs_state.anon_sb) {
		int err = tmpfs_fill(&tmpfs_type, 01777, TMPFS_MAGIC, &tmpfs_state.anon_sb);

		if (err)
			return err;
	}
	inode = tmpfs_new_inode(tmpfs_state.anon_sb, S_IFREG | 0777, 0);
	if (!inode)
		return -ENOMEM;
	inode->nlink = 0;
	inode->size = size;
	f = file_alloc(&tmpfs_file_fops, flags);
	if (!f) {
		inode_put(inode);
		return -ENOMEM;
	}
	f->inode = inode;
	f->fmode |= FMODE_LSEEK;
	f->anon_name = name;
	*out = f;
	return 0;
}
