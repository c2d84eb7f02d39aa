// SPDX-License-Identifier: GPL-2.0
/*
 * Per-process files that show memory and small attributes: cmdline and
 * environ (read from the process's own memory, the argv/envp area exec
 * laid out), auxv, maps, limits, comm (read/write), and the fixed answers
 * (oom_score, wchan, loginuid, cgroup) programs expect to find. A zombie
 * has no memory: its cmdline, environ and maps are empty, as on Linux.
 */
#include <stdlib.h>

#include "procfs.h"

#define CMDLINE_MAX (128 * 1024) /* more than any argv exec accepts here */

/* Copy [start, end) of the process's memory into the buffer. */
static int put_user_area(struct procfs_buf *b, struct mm *mm, u64 start, u64 end, bool cmdline)
{
	size_t len, got;
	char *tmp;

	if (end <= start)
		return 0;
	len = (size_t)MIN(end - start, (u64)CMDLINE_MAX);
	tmp = kmalloc(len);
	if (!tmp)
		return -ENOMEM;
	/* Reading may fault pages in; should that ever sleep (swap), the
	 * process could exit meanwhile: hold its mm. */
	mm_get(mm);
	got = mm_copy_from_partial(mm, tmp, start, len);
	mm_put(mm);
	/* A program that overwrote the final NUL of its argv (setproctitle)
	 * gets its title up to the first NUL, as Linux does. */
	if (cmdline && got && tmp[got - 1] != 0) {
		char *z = memchr(tmp, 0, got);

		if (z)
			got = (size_t)(z - tmp);
	}
	procfs_write_bytes(b, tmp, got);
	kfree(tmp);
	return 0;
}

int procfs_show_cmdline(struct procfs_buf *b, const struct procfs_node *n)
{
	struct task *rt = procfs_res_task(n);

	if (!procfs_process(n))
		return -ESRCH;
	if (!rt || !rt->mm)
		return 0;
	return put_user_area(b, rt->mm, rt->mm->arg_start, rt->mm->arg_end, true);
}

int procfs_show_environ(struct procfs_buf *b, const struct procfs_node *n)
{
	struct task *rt = procfs_res_task(n);

	if (!procfs_process(n))
		return -ESRCH;
	if (!rt || !rt->mm)
		return 0;
	return put_user_area(b, rt->mm, rt->mm->env_start, rt->mm->env_end, false);
}

int procfs_show_auxv(struct procfs_buf *b, const struct procfs_node *n)
{
	struct task *rt = procfs_res_task(n);

	if (!procfs_process(n))
		return -ESRCH;
	if (rt && rt->mm)
		procfs_write_bytes(b, rt->mm->auxv, rt->mm->auxv_words * sizeof(u64));
	return 0;
}

/* ---- maps ---- */

/* The name column: a file's path, or [heap]/[stack] for those areas. */
static void maps_name(struct procfs_buf *b, struct vma *v, char *path)
{
	if (v->file) {
		int len = procfs_file_name(v->file, path, PATH_MAX_K);

		if (len > 0)
			procfs_write_bytes(b, path, (size_t)len);
	} else if (v->flags & VMA_HEAP) {
		procfs_puts(b, "[heap]");
	} else if (v->flags & VMA_GROWSDOWN) {
		procfs_puts(b, "[stack]");
	}
}

static void maps_line(struct procfs_buf *b, struct vma *v, char *path)
{
	size_t line = b->len;
	u32 dev = 0;
	u64 ino = 0, off = 0;

	if (v->file && v->file->inode) {
		dev = v->file->inode->sb ? v->file->inode->sb->dev : 0;
		ino = v->file->inode->ino;
		off = v->pgoff << PAGE_SHIFT;
	}
	procfs_printf(b, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
		      (unsigned long long)v->start, (unsigned long long)v->end,
		      (v->prot & PROT_READ) ? 'r' : '-', (v->prot & PROT_WRITE) ? 'w' : '-',
		      (v->prot & PROT_EXEC) ? 'x' : '-', (v->flags & VMA_SHARED) ? 's' : 'p',
		      (unsigned long long)off, dev_major(dev), dev_minor(dev),
		      (unsigned long long)ino);
	if (v->file || (v->flags & (VMA_HEAP | VMA_GROWSDOWN))) {
		/* Linux pads the name to column 73 (25 + 6 * sizeof(void *) - 1, then a space) */
		procfs_pad_to(b, line, 72);
		procfs_puts(b, " ");
		maps_name(b, v, path);
	}
	procfs_puts(b, "\n");
}

int procfs_show_maps(struct procfs_buf *b, const struct procfs_node *n)
{
	struct task *rt = procfs_res_task(n);
	struct vma *v;
	char *path;

	if (!procfs_process(n))
		return -ESRCH;
	if (!rt || !rt->mm)
		return 0;
	path = kmalloc(PATH_MAX_K);
	if (!path)
		return -ENOMEM;
	list_for_each_entry(v, &rt->mm->vmas, link)
		maps_line(b, v, path);
	kfree(path);
	return 0;
}

/* ---- limits ---- */

