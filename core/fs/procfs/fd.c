// SPDX-License-Identifier: GPL-2.0
/*
 * The magic links of a process: fd/N, exe, cwd and root. readlink shows a
 * path (or Linux's "pipe:[ino]", "socket:[ino]", "anon_inode:[...]" for
 * files without one); following one jumps to the object itself through
 * inode_ops.get_link_path, so open("/proc/self/fd/3") reaches the same
 * file even if it was renamed. A file with no path (a pipe) is reached
 * through a dentry made for the occasion: unnamed in the procfs root,
 * holding the file's own inode, so opening it opens that inode (a FIFO
 * open for a pipe, as on Linux). fdinfo/N gives pos, flags and mnt_id.
 * Following or reading another user's links needs ptrace access.
 */
#include <stdio.h>

#include "procfs.h"

/* The ptrace-checked task holding a node's files/fs/mm, or -errno. */
static int link_task(const struct procfs_node *n, struct task **out)
{
	struct task *t = procfs_res_task(n);

	if (!procfs_process(n))
		return -ENOENT;
	if (!t)
		return -ENOENT; /* a zombie: no files, no fs, no mm */
	if (!procfs_may_ptrace(t))
		return -EACCES;
	*out = t;
	return 0;
}

static int put_path(const struct path *p, char *buf, size_t len)
{
	char *tmp = kmalloc(PATH_MAX_K);
	int n;

	if (!tmp)
		return -ENOMEM;
	n = path_to_string(p, tmp, PATH_MAX_K);
	if (n >= 0) {
		n = (int)MIN((size_t)n, len);
		memcpy(buf, tmp, (size_t)n);
	}
	kfree(tmp);
	return n;
}

/* The longest name of a file without a path: "/memfd:" + 249 + " (deleted)" */
#define PROCFS_ANON_NAME_MAX 272

/* A dentry made by anon_path: in procfs, but holding another fs's inode. */
static bool is_anon_dentry(const struct dentry *d)
{
	return d->inode && d->sb == procfs_sb() && d->inode->sb != d->sb;
}

int procfs_file_name(struct file *f, char *buf, size_t len)
{
	const char *an = f->anon_name;
	unsigned long long ino = f->inode ? f->inode->ino : 0;
	char tmp[PROCFS_ANON_NAME_MAX];
	int n;

	if (f->path.dentry && !is_anon_dentry(f->path.dentry))
		return put_path(&f->path, buf, len);
	if (f->path.dentry) /* reopened through fd/N: the name it had there */
		snprintf(tmp, sizeof(tmp), "%s", f->path.dentry->name);
	else if (an && strcmp(an, "pipe") == 0)
		snprintf(tmp, sizeof(tmp), "pipe:[%llu]", ino);
	else if (an && strcmp(an, "socket") == 0)
		snprintf(tmp, sizeof(tmp), "socket:[%llu]", ino);
	else if (an && strncmp(an, "anon_inode:", 11) == 0)
		snprintf(tmp, sizeof(tmp), "%s", an);
	else if (an) /* unlinked tmpfs objects: shared anonymous memory, memfd */
		snprintf(tmp, sizeof(tmp), "/%s (deleted)", an);
	else
		snprintf(tmp, sizeof(tmp), "anon_inode:[unknown]");
	n = (int)MIN(strlen(tmp), len);
	memcpy(buf, tmp, (size_t)n);
	return n;
}

/* A path to a file that has none: see the top of the file. */
static int anon_path(struct file *f, struct path *out)
{
	struct super_block *sb = procfs_sb();
	struct mount *m = sb ? procfs_mount_of(sb) : NULL;
	char name[PROCFS_ANON_NAME_MAX];
	struct dentry *d;
	int len;

	if (!f->inode || !m)
		return -ENOENT;
	len = procfs_file_name(f, name, sizeof(name) - 1);
	if (len < 0)
		return len;
	d = dentry_alloc(sb->root, name, (size_t)len);
	if (!d)
		return -ENOMEM;
	list_del(&d->sibling); /* never found by name */
	d->flags |= DENTRY_NOCACHE;
	inode_get(f->inode);
	d_instantiate(d, f->inode);
	out->mnt = m;
	out->dentry = d;
	m->refs++;
	return 0;
}

/* ---- fd/ ---- */

static struct file *node_file(const struct procfs_node *n, struct task *t)
{
	return t->files ? fd_peek(t->files, n->fd) : NULL;
}

static int fd_readlink(const struct procfs_node *n, char *buf, size_t len)
{
	struct task *t;
	struct file *f;
	int err = link_task(n, &t);

	if (err)
		return err;
	f = node_file(n, t);
	return f ? procfs_file_name(f, buf, len) : -ENOENT;
}

static int fd_get_link(const struct procfs_node *n, struct path *out)
{
	struct task *t;
	struct file *f;
	int err = link_task(n, &t);

	if (err)
		return err;
	f = node_file(n, t);
	if (!f)
		return -ENOENT;
	if (!f->path.dentry)
		return anon_path(f, out);
	*out = f->path;
	path_get(out);
	return 0;
}

/* lr-x------ for a file open for reading, l-wx------ for writing. */
static u32 fd_mode(const struct procfs_node *n)
{
	struct task *t = procfs_res_task(n);
	struct file *f = t ? node_file(n, t) : NULL;
	u32 mode = S_IFLNK;

	if (f && (f->fmode & FMODE_READ))
		mode |= 0500;
	if (f && (f->fmode & FMODE_WRITE))
		mode |= 0300;
	return mode;
}

