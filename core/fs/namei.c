// SPDX-License-Identifier: GPL-2.0
/*
 * The path walker. Walks a path one component at a time from the root, the
 * cwd or a dirfd: "." stays, ".." climbs (across mount roots to the
 * mountpoint, never above the task's root), names are looked up in the
 * dcache then the filesystem, mounts are crossed downwards, symlinks are
 * followed (40 at most, ELOOP). Errors are Linux's: ENOENT, ENOTDIR,
 * ENAMETOOLONG, ELOOP, EACCES (search permission).
 */
#include "vfs.h"
#include "uaccess.h"

#define NAME_MAX_K 255
#define MAX_LINKS 40

struct mount *mnt_root(void);

bool vfs_in_group(u32 gid)
{
	struct task *t = task_current();
	u32 i;

	if (!t)
		return true;
	if (t->cred.fsgid == gid)
		return true;
	for (i = 0; i < t->cred.ngroups; i++)
		if (t->cred.groups[i] == gid)
			return true;
	return false;
}

int vfs_permission(struct inode *inode, int mask)
{
	struct task *t = task_current();
	u32 mode = inode->mode, bits;

	if (!t || t->cred.fsuid == 0) {
		/* root: everything but executing a file with no x bit */
		if ((mask & MAY_EXEC) && !S_ISDIR(mode) && !(mode & 0111))
			return -EACCES;
		return 0;
	}
	if (t->cred.fsuid == inode->uid)
		bits = (mode >> 6) & 7;
	else
		bits = vfs_in_group(inode->gid) ? (mode >> 3) & 7 : mode & 7;
	return ((u32)mask & ~bits) ? -EACCES : 0;
}

int path_from_user(u64 upath, char **out)
{
	char *buf = kmalloc(PATH_MAX_K);
	long n;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, upath, PATH_MAX_K);
	if (n < 0) {
		kfree(buf);
		return (int)n;
	}
	if (n == 0) {
		kfree(buf);
		return -ENOENT;
	}
	*out = buf;
	return 0;
}

int path_lookup_user(int dirfd, u64 upath, unsigned flags, struct path *out)
{
	char *path;
	int err;

	err = path_from_user(upath, &path);
	if (err == -ENOENT && (flags & LOOKUP_EMPTY)) {
		path = kstrdup("");
		err = path ? 0 : -ENOMEM;
	}
	if (err)
		return err;
	err = path_lookup(dirfd, path, flags, out);
	kfree(path);
	return err;
}

int lookup_child(struct path *dir, const char *name, size_t len, struct dentry **out)
{
	struct inode *di = dir->dentry->inode;
	struct dentry *d;
	int err;

	d = d_lookup(dir->dentry, name, len);
	if (d) {
		*out = d;
		return 0;
	}
	if (dir->dentry->flags & DENTRY_DEAD)
		return -ENOENT;
	d = dentry_alloc(dir->dentry, name, len);
	if (!d)
		return -ENOMEM;
	if (di->iops && di->iops->lookup) {
		err = di->iops->lookup(di, d);
		if (err) {
			dentry_put(d);
			return err;
		}
	}
	*out = d;
	return 0;
}

/* Step into whatever is mounted on p. */
void path_follow_mounts(struct path *p)
{
	struct mount *m;

	while ((m = mnt_lookup(p->mnt, p->dentry))) {
		struct path n = { m, m->root };

		path_get(&n);
		path_put(p);
		*p = n;
	}
}

static void follow_dotdot(struct path *p, const struct path *root)
{
	for (;;) {
		struct path n;

		if (p->dentry == root->dentry && p->mnt == root->mnt)
			return;
		if (p->dentry != p->mnt->root) {
			n.mnt = p->mnt;
			n.dentry = p->dentry->parent;
			path_get(&n);
			path_put(p);
			*p = n;
			path_follow_mounts(p);
			return;
		}
		if (p->mnt->parent == p->mnt)
			return; /* the root of everything */
		n.mnt = p->mnt->parent;
		n.dentry = p->mnt->mountpoint;
		path_get(&n);
		path_put(p);
		*p = n;
	}
}

static int walk(struct path *cur, const char *name, unsigned flags, int *links);

