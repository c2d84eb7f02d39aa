// SPDX-License-Identifier: GPL-2.0
/*
 * Process-level system calls: ids and credentials, process groups and
 * sessions, resource limits and usage, uname/hostname, sysinfo, getrandom,
 * reboot, prctl, scheduling hints. Argument checks with Linux's errnos.
 */
#include "boot.h"
#include "console.h"
#include "host.h"
#include "mm.h"
#include "task.h"
#include "tty.h"
#include "uaccess.h"
#include "uapi.h"

static struct proc_sys_state {
	char hostname[65];
	char domainname[65];
} proc_sys_state = { "(none)", "(none)" };

long sys_getpid(void) { return task_current()->proc->pid; }
long sys_gettid(void) { return task_current()->tid; }
long sys_getuid(void) { return task_current()->cred.uid; }
long sys_geteuid(void) { return task_current()->cred.euid; }
long sys_getgid(void) { return task_current()->cred.gid; }
long sys_getegid(void) { return task_current()->cred.egid; }

long sys_getppid(void)
{
	struct process *p = task_current()->proc;

	return (p->parent && p->parent != p) ? p->parent->pid : 0;
}

/* ---- credentials: root may set anything, others only to ids they hold ---- */

static bool cred_holds(const struct cred *c, u32 id, bool gid)
{
	if (gid)
		return id == c->gid || id == c->egid || id == c->sgid;
	return id == c->uid || id == c->euid || id == c->suid;
}

long sys_setresuid(u32 r, u32 e, u32 s)
{
	struct cred *c = &task_current()->cred;

	if (c->euid != 0 && ((r != (u32)-1 && !cred_holds(c, r, false)) ||
			     (e != (u32)-1 && !cred_holds(c, e, false)) ||
			     (s != (u32)-1 && !cred_holds(c, s, false))))
		return -EPERM;
	if (r != (u32)-1) c->uid = r;
	if (e != (u32)-1) c->euid = e;
	if (s != (u32)-1) c->suid = s;
	c->fsuid = c->euid;
	return 0;
}

long sys_setresgid(u32 r, u32 e, u32 s)
{
	struct cred *c = &task_current()->cred;

	if (c->euid != 0 && ((r != (u32)-1 && !cred_holds(c, r, true)) ||
			     (e != (u32)-1 && !cred_holds(c, e, true)) ||
			     (s != (u32)-1 && !cred_holds(c, s, true))))
		return -EPERM;
	if (r != (u32)-1) c->gid = r;
	if (e != (u32)-1) c->egid = e;
	if (s != (u32)-1) c->sgid = s;
	c->fsgid = c->egid;
	return 0;
}

long sys_setuid(u32 uid)
{
	struct cred *c = &task_current()->cred;

	if (c->euid == 0)
		return sys_setresuid(uid, uid, uid);
	if (uid != c->uid && uid != c->suid)
		return -EPERM;
	c->euid = c->fsuid = uid;
	return 0;
}

long sys_setgid(u32 gid)
{
	struct cred *c = &task_current()->cred;

	if (c->euid == 0)
		return sys_setresgid(gid, gid, gid);
	if (gid != c->gid && gid != c->sgid)
		return -EPERM;
	c->egid = c->fsgid = gid;
	return 0;
}

long sys_setreuid(u32 r, u32 e)
{
	return sys_setresuid(r, e, (u32)-1);
}

long sys_setregid(u32 r, u32 e)
{
	return sys_setresgid(r, e, (u32)-1);
}

long sys_getresuid(u64 r, u64 e, u64 s)
{
	struct cred *c = &task_current()->cred;

	if (copy_to_user(r, &c->uid, 4) || copy_to_user(e, &c->euid, 4) || copy_to_user(s, &c->suid, 4))
		return -EFAULT;
	return 0;
}

long sys_getresgid(u64 r, u64 e, u64 s)
{
	struct cred *c = &task_current()->cred;

	if (copy_to_user(r, &c->gid, 4) || copy_to_user(e, &c->egid, 4) || copy_to_user(s, &c->sgid, 4))
		return -EFAULT;
	return 0;
}

