// SPDX-License-Identifier: GPL-2.0
/*
 * procfs: the filesystem type, its one super_block (every `mount -t proc`
 * shows the same instance, as on Linux), and the inode and dentry
 * operations every procfs object shares. A lookup builds a node (what the
 * name means: entry, pid, tid, fd) and a fresh inode around it; the dentry
 * is taken out of its parent's child list at once, so it is never found
 * by a later lookup: each walk asks procfs again and a process that has
 * died is gone (DENTRY_NOCACHE, freed with its last reference). Inode
 * numbers are a hash of the node, so stat and getdents agree across
 * lookups.
 */
#include "procfs.h"

static struct procfs_state {
	struct super_block *sb;   /* made by the first mount, then shared; never freed */
} procfs_state;

static const struct inode_ops procfs_dir_iops;
static const struct inode_ops procfs_file_iops;
static const struct inode_ops procfs_link_iops;
static const struct inode_ops procfs_magic_iops;
static const struct file_ops procfs_dir_fops;

static const struct procfs_entry procfs_root_ent = {
	.name = "/",
	.mode = S_IFDIR | 0555,
	.dir = &procfs_root_dir,
};

struct super_block *procfs_sb(void)
{
	return procfs_state.sb;
}

struct mount *procfs_mount_of(struct super_block *sb)
{
	struct mount *m;

	for (m = mnt_next(NULL); m; m = mnt_next(m))
		if (m->sb == sb)
			return m;
	return NULL;
}

u64 procfs_ino(const struct procfs_node *n)
{
	u64 h;

	if (n->ent == &procfs_root_ent)
		return 1; /* PROC_ROOT_INO */
	/* The entry's address tells the entries apart; the ids are mixed in
	 * (splitmix64 finaliser) so numbers of nearby pids do not collide. */
	h = (u64)(uintptr_t)n->ent;
	h ^= (u64)(u32)n->pid * 0x9e3779b97f4a7c15ull;
	h ^= (u64)(u32)n->tid * 0xc2b2ae3d27d4eb4full;
	h ^= (u64)(u32)(n->fd + 1) * 0x165667b19e3779f9ull;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	h ^= h >> 31;
	h &= 0x3fffffffffffffffull;
	return h < 2 ? h + 2 : h;
}

/* fd links take their mode from the open file (lr-x, l-wx, lrwx). */
static u32 node_mode(const struct procfs_node *n)
{
	return n->ent->mode_of ? n->ent->mode_of(n) : n->ent->mode;
}

unsigned procfs_dtype(const struct procfs_node *n)
{
	return (node_mode(n) >> 12) & 15;
}

static void procfs_inode_destroy(struct inode *inode)
{
	kfree(inode->priv);
}

/* A directory whose table another part of the tree provides (a weak
 * symbol, like procfs_net_dir) is absent until that part is built in. */
static bool entry_present(const struct procfs_entry *e)
{
	return !S_ISDIR(e->mode) || e->dir;
}

/* Directories count "." and their subdirectories, as Linux's nlink does. */
static u32 dir_nlink(const struct procfs_dir *dir)
{
	u32 nlink = 2;
	unsigned i;

	for (i = 0; i < dir->nr; i++)
		if (S_ISDIR(dir->entries[i].mode) && entry_present(&dir->entries[i]))
			nlink++;
	return nlink;
}

/* Per-process objects belong to the process's effective ids and carry
 * its start time, as Linux shows them. */
static void inode_set_owner(struct inode *inode, const struct procfs_node *n)
{
	struct process *p;
	struct task *t;
	s64 ns;

	if (!n->pid)
		return;
	t = procfs_task(n);
	p = procfs_process(n);
	if (t) {
		inode->uid = t->cred.euid;
		inode->gid = t->cred.egid;
	}
	if (p) {
		ns = time_real() - time_mono() + (n->tid && t ? t->start_time : p->start_time);
		inode->atime.sec = ns / 1000000000LL;
		inode->atime.nsec = (long)(ns % 1000000000LL);
		inode->mtime = inode->ctime = inode->btime = inode->atime;
	}
}

