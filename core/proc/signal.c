// SPDX-License-Identifier: GPL-2.0
/*
 * Signals: generation (send, with Linux's side effects of SIGCONT and the
 * stop signals at send time), delivery on every return to the guest (frames
 * through the arch, default actions, job-control stops) and the ERESTART*
 * rules for system calls a signal interrupted:
 *   handler runs: -ERESTARTSYS restarts only with SA_RESTART, -ERESTARTNOINTR
 *                 always, -ERESTARTNOHAND and -ERESTART_RESTARTBLOCK give EINTR
 *   no handler:   all four restart (RESTARTBLOCK through restart_syscall)
 * A fatal signal (SIGKILL, or a terminating default action) kills the whole
 * thread group at once, as Linux's complete_signal does.
 */
#include "boot.h"
#include "mm.h"
#include "task.h"
#include "uapi.h"

enum sig_default { SD_TERM, SD_CORE, SD_STOP, SD_CONT, SD_IGN };

static enum sig_default sig_default_action(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
	case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SD_CORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SD_STOP;
	case SIGCONT:
		return SD_CONT;
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return SD_IGN;
	default:
		return SD_TERM;
	}
}

#define STOP_MASK (SIGMASK(SIGSTOP) | SIGMASK(SIGTSTP) | SIGMASK(SIGTTIN) | SIGMASK(SIGTTOU))
#define SYNC_MASK (SIGMASK(SIGSEGV) | SIGMASK(SIGBUS) | SIGMASK(SIGILL) | SIGMASK(SIGTRAP) | \
		   SIGMASK(SIGFPE) | SIGMASK(SIGSYS))

bool proc_pgrp_orphaned(int pgid);
/* core/fs/signalfd.c: wake signalfd readers and pollers (weak: optional). */
void signalfd_notify(struct process *p, int sig) __attribute__((weak));

void sigpending_init(struct sigpending *p)
{
	p->set = 0;
	list_init(&p->queue);
}

void sigpending_flush(struct sigpending *p)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &p->queue, link) {
		list_del(&q->link);
		kfree(q);
	}
	p->set = 0;
}

/* Remove every queued instance of the signals in mask. */
static void sigpending_remove(struct sigpending *p, u64 mask)
{
	struct sigqueue *q, *n;

	if (!(p->set & mask))
		return;
	list_for_each_entry_safe(q, n, &p->queue, link) {
		if (SIGMASK(q->info.signo) & mask) {
			list_del(&q->link);
			kfree(q);
		}
	}
	p->set &= ~mask;
}

/* A signal set to be ignored is discarded from every pending set (Linux). */
void signal_discard(struct process *p, int sig)
{
	struct task *th;

	sigpending_remove(&p->shared_pending, SIGMASK(sig));
	list_for_each_entry(th, &p->threads, thread_link)
		sigpending_remove(&th->pending, SIGMASK(sig));
}

struct sighand *sighand_alloc(void)
{
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (sh)
		sh->refs = 1;
	return sh;
}

void sighand_put(struct sighand *sh)
{
	if (--sh->refs == 0)
		kfree(sh);
}

