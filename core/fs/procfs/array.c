// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/<pid>/stat, statm and status in Linux's formats (proc(5),
 * fs/proc/array.c): the 52 stat fields in order, statm's 7 page counts and
 * status's "Key:\tvalue" lines, in the order Linux 6.1 prints them. A node
 * for a whole process adds up its threads (times); a task/<tid> node shows
 * that thread. Counters this kernel does not keep (page faults, swaps) are
 * 0, as a kernel without that accounting would show them.
 */
#include "procfs.h"
#include "tty.h"


/* What the memory lines need, from the VMAs and the page table. */
struct mm_stats {
	u64 vm;          /* bytes mapped */
	u64 data, stack, exec; /* bytes: private writable, stack, executable */
	u64 rss, rss_file; /* pages */
	u64 pte;         /* bytes of page tables (an estimate: 4 KiB per 2 MiB spanned) */
};

static int count_pte(u64 *slot, u64 key, void *arg)
{
	struct mm_stats *s = arg;

	if (*slot & PTE_PRESENT) {
		s->rss++;
		if (*slot & PTE_FILE)
			s->rss_file++;
	}
	return 0;
}

static void mm_stats(struct mm *mm, struct mm_stats *s)
{
	const u64 span = 2ull << 20;
	struct vma *v;

	memset(s, 0, sizeof(*s));
	list_for_each_entry(v, &mm->vmas, link) {
		u64 len = v->end - v->start;

		s->vm += len;
		if (v->flags & VMA_GROWSDOWN)
			s->stack += len;
		else if ((v->prot & PROT_WRITE) && !(v->flags & VMA_SHARED))
			s->data += len;
		else if (v->prot & PROT_EXEC)
			s->exec += len;
		s->pte += (ALIGN_UP(v->end, span) - ALIGN_DOWN(v->start, span)) / span * PAGE_SIZE;
	}
	radix_walk(&mm->pt, 0, 1ull << RADIX_KEY_BITS, count_pte, s);
}

static u64 text_bytes(struct mm *mm)
{
	if (mm->end_code <= mm->start_code)
		return 0;
	return ALIGN_UP(mm->end_code, PAGE_SIZE) - ALIGN_DOWN(mm->start_code, PAGE_SIZE);
}

char procfs_task_state(struct task *t)
{
	if (t->proc && (t->proc->flags & PROC_ZOMBIE))
		return 'Z';
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	case TASK_STOPPED:
		return 'T';
	default:
		return 'Z'; /* an exited leader whose threads live on */
	}
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 'X': return "X (dead)";
	default: return "Z (zombie)";
	}
}

static int ppid_of(struct process *p)
{
	return p->parent && p->parent != p ? p->parent->pid : 0;
}

/* CPU time in ns: one thread's, or the whole group's (exited threads are
 * already folded into the process). */
static void cpu_times(const struct procfs_node *n, struct process *p, struct task *t, u64 *ut,
		      u64 *st)
{
	struct task *th;

	if (n->tid && n->tid != n->pid) {
		*ut = t->utime;
		*st = t->stime;
		return;
	}
	*ut = p->utime;
	*st = p->stime;
	list_for_each_entry(th, &p->threads, thread_link) {
		*ut += th->utime;
		*st += th->stime;
	}
}

static void sig_ign_caught(struct process *p, u64 *ign, u64 *cgt)
{
	int i;

	*ign = *cgt = 0;
	if (!p->sighand)
		return;
	for (i = 0; i < 64; i++) {
		u64 h = p->sighand->action[i].handler;

		if (h == SIG_IGN)
			*ign |= 1ull << i;
		else if (h != SIG_DFL)
			*cgt |= 1ull << i;
	}
}

static u64 ticks(u64 ns)
{
	return ns / PROCFS_NS_PER_TICK;
}