/* Follow the symlink at *link (a child of dir); the result replaces dir. */
static int follow_link(struct path *dir, struct path *link, int *links)
{
	struct inode *inode = link->dentry->inode;
	char *buf;
	int n, err;

	if (++*links > MAX_LINKS)
		return -ELOOP;
	if (inode->iops && inode->iops->get_link_path) {
		struct path target;

		err = inode->iops->get_link_path(link->dentry, &target);
		if (err)
			return err;
		path_put(dir);
		*dir = target;
		return 0;
	}
	if (!inode->iops || !inode->iops->readlink)
		return -EINVAL;
	buf = kmalloc(PATH_MAX_K + 1);
	if (!buf)
		return -ENOMEM;
	n = inode->iops->readlink(link->dentry, buf, PATH_MAX_K);
	if (n < 0) {
		kfree(buf);
		return n;
	}
	buf[n] = 0;
	if (n == 0) {
		kfree(buf);
		return -ENOENT;
	}
	if (buf[0] == '/') {
		struct path root = fs_current()->root;

		path_get(&root);
		path_put(dir);
		*dir = root;
	}
	err = walk(dir, buf, LOOKUP_FOLLOW, links);
	kfree(buf);
	return err;
}

/* Walk name from cur (which it replaces with the result). */
static int walk(struct path *cur, const char *name, unsigned flags, int *links)
{
	const struct path *root = &fs_current()->root;
	const char *p = name;
	int err;

	while (*p == '/')
		p++;
	while (*p) {
		const char *s = p;
		size_t len;
		bool last;
		struct path next;
		struct dentry *d;

		while (*p && *p != '/')
			p++;
		len = (size_t)(p - s);
		while (*p == '/')
			p++;
		last = *p == 0;
		if (!S_ISDIR(cur->dentry->inode->mode))
			return -ENOTDIR;
		err = vfs_permission(cur->dentry->inode, MAY_EXEC);
		if (err)
			return err;
		if (len > NAME_MAX_K)
			return -ENAMETOOLONG;
		if (len == 1 && s[0] == '.')
			continue;
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			follow_dotdot(cur, root);
			continue;
		}
		err = lookup_child(cur, s, len, &d);
		if (err)
			return err;
		if (!d->inode) {
			dentry_put(d);
			return -ENOENT;
		}
		next.mnt = cur->mnt;
		next.dentry = d;
		next.mnt->refs++;
		path_follow_mounts(&next);
		if (S_ISLNK(next.dentry->inode->mode) &&
		    (!last || (flags & LOOKUP_FOLLOW) || s[len] == '/')) {
			err = follow_link(cur, &next, links);
			path_put(&next);
			if (err)
				return err;
			/* "link/" must lead to a directory too */
			if (last && s[len] == '/' && !S_ISDIR(cur->dentry->inode->mode))
				return -ENOTDIR;
			continue;
		}
		path_put(cur);
		*cur = next;
		/* "name/" must be a directory */
		if (last && s[len] == '/' && !S_ISDIR(cur->dentry->inode->mode))
			return -ENOTDIR;
	}
	return 0;
}

static int walk_start(int dirfd, const char *name, unsigned flags, struct path *start)
{
	struct fs_info *fi = fs_current();

	if (name[0] == '/') {
		*start = fi->root;
	} else if (dirfd == AT_FDCWD) {
		*start = fi->cwd;
	} else {
		struct file *f = fd_get(dirfd);

		if (!f)
			return -EBADF;
		if (!f->path.dentry) {
			file_put(f);
			return -ENOTDIR;
		}
		*start = f->path;
		path_get(start);
		file_put(f);
		if (!S_ISDIR(start->dentry->inode->mode) && !(name[0] == 0 && (flags & LOOKUP_EMPTY))) {
			path_put(start);
			return -ENOTDIR;
		}
		return 0;
	}
	path_get(start);
	return 0;
}