void signal_flush_handlers(struct sighand *sh)
{
	int i;

	for (i = 0; i < 64; i++) {
		struct k_sigaction *ka = &sh->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
}

static bool sig_handler_ignored(struct process *p, int sig)
{
	struct k_sigaction *ka = &p->sighand->action[sig - 1];

	return ka->handler == SIG_IGN ||
	       (ka->handler == SIG_DFL && sig_default_action(sig) == SD_IGN);
}

bool signal_ignored(struct task *t, int sig)
{
	return sig_handler_ignored(t->proc, sig);
}

/* send_signal's discard rule. A signal sigtimedwait is waiting for counts
 * as blocked (real_blocked), as in Linux. */
bool signal_dropped(struct task *t, int sig)
{
	return sig != SIGKILL && sig_handler_ignored(t->proc, sig) &&
	       !((t->blocked | t->real_blocked) & SIGMASK(sig));
}

static u64 pending_set(struct task *t)
{
	return t->pending.set | t->proc->shared_pending.set;
}

bool signal_pending(struct task *t)
{
	return (pending_set(t) & ~t->blocked) != 0;
}

bool fatal_signal_pending(struct task *t)
{
	return (pending_set(t) & SIGMASK(SIGKILL)) != 0;
}

void signal_recalc(struct task *t)
{
	if (signal_pending(t))
		task_wake(t);
}

static void signal_wake_up(struct task *t, bool fatal)
{
	if (fatal)
		task_wake_stopped(t);
	if (t->state == TASK_UNINTERRUPTIBLE && fatal)
		task_wake(t);
	else if (t->state == TASK_INTERRUPTIBLE)
		task_wake(t);
}

/* SIGCONT continues a stopped group (at send time, like Linux). */
void signal_continue_group(struct process *p)
{
	struct task *th;

	if (!(p->flags & PROC_STOPPED))
		return;
	p->flags &= ~(PROC_STOPPED | PROC_STOP_REPORT);
	p->flags |= PROC_CONT_REPORT;
	list_for_each_entry(th, &p->threads, thread_link)
		task_wake_stopped(th);
	signal_notify_parent(p, CLD_CONTINUED, SIGCONT);
}

/* Side effects at generation time (Linux's prepare_signal). */
static void prepare_signal(struct process *p, int sig)
{
	struct task *th;

	if (SIGMASK(sig) & STOP_MASK) {
		sigpending_remove(&p->shared_pending, SIGMASK(SIGCONT));
		list_for_each_entry(th, &p->threads, thread_link)
			sigpending_remove(&th->pending, SIGMASK(SIGCONT));
	} else if (sig == SIGCONT) {
		sigpending_remove(&p->shared_pending, STOP_MASK);
		list_for_each_entry(th, &p->threads, thread_link)
			sigpending_remove(&th->pending, STOP_MASK);
		signal_continue_group(p);
	}
}

static bool sig_fatal(struct process *p, int sig)
{
	struct k_sigaction *ka = &p->sighand->action[sig - 1];

	if (sig == SIGKILL)
		return true;
	if (ka->handler != SIG_DFL)
		return false;
	return sig_default_action(sig) == SD_TERM || sig_default_action(sig) == SD_CORE;
}

/* Pick the thread to wake for a process-directed signal. */
static struct task *pick_thread(struct process *p, int sig)
{
	struct task *cur = task_current(), *th;

	if (cur && cur->proc == p && !(cur->blocked & SIGMASK(sig)))
		return cur;
	list_for_each_entry(th, &p->threads, thread_link)
		if (!(th->blocked & SIGMASK(sig)) && th->state != TASK_DEAD)
			return th;
	return NULL;
}

static int send_signal(struct task *t, struct process *p, int sig, const struct ksiginfo *info,
		       bool group)
{
	struct sigpending *pend;
	struct sigqueue *q;
	struct task *target;

	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (p->flags & (PROC_ZOMBIE | PROC_REAPED))
		return 0;
	prepare_signal(p, sig);
	/* Ignored signals are dropped at once unless blocked (they may be
	 * unignored before they are unblocked). */
	if (signal_dropped(t, sig))
		return 0;
	pend = group ? &p->shared_pending : &t->pending;
	/* Standard signals do not queue; a POSIX timer's always does (its
	 * preallocated sigqueue in Linux). */
	if (sig < SIGRTMIN && (pend->set & SIGMASK(sig)) &&
	    !(info && info->code == SI_TIMER && info->timer_seq))
		return 0;
	q = kzalloc(sizeof(*q));
	if (q) {
		if (info) {
			q->info = *info;
		} else {
			q->info.signo = sig;
			q->info.code = SI_KERNEL;
		}
		q->info.signo = sig;
		list_add_tail(&q->link, &pend->queue);
	} else if (sig >= SIGRTMIN) {
		return -EAGAIN;
	}
	pend->set |= SIGMASK(sig);
	if (signalfd_notify)
		signalfd_notify(p, sig);
	/* A stopped group takes nothing but SIGKILL until SIGCONT (which
	 * continued it in prepare_signal above): the signal, even a fatal
	 * one, waits in the pending set (Linux's wants_signal skips stopped
	 * tasks, so no group exit starts). */
	if ((p->flags & PROC_STOPPED) && sig != SIGKILL)
		return 0;

	target = group ? pick_thread(p, sig) : t;
	if (!target)
		return 0; /* everyone blocks it: it waits in the shared set */
	if (sig_fatal(p, sig) && !((target->blocked | target->real_blocked) & SIGMASK(sig)) &&
	    !(proc_is_init(p) && sig != SIGKILL && !(info && info->code > 0 && info->code < SI_KERNEL))) {
		struct task *th;

		/* The whole group dies: every thread gets SIGKILL. */
		if (!(p->flags & PROC_EXITING)) {
			p->flags |= PROC_EXITING;
			p->group_exit_code = sig;
		}
		list_for_each_entry(th, &p->threads, thread_link) {
			th->pending.set |= SIGMASK(SIGKILL);
			signal_wake_up(th, true);
		}
		return 0;
	}
	signal_wake_up(target, sig == SIGKILL);
	return 0;
}

int signal_send(struct task *t, int sig, const struct ksiginfo *info)
{
	return send_signal(t, t->proc, sig, info, false);
}

int signal_send_process(struct process *p, int sig, const struct ksiginfo *info)
{
	if (!p->leader && list_empty(&p->threads))
		return -ESRCH;
	return send_signal(p->leader, p, sig, info, true);
}

int signal_send_pgrp(int pgid, int sig, const struct ksiginfo *info)
{
	struct process *p;
	bool found = false;

	for (p = process_next(NULL); p; p = process_next(p)) {
		if (p->pgid != pgid || (p->flags & PROC_ZOMBIE))
			continue;
		found = true;
		send_signal(p->leader, p, sig, info, true);
	}
	return found ? 0 : -ESRCH;
}

/* exec from a multi-threaded process (Linux's zap_other_threads in
 * de_thread): SIGKILL every other thread without starting a group exit.
 * The caller has set PROC_EXEC, so they leave through proc_exit_group as
 * single threads and the exec'ing one lives on. */
void signal_zap_other_threads(struct task *t)
{
	struct task *th;

	list_for_each_entry(th, &t->proc->threads, thread_link) {
		if (th == t || th->state == TASK_DEAD)
			continue;
		th->pending.set |= SIGMASK(SIGKILL);
		signal_wake_up(th, true);
	}
}

/* A synchronous trap: the signal cannot be blocked or ignored away
 * (Linux's force_sig_info: unblock it and reset an ignore to default). */
void signal_force(struct task *t, int sig, const struct ksiginfo *info)
{
	struct k_sigaction *ka = &t->proc->sighand->action[sig - 1];
	struct ksiginfo si;

	/* Blocked or ignored, the handler cannot run: the default action
	 * (death) it is, as Linux's force_sig_info_to_task resets it. */
	if (ka->handler == SIG_IGN || (t->blocked & SIGMASK(sig))) {
		t->blocked &= ~SIGMASK(sig);
		ka->handler = SIG_DFL;
	}
	if (!info) {
		memset(&si, 0, sizeof(si));
		si.signo = sig;
		si.code = SI_KERNEL;
		info = &si;
	}
	send_signal(t, t->proc, sig, info, false);
}

void signal_info_user(struct ksiginfo *info, int sig, int code)
{
	struct task *t = task_current();

	memset(info, 0, sizeof(*info));
	info->signo = sig;
	info->code = code;
	info->pid = t ? t->proc->pid : 0;
	info->uid = t ? t->cred.uid : 0;
}

static bool may_signal(struct task *from, struct process *to)
{
	return from->cred.euid == 0 || from->cred.uid == to->leader->cred.uid ||
	       from->cred.euid == to->leader->cred.uid;
}

int signal_kill(int pid, int sig, const struct ksiginfo *info)
{
	struct task *cur = task_current();
	struct process *p;
	int err = -ESRCH;
	bool any = false;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid > 0) {
		p = process_by_pid(pid);
		if (!p || (p->flags & PROC_ZOMBIE)) {
			/* A zombie still exists for kill(pid, 0). */
			return p ? 0 : -ESRCH;
		}
		if (!may_signal(cur, p))
			return -EPERM;
		return sig ? signal_send_process(p, sig, info) : 0;
	}
	for (p = process_next(NULL); p; p = process_next(p)) {
		if (p->flags & PROC_ZOMBIE)
			continue;
		if (pid == -1) {
			if (proc_is_init(p) || p == cur->proc)
				continue;
		} else if (p->pgid != (pid == 0 ? cur->proc->pgid : -pid)) {
			continue;
		}
		any = true;
		if (!may_signal(cur, p)) {
			err = -EPERM;
			continue;
		}
		err = 0;
		if (sig)
			signal_send_process(p, sig, info);
	}
	return any ? err : -ESRCH;
}