static const struct procfs_entry fd_link_ent = {
	.mode = S_IFLNK | 0700,
	.readlink = fd_readlink,
	.get_link = fd_get_link,
	.mode_of = fd_mode,
};

/* fdinfo/N: "pos", "flags" in octal with O_CLOEXEC folded in from the
 * fd table, "mnt_id" (see mounts.c) and "ino" (Linux 5.14 on). */
static int fdinfo_show(struct procfs_buf *b, const struct procfs_node *n)
{
	struct task *t;
	struct file *f;
	unsigned flags;
	int err = link_task(n, &t);

	if (err)
		return err == -ENOENT ? -ESRCH : err;
	f = node_file(n, t);
	if (!f)
		return -ENOENT;
	flags = f->flags;
	if (t->files->fds[n->fd].cloexec)
		flags |= O_CLOEXEC;
	procfs_printf(b, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%llu\n", (long long)f->pos,
		      flags, f->path.mnt ? procfs_mount_id(f->path.mnt) : 0,
		      (unsigned long long)(f->inode ? f->inode->ino : 0));
	return 0;
}

static const struct procfs_entry fdinfo_ent = {
	.mode = S_IFREG | 0400,
	.show = fdinfo_show,
};

/* fd/ and fdinfo/ hold one name per open descriptor, cookie 2 + fd. */
static int fd_lookup_common(const struct procfs_node *dir, const char *name, size_t len,
			    struct procfs_node *child, const struct procfs_entry *ent)
{
	int fd = procfs_parse_num(name, len);
	struct task *t = procfs_res_task(dir);

	if (fd < 0 || !t || !t->files || !fd_peek(t->files, fd))
		return -ENOENT;
	*child = *dir;
	child->ent = ent;
	child->fd = fd;
	return 0;
}

static int fd_iterate_common(const struct procfs_node *dir, struct dir_context *ctx, s64 base,
			     const struct procfs_entry *ent)
{
	struct task *t = procfs_res_task(dir);
	struct procfs_node child = *dir;
	char name[16];
	s64 fd;

	if (!procfs_process(dir))
		return -ENOENT;
	if (!t || !t->files)
		return 0; /* a zombie's fd directory is empty */
	child.ent = ent;
	for (fd = MAX(ctx->pos - base, 0); fd < t->files->max; fd++) {
		if (!t->files->fds[fd].file)
			continue;
		child.fd = (int)fd;
		snprintf(name, sizeof(name), "%d", (int)fd);
		if (!procfs_emit(ctx, base + fd, name, &child))
			break;
	}
	return 0;
}

static int fd_lookup(const struct procfs_node *dir, const char *name, size_t len,
		     struct procfs_node *child)
{
	return fd_lookup_common(dir, name, len, child, &fd_link_ent);
}

static int fd_iterate(const struct procfs_node *dir, struct dir_context *ctx, s64 base)
{
	return fd_iterate_common(dir, ctx, base, &fd_link_ent);
}

static int fdinfo_lookup(const struct procfs_node *dir, const char *name, size_t len,
			 struct procfs_node *child)
{
	return fd_lookup_common(dir, name, len, child, &fdinfo_ent);
}

static int fdinfo_iterate(const struct procfs_node *dir, struct dir_context *ctx, s64 base)
{
	return fd_iterate_common(dir, ctx, base, &fdinfo_ent);
}

const struct procfs_dir procfs_fd_dir = { .lookup = fd_lookup, .iterate = fd_iterate };
const struct procfs_dir procfs_fdinfo_dir = { .lookup = fdinfo_lookup, .iterate = fdinfo_iterate };

/* ---- exe, cwd, root ---- */

/* The path behind one of the three links, with a reference. */
static int task_path(const struct procfs_node *n, int which, struct path *out)
{
	struct task *t;
	int err = link_task(n, &t);

	if (err)
		return err;
	if (which == 0) {
		if (!t->mm || !t->mm->exe || !t->mm->exe->path.dentry)
			return -ENOENT;
		*out = t->mm->exe->path;
	} else {
		if (!t->fs)
			return -ENOENT;
		*out = which == 1 ? t->fs->cwd : t->fs->root;
	}
	path_get(out);
	return 0;
}

static int task_path_readlink(const struct procfs_node *n, int which, char *buf, size_t len)
{
	struct path p;
	int err = task_path(n, which, &p);

	if (err)
		return err;
	err = put_path(&p, buf, len);
	path_put(&p);
	return err;
}

int procfs_exe_link(const struct procfs_node *n, struct path *out)
{
	return task_path(n, 0, out);
}

int procfs_exe_readlink(const struct procfs_node *n, char *buf, size_t len)
{
	return task_path_readlink(n, 0, buf, len);
}

int procfs_cwd_link(const struct procfs_node *n, struct path *out)
{
	return task_path(n, 1, out);
}

int procfs_cwd_readlink(const struct procfs_node *n, char *buf, size_t len)
{
	return task_path_readlink(n, 1, buf, len);
}

int procfs_root_link(const struct procfs_node *n, struct path *out)
{
	return task_path(n, 2, out);
}

int procfs_root_readlink(const struct procfs_node *n, char *buf, size_t len)
{
	return task_path_readlink(n, 2, buf, len);
}
