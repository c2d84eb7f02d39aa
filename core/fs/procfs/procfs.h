/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procfs internals (core/fs/procfs/). The tree is described by static
 * tables of entries (struct procfs_entry); a directory may add dynamic
 * names after its table (pids in /proc, fds in fd/, tids in task/).
 * Every lookup makes a fresh inode and dentry that name a node (struct
 * procfs_node): which entry, for which process/thread/fd. Nodes hold
 * numbers, never pointers to tasks, so a file whose process died finds it
 * gone (ENOENT on lookup, ESRCH on open) instead of touching freed memory.
 * Files are generated whole at open into a buffer (seq.c) and then read
 * and seeked like a small regular file.
 *
 * Files:  super.c   fs_type, inodes, generic directory and link operations
 *         seq.c     the text buffer and the file operations on it
 *         root.c    the /proc directory itself, self, thread-self
 *         sysinfo.c meminfo, stat, uptime, loadavg, version... (global)
 *         cpuinfo.c /proc/cpuinfo from the CPU's cpuid
 *         sys.c     /proc/sys
 *         pid.c     /proc/<pid> and task/<tid> directories, task access
 *         array.c   stat, statm, status
 *         pid_mem.c cmdline, environ, auxv, maps, limits, comm...
 *         fd.c      fd/, fdinfo/, exe, cwd, root
 *         mounts.c  mounts, mountinfo
 *
 * Other subsystems add files by defining a table: the network stack
 * defines `const struct procfs_dir procfs_net_dir` (weak in root.c) with
 * procfs_entry rows whose show functions print through procfs_printf,
 * and /proc/net appears.
 */
#ifndef CORE_FS_PROCFS_H
#define CORE_FS_PROCFS_H

#include "vfs.h"

#define PROC_SUPER_MAGIC 0x9fa0
#define PROCFS_USER_HZ 100          /* clock ticks as the guest sees them */
#define PROCFS_NS_PER_TICK (1000000000LL / PROCFS_USER_HZ)

struct procfs_node;
struct procfs_buf;
struct procfs_dir;

/* Generate a file's text; 0 or -errno (-ESRCH: the process is gone). */
typedef int (*procfs_show_fn)(struct procfs_buf *b, const struct procfs_node *n);
/* A write to a writable file: the whole buffer at once; bytes taken or -errno. */
typedef long (*procfs_write_fn)(const struct procfs_node *n, const char *buf, size_t len);
/* Magic link: the path the walker jumps to (with references). */
typedef int (*procfs_link_fn)(const struct procfs_node *n, struct path *out);
/* Link text for readlink; its length or -errno. */
typedef int (*procfs_readlink_fn)(const struct procfs_node *n, char *buf, size_t len);
/* An inode mode that depends on the object (fd links: the open mode). */
typedef u32 (*procfs_mode_fn)(const struct procfs_node *n);

#define PROCFS_SYSCTL 0x1   /* /proc/sys: opening a read-only file for writing is EACCES */
#define PROCFS_PTRACE 0x2   /* reading needs ptrace access to the process */
#define PROCFS_EIO_WRITE 0x4 /* global read-only files: writes fail with EIO, as Linux's */

struct procfs_entry {
	const char *name;            /* NULL for dynamic entries (name from the dentry) */
	u32 mode;                    /* S_IF* and permission bits */
	unsigned flags;              /* PROCFS_* */
	procfs_show_fn show;         /* regular files */
	procfs_write_fn write;       /* writable files */
	const struct procfs_dir *dir; /* directories */
	procfs_readlink_fn readlink; /* symlinks (plain and magic) */
	procfs_link_fn get_link;     /* magic links only */
	procfs_mode_fn mode_of;      /* optional: overrides mode */
};

struct procfs_dir {
	const struct procfs_entry *entries;
	unsigned nr;
	/* A name not in the table: fill child (ent, ids) or return -ENOENT. */
	int (*lookup)(const struct procfs_node *dir, const char *name, size_t len,
		      struct procfs_node *child);
	/* Emit dynamic names whose cookie (base + number) is >= ctx->pos, in
	 * increasing cookie order, through procfs_emit. */
	int (*iterate)(const struct procfs_node *dir, struct dir_context *ctx, s64 base);
};

struct procfs_node {
	const struct procfs_entry *ent;
	int pid;     /* thread group; 0 outside /proc/<pid> */
	int tid;     /* the thread of task/<tid>/ (or /proc/<tid>); 0: the whole process */
	int fd;      /* fd/N and fdinfo/N; -1 otherwise */
	s64 start;   /* start time of what pid/tid named at lookup: a reused number differs */
};

