// SPDX-License-Identifier: GPL-2.0
/*
 * devpts: the directory of pty slaves (Linux fs/devpts/inode.c). It holds
 * "ptmx" (5:2, mode ptmxmode) and one character device node N (136:N) per
 * pty whose master is open; core/tty/pty.c adds and removes them. Nodes
 * belong to the process that opened the master (its fsuid, and its fsgid
 * unless gid= was given) and take the mode= option, so glibc's grantpt
 * finds them right and may still chown/chmod them.
 *
 * One instance: every `mount -t devpts` shows the same super_block, as
 * Linux did before per-mount instances (4.7); a later mount's options
 * replace the earlier ones. The instance exists from the first pty or the
 * first mount, whichever comes first, so ptys made before the mount appear
 * in it. Names are made by the kernel only: no create, mkdir or unlink.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pty.h"

#define DEVPTS_SUPER_MAGIC 0x1cd1
/* Linux's own default is 0600. We use 0620, what distributions mount it
 * with (gid=5,mode=620) and what glibc's grantpt used to set, so the
 * default root's plain `mount -t devpts` looks like a usual system. */
#define DEVPTS_DEFAULT_MODE 0620
#define DEVPTS_DEFAULT_PTMXMODE 0000
/* Inode numbers as Linux: root 1, ptmx 2, slave N is N + 3. */
#define DEVPTS_ROOT_INO 1
#define DEVPTS_PTMX_INO 2
#define DEVPTS_FIRST_INO 3

struct devpts_opts {
	u32 mode;           /* slave nodes */
	u32 ptmxmode;
	u32 gid;
	bool setgid;        /* gid= given: nodes get gid, not the opener's */
};

static struct devpts_state {
	struct super_block *sb;   /* the one instance; never freed */
	struct dentry *ptmx;      /* its "ptmx" node */
	struct devpts_opts opts;  /* from the last mount */
} devpts_state = {
	.opts = { .mode = DEVPTS_DEFAULT_MODE, .ptmxmode = DEVPTS_DEFAULT_PTMXMODE },
};

static const struct inode_ops devpts_root_iops;
static const struct inode_ops devpts_node_iops;
static const struct file_ops devpts_root_fops;
static const struct super_ops devpts_sops;

/* ---- nodes ---- */

/* Only the kernel names things here: a name not cached does not exist. */
static int devpts_lookup(struct inode *dir, struct dentry *d)
{
	return 0;
}

/* chown/chmod (grantpt) and utimes; a device node has no size. */
static int devpts_setattr(struct dentry *d, const struct iattr *ia)
{
	struct inode *inode = d->inode;

	if (ia->valid & ATTR_SIZE)
		return -EINVAL;
	setattr_copy(inode, ia);
	return 0;
}

static const struct inode_ops devpts_root_iops = {
	.lookup = devpts_lookup,
	.setattr = devpts_setattr,
};

static const struct inode_ops devpts_node_iops = {
	.setattr = devpts_setattr,
};

static const struct file_ops devpts_root_fops = {
	.iterate = dcache_iterate,
	.llseek = generic_llseek,
};

/* A pinned child of the root: the filesystem holds the dentry's one
 * reference until devpts_pty_kill (as tmpfs does for its entries). */
static int devpts_add_node(const char *name, u64 ino, u32 mode, u32 rdev, struct dentry **out)
{
	struct dentry *root = devpts_state.sb->root, *d;
	struct inode *inode;

	inode = inode_alloc(devpts_state.sb, S_IFCHR | mode);
	if (!inode)
		return -ENOMEM;
	inode->ino = ino;
	inode->rdev = rdev;
	inode->iops = &devpts_node_iops;
	inode->fops = &chrdev_fops;
	d = dentry_alloc(root, name, strlen(name));
	if (!d) {
		inode_put(inode);
		return -ENOMEM;
	}
	d_instantiate(d, inode);
	d->pinned = true;
	inode_touch(root->inode, ATTR_MTIME | ATTR_CTIME);
	if (out)
		*out = d;
	return 0;
}

/* Make the instance (first mount or first pty). */
static int devpts_sb_get(void)
{
	struct super_block *sb;
	struct inode *root;
	int err;

	if (devpts_state.sb)
		return 0;
	sb = sb_alloc(&devpts_type, &devpts_sops);
	if (!sb)
		return -ENOMEM;
	sb->magic = DEVPTS_SUPER_MAGIC;
	root = inode_alloc(sb, S_IFDIR | 0755);
	if (!root)
		goto out_sb;
	root->ino = DEVPTS_ROOT_INO;
	root->uid = root->gid = 0;
	root->iops = &devpts_root_iops;
	root->fops = &devpts_root_fops;
	sb->root = dentry_alloc(NULL, "/", 1);
	if (!sb->root)
		goto out_root;
	sb->root->sb = sb;
	d_instantiate(sb->root, root);
	sb->root->pinned = true;
	devpts_state.sb = sb;
	err = devpts_add_node("ptmx", DEVPTS_PTMX_INO, devpts_state.opts.ptmxmode,
			      mkdev(PTY_MASTER_MAJOR, PTY_MASTER_MINOR), &devpts_state.ptmx);
	if (err) /* ptmx here is optional: /dev/ptmx is the usual way in */
		pr_warn("devpts_sb_get: no ptmx node: err=%d\n", err);
	else
		devpts_state.ptmx->inode->uid = devpts_state.ptmx->inode->gid = 0;
	return 0;
out_root:
	inode_put(root);
out_sb:
	kfree(sb);
	return -ENOMEM;
}