long sys_setfsuid(u32 uid)
{
	struct cred *c = &task_current()->cred;
	u32 old = c->fsuid;

	if (c->euid == 0 || cred_holds(c, uid, false) || uid == c->fsuid)
		c->fsuid = uid;
	return old;
}

long sys_setfsgid(u32 gid)
{
	struct cred *c = &task_current()->cred;
	u32 old = c->fsgid;

	if (c->euid == 0 || cred_holds(c, gid, true) || gid == c->fsgid)
		c->fsgid = gid;
	return old;
}

long sys_getgroups(int size, u64 list)
{
	struct cred *c = &task_current()->cred;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if ((u32)size < c->ngroups)
		return -EINVAL;
	return copy_to_user(list, c->groups, c->ngroups * 4) ? -EFAULT : (long)c->ngroups;
}

long sys_setgroups(int size, u64 list)
{
	struct cred *c = &task_current()->cred;

	if (c->euid != 0)
		return -EPERM;
	if (size < 0 || size > (int)ARRAY_SIZE(c->groups))
		return -EINVAL;
	if (copy_from_user(c->groups, list, (size_t)size * 4))
		return -EFAULT;
	c->ngroups = (u32)size;
	return 0;
}

/* ---- process groups and sessions ---- */

long sys_setpgid(int pid, int pgid)
{
	struct process *me = task_current()->proc, *p, *q;
	bool ok = false;

	if (pgid < 0)
		return -EINVAL;
	p = pid ? process_by_pid(pid) : me;
	if (!p || (p != me && p->parent != me))
		return -ESRCH;
	if (p != me && p->did_exec)
		return -EACCES;
	if (p->sid == p->pid)
		return -EPERM; /* a session leader */
	if (p->sid != me->sid)
		return -EPERM;
	if (!pgid)
		pgid = p->pid;
	if (pgid != p->pid) {
		for (q = process_next(NULL); q; q = process_next(q))
			if (q->pgid == pgid && q->sid == me->sid) /* zombies count until reaped */
				ok = true;
		if (!ok)
			return -EPERM;
	}
	process_set_ids(p, pgid, p->sid);
	return 0;
}

long sys_getpgid(int pid)
{
	struct process *p = pid ? process_by_pid(pid) : task_current()->proc;

	return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return task_current()->proc->pgid;
}

long sys_setsid(void)
{
	struct process *p = task_current()->proc;

	if (p->pgid == p->pid || pgid_exists(p->pid))
		return -EPERM;
	process_set_ids(p, p->pid, p->pid);
	p->ctty = NULL;
	return p->sid;
}

long sys_getsid(int pid)
{
	struct process *p = pid ? process_by_pid(pid) : task_current()->proc;

	return p ? p->sid : -ESRCH;
}

/* ---- limits and usage ---- */

static long do_prlimit(struct process *p, int res, u64 unew, u64 uold)
{
	struct rlimit64 nl;

	if (res < 0 || res >= RLIM_NLIMITS)
		return -EINVAL;
	if (uold && copy_to_user(uold, &p->rlim[res], sizeof(nl)))
		return -EFAULT;
	if (unew) {
		if (copy_from_user(&nl, unew, sizeof(nl)))
			return -EFAULT;
		if (nl.cur > nl.max)
			return -EINVAL;
		if (nl.max > p->rlim[res].max && task_current()->cred.euid != 0)
			return -EPERM;
		if (res == RLIMIT_NOFILE && nl.max > 1024 * 1024)
			return -EPERM;
		p->rlim[res] = nl;
	}
	return 0;
}

long sys_prlimit64(int pid, int res, u64 unew, u64 uold)
{
	struct process *p = pid ? process_by_pid(pid) : task_current()->proc;

	if (!p)
		return -ESRCH;
	return do_prlimit(p, res, unew, uold);
}

long sys_getrlimit(int res, u64 uold)
{
	return do_prlimit(task_current()->proc, res, 0, uold);
}

