// SPDX-License-Identifier: GPL-2.0
/*
 * The /proc directory itself: the global files (their generators live in
 * sysinfo.c, cpuinfo.c, sys.c), the self and thread-self links that name
 * the caller, mounts as a link to self/mounts, and one directory per live
 * process after them (pid.c), listed in pid order as Linux does.
 */
#include <stdio.h>

#include "procfs.h"

static int self_readlink(const struct procfs_node *n, char *buf, size_t len)
{
	struct task *t = task_current();
	char tmp[16];
	int k;

	if (!t)
		return -ENOENT;
	k = snprintf(tmp, sizeof(tmp), "%d", t->proc->pid);
	k = (int)MIN((size_t)k, len);
	memcpy(buf, tmp, (size_t)k);
	return k;
}

static int thread_self_readlink(const struct procfs_node *n, char *buf, size_t len)
{
	struct task *t = task_current();
	char tmp[40];
	int k;

	if (!t)
		return -ENOENT;
	k = snprintf(tmp, sizeof(tmp), "%d/task/%d", t->proc->pid, t->tid);
	k = (int)MIN((size_t)k, len);
	memcpy(buf, tmp, (size_t)k);
	return k;
}

static int mounts_readlink(const struct procfs_node *n, char *buf, size_t len)
{
	static const char target[] = "self/mounts";
	size_t k = MIN(sizeof(target) - 1, len);

	memcpy(buf, target, k);
	return (int)k;
}

/* /proc/net belongs to the network stack: it defines this table (with
 * dev, tcp, unix...) and the directory appears; until then it is absent.
 * One network namespace, so it is a plain directory rather than Linux's
 * link to self/net. */
extern const struct procfs_dir procfs_net_dir __attribute__((weak));

#define GLOBAL_FILE(nm, fn) \
	{ .name = nm, .mode = S_IFREG | 0444, .flags = PROCFS_EIO_WRITE, .show = fn }

static const struct procfs_entry root_entries[] = {
	{ .name = "self", .mode = S_IFLNK | 0777, .readlink = self_readlink },
	{ .name = "thread-self", .mode = S_IFLNK | 0777, .readlink = thread_self_readlink },
	{ .name = "mounts", .mode = S_IFLNK | 0777, .readlink = mounts_readlink },
	{ .name = "sys", .mode = S_IFDIR | 0555, .dir = &procfs_sys_dir },
	{ .name = "net", .mode = S_IFDIR | 0555, .dir = &procfs_net_dir },
	GLOBAL_FILE("meminfo", procfs_show_meminfo),
	GLOBAL_FILE("vmstat", procfs_show_vmstat),
	GLOBAL_FILE("cpuinfo", procfs_show_cpuinfo),
	GLOBAL_FILE("stat", procfs_show_cpustat),
	GLOBAL_FILE("uptime", procfs_show_uptime),
	GLOBAL_FILE("loadavg", procfs_show_loadavg),
	GLOBAL_FILE("version", procfs_show_version),
	GLOBAL_FILE("cmdline", procfs_show_cmdline_boot),
	GLOBAL_FILE("filesystems", procfs_show_filesystems),
	GLOBAL_FILE("devices", procfs_show_devices),
	GLOBAL_FILE("partitions", procfs_show_partitions),
	GLOBAL_FILE("interrupts", procfs_show_interrupts),
	GLOBAL_FILE("swaps", procfs_show_swaps),
};

static int root_lookup(const struct procfs_node *dir, const char *name, size_t len,
		       struct procfs_node *child)
{
	return procfs_pid_lookup(name, len, child);
}

static int root_iterate(const struct procfs_node *dir, struct dir_context *ctx, s64 base)
{
	return procfs_pid_iterate(ctx, base);
}

const struct procfs_dir procfs_root_dir = {
	.entries = root_entries,
	.nr = ARRAY_SIZE(root_entries),
	.lookup = root_lookup,
	.iterate = root_iterate,
};
