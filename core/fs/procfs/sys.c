// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/sys: the sysctl files programs read, with this kernel's real
 * values. Only the host and domain names can be written (root, as
 * sethostname); every other file is read-only and, as Linux's sysctl
 * does, opening one for writing fails with EACCES even for root. Limits
 * that are compiled in elsewhere (the pid space, the open-file ceiling)
 * are restated here and marked so.
 */
#include <stdio.h>

#include "boot.h"
#include "host.h"
#include "procfs.h"

#define SYS_PID_MAX 32768         /* PID_MAX in core/proc/task.c */
#define SYS_NR_OPEN (1024 * 1024) /* RLIMIT_NOFILE ceiling in core/proc/fork.c */
#define SYS_PIPE_MAX (1024 * 1024) /* PIPE_MAX_SIZE in core/fs/pipe.c */

static struct procfs_sys_state {
	char boot_id[37];   /* made at the first read, then fixed for the boot */
} sys_state;

static int show_str(struct procfs_buf *b, const char *s)
{
	procfs_printf(b, "%s\n", s);
	return 0;
}

static int show_u64(struct procfs_buf *b, u64 v)
{
	procfs_printf(b, "%llu\n", (unsigned long long)v);
	return 0;
}

/* ---- kernel/ ---- */

static int show_hostname(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_str(b, proc_hostname());
}

static int show_domainname(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_str(b, proc_domainname());
}

/* proc_dostring: the text up to the first newline, cut at 64 bytes. */
static long write_name(const char *buf, size_t len, int (*set)(const char *, size_t))
{
	const char *nl = memchr(buf, '\n', len);
	size_t k = nl ? (size_t)(nl - buf) : len;
	struct task *t = task_current();
	int err;

	if (t && t->cred.euid != 0)
		return -EPERM;
	if (!len)
		return 0; /* _proc_do_string: an empty write changes nothing */
	err = set(buf, MIN(k, (size_t)64));
	return err ? err : (long)len;
}

static long write_hostname(const struct procfs_node *n, const char *buf, size_t len)
{
	return write_name(buf, len, proc_set_hostname);
}

static long write_domainname(const struct procfs_node *n, const char *buf, size_t len)
{
	return write_name(buf, len, proc_set_domainname);
}

static int show_ostype(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_str(b, "Linux");
}

static int show_osrelease(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_str(b, UTS_RELEASE);
}

static int show_version(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_str(b, UTS_VERSION);
}

static int show_pid_max(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, SYS_PID_MAX);
}

static int show_threads_max(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, proc_max_threads());
}

static int show_ngroups_max(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, 32); /* struct cred holds 32 supplementary groups */
}

static int show_cap_last_cap(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, 40); /* CAP_CHECKPOINT_RESTORE, as in 6.1 */
}

static int show_overflow_id(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, 65534);
}

static int show_randomize(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, 0); /* exec places stack and mmap base at fixed addresses */
}