long sys_setrlimit(int res, u64 unew)
{
	return do_prlimit(task_current()->proc, res, unew, 0);
}

static void ns_to_timeval(u64 ns, s64 *tv)
{
	tv[0] = (s64)(ns / 1000000000ull);
	tv[1] = (s64)(ns % 1000000000ull) / 1000;
}

/* Linux's getrusage: times, peak RSS in KiB, minor faults and context
 * switches (struct rusage indexes: 0-3 times, 4 maxrss, 8 minflt,
 * 16 nvcsw, 17 nivcsw); I/O, swap and IPC counts are 0 here. */
void proc_rusage(struct process *p, struct task *t, int who, s64 ru[18])
{
	u64 ut = 0, st = 0, nv = 0, niv = 0, minflt = 0, maxrss = 0;
	struct task *th;

	memset(ru, 0, 18 * sizeof(s64));
	if (who == RUSAGE_THREAD) {
		ut = t->utime;
		st = t->stime;
		nv = t->nvcsw;
		niv = t->nivcsw;
		minflt = t->minflt;
		maxrss = p->maxrss;
	}
	if (who == RUSAGE_CHILDREN || who == RUSAGE_BOTH) {
		ut = p->cutime;
		st = p->cstime;
		nv = p->cnvcsw;
		niv = p->cnivcsw;
		minflt = p->cminflt;
		maxrss = p->cmaxrss;
	}
	if (who == RUSAGE_SELF || who == RUSAGE_BOTH) {
		ut += p->utime;
		st += p->stime;
		nv += p->nvcsw;
		niv += p->nivcsw;
		minflt += p->minflt;
		list_for_each_entry(th, &p->threads, thread_link) {
			ut += th->utime;
			st += th->stime;
			nv += th->nvcsw;
			niv += th->nivcsw;
			minflt += th->minflt;
		}
		maxrss = MAX(maxrss, p->maxrss);
	}
	if (who != RUSAGE_CHILDREN && !(p->flags & PROC_ZOMBIE) && !list_empty(&p->threads)) {
		th = list_first_entry(&p->threads, struct task, thread_link);
		if (th->mm)
			maxrss = MAX(maxrss, th->mm->rss);
	}
	ns_to_timeval(ut, &ru[0]);
	ns_to_timeval(st, &ru[2]);
	ru[4] = (s64)(maxrss * (PAGE_SIZE / 1024));
	ru[8] = (s64)minflt;
	ru[16] = (s64)nv;
	ru[17] = (s64)niv;
}

long sys_getrusage(int who, u64 uru)
{
	struct task *t = task_current();
	s64 ru[18];

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	proc_rusage(t->proc, t, who, ru);
	return copy_to_user(uru, ru, sizeof(ru)) ? -EFAULT : 0;
}

long sys_times(u64 ubuf)
{
	struct process *p = task_current()->proc;
	u64 ut = cputime_process(p, CPUCLOCK_VIRT), all = cputime_process(p, CPUCLOCK_PROF);
	/* clock ticks (USER_HZ 100) of the whole group, live threads too */
	s64 tms[4] = { (s64)(ut / 10000000), (s64)((all - ut) / 10000000),
		       (s64)(p->cutime / 10000000), (s64)(p->cstime / 10000000) };

	if (ubuf && copy_to_user(ubuf, tms, sizeof(tms)))
		return -EFAULT;
	return (long)(time_mono() / 10000000); /* clock ticks since boot (USER_HZ 100) */
}

/* ---- uname, hostname ---- */

long sys_uname(u64 ubuf)
{
	char u[6][65];

	memset(u, 0, sizeof(u));
	strcpy(u[0], "Linux");
	strcpy(u[1], proc_sys_state.hostname);
	strcpy(u[2], UTS_RELEASE);
	strcpy(u[3], UTS_VERSION);
	/* Linux's override_architecture: a 32-bit personality sees i686 */
	strcpy(u[4], (task_current()->personality & PER_MASK) == PER_LINUX32 ? "i686"
									     : ARCH_UTS_MACHINE);
	strcpy(u[5], proc_sys_state.domainname);
	return copy_to_user(ubuf, u, sizeof(u)) ? -EFAULT : 0;
}