static struct inode *procfs_new_inode(struct super_block *sb, const struct procfs_node *n)
{
	struct procfs_node *copy = kmalloc(sizeof(*copy));
	struct inode *inode;

	if (!copy)
		return NULL;
	*copy = *n;
	inode = inode_alloc(sb, node_mode(n));
	if (!inode) {
		kfree(copy);
		return NULL;
	}
	inode->priv = copy;
	inode->destroy = procfs_inode_destroy;
	inode->ino = procfs_ino(n);
	inode->uid = inode->gid = 0;
	inode_set_owner(inode, n);
	switch (inode->mode & S_IFMT) {
	case S_IFDIR:
		inode->iops = &procfs_dir_iops;
		inode->fops = &procfs_dir_fops;
		inode->nlink = dir_nlink(n->ent->dir);
		break;
	case S_IFLNK:
		inode->iops = n->ent->get_link ? &procfs_magic_iops : &procfs_link_iops;
		break;
	default:
		inode->iops = &procfs_file_iops;
		inode->fops = &procfs_seq_fops;
		break;
	}
	return inode;
}

/* Is the process (or thread) a per-pid node names still there? */
static bool node_alive(const struct procfs_node *n)
{
	return !n->pid || procfs_task(n) != NULL;
}

/* The node for a name in dir's table, then in its dynamic part. */
static int node_child(const struct procfs_node *dir, const char *name, size_t len,
		      struct procfs_node *child)
{
	const struct procfs_dir *dd = dir->ent->dir;
	unsigned i;

	for (i = 0; i < dd->nr; i++) {
		const char *en = dd->entries[i].name;

		if (strlen(en) == len && memcmp(en, name, len) == 0 &&
		    entry_present(&dd->entries[i])) {
			*child = *dir;
			child->ent = &dd->entries[i];
			child->fd = -1;
			return 0;
		}
	}
	if (dd->lookup)
		return dd->lookup(dir, name, len, child);
	return -ENOENT;
}

/* inode_ops.lookup for every procfs directory. Not found leaves d
 * negative (the walker says ENOENT; O_CREAT and mkdir find no create op
 * and fail as on Linux). */
static int procfs_lookup(struct inode *dir, struct dentry *d)
{
	const struct procfs_node *dn = dir->priv;
	struct procfs_node child;
	struct inode *inode;
	int err;

	/* Never found again by d_lookup: see the top of the file. */
	list_del(&d->sibling);
	d->flags |= DENTRY_NOCACHE;
	if (!node_alive(dn))
		return -ESRCH; /* a cwd inside a process that has died: Linux's answer */
	err = node_child(dn, d->name, strlen(d->name), &child);
	if (err == -ENOENT)
		return 0; /* stays negative: the walker says ENOENT */
	if (err)
		return err;
	inode = procfs_new_inode(dir->sb, &child);
	if (!inode)
		return -ENOMEM;
	d_instantiate(d, inode);
	return 0;
}

bool procfs_emit(struct dir_context *ctx, s64 cookie, const char *name, const struct procfs_node *n)
{
	ctx->pos = cookie;
	if (!ctx->emit(ctx, name, strlen(name), procfs_ino(n), procfs_dtype(n)))
		return false;
	ctx->pos = cookie + 1;
	return true;
}