/* Tell p's parent about an exit, stop or continue. Returns true if the
 * child was reaped on the spot (SIGCHLD ignored or SA_NOCLDWAIT). */
bool signal_notify_parent_reap(struct process *p, int why, int status)
{
	struct process *parent = p->parent;
	struct k_sigaction *ka;
	struct ksiginfo info;
	int sig;

	if (!parent || parent == p || (parent->flags & PROC_ZOMBIE))
		return false;
	ka = &parent->sighand->action[SIGCHLD - 1];
	memset(&info, 0, sizeof(info));
	info.code = why;
	info.pid = p->pid;
	info.uid = p->leader ? p->leader->cred.uid : 0;
	info.utime = p->utime;
	info.stime = p->stime;
	if (why == CLD_EXITED)
		info.status = (status >> 8) & 0xff;
	else if (why == CLD_KILLED || why == CLD_DUMPED)
		info.status = status & 0x7f;
	else
		info.status = status;
	if (why == CLD_EXITED || why == CLD_KILLED || why == CLD_DUMPED) {
		sig = p->exit_signal;
		if (sig == SIGCHLD && (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT))) {
			wq_wake(&parent->wait_chld, 0);
			return true;
		}
	} else {
		sig = SIGCHLD;
		if (ka->flags & SA_NOCLDSTOP)
			sig = 0;
	}
	if (sig) {
		info.signo = sig;
		send_signal(parent->leader, parent, sig, &info, true);
	}
	wq_wake(&parent->wait_chld, 0);
	return false;
}