static const struct {
	const char *name, *unit;
} limit_names[RLIM_NLIMITS] = {
	{ "Max cpu time", "seconds" },
	{ "Max file size", "bytes" },
	{ "Max data size", "bytes" },
	{ "Max stack size", "bytes" },
	{ "Max core file size", "bytes" },
	{ "Max resident set", "bytes" },
	{ "Max processes", "processes" },
	{ "Max open files", "files" },
	{ "Max locked memory", "bytes" },
	{ "Max address space", "bytes" },
	{ "Max file locks", "locks" },
	{ "Max pending signals", "signals" },
	{ "Max msgqueue size", "bytes" },
	{ "Max nice priority", NULL },
	{ "Max realtime priority", NULL },
	{ "Max realtime timeout", "us" },
};

static void put_limit(struct procfs_buf *b, u64 v)
{
	if (v == RLIM_INFINITY)
		procfs_printf(b, "%-20s ", "unlimited");
	else
		procfs_printf(b, "%-20llu ", (unsigned long long)v);
}

int procfs_show_limits(struct procfs_buf *b, const struct procfs_node *n)
{
	struct process *p = procfs_process(n);
	int i;

	if (!p)
		return -ESRCH;
	procfs_printf(b, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (i = 0; i < RLIM_NLIMITS; i++) {
		procfs_printf(b, "%-25s ", limit_names[i].name);
		put_limit(b, p->rlim[i].cur);
		put_limit(b, p->rlim[i].max);
		if (limit_names[i].unit)
			procfs_printf(b, "%-10s\n", limit_names[i].unit);
		else
			procfs_puts(b, "\n");
	}
	return 0;
}

/* ---- comm ---- */

int procfs_show_comm(struct procfs_buf *b, const struct procfs_node *n)
{
	struct task *t = procfs_task(n);

	if (!t)
		return -ESRCH;
	procfs_printf(b, "%s\n", t->comm);
	return 0;
}

/* Linux takes the first 15 bytes as they are (a trailing newline from
 * echo stays in the name) and only from the thread group itself. */
long procfs_write_comm(const struct procfs_node *n, const char *buf, size_t len)
{
	struct task *t = procfs_task(n), *cur = task_current();
	size_t k = MIN(len, sizeof(t->comm) - 1);

	if (!t)
		return -ESRCH;
	if (!cur || cur->proc != t->proc)
		return -EINVAL;
	memset(t->comm, 0, sizeof(t->comm));
	memcpy(t->comm, buf, k);
	return (long)len;
}

/* ---- fixed answers ---- */

int procfs_show_zero(struct procfs_buf *b, const struct procfs_node *n)
{
	if (!procfs_process(n))
		return -ESRCH;
	procfs_puts(b, "0\n");
	return 0;
}

/* No kernel symbols to name: Linux shows "0" (no newline) then too. */
int procfs_show_wchan(struct procfs_buf *b, const struct procfs_node *n)
{
	if (!procfs_process(n))
		return -ESRCH;
	procfs_puts(b, "0");
	return 0;
}

/* No audit login ids: (uid_t)-1, "unset". */
int procfs_show_loginuid(struct procfs_buf *b, const struct procfs_node *n)
{
	if (!procfs_process(n))
		return -ESRCH;
	procfs_puts(b, "4294967295");
	return 0;
}

/* Everything is in the root of a cgroup v2 hierarchy. */
int procfs_show_cgroup(struct procfs_buf *b, const struct procfs_node *n)
{
	if (!procfs_process(n))
		return -ESRCH;
	procfs_puts(b, "0::/\n");
	return 0;
}

/* ---- the OOM killer's view (core/mm/oom.c) ---- */

/* Linux scales badness to 0..1000 of guest RAM. */
int procfs_show_oom_score(struct procfs_buf *b, const struct procfs_node *n)
{
	struct process *p = procfs_process(n);
	long bad;

	if (!p)
		return -ESRCH;
	bad = mm_oom_badness(p);
	procfs_printf(b, "%ld\n", bad <= 0 ? 0 : (long)MIN(1000, bad * 1000 / (long)mm_frames_total()));
	return 0;
}

int procfs_show_oom_score_adj(struct procfs_buf *b, const struct procfs_node *n)
{
	struct process *p = procfs_process(n);

	if (!p)
		return -ESRCH;
	procfs_printf(b, "%d\n", p->oom_score_adj);
	return 0;
}

/* A decimal in -1000..1000; lowering it below its current value needs
 * root (CAP_SYS_RESOURCE), as on Linux. */
long procfs_write_oom_score_adj(const struct procfs_node *n, const char *buf, size_t len)
{
	struct process *p = procfs_process(n);
	struct task *cur = task_current();
	char tmp[16];
	char *end;
	long v;

	if (!p)
		return -ESRCH;
	if (len == 0 || len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = 0;
	v = strtol(tmp, &end, 10);
	if (end == tmp || (*end && *end != '\n') || v < -1000 || v > 1000)
		return -EINVAL;
	if (v < p->oom_score_adj && cur && cur->cred.euid != 0)
		return -EACCES;
	p->oom_score_adj = (int)v;
	return (long)len;
}