/* Cookies: 0 ".", 1 "..", 2.. the table, then the directory's own scheme. */
static int procfs_iterate(struct file *f, struct dir_context *ctx)
{
	const struct procfs_node *dn = f->inode->priv;
	const struct procfs_dir *dd = dn->ent->dir;
	struct dentry *parent = f->path.dentry->parent;
	s64 base = 2 + (s64)dd->nr;
	s64 i;

	if (!node_alive(dn))
		return -ENOENT;
	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, f->inode->ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		u64 pino = parent && parent->inode ? parent->inode->ino : f->inode->ino;

		if (!ctx->emit(ctx, "..", 2, pino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	for (i = ctx->pos - 2; i >= 0 && i < (s64)dd->nr; i++) {
		struct procfs_node child = *dn;

		child.ent = &dd->entries[i];
		child.fd = -1;
		if (!entry_present(child.ent))
			continue;
		if (!procfs_emit(ctx, 2 + i, child.ent->name, &child))
			return 0;
	}
	if (dd->iterate)
		return dd->iterate(dn, ctx, base);
	return 0;
}

/* Linux lets nobody chmod or chown procfs objects; a truncating open of a
 * writable file (echo > /proc/self/comm) is fine and changes nothing. */
static int procfs_setattr(struct dentry *d, const struct iattr *ia)
{
	if (ia->valid & (ATTR_MODE | ATTR_UID | ATTR_GID))
		return -EPERM;
	return 0;
}

/* Ownership follows the process's current ids (setuid changes them);
 * anything in a process that has died is ESRCH, as Linux's permission
 * check in a dead /proc/<pid> answers. */
static int procfs_getattr(struct dentry *d, struct kstat *st)
{
	const struct procfs_node *n = d->inode->priv;

	if (!node_alive(n))
		return -ESRCH;
	inode_set_owner(d->inode, n);
	return vfs_stat_inode(d->inode, st);
}

static int procfs_readlink(struct dentry *d, char *buf, size_t len)
{
	const struct procfs_node *n = d->inode->priv;

	return n->ent->readlink(n, buf, len);
}

static int procfs_get_link_path(struct dentry *d, struct path *out)
{
	const struct procfs_node *n = d->inode->priv;

	return n->ent->get_link(n, out);
}

static const struct inode_ops procfs_dir_iops = {
	.lookup = procfs_lookup,
	.setattr = procfs_setattr,
	.getattr = procfs_getattr,
};

static const struct inode_ops procfs_file_iops = {
	.setattr = procfs_setattr,
	.getattr = procfs_getattr,
};

static const struct inode_ops procfs_link_iops = {
	.readlink = procfs_readlink,
	.setattr = procfs_setattr,
	.getattr = procfs_getattr,
};

static const struct inode_ops procfs_magic_iops = {
	.readlink = procfs_readlink,
	.get_link_path = procfs_get_link_path,
	.setattr = procfs_setattr,
	.getattr = procfs_getattr,
};

static const struct file_ops procfs_dir_fops = {
	.iterate = procfs_iterate,
	.llseek = generic_llseek,
};

static int procfs_statfs(struct super_block *sb, struct statfs_k *st)
{
	memset(st, 0, sizeof(*st));
	st->type = PROC_SUPER_MAGIC;
	st->bsize = PAGE_SIZE;
	st->frsize = PAGE_SIZE;
	st->namelen = 255;
	return 0;
}

static const struct super_ops procfs_sops = {
	.statfs = procfs_statfs,
};

/* The one super_block: made on the first mount, kept for the boot (no
 * put_super), so a later mount shows the same tree and inode numbers. */
static int procfs_fill_super(const struct fs_type *type)
{
	struct procfs_node root = { .ent = &procfs_root_ent, .fd = -1 };
	struct super_block *sb = sb_alloc(type, &procfs_sops);
	struct inode *inode;

	if (!sb)
		return -ENOMEM;
	sb->magic = PROC_SUPER_MAGIC;
	inode = procfs_new_inode(sb, &root);
	if (!inode)
		goto out_sb;
	sb->root = dentry_alloc(NULL, "/", 1);
	if (!sb->root)
		goto out_inode;
	sb->root->sb = sb;
	sb->root->pinned = true;
	d_instantiate(sb->root, inode);
	procfs_state.sb = sb;
	return 0;
out_inode:
	inode_put(inode);
out_sb:
	kfree(sb);
	return -ENOMEM;
}

static int procfs_mount(const struct fs_type *type, const char *dev, unsigned long flags,
			const char *data, struct super_block **out)
{
	if (!procfs_state.sb) {
		int err = procfs_fill_super(type);

		if (err)
			return err;
	}
	*out = procfs_state.sb;
	return 0;
}

const struct fs_type procfs_type = { .name = "proc", .mount = procfs_mount };