/* ---- super.c ---- */
extern const struct procfs_dir procfs_root_dir;
struct super_block *procfs_sb(void);
/* A procfs mount, for magic links to files that have no path. */
struct mount *procfs_mount_of(struct super_block *sb);
/* Emit one directory entry at cookie; false if the caller's buffer is full. */
bool procfs_emit(struct dir_context *ctx, s64 cookie, const char *name, const struct procfs_node *n);
u64 procfs_ino(const struct procfs_node *n);
unsigned procfs_dtype(const struct procfs_node *n);

/* ---- seq.c ---- */
struct procfs_buf {
	char *data;
	size_t len, cap;
	bool failed;     /* an allocation failed: the open reports -ENOMEM */
};
void procfs_printf(struct procfs_buf *b, const char *fmt, ...) __printf(2, 3);
void procfs_write_bytes(struct procfs_buf *b, const void *data, size_t len);
void procfs_puts(struct procfs_buf *b, const char *s);
/* Pad with spaces to column col of the current line (Linux's seq_pad). */
void procfs_pad_to(struct procfs_buf *b, size_t line_start, size_t col);
/* Append a path with Linux's mount escapes (space, tab, newline, backslash). */
void procfs_put_escaped(struct procfs_buf *b, const char *s);
extern const struct file_ops procfs_seq_fops;

/* ---- pid.c: finding what a node names ---- */
extern const struct procfs_dir procfs_pid_dir;
extern const struct procfs_dir procfs_tid_dir;
extern const struct procfs_entry procfs_pid_dir_ent;
/* /proc/<name> for a pid or a tid; -ENOENT. */
int procfs_pid_lookup(const char *name, size_t len, struct procfs_node *child);
int procfs_pid_iterate(struct dir_context *ctx, s64 base);
/* The process a node names, NULL if it is gone (or its pid was reused). */
struct process *procfs_process(const struct procfs_node *n);
/* The task a node names: its thread, or for a whole-process node the
 * leader (even a dead one: state and comm). NULL if gone. */
struct task *procfs_task(const struct procfs_node *n);
/* procfs_task if it still holds its mm, files and fs; NULL once it exited. */
struct task *procfs_res_task(const struct procfs_node *n);
/* Threads as Linux counts them (an exited leader counts until reaped). */
int procfs_nr_threads(struct process *p);
bool procfs_may_ptrace(struct task *target);
int procfs_parse_num(const char *name, size_t len);

/* ---- the files ---- */
/* array.c */
int procfs_show_stat(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_statm(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_io(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_status(struct procfs_buf *b, const struct procfs_node *n);
char procfs_task_state(struct task *t);
/* pid_mem.c */
int procfs_show_cmdline(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_environ(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_auxv(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_maps(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_limits(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_comm(struct procfs_buf *b, const struct procfs_node *n);
long procfs_write_comm(const struct procfs_node *n, const char *buf, size_t len);
int procfs_show_oom_score(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_oom_score_adj(struct procfs_buf *b, const struct procfs_node *n);
long procfs_write_oom_score_adj(const struct procfs_node *n, const char *buf, size_t len);
int procfs_show_zero(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_wchan(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_loginuid(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_cgroup(struct procfs_buf *b, const struct procfs_node *n);
/* fd.c */
extern const struct procfs_dir procfs_fd_dir;
extern const struct procfs_dir procfs_fdinfo_dir;
int procfs_exe_link(const struct procfs_node *n, struct path *out);
int procfs_exe_readlink(const struct procfs_node *n, char *buf, size_t len);
int procfs_cwd_link(const struct procfs_node *n, struct path *out);
int procfs_cwd_readlink(const struct procfs_node *n, char *buf, size_t len);
int procfs_root_link(const struct procfs_node *n, struct path *out);
int procfs_root_readlink(const struct procfs_node *n, char *buf, size_t len);
/* Linux's name for an open file: its path, or "pipe:[ino]" and friends. */
int procfs_file_name(struct file *f, char *buf, size_t len);
/* mounts.c */
int procfs_show_mounts(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_mountinfo(struct procfs_buf *b, const struct procfs_node *n);
int procfs_mount_id(const struct mount *m);
/* sysinfo.c */
int procfs_show_meminfo(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_vmstat(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_cpustat(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_uptime(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_loadavg(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_version(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_cmdline_boot(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_filesystems(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_devices(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_partitions(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_interrupts(struct procfs_buf *b, const struct procfs_node *n);
int procfs_show_swaps(struct procfs_buf *b, const struct procfs_node *n);
/* Start sampling the load average (at the first mount). */
/* cpuinfo.c */
int procfs_show_cpuinfo(struct procfs_buf *b, const struct procfs_node *n);
/* sys.c */
extern const struct procfs_dir procfs_sys_dir;

#endif
