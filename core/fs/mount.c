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
#define MNT_ATIME_FLAGS (MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME)
#define MNT_USER_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MNT_ATIME_FLAGS)

/*
 * A mount's own flags from mount(2)'s, kept as MS_* bits. Relatime is the
 * default and needs no bit; MS_STRICTATIME turns it and MS_NOATIME off
 * (path_mount). A remount naming no atime flag keeps the old ones.
 */
static unsigned long mnt_user_flags(unsigned long flags, const struct mount *old)
{
	unsigned long f = flags & MNT_USER_FLAGS;

	if (old && !(flags & MNT_ATIME_FLAGS))
		return f | (old->flags & MNT_ATIME_FLAGS);
	if (f & MS_STRICTATIME)
		f &= ~(unsigned long)(MS_NOATIME | MS_RELATIME);
	return f;
}

/* Linux's vfs_parse_sb_flag: some words in any filesystem's data are the
 * VFS's ("ro", "rw", "sync"...). Copy data without them into a new string
 * (*out, NULL for NULL data), with "ro"/"rw" applied to *flags. */
static int mount_strip_sb_words(const char *data, unsigned long *flags, char **out)
{
	static const char *const words[] = { "ro", "rw", "sync", "dirsync", "lazytime",
					     "nolazytime", "mand", "nomand", "posixacl" };
	const char *p = data;
	char *o;
	unsigned i;

	*out = NULL;
	if (!data)
		return 0;
	o = *out = kmalloc(strlen(data) + 1);
	if (!o)
		return -ENOMEM;
	while (*p) {
		size_t n = strcspn(p, ",");
		bool vfs = false;

		for (i = 0; i < ARRAY_SIZE(words); i++)
			vfs |= strlen(words[i]) == n && memcmp(words[i], p, n) == 0;
		if (vfs && n == 2 && p[1] == 'o')
			*flags |= MS_RDONLY;
		else if (vfs && n == 2 && p[1] == 'w')
			*flags &= ~(unsigned long)MS_RDONLY;
		else if (!vfs && n) {
			if (o != *out)
				*o++ = ',';
			memcpy(o, p, n);
			o += n;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	*o = 0;
	return 0;
}

/* Writers on m, or on every mount of m's filesystem. */
static bool mount_has_writers(struct mount *m, bool whole_sb)
{
	struct mount *c;

	if (!whole_sb)
		return m->writers > 0;
	for (c = mnt_next(NULL); c; c = mnt_next(c))
		if (c->sb == m->sb && c->writers > 0)
			return true;
	return false;
}

/* mount -o remount (do_remount, do_reconfigure_mnt). With MS_BIND only
 * this mount's flags change; without, the filesystem's read-only state
 * and options too. Going read-only with files open for writing is EBUSY. */
static int vfs_remount(struct path *where, unsigned long flags, const char *data)
{
	struct mount *m = where->mnt;
	bool bind = flags & MS_BIND;
	int err;

	if (where->dentry != m->root)
		return -EINVAL;
	if ((flags & MS_RDONLY) && !mnt_is_readonly(m) && mount_has_writers(m, !bind))
		return -EBUSY;
	if (!bind) {
		if (m->sb->ops && m->sb->ops->remount) {
			err = m->sb->ops->remount(m->sb, data);
			if (err)
				return err;
		}
		m->sb->flags = (m->sb->flags & ~(unsigned long)MS_RDONLY) | (flags & MS_RDONLY);
	}
	m->flags = (m->flags & ~(unsigned long)MNT_USER_FLAGS) | mnt_user_flags(flags, m);
	return 0;
}

int vfs_mount(const char *dev, struct path *where, const char *fstype, unsigned long flags,
	      const char *data)
{
	const struct fs_type *type;
	struct super_block *sb;
	struct mount *m;
	struct dentry *root;
	char *opts;
	int err;

	if (flags & MS_PROPAGATION)
		return 0; /* one namespace, nothing to propagate to */
	err = mount_strip_sb_words(data, &flags, &opts);
	if (err)
		return err;
	if (flags & MS_REMOUNT) {
		err = vfs_remount(where, flags, opts);
		goto out;
	}
	err = -EINVAL;
	if (flags & MS_MOVE)
		goto out; /* not supported yet: refused, not faked */
	if (flags & MS_BIND) {
		struct path src;

		err = path_lookup(AT_FDCWD, dev, LOOKUP_FOLLOW, &src);
		if (err)
			goto out;
		sb = src.mnt->sb;
		root = src.dentry;
		m = mnt_alloc(sb, root, src.mnt->devname, src.mnt->flags);
		path_put(&src);
	} else {
		err = -ENOTDIR; /* a new filesystem's root is a directory */
		if (!S_ISDIR(where->dentry->inode->mode))
			goto out;
		err = -ENODEV;
		type = fs_find(fstype ? fstype : "");
		if (!type)
			goto out;
		err = type->mount(type, dev, flags, opts, &sb);
		if (err)
			goto out;
		m = mnt_alloc(sb, sb->root, dev, mnt_user_flags(flags, NULL));
	}
	err = -ENOMEM;
	if (!m)
		goto out;
	err = -ENOTDIR; /* graft_tree: a directory on a directory, a file on a file */
	if (S_ISDIR(m->root->inode->mode) != S_ISDIR(where->dentry->inode->mode)) {
		m->sb->refs--;
		dentry_put(m->root);
		kfree(m->devname);
		kfree(m);
		goto out;
	}
	m->parent = where->mnt;
	m->mountpoint = where->dentry;
	dentry_get(where->dentry);
	where->dentry->mounted++;
	where->mnt->refs++;
	list_add_tail(&m->link, &mount_state.mounts);
	err = 0;
out:
	kfree(opts);
	return err;
}

/* umount2 (do_umount). MNT_EXPIRE marks an idle mount on the first call
 * (EAGAIN) and unmounts it on the second; MNT_FORCE has nothing to abort
 * on our filesystems; MNT_DETACH takes a busy mount out of the tree, and
 * it lives on for its open files. */
int vfs_umount(struct path *where, int flags)
{
	struct mount *m = where->mnt, *c;
	int expected_refs = 1; /* the caller's own path */
	bool busy = m->refs > expected_refs;

	if (where->dentry != m->root)
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if (m == mount_state.root)
		return -EBUSY;
	for (c = mnt_next(NULL); c; c = mnt_next(c))
		busy |= c->parent == m && c != m;
	if (busy && (!(flags & MNT_DETACH) || (flags & MNT_EXPIRE)))
		return -EBUSY;
	if ((flags & MNT_EXPIRE) && !m->expiry_mark) {
		m->expiry_mark = true;
		return -EAGAIN;
	}
	for (c = mnt_next(NULL); c; c = mnt_next(c))
		if (c->parent == m && c != m)
			return -EBUSY; /* MNT_DETACH of a tree: not supported yet */
	list_del(&m->link);
	m->mountpoint->mounted--;
	m->parent->refs--;
	dentry_put(m->mountpoint);
	if (busy) {
		/* Detached and still in use: a tree of its own (paths in it
		 * read from its root, as on Linux) with its filesystem, until
		 * the last path_put; we keep the struct (a few bytes) rather
		 * than track that. */
		m->parent = m;
		m->mountpoint = m->root;
		m->refs -= expected_refs;
	} else {
		dentry_put(m->root);
		if (--m->sb->refs == 0 && m->sb->ops && m->sb->ops->put_super)
			m->sb->ops->put_super(m->sb);
		kfree(m->devname);
		kfree(m);
	}
	where->mnt = NULL;
	dentry_put(where->dentry);
	where->dentry = NULL;
	return 0;
}
