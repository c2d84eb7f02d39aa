// SPDX-License-Identifier: GPL-2.0
/*
 * Filesystem types and mounts. fs_table (fs_table.c) lists the compiled-in
 * types by name. A mount stacks a super_block's root on a dentry of a
 * parent mount; the walker crosses into it (mnt_lookup). Mount order is
 * kept for /proc/mounts. umount refuses a busy mount (open files, cwds or
 * mounts below it) unless MNT_DETACH.
 */
#include <stdio.h>

#include "vfs.h"

static struct mount_state {
	struct list_head mounts;   /* in mount order */
	struct mount *root;        /* the root mount, boot-only */
} mount_state = { .mounts = LIST_HEAD_INIT(mount_state.mounts) };

const struct fs_type *fs_find(const char *name)
{
	int i;

	for (i = 0; i < (int)fs_table_len; i++)
		if (fs_table[i] && strcmp(fs_table[i]->name, name) == 0)
			return fs_table[i];
	return NULL;
}

void fs_list(char *buf, size_t len)
{
	size_t off = 0;
	int i;

	buf[0] = 0;
	for (i = 0; i < (int)fs_table_len && off < len; i++) {
		if (!fs_table[i] || (fs_table[i]->flags & FS_NO_PROC_LIST))
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%s\t%s\n",
					(fs_table[i]->flags & FS_REQUIRES_DEV) ? "" : "nodev",
					fs_table[i]->name);
	}
}

struct super_block *sb_alloc(const struct fs_type *type, const struct super_ops *ops)
{
	struct super_block *sb = kzalloc(sizeof(*sb));

	if (!sb)
		return NULL;
	sb->type = type;
	sb->ops = ops;
	sb->dev = vfs_anon_dev();
	sb->next_ino = 1;
	return sb;
}

void path_get(struct path *p)
{
	if (p->mnt)
		p->mnt->refs++;
	if (p->dentry)
		dentry_get(p->dentry);
}

void path_put(struct path *p)
{
	if (p->dentry)
		dentry_put(p->dentry);
	if (p->mnt)
		p->mnt->refs--;
	p->dentry = NULL;
	p->mnt = NULL;
}

struct mount *mnt_lookup(struct mount *mnt, struct dentry *d)
{
	struct mount *m;

	if (!d->mounted)
		return NULL;
	/* The most recent mount on a mountpoint is the visible one. */
	list_for_each_entry_reverse_k(m, &mount_state.mounts, link)
		if (m->parent == mnt && m->mountpoint == d)
			return m;
	return NULL;
}

struct mount *mnt_next(struct mount *m)
{
	struct list_head *n = m ? m->link.next : mount_state.mounts.next;

	return n == &mount_state.mounts ? NULL : list_entry(n, struct mount, link);
}

struct mount *mnt_root(void)
{
	return mount_state.root;
}

static struct mount *mnt_alloc(struct super_block *sb, struct dentry *root, const char *dev,
			       unsigned long flags)
{
	struct mount *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	m->devname = kstrdup(dev ? dev : "none");
	m->sb = sb;
	m->root = root;
	dentry_get(root);
	m->flags = flags;
	sb->refs++;
	return m;
}

int vfs_mount_root(const char *fstype, const char *data)
{
	const struct fs_type *type = fs_find(fstype);
	struct super_block *sb;
	struct mount *m;
	int err;

	if (!type)
		return -ENODEV;
	err = type->mount(type, "rootfs", 0, data, &sb);
	if (err)
		return err;
	m = mnt_alloc(sb, sb->root, "rootfs", 0);
	if (!m)
		return -ENOMEM;
	m->parent = m;
	m->mountpoint = sb->root;
	dentry_get(sb->root);
	list_add_tail(&m->link, &mount_state.mounts);
	mount_state.root = m;
	return 0;
}

#define MS_PROPAGATION (MS_SHARED | MS_PRIVATE | MS_SLAVE | (1 << 17) /* MS_UNBINDABLE */)

int vfs_mount(const char *dev, struct path *where, const char *fstype, unsigned long flags,
	      const char *data)
{
	const struct fs_type *type;
	struct super_block *sb;
	struct mount *m;
	struct dentry *root;
	int err;

	if (!S_ISDIR(where->dentry->inode->mode))
		return -ENOTDIR;
	if (flags & MS_PROPAGATION)
		return 0; /* one namespace, nothing to propagate to */
	if (flags & MS_REMOUNT) {
		if (where->dentry != where->mnt->root)
			return -EINVAL;
		where->mnt->flags = (where->mnt->flags & ~(MS_RDONLY | MS_NOSUID | MS_NODEV |
							   MS_NOEXEC | MS_NOATIME | MS_NODIRATIME |
							   MS_RELATIME)) |
				    (flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC |
					      MS_NOATIME | MS_NODIRATIME | MS_RELATIME));
		return 0;
	}
	if (flags & MS_MOVE)
		return -EINVAL; /* not supported yet: refused, not faked */
	if (flags & MS_BIND) {
		struct path src;

		err = path_lookup(AT_FDCWD, dev, LOOKUP_FOLLOW, &src);
		if (err)
			return err;
		sb = src.mnt->sb;
		root = src.dentry;
		m = mnt_alloc(sb, root, src.mnt->devname, src.mnt->flags);
		path_put(&src);
		if (!m)
			return -ENOMEM;
		goto attach;
	}
	type = fs_find(fstype ? fstype : "");
	if (!type)
		return -ENODEV;
	err = type->mount(type, dev, flags, data, &sb);
	if (err)
		return err;
	m = mnt_alloc(sb, sb->root, dev, flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC |
						  MS_NOATIME | MS_NODIRATIME | MS_RELATIME));
	if (!m)
		return -ENOMEM;
attach:
	m->parent = where->mnt;
	m->mountpoint = where->dentry;
	dentry_get(where->dentry);
	where->dentry->mounted++;
	where->mnt->refs++;
	list_add_tail(&m->link, &mount_state.mounts);
	return 0;
}

int vfs_umount(struct path *where, int flags)
{
	struct mount *m = where->mnt, *c;
	int expected_refs = 1; /* the caller's own path */

	if (where->dentry != m->root)
		return -EINVAL;
	if (m == mount_state.root)
		return -EBUSY;
	for (c = mnt_next(NULL); c; c = mnt_next(c))
		if (c->parent == m && c != m)
			return -EBUSY;
	if (m->refs > expected_refs && !(flags & MNT_DETACH))
		return -EBUSY;
	list_del(&m->link);
	m->mountpoint->mounted--;
	m->parent->refs--;
	dentry_put(m->mountpoint);
	dentry_put(m->root);
	if (--m->sb->refs == 0 && m->sb->ops && m->sb->ops->put_super)
		m->sb->ops->put_super(m->sb);
	kfree(m->devname);
	/* A detached mount still referenced lives until the last path_put
	 * drops it; we keep the struct (a few bytes) rather than track that. */
	if (m->refs <= expected_refs)
		kfree(m);
	else
		m->refs -= expected_refs;
	where->mnt = NULL;
	dentry_put(where->dentry);
	where->dentry = NULL;
	return 0;
}
