// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs (and rootfs, ramfs): files in guest RAM. File data is the inode's
 * page cache, so mmap maps the very frames read/write use; directories are
 * the dcache itself (pinned positive dentries, ramfs style). Unlinked files
 * live on while open. Also the unnamed files behind MAP_SHARED|MAP_ANONYMOUS
 * and memfd_create.
 *
 * Limits are Linux's shmem ones: a mounted tmpfs holds at most size= bytes
 * of pages (half of guest RAM by default) and nr_inodes= inodes, ENOSPC
 * past either; a full guest RAM gives ENOSPC too. rootfs, ramfs and the
 * kernel's own instance (shm, memfd) are bounded by RAM alone.
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

/* One instance's limits and use (super_block.priv). */
struct tmpfs_sb {
	struct pc_quota pages;  /* size=: the files' pages (limit 0: none) */
	u64 max_inodes;         /* nr_inodes= (0: none) */
	u64 inodes;             /* inodes, plus a slot per extra hard link */
	u32 mode, uid, gid;     /* the root directory's */
};

static struct tmpfs_sb *tmpfs_sb(struct super_block *sb)
{
	return sb->priv;
}

/* shmem_reserve_inode: a new inode or hard link takes a slot. */
static bool tmpfs_reserve_inode(struct super_block *sb)
{
	struct tmpfs_sb *ts = tmpfs_sb(sb);

	if (ts->max_inodes && ts->inodes >= ts->max_inodes)
		return false;
	ts->inodes++;
	return true;
}

static void tmpfs_free_inode(struct super_block *sb)
{
	tmpfs_sb(sb)->inodes--;
}

static void tmpfs_inode_destroy(struct inode *inode)
{
	if (S_ISLNK(inode->mode))
		kfree(inode->priv);
	tmpfs_free_inode(inode->sb);
}

static struct inode *tmpfs_new_inode(struct super_block *sb, u32 mode, u32 rdev)
{
	struct inode *inode;

	if (!tmpfs_reserve_inode(sb))
		return NULL;
	inode = inode_alloc(sb, mode);
	if (!inode) {
		tmpfs_free_inode(sb);
		return NULL;
	}
	inode->rdev = rdev;
	inode->destroy = tmpfs_inode_destroy;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->iops = &tmpfs_file_iops;
		inode->fops = &tmpfs_file_fops;
		inode->has_pages = true;
		pc_init(&inode->pages, NULL, inode);
		inode->pages.quota = &tmpfs_sb(sb)->pages;
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

	if (!tmpfs_reserve_inode(dir->sb))
		return -ENOSPC;
	inode->nlink++;
	inode_get(inode);
	inode_touch(inode, ATTR_CTIME);
	tmpfs_attach(dir, d, inode);
	return 0;
}