int procfs_show_stat(struct procfs_buf *b, const struct procfs_node *n)
{
	struct process *p = procfs_process(n);
	struct task *t = procfs_task(n), *rt = procfs_res_task(n);
	struct mm *mm = rt ? rt->mm : NULL;
	bool permitted, whole = !n->tid;
	struct mm_stats ms = { 0 };
	u64 ut, st, ign, cgt;
	unsigned flags = 0;
	int exit_signal;
	char state;

	if (!p || !t)
		return -ESRCH;
	/* Addresses, the wait channel flag and the exit code are only for
	 * those who may ptrace the process; others read 1/0 there, as on
	 * Linux (ASLR would leak otherwise). */
	permitted = procfs_may_ptrace(t);
	if (mm)
		mm_stats(mm, &ms);
	cpu_times(n, p, t, &ut, &st);
	sig_ign_caught(p, &ign, &cgt);
	state = procfs_task_state(t);
	if (!p->did_exec)
		flags |= 0x40;          /* PF_FORKNOEXEC */
	if (p->flags & PROC_EXITING)
		flags |= 0x4;           /* PF_EXITING */
	/* Only a leader signals its parent at exit; Linux shows -1 for threads. */
	exit_signal = (t == p->leader) ? p->exit_signal : -1;

	/* pid (comm) state ppid pgrp session tty_nr tpgid flags. The comm goes
	 * in unescaped: parsers find the last ')' (proc(5)). tpgid is -1 with
	 * no controlling terminal, the foreground group (0: none) with one. */
	procfs_printf(b, "%d (%s) %c %d %d %d %d %d %u ", n->tid ? n->tid : n->pid, t->comm, state,
		      ppid_of(p), p->pgid, p->sid, p->ctty ? (int)p->ctty->rdev : 0,
		      p->ctty ? p->ctty->pgrp : -1, flags);
	/* minflt cminflt majflt cmajflt utime stime cutime cstime priority nice;
	 * priority is task_prio(): 20 + nice for a normal task */
	procfs_printf(b, "0 0 0 0 %llu %llu %lld %lld %d %d ",
		      (unsigned long long)ticks(ut), (unsigned long long)ticks(st),
		      (long long)(whole ? ticks(p->cutime) : 0),
		      (long long)(whole ? ticks(p->cstime) : 0), 20 + t->nice, t->nice);
	/* num_threads itrealvalue starttime vsize rss rsslim */
	procfs_printf(b, "%d 0 %llu %llu %llu %llu ", procfs_nr_threads(p),
		      (unsigned long long)ticks((u64)(n->tid ? t->start_time : p->start_time)),
		      (unsigned long long)ms.vm, (unsigned long long)ms.rss,
		      (unsigned long long)p->rlim[RLIMIT_RSS].cur);
	/* startcode endcode startstack kstkesp kstkeip */
	procfs_printf(b, "%llu %llu %llu 0 0 ",
		      (unsigned long long)(mm ? (permitted ? mm->start_code : 1) : 0),
		      (unsigned long long)(mm ? (permitted ? mm->end_code : 1) : 0),
		      (unsigned long long)(mm && permitted ? mm->start_stack : 0));
	/* signal blocked sigignore sigcatch (obsolete decimal, 31 bits) wchan nswap cnswap */
	procfs_printf(b, "%llu %llu %llu %llu %d 0 0 ",
		      (unsigned long long)(t->pending.set & 0x7fffffffull),
		      (unsigned long long)(t->blocked & 0x7fffffffull),
		      (unsigned long long)(ign & 0x7fffffffull),
		      (unsigned long long)(cgt & 0x7fffffffull),
		      permitted && state != 'R' && state != 'Z' ? 1 : 0);
	/* exit_signal processor rt_priority policy delayacct_blkio_ticks gtime cgtime */
	procfs_printf(b, "%d 0 0 %d 0 0 0 ", exit_signal, t->policy);
	if (mm && permitted)
		procfs_printf(b, "%llu %llu %llu %llu %llu %llu %llu ",
			      (unsigned long long)mm->start_data, (unsigned long long)mm->end_data,
			      (unsigned long long)mm->brk_start, (unsigned long long)mm->arg_start,
			      (unsigned long long)mm->arg_end, (unsigned long long)mm->env_start,
			      (unsigned long long)mm->env_end);
	else
		procfs_puts(b, "0 0 0 0 0 0 0 ");
	procfs_printf(b, "%d\n", permitted && (p->flags & PROC_ZOMBIE) ? p->exit_status : 0);
	return 0;
}

