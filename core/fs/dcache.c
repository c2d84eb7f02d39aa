// SPDX-License-Identifier: GPL-2.0
/*
 * Inodes and the dentry cache. A dentry holds a reference on its parent and
 * on its inode. tmpfs-like filesystems pin their positive dentries (the
 * dcache is their directory); other dentries (negative, procfs) go away with
 * their last reference. Readdir over cached children uses per-directory
 * cookies (d_off), so entries removed or added during a listing neither
 * repeat nor shift the others.
 */
#include "vfs.h"

static struct dcache_state {
	u64 next_ino;      /* for filesystems without their own numbering */
	u32 next_anon_dev; /* st_dev of in-memory filesystems */
} dcache_state = { .next_ino = 1000, .next_anon_dev = 1 };

struct timespec_k vfs_now(void)
{
	s64 ns = time_real();
	struct timespec_k ts = { ns / 1000000000LL, (long)(ns % 1000000000LL) };

	return ts;
}

u32 vfs_anon_dev(void)
{
	return mkdev(0, dcache_state.next_anon_dev++);
}

struct inode *inode_alloc(struct super_block *sb, u32 mode)
{
	struct inode *inode = kzalloc(sizeof(*inode));
	struct task *t = task_current();

	if (!inode)
		return NULL;
	inode->refs = 1;
	inode->sb = sb;
	inode->mode = mode;
	inode->ino = sb && sb->next_ino ? sb->next_ino++ : dcache_state.next_ino++;
	inode->nlink = S_ISDIR(mode) ? 2 : 1;
	if (t) {
		inode->uid = t->cred.fsuid;
		inode->gid = t->cred.fsgid;
	}
	inode->atime = inode->mtime = inode->ctime = inode->btime = vfs_now();
	list_init(&inode->locks);
	wq_init(&inode->lock_wait);
	return inode;
}

void inode_get(struct inode *inode)
{
	inode->refs++;
}

void inode_put(struct inode *inode)
{
	if (!inode || --inode->refs > 0)
		return;
	if (inode->destroy)
		inode->destroy(inode);
	if (inode->has_pages)
		pc_destroy(&inode->pages);
	if (inode->pipe)
		pipe_free_inode(inode);
	kfree(inode);
}

void inode_touch(struct inode *inode, unsigned which)
{
	struct timespec_k now = vfs_now();

	if (which & ATTR_ATIME)
		inode->atime = now;
	if (which & ATTR_MTIME)
		inode->mtime = now;
	if (which & ATTR_CTIME)
		inode->ctime = now;
}

struct dentry *dentry_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = kzalloc(sizeof(*d));

	if (!d)
		return NULL;
	d->name = kmalloc(len + 1);
	if (!d->name) {
		kfree(d);
		return NULL;
	}
	memcpy(d->name, name, len);
	d->name[len] = 0;
	d->refs = 1;
	list_init(&d->children);
	list_init(&d->sibling);
	if (parent) {
		d->parent = parent;
		dentry_get(parent);
		d->sb = parent->sb;
		d->d_off = parent->next_off++;
		list_add_tail(&d->sibling, &parent->children);
	} else {
		d->parent = d;
	}
	return d;
}

void dentry_get(struct dentry *d)
{
	d->refs++;
}

void dentry_put(struct dentry *d)
{
	while (d && --d->refs == 0) {
		struct dentry *parent = d->parent;

		if (d->pinned && !(d->flags & DENTRY_DEAD))
			return; /* the filesystem keeps it */
		list_del(&d->sibling);
		if (d->inode)
			inode_put(d->inode);
		kfree(d->name);
		kfree(d);
		if (parent == d)
			return;
		d = parent;
	}
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	d->inode = inode;
}

struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->children, sibling) {
		if ((d->flags & DENTRY_DEAD) || strlen(d->name) != len || memcmp(d->name, name, len))
			continue;
		if (!d->inode && !d->pinned)
			continue; /* stale negative entry */
		dentry_get(d);
		return d;
	}
	return NULL;
}

/* Unlinked: no longer reachable by name. Open files keep the inode. */
void d_delete(struct dentry *d)
{
	d->flags |= DENTRY_DEAD;
	list_del(&d->sibling);
	list_init(&d->sibling);
	if (d->pinned) {
		d->pinned = false;
		dentry_put(d); /* the filesystem's reference */
	}
}

void d_move(struct dentry *d, struct dentry *newparent, const char *name, size_t len)
{
	char *n = kmalloc(len + 1);
	struct dentry *old = d->parent;

	if (!n)
		return; /* keep the old name: rename stays consistent */
	memcpy(n, name, len);
	n[len] = 0;
	kfree(d->name);
	d->name = n;
	list_del(&d->sibling);
	dentry_get(newparent);
	d->parent = newparent;
	d->d_off = newparent->next_off++;
	list_add_tail(&d->sibling, &newparent->children);
	dentry_put(old);
}

static unsigned dtype_of(u32 mode)
{
	return (mode >> 12) & 15;
}

int dcache_iterate(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->path.dentry, *d;

	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, dir->inode->ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct dentry *p = dir->parent;

		if (!ctx->emit(ctx, "..", 2, p->inode ? p->inode->ino : dir->inode->ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	list_for_each_entry(d, &dir->children, sibling) {
		if (d->d_off + 2 < ctx->pos || !d->inode || (d->flags & DENTRY_DEAD))
			continue;
		if (!ctx->emit(ctx, d->name, strlen(d->name), d->inode->ino, dtype_of(d->inode->mode)))
			return 0;
		ctx->pos = d->d_off + 3;
	}
	return 0;
}

bool dir_is_empty(struct dentry *dir)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->children, sibling)
		if (d->inode && !(d->flags & DENTRY_DEAD))
			return false;
	return true;
}

/* ---- anonymous inodes: pipes, sockets, eventfd... ---- */

static const struct super_ops anon_sops;
static struct super_block anon_sb = {
	.ops = &anon_sops,
	.magic = 0x09041934, /* ANON_INODE_FS_MAGIC */
	.next_ino = 1,
};

struct inode *anon_inode_alloc(u32 mode)
{
	struct inode *inode;

	if (!anon_sb.dev)
		anon_sb.dev = vfs_anon_dev();
	inode = inode_alloc(&anon_sb, mode);
	return inode;
}

struct file *anon_file(const struct file_ops *ops, unsigned flags, void *priv, const char *name)
{
	/* anon_inodefs: mode 0600 and no file type at all (st_mode & S_IFMT
	 * is 0 for eventfd, timerfd, signalfd, epoll), as Linux shows them */
	struct inode *inode = anon_inode_alloc(0600);
	struct file *f;

	if (!inode)
		return NULL;
	f = file_alloc(ops, flags);
	if (!f) {
		inode_put(inode);
		return NULL;
	}
	f->inode = inode;
	f->priv = priv;
	f->anon_name = name;
	return f;
}