static long set_name(char *dst, u64 uname, int len)
{
	char buf[65];

	if (task_current()->cred.euid != 0)
		return -EPERM;
	if (len < 0 || len > 64)
		return -EINVAL;
	if (copy_from_user(buf, uname, (size_t)len))
		return -EFAULT;
	buf[len] = 0;
	memcpy(dst, buf, (size_t)len + 1);
	return 0;
}

long sys_sethostname(u64 name, int len)
{
	return set_name(proc_sys_state.hostname, name, len);
}

long sys_setdomainname(u64 name, int len)
{
	return set_name(proc_sys_state.domainname, name, len);
}

const char *proc_hostname(void)
{
	return proc_sys_state.hostname;
}

const char *proc_domainname(void)
{
	return proc_sys_state.domainname;
}

/* The kernel side of sethostname for /proc/sys/kernel/{hostname,domainname}:
 * the caller checked privileges; len excludes any NUL. */
static int set_name_kernel(char *dst, const char *name, size_t len)
{
	if (len > 64)
		return -EINVAL;
	memcpy(dst, name, len);
	dst[len] = 0;
	return 0;
}

int proc_set_hostname(const char *name, size_t len)
{
	return set_name_kernel(proc_sys_state.hostname, name, len);
}

int proc_set_domainname(const char *name, size_t len)
{
	return set_name_kernel(proc_sys_state.domainname, name, len);
}

/* ---- system information ---- */