/* /proc/<pid>/io: the process's threads and those gone; task/<tid>/io:
 * one thread (Linux's do_io_accounting). */
int procfs_show_io(struct procfs_buf *b, const struct procfs_node *n)
{
	struct process *p = procfs_process(n);
	struct task_io io = { 0 };
	struct task *t;

	if (!p)
		return -ESRCH;
	if (n->tid) {
		t = procfs_task(n);
		if (!t)
			return -ESRCH;
		io = t->io;
	} else {
		io = p->dead_io;
		list_for_each_entry(t, &p->threads, thread_link) {
			io.rchar += t->io.rchar;
			io.wchar += t->io.wchar;
			io.syscr += t->io.syscr;
			io.syscw += t->io.syscw;
		}
	}
	procfs_printf(b, "rchar: %llu\nwchar: %llu\nsyscr: %llu\nsyscw: %llu\n"
		      "read_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n",
		      (unsigned long long)io.rchar, (unsigned long long)io.wchar,
		      (unsigned long long)io.syscr, (unsigned long long)io.syscw);
	return 0;
}

int procfs_show_statm(struct procfs_buf *b, const struct procfs_node *n)
{
	struct task *rt = procfs_res_task(n);
	struct mm_stats ms = { 0 };

	if (!procfs_process(n))
		return -ESRCH;
	if (rt && rt->mm)
		mm_stats(rt->mm, &ms);
	/* size resident shared text lib data dt */
	procfs_printf(b, "%llu %llu %llu %llu 0 %llu 0\n", (unsigned long long)(ms.vm >> PAGE_SHIFT),
		      (unsigned long long)ms.rss, (unsigned long long)ms.rss_file,
		      (unsigned long long)(rt && rt->mm ? text_bytes(rt->mm) >> PAGE_SHIFT : 0),
		      (unsigned long long)((ms.data + ms.stack) >> PAGE_SHIFT));
	return 0;
}

static void put_kb(struct procfs_buf *b, const char *key, u64 bytes)
{
	procfs_printf(b, "%s:\t%8llu kB\n", key, (unsigned long long)(bytes >> 10));
}

/* The Vm and Rss lines. There is no high-water mark (VmPeak, VmHWM show
 * the current values) and no memory locking (VmLck, VmPin 0). VmExe is
 * the text segment, VmLib the rest of the executable mappings. */
static void status_mem(struct procfs_buf *b, struct mm *mm)
{
	struct mm_stats ms;
	u64 text = text_bytes(mm);

	mm_stats(mm, &ms);
	put_kb(b, "VmPeak", ms.vm);   /* no high-water mark is kept: the current size */
	put_kb(b, "VmSize", ms.vm);
	put_kb(b, "VmLck", 0);
	put_kb(b, "VmPin", 0);
	put_kb(b, "VmHWM", ms.rss << PAGE_SHIFT);
	put_kb(b, "VmRSS", ms.rss << PAGE_SHIFT);
	put_kb(b, "RssAnon", (ms.rss - ms.rss_file) << PAGE_SHIFT);
	put_kb(b, "RssFile", ms.rss_file << PAGE_SHIFT);
	put_kb(b, "RssShmem", 0);
	put_kb(b, "VmData", ms.data);
	put_kb(b, "VmStk", ms.stack);
	put_kb(b, "VmExe", text);
	put_kb(b, "VmLib", ms.exec > text ? ms.exec - text : 0);
	put_kb(b, "VmPTE", ms.pte);
	put_kb(b, "VmSwap", 0);
	put_kb(b, "HugetlbPages", 0);
	procfs_puts(b, "CoreDumping:\t0\nTHP_enabled:\t1\n");
}