int path_lookup(int dirfd, const char *name, unsigned flags, struct path *out)
{
	struct path cur;
	int links = 0, err;

	if (!name[0] && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = walk_start(dirfd, name, flags, &cur);
	if (err)
		return err;
	err = walk(&cur, name, flags, &links);
	if (!err && (flags & LOOKUP_DIRECTORY) && !S_ISDIR(cur.dentry->inode->mode))
		err = -ENOTDIR;
	if (err) {
		path_put(&cur);
		return err;
	}
	*out = cur;
	return 0;
}

/* Split name into its directory part (the first *dirlen bytes) and its last
 * component, trailing slashes excluded ("/" alone gives "."). */
static int split_last(const char *name, size_t *dirlen, const char **last, size_t *lastlen)
{
	size_t n = strlen(name), i;

	if (n == 0)
		return -ENOENT;
	while (n > 1 && name[n - 1] == '/')
		n--;
	i = n;
	while (i > 0 && name[i - 1] != '/')
		i--;
	*dirlen = i;
	*last = name + i;
	*lastlen = n - i;
	if (*lastlen == 0) { /* "/" itself */
		*last = ".";
		*lastlen = 1;
	}
	if (*lastlen > NAME_MAX_K)
		return -ENAMETOOLONG;
	return 0;
}

/* Walk the first dirlen bytes of name from *cur (replaced by the result),
 * which must end at a directory. */
static int walk_dir_part(struct path *cur, const char *name, size_t dirlen, int *links)
{
	char *dir = kmalloc(dirlen + 1);
	int err;

	if (!dir)
		return -ENOMEM;
	memcpy(dir, name, dirlen);
	dir[dirlen] = 0;
	err = walk(cur, dir, LOOKUP_FOLLOW, links);
	kfree(dir);
	if (!err && !S_ISDIR(cur->dentry->inode->mode))
		err = -ENOTDIR;
	return err;
}

int path_parent(int dirfd, const char *name, struct path *parent, const char **last,
		size_t *lastlen)
{
	size_t dirlen;
	int err, links = 0;

	err = split_last(name, &dirlen, last, lastlen);
	if (err)
		return err;
	err = walk_start(dirfd, name, 0, parent);
	if (err)
		return err;
	err = walk_dir_part(parent, name, dirlen, &links);
	if (err) {
		path_put(parent);
		return err;
	}
	return 0;
}

static bool is_dots(const char *s, size_t len)
{
	return (len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.');
}

/* One more link on open(O_CREAT)'s last component: *dir (the link's
 * directory) becomes the directory of the target's last component, which
 * goes into buf (*last points into it). A magic link (procfs) is a path
 * already: *target is set instead. */
static int follow_last_link(struct path *dir, struct dentry *link, char *buf, const char **last,
			    size_t *lastlen, struct path *target, int *links)
{
	struct inode *inode = link->inode;
	size_t dirlen;
	int n, err;

	if (++*links > MAX_LINKS)
		return -ELOOP;
	if (inode->iops && inode->iops->get_link_path)
		return inode->iops->get_link_path(link, target);
	if (!inode->iops || !inode->iops->readlink)
		return -EINVAL;
	n = inode->iops->readlink(link, buf, PATH_MAX_K);
	if (n < 0)
		return n;
	buf[n] = 0;
	err = split_last(buf, &dirlen, last, lastlen);
	if (err)
		return err;
	if (buf[0] == '/') {
		struct path root = fs_current()->root;

		path_get(&root);
		path_put(dir);
		*dir = root;
	}
	return walk_dir_part(dir, buf, dirlen, links);
}

int path_open_last(int dirfd, const char *name, bool follow, struct path *dir,
		   struct dentry **out)
{
	char *buf = NULL;
	const char *last;
	size_t lastlen;
	int err, links = 0;

	err = path_parent(dirfd, name, dir, &last, &lastlen);
	if (err)
		return err;
	for (;;) {
		struct path target = { NULL, NULL };
		struct dentry *d;

		/* O_CREAT with a trailing slash or on "." is EISDIR, existing
		 * or not (open_last_lookups) */
		if (last[lastlen] == '/' || is_dots(last, lastlen)) {
			err = -EISDIR;
			break;
		}
		err = lookup_child(dir, last, lastlen, &d);
		if (err)
			break;
		if (!follow || !d->inode || !S_ISLNK(d->inode->mode)) {
			kfree(buf);
			*out = d;
			return 0;
		}
		if (!buf && !(buf = kmalloc(PATH_MAX_K + 1))) {
			dentry_put(d);
			err = -ENOMEM;
			break;
		}
		err = follow_last_link(dir, d, buf, &last, &lastlen, &target, &links);
		dentry_put(d);
		if (err)
			break;
		if (target.dentry) {
			/* magic link: its target exists; the parent is where it lives */
			path_put(dir);
			dir->mnt = target.mnt;
			dir->dentry = target.dentry->parent;
			dentry_get(dir->dentry);
			kfree(buf);
			*out = target.dentry;
			return 0;
		}
	}
	kfree(buf);
	path_put(dir);
	return err;
}

int path_to_string(const struct path *p, char *buf, size_t len)
{
	const struct path *root = &fs_current()->root;
	struct mount *m = p->mnt;
	struct dentry *d = p->dentry;
	char *end = buf + len, *s = end;
	bool deleted = (d->flags & DENTRY_DEAD) != 0;
	size_t len_out;

	if (len < 2)
		return -ENAMETOOLONG;
	*--s = 0;
	while (!(d == root->dentry && m == root->mnt)) {
		size_t n;

		if (d == m->root) {
			if (m->parent == m)
				break;
			d = m->mountpoint;
			m = m->parent;
			continue;
		}
		n = strlen(d->name);
		if ((size_t)(s - buf) < n + 1)
			return -ENAMETOOLONG;
		s -= n;
		memcpy(s, d->name, n);
		*--s = '/';
		d = d->parent;
	}
	if (*s == 0)
		*--s = '/';
	len_out = (size_t)(end - s);
	memmove(buf, s, len_out);
	if (deleted && len_out - 1 + 10 < len) {
		memcpy(buf + len_out - 1, " (deleted)", 11);
		return (int)(len_out - 1 + 10);
	}
	return (int)(len_out - 1);
}
