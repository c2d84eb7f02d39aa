// SPDX-License-Identifier: GPL-2.0
/*
 * Exit and wait. A thread's exit releases its address space, files and fs
 * context; the last thread of a process makes it a zombie: children go to
 * the nearest subreaper or init, an orphaned stopped process group gets
 * SIGHUP+SIGCONT, a session leader's terminal hangs up, and the parent gets
 * its exit signal. wait4/waitid report exits, stops and continues with
 * Linux's status words and siginfo.
 */
#include "boot.h"
#include "mm.h"
#include "task.h"
#include "tty.h"
#include "uaccess.h"
#include "uapi.h"
#include "vfs.h"

void futex_exit_release(struct task *t);
int arch_siginfo_to_user(const struct ksiginfo *info, u64 uaddr);

/* Does pgid have a member whose parent is in another group of the same
 * session? If not, the group is orphaned (POSIX). ignore: treat as gone. */
static bool pgrp_orphaned_except(int pgid, struct process *ignore)
{
	struct process *p;

	for (p = process_next(NULL); p; p = process_next(p)) {
		if (p == ignore || p->pgid != pgid || (p->flags & PROC_ZOMBIE))
			continue;
		if (p->parent && p->parent != p && p->parent->pgid != pgid &&
		    p->parent->sid == p->sid)
			return false;
	}
	return true;
}

bool proc_pgrp_orphaned(int pgid)
{
	return pgrp_orphaned_except(pgid, NULL);
}

static bool pgrp_has_stopped(int pgid)
{
	struct process *p;

	for (p = process_next(NULL); p; p = process_next(p))
		if (p->pgid == pgid && (p->flags & PROC_STOPPED))
			return true;
	return false;
}

/* POSIX: a process group that becomes orphaned while it has a stopped
 * member gets SIGHUP then SIGCONT. */
static void orphan_check(struct process *gone, int pgid)
{
	if (pgid > 0 && pgrp_orphaned_except(pgid, gone) && pgrp_has_stopped(pgid)) {
		signal_send_pgrp(pgid, SIGHUP, NULL);
		signal_send_pgrp(pgid, SIGCONT, NULL);
	}
}

static struct process *reaper_for(struct process *p)
{
	struct process *a;

	for (a = p->parent; a && a != a->parent; a = a->parent)
		if (a->subreaper && !(a->flags & PROC_EXITING))
			return a;
	return process_by_pid(1);
}

/* The thread that forked c is gone: c's threads that asked for a death
 * signal get it (Linux's forget_original_parent: per creating *thread*,
 * so it fires when that thread exits even if its process lives on). */
static void pdeath_notify(struct process *c)
{
	struct ksiginfo info;
	struct task *th;

	list_for_each_entry(th, &c->threads, thread_link) {
		if (!th->pdeath_sig)
			continue;
		signal_info_user(&info, th->pdeath_sig, SI_USER);
		signal_send_process(c, th->pdeath_sig, &info);
	}
}

/* Thread t of p exits while others live on: its children pass to one of
 * them (Linux's find_alive_thread) and hear of it. */
static void reparent_to_sibling_thread(struct task *t, struct process *p)
{
	struct task *heir = list_first_entry(&p->threads, struct task, thread_link);
	struct process *c;

	list_for_each_entry(c, &p->children, sibling) {
		if (c->parent_tid != t->tid)
			continue;
		c->parent_tid = heir->tid;
		pdeath_notify(c);
	}
}

void proc_reparent_children(struct process *p)
{
	struct process *c, *n, *r = reaper_for(p);

	list_for_each_entry_safe(c, n, &p->children, sibling) {
		list_del(&c->sibling);
		c->parent = r;
		c->parent_tid = r ? r->pid : 0;
		if (!(c->flags & PROC_ZOMBIE))
			pdeath_notify(c);
		if (r) {
			list_add_tail(&c->sibling, &r->children);
			/* A child that is already a zombie must be noticed. */
			if (c->flags & PROC_ZOMBIE) {
				signal_notify_parent(c, CLD_EXITED, c->exit_status);
			}
			if (c->pgid != p->pgid && c->sid == p->sid)
				orphan_check(NULL, c->pgid);
		}
	}
}

static void release_process(struct process *c)
{
	fork_task_gone(); /* its leader */
	list_del(&c->sibling);
	c->flags |= PROC_REAPED;
	process_free(c);
}

static void exit_process(struct process *p)
{
	p->flags |= PROC_ZOMBIE;
	timer_cancel(&p->itimer_real);
	posix_timers_exit(p);
	cpu_timers_process_exit(p);
	if (proc_is_init(p))
		panic("Attempted to kill init! exitcode=0x%08x", p->exit_status);
	if (p->sid == p->pid && p->ctty)
		tty_session_leader_exit(p);
	proc_reparent_children(p);
	orphan_check(p, p->pgid);
	if (signal_notify_parent_reap(p, WIFSIGNALED_K(p->exit_status) ? CLD_KILLED : CLD_EXITED,
				      p->exit_status))
		release_process(p); /* the parent ignores SIGCHLD: no zombie */
}