/* SigQ's first number: Linux counts the user's queued signals; per
 * process is what this kernel can count (the limit is per process too). */
static unsigned queued_signals(struct process *p)
{
	struct list_head *l;
	struct task *t;
	unsigned nr = 0;

	list_for_each(l, &p->shared_pending.queue)
		nr++;
	list_for_each_entry(t, &p->threads, thread_link)
		list_for_each(l, &t->pending.queue)
			nr++;
	return nr;
}

/* Name with Linux's escapes for status (a newline would break the format). */
static void put_name(struct procfs_buf *b, const char *comm)
{
	procfs_puts(b, "Name:\t");
	for (; *comm; comm++) {
		if (*comm == '\n')
			procfs_puts(b, "\\n");
		else if (*comm == '\\')
			procfs_puts(b, "\\\\");
		else
			procfs_write_bytes(b, comm, 1);
	}
	procfs_puts(b, "\n");
}

static void status_ids(struct procfs_buf *b, const struct procfs_node *n, struct process *p,
		       struct task *t, struct task *rt)
{
	const struct cred *c = &t->cred;
	int tid = n->tid ? n->tid : n->pid;
	u32 i;

	procfs_printf(b, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", p->pid, tid,
		      ppid_of(p));
	procfs_printf(b, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", c->uid, c->euid, c->suid,
		      c->fsuid, c->gid, c->egid, c->sgid, c->fsgid);
	procfs_printf(b, "FDSize:\t%d\nGroups:\t", rt && rt->files ? MAX(rt->files->max, 64) : 0);
	for (i = 0; i < c->ngroups && i < ARRAY_SIZE(c->groups); i++)
		procfs_printf(b, i ? " %u" : "%u", c->groups[i]);
	/* Linux ends the list with a space, even an empty one */
	procfs_printf(b, " \nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->pid, tid, p->pgid,
		      p->sid);
}

int procfs_show_status(struct procfs_buf *b, const struct procfs_node *n)
{
	struct process *p = procfs_process(n);
	struct task *t = procfs_task(n), *rt = procfs_res_task(n);
	u64 ign, cgt;
	char state;

	if (!p || !t)
		return -ESRCH;
	state = procfs_task_state(t);
	put_name(b, t->comm);
	if (rt && rt->fs)
		procfs_printf(b, "Umask:\t%04o\n", rt->fs->umask);
	procfs_printf(b, "State:\t%s\n", state_name(state));
	status_ids(b, n, p, t, rt);
	if (rt && rt->mm)
		status_mem(b, rt->mm);
	sig_ign_caught(p, &ign, &cgt);
	procfs_printf(b, "Threads:\t%d\nSigQ:\t%u/%llu\n", procfs_nr_threads(p), queued_signals(p),
		      (unsigned long long)p->rlim[RLIMIT_SIGPENDING].cur);
	procfs_printf(b, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n"
		      "SigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		      (unsigned long long)t->pending.set, (unsigned long long)p->shared_pending.set,
		      (unsigned long long)t->blocked, (unsigned long long)ign,
		      (unsigned long long)cgt);
	procfs_printf(b, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\nCapBnd:\t%016llx\n"
		      "CapAmb:\t%016llx\n", 0ull, (unsigned long long)cap_permitted(&t->cred),
		      (unsigned long long)cap_effective(&t->cred), CAP_FULL_SET, 0ull);
	procfs_puts(b, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n"
		    "Speculation_Store_Bypass:\tthread vulnerable\n"
		    "SpeculationIndirectBranch:\tconditional enabled\n"
		    "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n"
		    "Mems_allowed:\t00000000,00000001\nMems_allowed_list:\t0\n");
	procfs_printf(b, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		      t->nvcsw, t->nivcsw);
	return 0;
}