void signal_notify_parent(struct process *p, int why, int status)
{
	signal_notify_parent_reap(p, why, status);
}

/* ---- delivery ------------------------------------------------------------ */

/* Take the next signal not in mask off pend (synchronous faults first,
 * then the lowest number, Linux's order). */
static int dequeue_from(struct sigpending *p, u64 mask, struct ksiginfo *info)
{
	u64 ready = p->set & ~mask;
	struct sigqueue *q;
	int sig;

	if (!ready)
		return 0;
	if (ready & SYNC_MASK)
		ready &= SYNC_MASK;
	sig = __builtin_ctzll(ready) + 1;
	memset(info, 0, sizeof(*info));
	info->signo = sig;
	info->code = SI_KERNEL;
	list_for_each_entry(q, &p->queue, link) {
		if (q->info.signo == sig) {
			*info = q->info;
			list_del(&q->link);
			kfree(q);
			break;
		}
	}
	/* More queued instances (realtime, timers) keep the bit set. */
	p->set &= ~SIGMASK(sig);
	list_for_each_entry(q, &p->queue, link) {
		if (q->info.signo == sig) {
			p->set |= SIGMASK(sig);
			break;
		}
	}
	return sig;
}

/* Linux's dequeue_signal, with its side effects: a POSIX timer's signal
 * re-arms the timer (or is dropped if the timer was re-armed or deleted
 * since), and a SIGALRM from the process set re-arms a periodic
 * ITIMER_REAL. */
int signal_dequeue(struct task *t, u64 mask, struct ksiginfo *info)
{
	int sig;

	for (;;) {
		bool shared = false;

		sig = dequeue_from(&t->pending, mask, info);
		if (!sig) {
			sig = dequeue_from(&t->proc->shared_pending, mask, info);
			shared = true;
		}
		if (!sig)
			return 0;
		if (shared && sig == SIGALRM)
			itimer_real_dequeued(t->proc);
		if (info->code == SI_TIMER && info->timer_seq && !posix_timer_deliver(t, info))
			continue;
		return sig;
	}
}

