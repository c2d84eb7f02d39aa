// SPDX-License-Identifier: GPL-2.0
/*
 * The global /proc files about the whole machine: meminfo, vmstat, stat,
 * uptime, loadavg, version, cmdline, filesystems, devices, partitions,
 * interrupts, swaps. Formats are Linux 6.1's (fs/proc/meminfo.c, stat.c,
 * loadavg.c...), values come from the frame allocator, the page cache,
 * the scheduler and the process list. CPU time totals are derived from
 * the live processes (their own time plus what they reaped), idle is what
 * is left of the uptime: there is one CPU.
 *
 * The load average comes from the scheduler (core/proc/loadavg.c).
 */
#include <stdio.h>

#include "boot.h"
#include "procfs.h"

#define LOAD_INT(x) ((x) >> SCHED_FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (SCHED_FIXED_1 - 1)) * 100)

int procfs_show_loadavg(struct procfs_buf *b, const struct procfs_node *n)
{
	unsigned long a[3];
	unsigned nr_tasks = 0;
	struct task *t;
	int i;

	sched_loadavg(a);
	for (i = 0; i < 3; i++)
		a[i] += SCHED_FIXED_1 / 200; /* round to 2 places */
	for (t = task_next(NULL); t; t = task_next(t))
		nr_tasks++;
	procfs_printf(b, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%u %d\n", LOAD_INT(a[0]), LOAD_FRAC(a[0]),
		      LOAD_INT(a[1]), LOAD_FRAC(a[1]), LOAD_INT(a[2]), LOAD_FRAC(a[2]),
		      sched_nr_running(), nr_tasks, pid_last());
	return 0;
}

/* ---- CPU time ---- */

/* User and system time of everything that ever ran, in ns. A zombie's
 * time moves to its parent's cutime when it is waited for (Linux), so
 * zombies count until then. */
static void cpu_busy(u64 *user, u64 *sys)
{
	struct process *p;
	struct task *t;

	*user = *sys = 0;
	for (p = process_next(NULL); p; p = process_next(p)) {
		*user += p->utime + p->cutime;
		*sys += p->stime + p->cstime;
		list_for_each_entry(t, &p->threads, thread_link) {
			*user += t->utime;
			*sys += t->stime;
		}
	}
}

static u64 cpu_idle(u64 user, u64 sys)
{
	u64 up = (u64)time_mono();

	return up > user + sys ? up - user - sys : 0;
}

static u64 ticks(u64 ns)
{
	return ns / PROCFS_NS_PER_TICK;
}

int procfs_show_uptime(struct procfs_buf *b, const struct procfs_node *n)
{
	u64 up = (u64)time_mono(), user, sys, idle;

	cpu_busy(&user, &sys);
	idle = cpu_idle(user, sys);
	procfs_printf(b, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(up / 1000000000ull),
		      (unsigned long long)(up / 10000000ull % 100),
		      (unsigned long long)(idle / 1000000000ull),
		      (unsigned long long)(idle / 10000000ull % 100));
	return 0;
}