static __noreturn void exit_task(struct task *t, int status)
{
	struct process *p = t->proc;
	bool leader;

	if (t->clear_child_tid && t->mm) {
		int zero = 0;

		if (mm_copy_to(t->mm, t->clear_child_tid, &zero, sizeof(zero)) == 0)
			futex_wake_addr(t->mm, t->clear_child_tid, 1);
	}
	futex_exit_release(t);
	if (t->vfork_parent) {
		t->vfork_parent->vfork_released = true;
		task_wake(t->vfork_parent);
		t->vfork_parent = NULL;
	}
	t->stime += (u64)(time_mono() - t->sys_start);
	cpu_timers_thread_exit(t);
	p->utime += t->utime;
	p->stime += t->stime;
	p->nvcsw += t->nvcsw;
	p->nivcsw += t->nivcsw;
	p->minflt += t->minflt;
	p->dead_io.rchar += t->io.rchar;
	p->dead_io.wchar += t->io.wchar;
	p->dead_io.syscr += t->io.syscr;
	p->dead_io.syscw += t->io.syscw;
	if (t->mm && t->mm->rss > p->maxrss)
		p->maxrss = t->mm->rss;
	if (t->files) {
		files_put(t->files);
		t->files = NULL;
	}
	if (t->fs) {
		fs_info_put(t->fs);
		t->fs = NULL;
	}
	if (t->mm) {
		mm_put(t->mm);
		t->mm = NULL;
	}
	list_del(&t->thread_link);
	p->nr_threads--;
	p->nr_live--;
	task_unhash(t);
	if (!(p->flags & PROC_EXITING))
		p->exit_status = status;
	/* Only a leader's struct outlives its stack (task_free); a thread's
	 * process may be reaped and freed before the idle loop frees it.
	 * So may p right here (exit_process, SIGCHLD ignored): decide now,
	 * act at the end (signals sent below still need t->proc). */
	leader = p->leader == t;
	/* A thread is released now; a leader counts against the task cap
	 * until its process is reaped (Linux's nr_threads drops in
	 * release_task): zombies cannot pile up past it. */
	if (!leader)
		fork_task_gone();
	if (p->nr_live == 0) {
		p->exit_status = (p->flags & PROC_EXITING) ? p->group_exit_code : status;
		exit_process(p); /* p may be gone after this */
	} else {
		/* In a group exit every thread goes: the last one hands the
		 * children to the reaper, with one death signal. */
		if (!(p->flags & PROC_EXITING))
			reparent_to_sibling_thread(t, p);
		if (p->nr_live == 1) {
			/* exec waits for the other threads to go */
			struct task *o;

			list_for_each_entry(o, &p->threads, thread_link)
				task_wake(o);
		}
	}
	if (!leader)
		t->proc = NULL;
	sched_task_dead(t);
}

__noreturn void proc_exit(int code)
{
	struct task *t = task_current();

	exit_task(t, W_EXITCODE(code, 0));
}

__noreturn void proc_exit_group(int status)
{
	struct task *t = task_current(), *o;
	struct process *p = t->proc;

	/* Zapped by another thread's exec: only this thread goes (Linux's
	 * do_group_exit with group_exec_task set). */
	if ((p->flags & (PROC_EXEC | PROC_EXITING)) == PROC_EXEC)
		exit_task(t, 0);
	if (!(p->flags & PROC_EXITING)) {
		p->flags |= PROC_EXITING;
		p->group_exit_code = status;
		list_for_each_entry(o, &p->threads, thread_link)
			if (o != t)
				signal_send(o, SIGKILL, NULL);
	}
	exit_task(t, p->group_exit_code);
}

long sys_exit(int code)
{
	proc_exit(code & 0xff);
}

long sys_exit_group(int code)
{
	proc_exit_group(W_EXITCODE(code & 0xff, 0));
}

/* ---- wait ---- */

struct wait_result {
	int pid;
	int status;     /* wait4 status word */
	int code;       /* CLD_* for waitid */
	int why_status; /* si_status */
	u32 uid;
	s64 ru[18];     /* the child's usage with its children's (RUSAGE_BOTH) */
};

static bool wait_match(struct process *c, int idtype, int id)
{
	switch (idtype) {
	case P_ALL: return true;
	case P_PID: return c->pid == id;
	case P_PGID: return c->pgid == id;
	default: return false;
	}
}

/* A waited-for child's usage becomes ours (Linux's wait_task_zombie): only
 * now, so times() and RUSAGE_CHILDREN count only children waited for. */