/* A name of a non-directory goes: an extra link gives its slot back. */
static void tmpfs_drop_link(struct inode *inode)
{
	if (inode->nlink > 1)
		tmpfs_free_inode(inode->sb);
	inode->nlink--;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->inode;

	tmpfs_drop_link(inode);
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
			tmpfs_drop_link(nd->inode);
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

static bool page_is_zero(pfn_t pfn)
{
	const u64 *w = mm_frame_ptr(pfn);
	size_t i;

	for (i = 0; i < PAGE_SIZE / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

static int tmpfs_fallocate(struct file *f, int mode, s64 off, s64 len)
{
	struct inode *inode = f->inode;
	struct pc_quota *q = inode->pages.quota;
	u64 i, first = (u64)off >> PAGE_SHIFT, end, missing = 0;
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
	end = ALIGN_UP((u64)(off + len), PAGE_SIZE) >> PAGE_SHIFT;
	/* All or nothing, as shmem_fallocate: count what is missing first.
	 * If RAM runs out midway, give back the zero pages of the range:
	 * those this call allocated among them (a zero page and a hole read
	 * the same, so dropping an older one changes only st_blocks). */
	for (i = first; i < end; i++)
		missing += pc_get(&inode->pages, i, false, &pfn) == -ENOENT;
	if (q && q->limit && q->used + missing > q->limit)
		return -ENOSPC;
	for (i = first; i < end; i++) {
		if (pc_get(&inode->pages, i, true, &pfn) == 0)
			continue;
		for (end = i, i = first; i < end; i++)
			if (pc_get(&inode->pages, i, false, &pfn) == 0 && page_is_zero(pfn))
				pc_punch(&inode->pages, i, i + 1);
		return -ENOSPC;
	}
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
	struct tmpfs_sb *ts = tmpfs_sb(sb);

	memset(st, 0, sizeof(*st));
	st->type = sb->magic;
	st->bsize = PAGE_SIZE;
	st->frsize = PAGE_SIZE;
	if (ts->pages.limit) {
		st->blocks = ts->pages.limit;
		st->bfree = st->bavail = ts->pages.limit - MIN(ts->pages.used, ts->pages.limit);
	} else { /* no limit of its own: what RAM allows */
		st->blocks = mm_frames_total() / 2;
		st->bfree = st->bavail = MIN(mm_frames_free(), st->blocks);
	}
	st->files = ts->max_inodes ? ts->max_inodes : mm_frames_total() / 2;
	st->ffree = st->files - MIN(ts->inodes, st->files);
	st->namelen = 255;
	return 0;
}

/* shmem_show_options: what differs from the defaults. */
static int tmpfs_show_options(struct super_block *sb, char *buf, size_t len)
{
	struct tmpfs_sb *ts = tmpfs_sb(sb);
	int n = snprintf(buf, len, "rw,relatime");

	if (ts->pages.limit && ts->pages.limit != mm_frames_total() / 2 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, ",size=%lluk",
			      (unsigned long long)ts->pages.limit << (PAGE_SHIFT - 10));
	if (ts->max_inodes && ts->max_inodes != mm_frames_total() / 2 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, ",nr_inodes=%llu",
			      (unsigned long long)ts->max_inodes);
	if (ts->mode != (sb->magic == RAMFS_MAGIC ? 0755u : 01777u) && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, ",mode=%03o", ts->mode);
	if (ts->uid && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, ",uid=%u", ts->uid);
	if (ts->gid && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, ",gid=%u", ts->gid);
	return n;
}

static int tmpfs_parse(struct tmpfs_sb *ts, const char *data);

/* shmem_reconfigure: new limits, if what is in use fits and there was a
 * limit to change (none cannot become one); mode and owner stay. */
static int tmpfs_remount(struct super_block *sb, const char *data)
{
	struct tmpfs_sb *ts = tmpfs_sb(sb), n = *ts;
	int err = tmpfs_parse(&n, data);

	if (err)
		return err;
	if (n.pages.limit && (!ts->pages.limit || ts->pages.used > n.pages.limit))
		return -EINVAL;
	if (n.max_inodes && (!ts->max_inodes || ts->inodes > n.max_inodes))
		return -EINVAL;
	ts->pages.limit = n.pages.limit;
	ts->max_inodes = n.max_inodes;
	return 0;
}

static const struct super_ops tmpfs_sops = {
	.statfs = tmpfs_statfs,
	.remount = tmpfs_remount,
	.show_options = tmpfs_show_options,
};

/* Linux's memparse: a number (C base prefixes) with an optional K, M, G,
 * T, P or E suffix. *end is where parsing stopped. */
static u64 tmpfs_memparse(const char *s, const char **end)
{
	char *e;
	u64 v = strtoull(s, &e, 0);
	int shift = 0;

	switch (*e) {
	case 'E': case 'e': shift += 10; /* fall through */
	case 'P': case 'p': shift += 10; /* fall through */
	case 'T': case 't': shift += 10; /* fall through */
	case 'G': case 'g': shift += 10; /* fall through */
	case 'M': case 'm': shift += 10; /* fall through */
	case 'K': case 'k': shift += 10; e++; break;
	default: break;
	}
	*end = e;
	return v << shift;
}

/* One "key[=value]" of tmpfs's mount data (shmem_parse_one). Unknown keys
 * and bad values are EINVAL; options we accept without acting on them
 * (huge pages, NUMA policy, inode number width, swap) change nothing
 * here. */
static int tmpfs_parse_one(struct tmpfs_sb *ts, const char *key, size_t klen, const char *val)
{
	static const char *const ignored[] = { "huge", "mpol", "inode32", "inode64", "noswap",
					       "quota", "usrquota", "grpquota" };
	const char *end;
	char *e;
	unsigned long long v;
	unsigned i;

#define KEY(k) (klen == sizeof(k) - 1 && memcmp(key, k, klen) == 0)
	for (i = 0; i < ARRAY_SIZE(ignored); i++)
		if (strlen(ignored[i]) == klen && memcmp(key, ignored[i], klen) == 0)
			return 0;
	if (!val || !*val)
		return -EINVAL; /* every other option takes a value */
	if (KEY("size")) {
		v = tmpfs_memparse(val, &end);
		if (*end == '%') { /* of RAM */
			v = v * mm_frames_total() / 100 * PAGE_SIZE;
			end++;
		}
		if (*end)
			return -EINVAL;
		ts->pages.limit = ALIGN_UP(v, PAGE_SIZE) >> PAGE_SHIFT;
	} else if (KEY("nr_blocks")) {
		ts->pages.limit = tmpfs_memparse(val, &end);
		if (*end)
			return -EINVAL;
	} else if (KEY("nr_inodes")) {
		ts->max_inodes = tmpfs_memparse(val, &end);
		if (*end)
			return -EINVAL;
	} else if (KEY("mode") || KEY("uid") || KEY("gid")) {
		v = strtoull(val, &e, KEY("mode") ? 8 : 10);
		if (*e || v > 0xffffffffull || *val == '-')
			return -EINVAL;
		if (KEY("mode"))
			ts->mode = (u32)v & 07777;
		else if (KEY("uid"))
			ts->uid = (u32)v;
		else
			ts->gid = (u32)v;
	} else {
		return -EINVAL;
	}
#undef KEY
	return 0;
}

static int tmpfs_parse(struct tmpfs_sb *ts, const char *data)
{
	const char *p = data;

	while (p && *p) {
		const char *comma = strchr(p, ','), *eq;
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		char val[256];
		int err;

		eq = memchr(p, '=', n);
		if (n) {
			size_t klen = eq ? (size_t)(eq - p) : n, vlen = eq ? n - klen - 1 : 0;

			if (vlen >= sizeof(val))
				return -EINVAL;
			memcpy(val, eq ? eq + 1 : "", vlen);
			val[vlen] = 0;
			err = tmpfs_parse_one(ts, p, klen, eq ? val : NULL);
			if (err)
				return err;
		}
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

/* A new instance with the limits and root of ts (copied into it). */
static int tmpfs_fill(const struct fs_type *type, const struct tmpfs_sb *ts, u32 magic,
		      struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, &tmpfs_sops);
	struct inode *root;

	if (!sb)
		return -ENOMEM;
	sb->magic = magic;
	sb->priv = kmalloc(sizeof(*ts));
	if (!sb->priv)
		return -ENOMEM;
	memcpy(sb->priv, ts, sizeof(*ts));
	root = tmpfs_new_inode(sb, S_IFDIR | ts->mode, 0);
	if (!root)
		return -ENOMEM;
	root->uid = ts->uid;
	root->gid = ts->gid;
	sb->root = dentry_alloc(NULL, "/", 1);
	if (!sb->root)
		return -ENOMEM;
	sb->root->sb = sb;
	d_instantiate(sb->root, root);
	sb->root->pinned = true;
	*out = sb;
	return 0;
}

/* A mounted tmpfs: half of RAM for pages and for inodes unless told. */
static int tmpfs_mount(const struct fs_type *type, const char *dev, unsigned long flags,
		       const char *data, struct super_block **out)
{
	struct tmpfs_sb ts = { .pages.limit = mm_frames_total() / 2,
			       .max_inodes = mm_frames_total() / 2, .mode = 01777 };
	int err = tmpfs_parse(&ts, data);

	if (err)
		return err;
	return tmpfs_fill(type, &ts, TMPFS_MAGIC, out);
}

/* ramfs has no limits and, traditionally, ignores every option but mode. */
static int ramfs_mount(const struct fs_type *type, const char *dev, unsigned long flags,
		       const char *data, struct super_block **out)
{
	struct tmpfs_sb ts = { .mode = 0755 };
	const char *p = data ? strstr(data, "mode=") : NULL;

	if (p && (p == data || p[-1] == ',')) {
		char *e;
		unsigned long m = strtoul(p + 5, &e, 8);

		if (e == p + 5 || (*e && *e != ','))
			return -EINVAL;
		ts.mode = (u32)m & 07777;
	}
	return tmpfs_fill(type, &ts, RAMFS_MAGIC, out);
}

static int rootfs_mount(const struct fs_type *type, const char *dev, unsigned long flags,
			const char *data, struct super_block **out)
{
	struct tmpfs_sb ts = { .mode = 0755 };

	return tmpfs_fill(type, &ts, RAMFS_MAGIC, out);
}

const struct fs_type tmpfs_type = { .name = "tmpfs", .mount = tmpfs_mount };
const struct fs_type ramfs_type = { .name = "ramfs", .mount = ramfs_mount };
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
		/* the kernel's instance (Linux's shm_mnt): no limits */
		static const struct tmpfs_sb ts = { .mode = 01777 };
		int err = tmpfs_fill(&tmpfs_type, &ts, TMPFS_MAGIC, &tmpfs_state.anon_sb);

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