int procfs_show_cpustat(struct procfs_buf *b, const struct procfs_node *n)
{
	unsigned long long user, sys, idle, ctxt = 0;
	unsigned blocked = 0;
	u64 u, s;
	struct task *t;

	cpu_busy(&u, &s);
	user = ticks(u);
	sys = ticks(s);
	idle = ticks(cpu_idle(u, s));
	for (t = task_next(NULL); t; t = task_next(t)) {
		ctxt += t->nvcsw + t->nivcsw;
		if (t->state == TASK_UNINTERRUPTIBLE)
			blocked++;
	}
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	procfs_printf(b, "cpu  %llu 0 %llu %llu 0 0 0 0 0 0\n", user, sys, idle);
	procfs_printf(b, "cpu0 %llu 0 %llu %llu 0 0 0 0 0 0\n", user, sys, idle);
	/* Interrupt and softirq counts are not kept: the totals read 0. */
	procfs_printf(b, "intr 0\nctxt %llu\nbtime %llu\nprocesses %llu\n", ctxt,
		      /* boot time as ps computes it: now minus the uptime */
		      (unsigned long long)((time_real() - time_mono()) / 1000000000LL),
		      (unsigned long long)proc_total_forks());
	procfs_printf(b, "procs_running %u\nprocs_blocked %u\n", sched_nr_running(), blocked);
	procfs_puts(b, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
	return 0;
}

/* ---- memory ---- */

static void put_kb(struct procfs_buf *b, const char *key, u64 kb)
{
	procfs_printf(b, "%-16s%8llu kB\n", key, (unsigned long long)kb);
}

/* Guest RAM is the frames: what is not free is page cache (files in RAM:
 * tmpfs, the initramfs root) or anonymous memory. The cache cannot be
 * dropped (its files live only there), so MemAvailable is MemFree. */
int procfs_show_meminfo(struct procfs_buf *b, const struct procfs_node *n)
{
	const u64 kb = PAGE_SIZE / 1024;
	u64 total = mm_frames_total(), free = mm_frames_free();
	u64 cached = pc_total_pages(), used = total - MIN(free, total);
	u64 anon = used > cached ? used - cached : 0;

	put_kb(b, "MemTotal:", total * kb);
	put_kb(b, "MemFree:", free * kb);
	put_kb(b, "MemAvailable:", free * kb);
	put_kb(b, "Buffers:", 0);
	put_kb(b, "Cached:", cached * kb);
	put_kb(b, "SwapCached:", 0);
	put_kb(b, "Active:", (anon + cached) * kb);
	put_kb(b, "Inactive:", 0);
	put_kb(b, "Active(anon):", anon * kb);
	put_kb(b, "Inactive(anon):", 0);
	put_kb(b, "Active(file):", cached * kb);
	put_kb(b, "Inactive(file):", 0);
	put_kb(b, "Unevictable:", 0);
	put_kb(b, "Mlocked:", 0);
	put_kb(b, "SwapTotal:", 0);
	put_kb(b, "SwapFree:", 0);
	put_kb(b, "Dirty:", 0);
	put_kb(b, "Writeback:", 0);
	put_kb(b, "AnonPages:", anon * kb);
	put_kb(b, "Mapped:", 0);
	put_kb(b, "Shmem:", 0);
	/* Kernel data (slab, stacks, page tables) lives outside guest RAM. */
	put_kb(b, "KReclaimable:", 0);
	put_kb(b, "Slab:", 0);
	put_kb(b, "SReclaimable:", 0);
	put_kb(b, "SUnreclaim:", 0);
	put_kb(b, "KernelStack:", 0);
	put_kb(b, "PageTables:", 0);
	put_kb(b, "NFS_Unstable:", 0);
	put_kb(b, "Bounce:", 0);
	put_kb(b, "WritebackTmp:", 0);
	put_kb(b, "CommitLimit:", total / 2 * kb); /* overcommit_ratio 50, no swap */
	put_kb(b, "Committed_AS:", anon * kb);
	put_kb(b, "VmallocTotal:", 34359738367ull);
	put_kb(b, "VmallocUsed:", 0);
	put_kb(b, "VmallocChunk:", 0);
	put_kb(b, "Percpu:", 0);
	put_kb(b, "HardwareCorrupted:", 0);
	put_kb(b, "AnonHugePages:", 0);
	put_kb(b, "ShmemHugePages:", 0);
	put_kb(b, "ShmemPmdMapped:", 0);
	put_kb(b, "FileHugePages:", 0);
	put_kb(b, "FilePmdMapped:", 0);
	procfs_printf(b, "%-16s%8u\n%-16s%8u\n%-16s%8u\n%-16s%8u\n", "HugePages_Total:", 0,
		      "HugePages_Free:", 0, "HugePages_Rsvd:", 0, "HugePages_Surp:", 0);
	put_kb(b, "Hugepagesize:", 2048);
	put_kb(b, "Hugetlb:", 0);
	put_kb(b, "DirectMap4k:", total * kb);
	put_kb(b, "DirectMap2M:", 0);
	return 0;
}

/* /proc/vmstat: the page counts meminfo shows, in pages, then the event
 * counters vmstat(8) reads (paging and swapping: none counted, 0). */
int procfs_show_vmstat(struct procfs_buf *b, const struct procfs_node *n)
{
	static const char *const zero_events[] = {
		"pgpgin", "pgpgout", "pswpin", "pswpout", "pgalloc_normal", "pgfree", "pgactivate",
		"pgdeactivate", "pgfault", "pgmajfault", "pgscan_kswapd", "pgscan_direct",
		"pgsteal_kswapd", "pgsteal_direct", "oom_kill",
	};
	u64 total = mm_frames_total(), free = mm_frames_free();
	u64 cached = pc_total_pages(), used = total - MIN(free, total);
	unsigned long long anon = used > cached ? used - cached : 0, file = cached;
	unsigned i;

	procfs_printf(b, "nr_free_pages %llu\nnr_zone_inactive_anon 0\nnr_zone_active_anon %llu\n"
		      "nr_zone_inactive_file 0\nnr_zone_active_file %llu\nnr_zone_unevictable 0\n"
		      "nr_zone_write_pending 0\nnr_mlock 0\n", (unsigned long long)free, anon, file);
	procfs_printf(b, "nr_inactive_anon 0\nnr_active_anon %llu\nnr_inactive_file 0\n"
		      "nr_active_file %llu\nnr_unevictable 0\nnr_slab_reclaimable 0\n"
		      "nr_slab_unreclaimable 0\nnr_anon_pages %llu\nnr_mapped 0\n"
		      "nr_file_pages %llu\nnr_dirty 0\nnr_writeback 0\nnr_shmem 0\n"
		      "nr_kernel_stack 0\nnr_page_table_pages 0\nnr_swapcached 0\n",
		      anon, file, anon, file);
	for (i = 0; i < ARRAY_SIZE(zero_events); i++)
		procfs_printf(b, "%s 0\n", zero_events[i]);
	return 0;
}

/* ---- small text files ---- */

int procfs_show_version(struct procfs_buf *b, const struct procfs_node *n)
{
	procfs_printf(b, "%s\n", kernel_version_string);
	return 0;
}

int procfs_show_cmdline_boot(struct procfs_buf *b, const struct procfs_node *n)
{
	procfs_printf(b, "%s\n", boot_config()->cmdline);
	return 0;
}

int procfs_show_filesystems(struct procfs_buf *b, const struct procfs_node *n)
{
	char *buf = kmalloc(4096);

	if (!buf)
		return -ENOMEM;
	fs_list(buf, 4096);
	procfs_puts(b, buf);
	kfree(buf);
	return 0;
}

int procfs_show_devices(struct procfs_buf *b, const struct procfs_node *n)
{
	const char *name;
	u32 major;
	int i = 0;

	procfs_puts(b, "Character devices:\n");
	while ((i = chrdev_next(i, &major, &name)) > 0)
		procfs_printf(b, "%3u %s\n", major, name);
	/* No block device is registered with a number yet. */
	procfs_puts(b, "\nBlock devices:\n");
	return 0;
}

int procfs_show_partitions(struct procfs_buf *b, const struct procfs_node *n)
{
	procfs_puts(b, "major minor  #blocks  name\n\n");
	return 0;
}

int procfs_show_interrupts(struct procfs_buf *b, const struct procfs_node *n)
{
	procfs_puts(b, "           CPU0       \n");
	return 0;
}

int procfs_show_swaps(struct procfs_buf *b, const struct procfs_node *n)
{
	procfs_puts(b, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	return 0;
}
