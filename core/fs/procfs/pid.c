// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/<pid>/ and /proc/<pid>/task/<tid>/: the per-process entry tables,
 * the pid and tid name spaces, and how a node finds its process again.
 * A node keeps the pid, the tid and the process's start time; every use
 * looks them up anew (process_by_pid, task_by_tid), so a process that died
 * or whose pid was reused reads as gone. Zombies stay visible until they
 * are reaped, with an empty memory and fd view, as on Linux; so does a
 * process whose leader exited before its other threads (Linux reads a
 * process's mm, files and fs through its leader).
 */
#include <stdio.h>
#include <stdlib.h>

#include "procfs.h"

static const struct procfs_dir task_list_dir;

#define PID_FILE(nm, md, fn) { .name = nm, .mode = S_IFREG | (md), .show = fn }

/* The thread-level table is this one without its last entry ("task"). */
static const struct procfs_entry pid_entries[] = {
	{ .name = "auxv", .mode = S_IFREG | 0400, .flags = PROCFS_PTRACE, .show = procfs_show_auxv },
	PID_FILE("cgroup", 0444, procfs_show_cgroup),
	PID_FILE("cmdline", 0444, procfs_show_cmdline),
	{ .name = "comm", .mode = S_IFREG | 0644, .show = procfs_show_comm,
	  .write = procfs_write_comm },
	{ .name = "cwd", .mode = S_IFLNK | 0777, .readlink = procfs_cwd_readlink,
	  .get_link = procfs_cwd_link },
	{ .name = "environ", .mode = S_IFREG | 0400, .flags = PROCFS_PTRACE,
	  .show = procfs_show_environ },
	{ .name = "exe", .mode = S_IFLNK | 0777, .readlink = procfs_exe_readlink,
	  .get_link = procfs_exe_link },
	{ .name = "fd", .mode = S_IFDIR | 0500, .dir = &procfs_fd_dir },
	{ .name = "fdinfo", .mode = S_IFDIR | 0555, .dir = &procfs_fdinfo_dir },
	{ .name = "io", .mode = S_IFREG | 0400, .flags = PROCFS_PTRACE, .show = procfs_show_io },
	PID_FILE("limits", 0444, procfs_show_limits),
	PID_FILE("loginuid", 0644, procfs_show_loginuid),
	{ .name = "maps", .mode = S_IFREG | 0444, .flags = PROCFS_PTRACE, .show = procfs_show_maps },
	PID_FILE("mountinfo", 0444, procfs_show_mountinfo),
	PID_FILE("mounts", 0444, procfs_show_mounts),
	PID_FILE("oom_score", 0444, procfs_show_oom_score),
	{ .name = "oom_score_adj", .mode = S_IFREG | 0644, .show = procfs_show_oom_score_adj,
	  .write = procfs_write_oom_score_adj },
	{ .name = "root", .mode = S_IFLNK | 0777, .readlink = procfs_root_readlink,
	  .get_link = procfs_root_link },
	PID_FILE("stat", 0444, procfs_show_stat),
	PID_FILE("statm", 0444, procfs_show_statm),
	PID_FILE("status", 0444, procfs_show_status),
	PID_FILE("wchan", 0444, procfs_show_wchan),
	{ .name = "task", .mode = S_IFDIR | 0555, .dir = &task_list_dir },
};

const struct procfs_dir procfs_pid_dir = {
	.entries = pid_entries,
	.nr = ARRAY_SIZE(pid_entries),
};

const struct procfs_dir procfs_tid_dir = {
	.entries = pid_entries,
	.nr = ARRAY_SIZE(pid_entries) - 1,
};

const struct procfs_entry procfs_pid_dir_ent = { .mode = S_IFDIR | 0555, .dir = &procfs_pid_dir };
static const struct procfs_entry tid_dir_ent = { .mode = S_IFDIR | 0555, .dir = &procfs_tid_dir };

/* A decimal without sign or leading zeros ("007" is not pid 7), or -1. */
int procfs_parse_num(const char *name, size_t len)
{
	long v = 0;
	size_t i;

	if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return (int)v;
}

/* The start time tells a reused pid apart: a node made for the old
 * process never reaches the new one (Linux holds a struct pid instead). */
struct process *procfs_process(const struct procfs_node *n)
{
	struct process *p = process_by_pid(n->pid);

	if (!p || p->start_time != n->start)
		return NULL;
	return p;
}

struct task *procfs_task(const struct procfs_node *n)
{
	struct process *p = procfs_process(n);
	struct task *t;

	if (!p)
		return NULL;
	/* The leader's tid is the pid; it stays readable after it exits. */
	if (!n->tid || n->tid == p->pid)
		return p->leader;
	t = task_by_tid(n->tid);
	return t && t->proc == p ? t : NULL;
}

struct task *procfs_res_task(const struct procfs_node *n)
{
	struct task *t = procfs_task(n);

	/* An exited thread (a zombie, or a leader that left before its
	 * threads) has given up its mm, files and fs: Linux shows nothing. */
	return t && t->files ? t : NULL;
}

int procfs_nr_threads(struct process *p)
{
	/* Linux counts an exited leader until the whole group is reaped. */
	return p->nr_threads + (p->leader && !p->leader->files ? 1 : 0);
}

/* Linux's PTRACE_MODE_READ_FSCREDS without capabilities: root, the
 * process itself, or a caller whose fs ids match all of the target's. */
bool procfs_may_ptrace(struct task *target)
{
	struct task *cur = task_current();
	const struct cred *c = &target->cred;
	u32 uid, gid;

	if (!cur || cur->cred.fsuid == 0 || cur->proc == target->proc)
		return true;
	uid = cur->cred.fsuid;
	gid = cur->cred.fsgid;
	return c->uid == uid && c->euid == uid && c->suid == uid && c->gid == gid &&
	       c->egid == gid && c->sgid == gid;
}

int procfs_pid_lookup(const char *name, size_t len, struct procfs_node *child)
{
	int num = procfs_parse_num(name, len);
	struct process *p;
	struct task *t;

	if (num <= 0)
		return -ENOENT;
	memset(child, 0, sizeof(*child));
	child->ent = &procfs_pid_dir_ent;
	child->fd = -1;
	p = process_by_pid(num);
	if (p) {
		child->pid = num;
		child->start = p->start_time;
		return 0;
	}
	/* A thread's tid works too, though readdir does not show it. */
	t = task_by_tid(num);
	if (!t || !t->proc)
		return -ENOENT;
	child->pid = t->proc->pid;
	child->tid = num;
	child->start = t->proc->start_time;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Emit "<number>" directories in increasing order from the sorted ids. */
static int emit_numbers(struct dir_context *ctx, s64 base, int *ids, unsigned nr,
			struct procfs_node *tmpl, bool tid)
{
	char name[16];
	unsigned i;

	qsort(ids, nr, sizeof(*ids), cmp_int);
	for (i = 0; i < nr; i++) {
		if (base + ids[i] < ctx->pos || (i && ids[i] == ids[i - 1]))
			continue;
		if (tid)
			tmpl->tid = ids[i];
		else
			tmpl->pid = ids[i];
		snprintf(name, sizeof(name), "%d", ids[i]);
		if (!procfs_emit(ctx, base + ids[i], name, tmpl))
			break;
	}
	kfree(ids);
	return 0;
}

/* Pids are listed sorted, with cookie base + pid, so a listing resumed
 * after processes came and went neither repeats nor skips a survivor. The
 * process list is in creation order, hence the sort. */
int procfs_pid_iterate(struct dir_context *ctx, s64 base)
{
	struct procfs_node tmpl = { .ent = &procfs_pid_dir_ent, .fd = -1 };
	struct process *p;
	unsigned nr = 0, max = 0;
	int *ids;

	for (p = process_next(NULL); p; p = process_next(p))
		max++;
	ids = kmalloc((max + 1) * sizeof(*ids));
	if (!ids)
		return -ENOMEM;
	for (p = process_next(NULL); p && nr < max; p = process_next(p))
		if (!(p->flags & PROC_REAPED))
			ids[nr++] = p->pid;
	return emit_numbers(ctx, base, ids, nr, &tmpl, false);
}

/* ---- task/ ---- */

static int task_list_lookup(const struct procfs_node *dir, const char *name, size_t len,
			    struct procfs_node *child)
{
	int num = procfs_parse_num(name, len);
	struct process *p = procfs_process(dir);
	struct task *t;

	if (num <= 0 || !p)
		return -ENOENT;
	t = num == p->pid ? p->leader : task_by_tid(num);
	if (!t || t->proc != p)
		return -ENOENT;
	*child = *dir;
	child->ent = &tid_dir_ent;
	child->tid = num;
	child->fd = -1;
	return 0;
}

static int task_list_iterate(const struct procfs_node *dir, struct dir_context *ctx, s64 base)
{
	struct process *p = procfs_process(dir);
	struct procfs_node tmpl;
	struct task *t;
	unsigned nr = 0;
	int *ids;

	if (!p)
		return -ENOENT;
	ids = kmalloc(((size_t)p->nr_threads + 2) * sizeof(*ids));
	if (!ids)
		return -ENOMEM;
	ids[nr++] = p->pid; /* the leader, even after it exited */
	list_for_each_entry(t, &p->threads, thread_link)
		if (nr < (unsigned)p->nr_threads + 2)
			ids[nr++] = t->tid;
	tmpl = *dir;
	tmpl.ent = &tid_dir_ent;
	tmpl.fd = -1;
	return emit_numbers(ctx, base, ids, nr, &tmpl, true);
}

static const struct procfs_dir task_list_dir = {
	.lookup = task_list_lookup,
	.iterate = task_list_iterate,
};