/* Default stop: the whole group stops and the parent hears of it. */
static void do_signal_stop(struct task *t, int sig)
{
	struct process *p = t->proc;
	struct task *th;

	if (!(p->flags & PROC_STOPPED)) {
		p->flags |= PROC_STOPPED | PROC_STOP_REPORT;
		p->flags &= ~PROC_CONT_REPORT;
		p->stop_sig = sig;
		list_for_each_entry(th, &p->threads, thread_link)
			if (th != t)
				signal_wake_up(th, false);
		signal_notify_parent(p, CLD_STOPPED, sig);
	}
}

static void restart_after(struct task *t, bool handler, const struct k_sigaction *ka)
{
	long r = arch_get_return(&t->regs);

	switch (r) {
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		if (handler) {
			arch_set_return(&t->regs, -EINTR);
			return;
		}
		if (r == -ERESTART_RESTARTBLOCK)
			arch_restart_block(&t->regs);
		else
			arch_restart_syscall(&t->regs);
		return;
	case -ERESTARTSYS:
		if (handler && !(ka->flags & SA_RESTART)) {
			arch_set_return(&t->regs, -EINTR);
			return;
		}
		arch_restart_syscall(&t->regs);
		return;
	case -ERESTARTNOINTR:
		arch_restart_syscall(&t->regs);
		return;
	default:
		return;
	}
}

void signal_deliver(struct task *t)
{
	struct process *p = t->proc;
	struct ksiginfo info;
	int sig;

	for (;;) {
		struct k_sigaction *ka;
		u64 oldmask;

		if (pending_set(t) & SIGMASK(SIGKILL))
			proc_exit_group((p->flags & PROC_EXITING) ? p->group_exit_code : SIGKILL);
		if (p->flags & PROC_STOPPED) {
			t->state = TASK_STOPPED;
			schedule();
			continue;
		}
		sig = signal_dequeue(t, t->blocked, &info);
		if (!sig)
			break;
		ka = &p->sighand->action[sig - 1];
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler == SIG_DFL) {
			switch (sig_default_action(sig)) {
			case SD_IGN:
			case SD_CONT:
				continue;
			case SD_STOP:
				if (sig != SIGSTOP && proc_pgrp_orphaned(p->pgid))
					continue;
				do_signal_stop(t, sig);
				continue;
			default:
				/* init only dies of what it cannot survive */
				if (proc_is_init(p) && !(SIGMASK(sig) & SYNC_MASK))
					continue;
				proc_exit_group(sig);
			}
		}
		/* Run the handler. */
		if (t->in_syscall) {
			restart_after(t, true, ka);
			t->in_syscall = false;
		}
		oldmask = t->restore_sigmask ? t->saved_sigmask : t->blocked;
		if (arch_signal_setup_frame(t, sig, ka, &info, arch_get_sp(&t->regs), oldmask)) {
			/* Linux's force_sigsegv: when even the SIGSEGV frame
			 * cannot be built, SIGSEGV kills (no endless retry). */
			if (sig == SIGSEGV)
				ka->handler = SIG_DFL;
			signal_force(t, SIGSEGV, NULL);
			continue;
		}
		/* SS_AUTODISARM: any delivery disarms the alternate stack;
		 * sigreturn re-arms it from the frame (Linux's
		 * signal_delivered). */
		if (t->altstack.flags & SS_AUTODISARM) {
			t->altstack.sp = 0;
			t->altstack.size = 0;
			t->altstack.flags = SS_DISABLE;
		}
		t->restore_sigmask = false;
		t->blocked |= ka->mask;
		if (!(ka->flags & SA_NODEFER))
			t->blocked |= SIGMASK(sig);
		t->blocked &= ~SIG_KERNEL_ONLY_MASK;
		if (ka->flags & SA_RESETHAND) {
			ka->handler = SIG_DFL;
			ka->flags &= ~SA_SIGINFO;
		}
	}
	if (t->in_syscall) {
		restart_after(t, false, NULL);
		t->in_syscall = false;
	}
	if (t->restore_sigmask) {
		t->blocked = t->saved_sigmask;
		t->restore_sigmask = false;
	}
}