/* A random version-4 UUID, as Linux's random/uuid. */
static void make_uuid(char out[37])
{
	u8 r[16];
	int i, k = 0;

	if (host_getrandom(r, sizeof(r)))
		memset(r, 0, sizeof(r));
	r[6] = (u8)((r[6] & 0x0f) | 0x40);
	r[8] = (u8)((r[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		snprintf(out + k, 3, "%02x", r[i]);
		k += 2;
	}
	out[k] = 0;
}

static int show_boot_id(struct procfs_buf *b, const struct procfs_node *n)
{
	if (!sys_state.boot_id[0])
		make_uuid(sys_state.boot_id);
	return show_str(b, sys_state.boot_id);
}

static int show_uuid(struct procfs_buf *b, const struct procfs_node *n)
{
	char u[37];

	make_uuid(u);
	return show_str(b, u);
}

/* The host's getrandom stands behind /dev/random: always fully seeded. */
static int show_entropy(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, 256);
}

#define RO(nm, fn) { .name = nm, .mode = S_IFREG | 0444, .flags = PROCFS_SYSCTL, .show = fn }
#define SUBDIR(nm, d) { .name = nm, .mode = S_IFDIR | 0555, .dir = &(d) }

static const struct procfs_entry random_entries[] = {
	RO("boot_id", show_boot_id),
	RO("entropy_avail", show_entropy),
	RO("poolsize", show_entropy),
	RO("uuid", show_uuid),
};
static const struct procfs_dir random_dir = { random_entries, ARRAY_SIZE(random_entries) };

static const struct procfs_entry kernel_entries[] = {
	RO("cap_last_cap", show_cap_last_cap),
	{ .name = "domainname", .mode = S_IFREG | 0644, .flags = PROCFS_SYSCTL,
	  .show = show_domainname, .write = write_domainname },
	{ .name = "hostname", .mode = S_IFREG | 0644, .flags = PROCFS_SYSCTL,
	  .show = show_hostname, .write = write_hostname },
	RO("ngroups_max", show_ngroups_max),
	RO("osrelease", show_osrelease),
	RO("ostype", show_ostype),
	RO("overflowgid", show_overflow_id),
	RO("overflowuid", show_overflow_id),
	RO("pid_max", show_pid_max),
	SUBDIR("random", random_dir),
	RO("randomize_va_space", show_randomize),
	RO("threads-max", show_threads_max),
	RO("version", show_version),
};
static const struct procfs_dir kernel_dir = { kernel_entries, ARRAY_SIZE(kernel_entries) };

/* ---- vm/ ---- */

static int show_overcommit_memory(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, 0); /* heuristic: mmap does not reserve */
}

static int show_overcommit_ratio(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, 50);
}

static int show_max_map_count(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, 65530);
}

static const struct procfs_entry vm_entries[] = {
	RO("max_map_count", show_max_map_count),
	RO("overcommit_memory", show_overcommit_memory),
	RO("overcommit_ratio", show_overcommit_ratio),
};
static const struct procfs_dir vm_dir = { vm_entries, ARRAY_SIZE(vm_entries) };

/* ---- fs/ ---- */

/* Linux's default: about 10% of RAM at 1 KiB per file, at least 8192. */
static u64 file_max(void)
{
	return MAX(mm_frames_total() * (PAGE_SIZE / 1024) / 10, 8192ull);
}

static int show_file_max(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, file_max());
}

/* Open file descriptors over all fd tables (shared tables counted once;
 * a file open in two tables counts twice, unlike Linux's file count). */
static int show_file_nr(struct procfs_buf *b, const struct procfs_node *n)
{
	struct task *t, *o;
	u64 nr = 0;
	int fd;

	for (t = task_next(NULL); t; t = task_next(t)) {
		bool seen = false;

		if (!t->files)
			continue;
		for (o = task_next(NULL); o != t && !seen; o = task_next(o))
			seen = o->files == t->files;
		for (fd = 0; !seen && fd < t->files->max; fd++)
			nr += t->files->fds[fd].file != NULL;
	}
	procfs_printf(b, "%llu\t0\t%llu\n", (unsigned long long)nr,
		      (unsigned long long)file_max());
	return 0;
}

static int show_nr_open(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, SYS_NR_OPEN);
}

static int show_pipe_max(struct procfs_buf *b, const struct procfs_node *n)
{
	return show_u64(b, SYS_PIPE_MAX);
}

static const struct procfs_entry fs_entries[] = {
	RO("file-max", show_file_max),
	RO("file-nr", show_file_nr),
	RO("nr_open", show_nr_open),
	RO("pipe-max-size", show_pipe_max),
};
static const struct procfs_dir fs_dir = { fs_entries, ARRAY_SIZE(fs_entries) };

static const struct procfs_entry sys_entries[] = {
	SUBDIR("fs", fs_dir),
	SUBDIR("kernel", kernel_dir),
	SUBDIR("vm", vm_dir),
};
const struct procfs_dir procfs_sys_dir = { sys_entries, ARRAY_SIZE(sys_entries) };