static void wait_account(struct process *me, struct process *c)
{
	me->cutime += c->utime + c->cutime;
	me->cstime += c->stime + c->cstime;
	me->cnvcsw += c->nvcsw + c->cnvcsw;
	me->cnivcsw += c->nivcsw + c->cnivcsw;
	me->cminflt += c->minflt + c->cminflt;
	me->cmaxrss = MAX(me->cmaxrss, MAX(c->maxrss, c->cmaxrss));
}

static int wait_one(struct process *me, struct process *c, int options, struct wait_result *r)
{
	if (c->flags & (PROC_ZOMBIE | PROC_STOP_REPORT | PROC_CONT_REPORT)) {
		r->uid = c->leader ? c->leader->cred.uid : 0;
		proc_rusage(c, NULL, RUSAGE_BOTH, r->ru);
	}
	if ((c->flags & PROC_ZOMBIE) && (options & WEXITED)) {
		r->pid = c->pid;
		r->status = c->exit_status;
		if (WIFSIGNALED_K(c->exit_status)) {
			r->code = (c->exit_status & W_COREDUMP) ? CLD_DUMPED : CLD_KILLED;
			r->why_status = c->exit_status & 0x7f;
		} else {
			r->code = CLD_EXITED;
			r->why_status = (c->exit_status >> 8) & 0xff;
		}
		if (!(options & WNOWAIT)) {
			wait_account(me, c);
			release_process(c);
		}
		return 1;
	}
	if ((c->flags & PROC_STOP_REPORT) && (options & WUNTRACED) && !(c->flags & PROC_ZOMBIE)) {
		r->pid = c->pid;
		r->status = W_STOPCODE(c->stop_sig);
		r->code = CLD_STOPPED;
		r->why_status = c->stop_sig;
		if (!(options & WNOWAIT))
			c->flags &= ~PROC_STOP_REPORT;
		return 1;
	}
	if ((c->flags & PROC_CONT_REPORT) && (options & WCONTINUED) && !(c->flags & PROC_ZOMBIE)) {
		r->pid = c->pid;
		r->status = W_CONTINUED;
		r->code = CLD_CONTINUED;
		r->why_status = SIGCONT;
		if (!(options & WNOWAIT))
			c->flags &= ~PROC_CONT_REPORT;
		return 1;
	}
	return 0;
}

static long do_wait(int idtype, int id, int options, struct wait_result *r)
{
	struct task *t = task_current();
	struct process *me = t->proc;

	for (;;) {
		struct process *c, *n;
		bool any = false;
		int err;

		list_for_each_entry_safe(c, n, &me->children, sibling) {
			if (!wait_match(c, idtype, id))
				continue;
			/* __WCLONE: only children that signal with something
			 * other than SIGCHLD; __WALL: all. */
			if (!(options & __WALL) &&
			    !!(options & __WCLONE) != (c->exit_signal != SIGCHLD))
				continue;
			any = true;
			if (wait_one(me, c, options, r))
				return r->pid;
		}
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		{
			struct wait_entry we = { .task = t };

			wq_add(&me->wait_chld, &we);
			err = sched_sleep(TASK_INTERRUPTIBLE, S64_MAX);
			wq_del(&we);
		}
		if (err == -EINTR)
			return -ERESTARTSYS;
	}
}

long sys_wait4(int pid, u64 ustatus, int options, u64 urusage)
{
	struct wait_result r = { 0 };
	int idtype, id = 0;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (pid == -1) {
		idtype = P_ALL;
	} else if (pid < -1) {
		idtype = P_PGID;
		id = -pid;
	} else if (pid == 0) {
		idtype = P_PGID;
		id = task_current()->proc->pgid;
	} else {
		idtype = P_PID;
		id = pid;
	}
	ret = do_wait(idtype, id, options | WEXITED, &r);
	if (ret > 0) {
		if (ustatus && copy_to_user(ustatus, &r.status, sizeof(int)))
			return -EFAULT;
		if (urusage && copy_to_user(urusage, r.ru, sizeof(r.ru)))
			return -EFAULT;
	}
	return ret;
}

long sys_waitid(int idtype, int id, u64 uinfo, int options, u64 urusage)
{
	struct wait_result r = { 0 };
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	if (idtype == P_PGID && id == 0)
		id = task_current()->proc->pgid;
	if (idtype != P_ALL && idtype != P_PID && idtype != P_PGID)
		return -EINVAL;
	if (idtype != P_ALL && id <= 0)
		return -EINVAL;
	ret = do_wait(idtype, id, options, &r);
	if (ret < 0)
		return ret;
	if (uinfo) {
		struct ksiginfo si;

		memset(&si, 0, sizeof(si));
		if (ret > 0) {
			si.signo = SIGCHLD;
			si.code = r.code;
			si.pid = r.pid;
			si.uid = r.uid;
			si.status = r.why_status;
		}
		if (arch_siginfo_to_user(&si, uinfo))
			return -EFAULT;
	}
	if (ret > 0 && urusage && copy_to_user(urusage, r.ru, sizeof(r.ru)))
		return -EFAULT;
	return 0;
}