int devpts_pty_new(unsigned index)
{
	const struct devpts_opts *o = &devpts_state.opts;
	struct dentry *d;
	char name[16];
	int err;

	err = devpts_sb_get();
	if (err)
		return err;
	snprintf(name, sizeof(name), "%u", index);
	err = devpts_add_node(name, DEVPTS_FIRST_INO + index, o->mode,
			      mkdev(PTY_SLAVE_MAJOR, index), &d);
	if (err)
		return err;
	if (o->setgid)
		d->inode->gid = o->gid;
	return 0;
}

static struct dentry *devpts_find(unsigned index)
{
	char name[16];

	if (!devpts_state.sb)
		return NULL;
	snprintf(name, sizeof(name), "%u", index);
	return d_lookup(devpts_state.sb->root, name, strlen(name));
}

void devpts_pty_kill(unsigned index)
{
	struct dentry *d = devpts_find(index);

	if (!d)
		return;
	d->inode->nlink = 0;
	inode_touch(devpts_state.sb->root->inode, ATTR_MTIME | ATTR_CTIME);
	d_delete(d);     /* drops the filesystem's reference */
	dentry_put(d);   /* and ours: freed unless someone walks it now */
}

int devpts_node_path(unsigned index, struct path *out)
{
	struct dentry *d = devpts_find(index);
	struct mount *m;

	if (!d)
		return -ENOENT;
	for (m = mnt_next(NULL); m; m = mnt_next(m)) {
		if (m->sb == devpts_state.sb) {
			out->mnt = m;
			out->dentry = d; /* the reference d_lookup took */
			m->refs++;
			return 0;
		}
	}
	dentry_put(d);
	return -ENOENT;
}

/* ---- the filesystem ---- */

/* "mode=620,gid=5,ptmxmode=000"; newinstance and max= are accepted and
 * have no effect (one instance, PTY_MAX pairs). */
static int devpts_parse(const char *data, struct devpts_opts *o)
{
	const char *p = data;

	while (p && *p) {
		size_t len = strcspn(p, ","), klen = strcspn(p, "=,");
		bool octal = (klen == 4 && !strncmp(p, "mode", 4)) ||
			     (klen == 8 && !strncmp(p, "ptmxmode", 8));
		unsigned long v = 0;
		char *end = NULL;

		if (klen < len) {
			v = strtoul(p + klen + 1, &end, octal ? 8 : 10);
			if (end == p + klen + 1 || end != p + len)
				return -EINVAL;
		}
		if (klen == len) {
			/* a flag: only newinstance (one instance serves every mount) */
			if (len && !(len == 11 && !strncmp(p, "newinstance", 11)))
				return -EINVAL;
		} else if (octal) {
			if (v > 07777)
				return -EINVAL;
			if (klen == 4)
				o->mode = (u32)v;
			else
				o->ptmxmode = (u32)v;
		} else if (klen == 3 && !strncmp(p, "gid", 3) && v <= 0xffffffffUL) {
			o->gid = (u32)v;
			o->setgid = true;
		} else if (!(klen == 3 && !strncmp(p, "max", 3))) {
			return -EINVAL; /* Linux refuses unknown devpts options */
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int devpts_mount(const struct fs_type *type, const char *dev, unsigned long flags,
			const char *data, struct super_block **out)
{
	struct devpts_opts o = {
		.mode = DEVPTS_DEFAULT_MODE, .ptmxmode = DEVPTS_DEFAULT_PTMXMODE,
	};
	int err = devpts_parse(data, &o);

	if (err)
		return err;
	err = devpts_sb_get();
	if (err)
		return err;
	devpts_state.opts = o;
	if (devpts_state.ptmx)
		devpts_state.ptmx->inode->mode = S_IFCHR | o.ptmxmode;
	*out = devpts_state.sb;
	return 0;
}

static int devpts_statfs(struct super_block *sb, struct statfs_k *st)
{
	memset(st, 0, sizeof(*st));
	st->type = DEVPTS_SUPER_MAGIC;
	st->bsize = st->frsize = PAGE_SIZE;
	st->namelen = 255;
	return 0;
}

static int devpts_show_options(struct super_block *sb, char *buf, size_t len)
{
	const struct devpts_opts *o = &devpts_state.opts;
	char gid[24] = "";

	if (o->setgid)
		snprintf(gid, sizeof(gid), ",gid=%u", o->gid);
	return snprintf(buf, len, "rw,relatime%s,mode=%03o,ptmxmode=%03o", gid, o->mode,
			o->ptmxmode);
}

static const struct super_ops devpts_sops = {
	.statfs = devpts_statfs,
	.show_options = devpts_show_options,
};

const struct fs_type devpts_type = { .name = "devpts", .mount = devpts_mount };
