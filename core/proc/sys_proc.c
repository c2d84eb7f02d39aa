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
	p->pgid = pgid;
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
	p->sid = p->pid;
	p->pgid = p->pid;
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

long sys_getrusage(int who, u64 uru)
{
	struct task *t = task_current();
	struct process *p = t->proc;
	s64 ru[18];
	u64 ut, st;

	memset(ru, 0, sizeof(ru));
	switch (who) {
	case 0: /* RUSAGE_SELF */
		ut = p->utime;
		st = p->stime;
		{
			struct task *th;

			list_for_each_entry(th, &p->threads, thread_link) {
				ut += th->utime;
				st += th->stime;
			}
		}
		break;
	case -1: /* RUSAGE_CHILDREN */
		ut = p->cutime;
		st = p->cstime;
		break;
	case 1: /* RUSAGE_THREAD */
		ut = t->utime;
		st = t->stime;
		break;
	default:
		return -EINVAL;
	}
	ns_to_timeval(ut, &ru[0]);
	ns_to_timeval(st, &ru[2]);
	ru[4] = (s64)(t->mm ? t->mm->rss * 4 : 0); /* ru_maxrss in KiB (current, approximate) */
	ru[14] = (s64)t->nvcsw;
	ru[15] = (s64)t->nivcsw;
	return copy_to_user(uru, ru, sizeof(ru)) ? -EFAULT : 0;
}

long sys_times(u64 ubuf)
{
	struct process *p = task_current()->proc;
	s64 tms[4] = { (s64)(p->utime / 10000000), (s64)(p->stime / 10000000),
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
	strcpy(u[4], ARCH_UTS_MACHINE);
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
	si.totalram = mm_frames_total() * PAGE_SIZE;
	si.freeram = mm_frames_free() * PAGE_SIZE;
	si.procs = (u16)proc_count();
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
	case PR_SET_NAME:
		memset(name, 0, sizeof(name));
		if (mm_copy_from_partial(t->mm, name, a2, sizeof(name) - 1) == 0)
			return -EFAULT;
		memcpy(t->comm, name, sizeof(name));
		t->comm[15] = 0;
		return 0;
	case PR_GET_NAME:
		return copy_to_user(a2, t->comm, sizeof(t->comm)) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
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
		return 1;
	case PR_SET_DUMPABLE:
		return a2 <= 1 ? 0 : -EINVAL;
	case PR_SET_NO_NEW_PRIVS:
		return a2 == 1 ? 0 : -EINVAL;
	case PR_GET_NO_NEW_PRIVS:
		return 0;
	case PR_CAPBSET_READ:
		return a2 <= 40 ? 1 : -EINVAL;
	default:
		pr_once(LOG_WARNING, "uml: prctl option %d not supported (EINVAL)\n", option);
		return -EINVAL;
	}
}

long sys_personality(u64 persona)
{
	/* Only the default Linux personality exists here. */
	if (persona != 0xffffffff && (persona & 0xff) != 0)
		return -EINVAL;
	return 0;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

long sys_sched_getaffinity(int pid, u64 len, u64 umask)
{
	u64 mask = 1; /* one virtual CPU */

	if (len < sizeof(mask))
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

long sys_getpriority(int which, int who)
{
	if (which < 0 || which > 2)
		return -EINVAL;
	return 20; /* nice 0, in the kernel's 40 - nice encoding */
}

long sys_setpriority(int which, int who, int prio)
{
	if (which < 0 || which > 2)
		return -EINVAL;
	return 0; /* one run queue: priorities have no effect yet */
}

long sys_syslog(int type, u64 ubuf, int len)
{
	char *buf;
	size_t n;

	switch (type) {
	case 2: case 3: case 4: /* read, read all, read and clear */
		if (len < 0)
			return -EINVAL;
		buf = kmalloc((size_t)len + 1);
		if (!buf)
			return -ENOMEM;
		n = printk_read_ring(buf, (size_t)len);
		if (copy_to_user(ubuf, buf, n)) {
			kfree(buf);
			return -EFAULT;
		}
		kfree(buf);
		return (long)n;
	case 10: /* size unread */
	case 9:
		return 0;
	case 0: case 1: case 5: case 6: case 7: case 8:
		return 0;
	default:
		return -EINVAL;
	}
}
