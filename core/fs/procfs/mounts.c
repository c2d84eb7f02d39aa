// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/<pid>/mounts (and /proc/mounts, a link to it) and mountinfo, in
 * the formats getmntent(3) and util-linux parse (proc(5)): mount order,
 * paths as seen from the reader's root with Linux's octal escapes. There
 * is one mount namespace, so every process shows the same list.
 *
 * Mount ids are the mount's place in the mount list plus a base: stable
 * while nothing before it is unmounted, which is all a single read (and
 * fdinfo's mnt_id in the same moment) needs. struct mount has no id of
 * its own to show instead.
 */
#include <stdio.h>

#include "procfs.h"

#define MOUNT_ID_BASE 20

int procfs_mount_id(const struct mount *m)
{
	struct mount *c;
	int id = MOUNT_ID_BASE;

	for (c = mnt_next(NULL); c; c = mnt_next(c), id++)
		if (c == m)
			return id;
	return 0;
}

/* Per-mount flags, always starting with rw or ro. */
static void put_mnt_flags(struct procfs_buf *b, const struct mount *m)
{
	unsigned long f = m->flags | m->sb->flags;

	procfs_puts(b, (f & MS_RDONLY) ? "ro" : "rw");
	if (m->flags & MS_NOSUID)
		procfs_puts(b, ",nosuid");
	if (m->flags & MS_NODEV)
		procfs_puts(b, ",nodev");
	if (m->flags & MS_NOEXEC)
		procfs_puts(b, ",noexec");
	if (m->flags & MS_NOATIME)
		procfs_puts(b, ",noatime");
	else if (!(m->flags & MS_STRICTATIME))
		procfs_puts(b, ",relatime"); /* Linux's default */
	if (m->flags & MS_NODIRATIME)
		procfs_puts(b, ",nodiratime");
}

static bool is_mnt_flag_word(const char *w, size_t len)
{
	static const char *const words[] = { "rw", "ro", "nosuid", "nodev", "noexec", "noatime",
					     "relatime", "nodiratime", "strictatime" };
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == len && memcmp(words[i], w, len) == 0)
			return true;
	return false;
}

/* The filesystem's own options (",size=...,mode=755"), from show_options
 * without the per-mount words (some filesystems repeat "rw,relatime"). */
static void put_sb_options(struct procfs_buf *b, struct super_block *sb)
{
	char opts[256];
	const char *w, *e;

	if (!sb->ops || !sb->ops->show_options || sb->ops->show_options(sb, opts, sizeof(opts)) <= 0)
		return;
	opts[sizeof(opts) - 1] = 0;
	for (w = opts; *w; w = *e ? e + 1 : e) {
		e = strchr(w, ',');
		if (!e)
			e = w + strlen(w);
		if (e > w && !is_mnt_flag_word(w, (size_t)(e - w))) {
			procfs_puts(b, ",");
			procfs_write_bytes(b, w, (size_t)(e - w));
		}
	}
}

/* Where m is mounted, as the reader sees it. */
static int mountpoint_string(const struct mount *m, char *buf)
{
	struct path p;

	if (m->parent == m) {
		p.mnt = (struct mount *)m;
		p.dentry = m->root;
	} else {
		p.mnt = m->parent;
		p.dentry = m->mountpoint;
	}
	return path_to_string(&p, buf, PATH_MAX_K);
}

int procfs_show_mounts(struct procfs_buf *b, const struct procfs_node *n)
{
	char *path = kmalloc(PATH_MAX_K);
	struct mount *m;

	if (!path)
		return -ENOMEM;
	for (m = mnt_next(NULL); m; m = mnt_next(m)) {
		if (mountpoint_string(m, path) < 0)
			continue;
		procfs_put_escaped(b, m->devname ? m->devname : "none");
		procfs_puts(b, " ");
		procfs_put_escaped(b, path);
		procfs_printf(b, " %s ", m->sb->type ? m->sb->type->name : "none");
		put_mnt_flags(b, m);
		put_sb_options(b, m->sb);
		procfs_puts(b, " 0 0\n");
	}
	kfree(path);
	return 0;
}

/* The mount's root inside its filesystem: "/" except for bind mounts. */
static void put_root_in_fs(struct procfs_buf *b, const struct mount *m)
{
	const struct dentry *d;
	char *buf = kmalloc(PATH_MAX_K), *s;

	if (!buf)
		return;
	s = buf + PATH_MAX_K - 1;
	*s = 0;
	for (d = m->root; d != m->sb->root && d->parent != d; d = d->parent) {
		size_t k = strlen(d->name);

		if ((size_t)(s - buf) < k + 1)
			break;
		s -= k;
		memcpy(s, d->name, k);
		*--s = '/';
	}
	procfs_put_escaped(b, *s ? s : "/");
	kfree(buf);
}

int procfs_show_mountinfo(struct procfs_buf *b, const struct procfs_node *n)
{
	char *path = kmalloc(PATH_MAX_K);
	struct mount *m;

	if (!path)
		return -ENOMEM;
	for (m = mnt_next(NULL); m; m = mnt_next(m)) {
		u32 dev = m->sb->dev;

		if (mountpoint_string(m, path) < 0)
			continue;
		procfs_printf(b, "%d %d %u:%u ", procfs_mount_id(m), procfs_mount_id(m->parent),
			      dev_major(dev), dev_minor(dev));
		put_root_in_fs(b, m);
		procfs_puts(b, " ");
		procfs_put_escaped(b, path);
		procfs_puts(b, " ");
		put_mnt_flags(b, m);
		procfs_printf(b, " - %s ", m->sb->type ? m->sb->type->name : "none");
		procfs_put_escaped(b, m->devname ? m->devname : "none");
		procfs_puts(b, (m->sb->flags & MS_RDONLY) ? " ro" : " rw");
		put_sb_options(b, m->sb);
		procfs_puts(b, "\n");
	}
	kfree(path);
	return 0;
}