long sys_sysinfo(u64 uinfo)
{
	struct {
		s64 uptime;
		u64 loads[3];
		u64 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
		u16 procs, pad;
		u32 pad2;
		u64 totalhigh, freehigh;
		u32 mem_unit;
		char pad3[4];
	} si;

	memset(&si, 0, sizeof(si));
	si.uptime = time_mono() / 1000000000LL;
	{
		unsigned long a[3];
		int i;

		/* SI_LOAD_SHIFT 16 from the scheduler's 11-bit fixed point */
		sched_loadavg(a);
		for (i = 0; i < 3; i++)
			si.loads[i] = (u64)a[i] << (16 - SCHED_FSHIFT);
	}
	si.totalram = mm_frames_total() * PAGE_SIZE;
	si.freeram = mm_frames_free() * PAGE_SIZE;
	{
		struct task *t;
		unsigned n = 0;

		/* Linux counts threads (nr_threads) */
		for (t = task_next(NULL); t; t = task_next(t))
			n++;
		si.procs = (u16)MIN(n, 0xffffu);
	}
	si.mem_unit = 1;
	return copy_to_user(uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

long sys_getrandom(u64 ubuf, u64 len, unsigned flags)
{
	u8 buf[256];
	u64 done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	len = MIN(len, 0x1ffffffull);
	while (done < len) {
		size_t n = (size_t)MIN(len - done, sizeof(buf));

		if (host_getrandom(buf, n))
			return done ? (long)done : -EIO;
		if (copy_to_user(ubuf + done, buf, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

long sys_reboot(u32 magic1, u32 magic2, u32 cmd, u64 arg)
{
	if (task_current()->cred.euid != 0)
		return -EPERM;
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_halt(0, "reboot: Power down");
	case LINUX_REBOOT_CMD_HALT:
		kernel_halt(0, "reboot: System halted");
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		kernel_reboot();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		/* Nothing to configure: no ctrl-alt-del event reaches this
		 * machine (a host SIGINT/SIGTERM is a power-off request to
		 * init, irq.c), so either setting behaves the same. */
		return 0;
	default:
		return -EINVAL;
	}
}

/* ---- prctl ---- */

long sys_prctl(int option, u64 a2, u64 a3, u64 a4, u64 a5)
{
	struct task *t = task_current();
	char name[16];
	int v;

	switch (option) {
	case PR_SET_NAME: {
		long n;

		/* Up to 15 bytes, NUL padded (Linux's set_task_comm). */
		memset(name, 0, sizeof(name));
		n = strncpy_from_user(name, a2, sizeof(name) - 1);
		if (n < 0 && n != -ENAMETOOLONG)
			return -EFAULT;
		name[sizeof(name) - 1] = 0;
		memset(t->comm, 0, sizeof(t->comm));
		memcpy(t->comm, name, strlen(name));
		return 0;
	}
	case PR_GET_NAME:
		return copy_to_user(a2, t->comm, sizeof(t->comm)) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG: /* sent by exit.c when our parent thread exits */
		if (a2 > _NSIG)
			return -EINVAL;
		t->pdeath_sig = (int)a2;
		return 0;
	case PR_GET_PDEATHSIG:
		v = t->pdeath_sig;
		return copy_to_user(a2, &v, sizeof(v)) ? -EFAULT : 0;
	case PR_SET_CHILD_SUBREAPER:
		t->proc->subreaper = a2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		v = t->proc->subreaper;
		return copy_to_user(a2, &v, sizeof(v)) ? -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return t->proc->dumpable;
	case PR_SET_DUMPABLE:
		/* SUID_DUMP_DISABLE or SUID_DUMP_USER. No core dumps are
		 * written here; the flag is what /proc and prctl report. */
		if (a2 > 1)
			return -EINVAL;
		t->proc->dumpable = a2;
		return 0;
	case PR_SET_NO_NEW_PRIVS:
		/* One way, inherited; exec never grants privileges here
		 * (no set-id execution), so there is nothing else to stop. */
		if (a2 != 1 || a3 || a4 || a5)
			return -EINVAL;
		t->no_new_privs = true;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (a2 || a3 || a4 || a5)
			return -EINVAL;
		return t->no_new_privs;
	case PR_CAPBSET_READ:
		return a2 <= 40 ? 1 : -EINVAL;
	default:
		pr_once(LOG_WARNING, "uml: prctl option %d not supported (EINVAL)\n", option);
		return -EINVAL;
	}
}

/* personality(2): any value is kept and the old one returned, as Linux
 * does. Of the behaviours, PER_LINUX32 changes uname's machine and
 * ADDR_NO_RANDOMIZE holds anyway (no randomisation here); the others
 * (READ_IMPLIES_EXEC, UNAME26, address-limit flags...) have no effect. */
long sys_personality(u64 persona)
{
	struct task *t = task_current();
	u32 old = t->personality, p = (u32)persona;

	if (p == 0xffffffff)
		return old;
	if ((p & ~(u32)(PER_MASK | PER_ADDR_NO_RANDOMIZE)) ||
	    ((p & PER_MASK) && (p & PER_MASK) != PER_LINUX32))
		pr_once(LOG_WARNING, "uml: personality %#x: flags other than PER_LINUX32 and "
			"ADDR_NO_RANDOMIZE have no effect\n", p);
	t->personality = p;
	return old;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

long sys_sched_getaffinity(int pid, u64 len, u64 umask)
{
	u64 mask = 1; /* one virtual CPU */

	if (len < sizeof(mask) || (len & (sizeof(mask) - 1)))
		return -EINVAL;
	if (pid && !task_by_tid(pid))
		return -ESRCH;
	return copy_to_user(umask, &mask, sizeof(mask)) ? -EFAULT : (long)sizeof(mask);
}

long sys_sched_setaffinity(int pid, u64 len, u64 umask)
{
	u64 mask = 0;

	if (pid && !task_by_tid(pid))
		return -ESRCH;
	if (copy_from_user(&mask, umask, MIN(len, sizeof(mask))))
		return -EFAULT;
	return (mask & 1) ? 0 : -EINVAL;
}

long sys_getcpu(u64 ucpu, u64 unode)
{
	u32 zero = 0;

	if (ucpu && copy_to_user(ucpu, &zero, 4))
		return -EFAULT;
	if (unode && copy_to_user(unode, &zero, 4))
		return -EFAULT;
	return 0;
}

/* ---- priorities: per-task nice values (sched.c weighs slices by them) ---- */

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

/* Is t one of who's tasks? Linux's do_each_pid_thread / for_each_process_thread. */
static bool prio_match(struct task *t, int which, int who)
{
	switch (which) {
	case PRIO_PGRP:
		return t->proc->pgid == who;
	case PRIO_USER:
		return t->cred.uid == (u32)who;
	default:
		return false;
	}
}

static int prio_who(int which, int who)
{
	struct task *cur = task_current();

	if (who)
		return who;
	return which == PRIO_PGRP ? cur->proc->pgid : (int)cur->cred.uid;
}

/* Returns 20 - nice of the highest priority (lowest nice) match, Linux's
 * encoding that keeps the result positive; glibc converts it back. */
long sys_getpriority(int which, int who)
{
	struct task *t;
	long best = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	if (which == PRIO_PROCESS) {
		t = who ? task_by_tid(who) : task_current();
		return t ? 20 - t->nice : -ESRCH;
	}
	who = prio_who(which, who);
	for (t = task_next(NULL); t; t = task_next(t))
		if (t->state != TASK_DEAD && t->proc && prio_match(t, which, who))
			best = MAX(best, 20 - t->nice);
	return best;
}

/* Linux's set_one_prio: the caller must own the task (or be root); lowering
 * nice needs root or RLIMIT_NICE (20 - nice <= limit). Errors accumulate
 * the Linux way: -ESRCH until a match, a later success does not clear an
 * earlier -EPERM/-EACCES. */
static int set_one_prio(struct task *t, int nice, int err)
{
	struct task *cur = task_current();

	if (cur->cred.euid != 0 && t->cred.uid != cur->cred.euid && t->cred.euid != cur->cred.euid)
		return -EPERM;
	if (nice < t->nice && cur->cred.euid != 0 &&
	    (u64)(20 - nice) > task_rlimit(t, RLIMIT_NICE))
		return -EACCES;
	t->nice = nice;
	return err == -ESRCH ? 0 : err;
}

long sys_setpriority(int which, int who, int prio)
{
	struct task *t;
	int err = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	prio = MIN(MAX(prio, -20), 19);
	if (which == PRIO_PROCESS) {
		t = who ? task_by_tid(who) : task_current();
		return t ? set_one_prio(t, prio, err) : -ESRCH;
	}
	who = prio_who(which, who);
	for (t = task_next(NULL); t; t = task_next(t))
		if (t->state != TASK_DEAD && t->proc && prio_match(t, which, who))
			err = set_one_prio(t, prio, err);
	return err;
}

/* syslog(2), Linux's do_syslog with dmesg_restrict 0: anyone may read all
 * (3) and ask the size (10); the rest needs root. */
long sys_syslog(int type, u64 ubuf, int len)
{
	char *buf;
	long n;

	if (type != 3 && type != 10 && task_current()->cred.euid != 0)
		return -EPERM;
	switch (type) {
	case 0: case 1: /* close, open: nothing to do */
		return 0;
	case 2: case 3: case 4: /* read (consuming), read all, read all and clear */
		if (!ubuf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		buf = kmalloc((size_t)len);
		if (!buf)
			return -ENOMEM;
		if (type == 2)
			n = printk_syslog_read(buf, (size_t)len);
		else
			n = (long)printk_syslog_read_all(buf, (size_t)len, type == 4);
		if (n > 0 && copy_to_user(ubuf, buf, (size_t)n))
			n = -EFAULT;
		kfree(buf);
		return n;
	case 5:
		printk_syslog_clear();
		return 0;
	case 6:
		printk_console_off();
		return 0;
	case 7:
		printk_console_on();
		return 0;
	case 8:
		if (len < 1 || len > 8)
			return -EINVAL;
		printk_console_level(len);
		return 0;
	case 9:
		return (long)printk_syslog_unread();
	case 10:
		return (long)printk_ring_capacity();
	default:
		return -EINVAL;
	}
}
