// SPDX-License-Identifier: GPL-2.0
/*
 * Signal system calls: sigaction, masks, pending sets, sigsuspend,
 * sigtimedwait, sigaltstack, kill/tkill/tgkill/sigqueueinfo, pause. Mostly
 * argument checking (xv6's sysfile.c rule); the mechanism is in signal.c.
 * Guest struct layouts (sigaction, stack_t, siginfo) come from the arch.
 */
#include "task.h"
#include "uaccess.h"
#include "uapi.h"

int arch_get_sigaction(u64 uaddr, struct k_sigaction *ka);
int arch_put_sigaction(u64 uaddr, const struct k_sigaction *ka);
int arch_get_stack(u64 uaddr, struct sigaltstack_k *ss);
int arch_put_stack(u64 uaddr, const struct sigaltstack_k *ss);
int arch_siginfo_to_user(const struct ksiginfo *info, u64 uaddr);
int arch_siginfo_from_user(struct ksiginfo *info, u64 uaddr);
bool arch_on_altstack(struct task *t, u64 sp);

#define SIGSET_SIZE 8

long sys_rt_sigaction(int sig, u64 uact, u64 uoact, u64 sigsetsize)
{
	struct task *t = task_current();
	struct k_sigaction *ka, nka;

	if (sigsetsize != SIGSET_SIZE)
		return -EINVAL;
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	ka = &t->proc->sighand->action[sig - 1];
	if (uact && arch_get_sigaction(uact, &nka))
		return -EFAULT;
	if (uoact && arch_put_sigaction(uoact, ka))
		return -EFAULT;
	if (uact) {
		nka.mask &= ~SIG_KERNEL_ONLY_MASK;
		*ka = nka;
		if (signal_ignored(t, sig))
			signal_discard(t->proc, sig);
	}
	return 0;
}

long sys_rt_sigprocmask(int how, u64 uset, u64 uoset, u64 sigsetsize)
{
	struct task *t = task_current();
	u64 set, old = t->blocked;

	if (sigsetsize != SIGSET_SIZE)
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		set &= ~SIG_KERNEL_ONLY_MASK;
		switch (how) {
		case SIG_BLOCK:
			t->blocked |= set;
			break;
		case SIG_UNBLOCK:
			t->blocked &= ~set;
			break;
		case SIG_SETMASK:
			t->blocked = set;
			break;
		default:
			return -EINVAL;
		}
	}
	if (uoset && copy_to_user(uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(u64 uset, u64 sigsetsize)
{
	struct task *t = task_current();
	u64 set;

	if (sigsetsize > SIGSET_SIZE)
		return -EINVAL;
	set = (t->pending.set | t->proc->shared_pending.set) & t->blocked;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

long sys_rt_sigsuspend(u64 umask, u64 sigsetsize)
{
	struct task *t = task_current();
	u64 mask;

	if (sigsetsize != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	t->saved_sigmask = t->blocked;
	t->restore_sigmask = true;
	t->blocked = mask & ~SIG_KERNEL_ONLY_MASK;
	while (sched_sleep(TASK_INTERRUPTIBLE, S64_MAX) != -EINTR)
		;
	return -ERESTARTNOHAND;
}

long sys_pause(void)
{
	while (sched_sleep(TASK_INTERRUPTIBLE, S64_MAX) != -EINTR)
		;
	return -ERESTARTNOHAND;
}

int timespec_from_user(u64 uts, s64 *ns);

long sys_rt_sigtimedwait(u64 uset, u64 uinfo, u64 uts, u64 sigsetsize)
{
	struct task *t = task_current();
	struct ksiginfo info;
	u64 set, saved;
	s64 deadline = S64_MAX, ns;
	int sig, err;

	if (sigsetsize != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	set &= ~SIG_KERNEL_ONLY_MASK;
	if (uts) {
		err = timespec_from_user(uts, &ns);
		if (err)
			return err;
		deadline = time_mono() + ns;
	}
	sig = signal_dequeue(t, ~set, &info);
	if (!sig) {
		/* Wait with the awaited signals unblocked, as Linux does. */
		saved = t->blocked;
		t->real_blocked = saved;
		t->blocked &= ~set;
		err = sched_sleep(TASK_INTERRUPTIBLE, deadline);
		t->blocked = saved;
		t->real_blocked = 0;
		sig = signal_dequeue(t, ~set, &info);
		if (!sig)
			return err == -ETIMEDOUT ? -EAGAIN : -EINTR;
	}
	if (uinfo && arch_siginfo_to_user(&info, uinfo))
		return -EFAULT;
	return sig;
}

/* Linux's do_sigaltstack for sp: -EPERM while on the stack, -EINVAL for
 * an unknown mode, -ENOMEM below MINSIGSTKSZ. Flags are kept as given. */
int signal_set_altstack(struct task *t, const struct sigaltstack_k *ss, u64 sp)
{
	u32 mode = ss->flags & ~SS_AUTODISARM;

	if (arch_on_altstack(t, sp))
		return -EPERM;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->altstack.sp = 0;
		t->altstack.size = 0;
	} else {
		if (ss->size < MINSIGSTKSZ)
			return -ENOMEM;
		t->altstack.sp = ss->sp;
		t->altstack.size = ss->size;
	}
	t->altstack.flags = ss->flags;
	return 0;
}

long sys_sigaltstack(u64 uss, u64 uoss)
{
	struct task *t = task_current();
	struct sigaltstack_k ss, old = t->altstack;
	u64 sp = arch_get_sp(&t->regs);
	int err;

	/* SS_DISABLE when there is none, SS_ONSTACK while on it, plus the
	 * flag bits as set (Linux's sas_ss_flags). */
	if (!t->altstack.size)
		old.flags = SS_DISABLE;
	else
		old.flags = arch_on_altstack(t, sp) ? SS_ONSTACK : 0;
	old.flags |= t->altstack.flags & SS_AUTODISARM;
	if (uss) {
		if (arch_get_stack(uss, &ss))
			return -EFAULT;
		err = signal_set_altstack(t, &ss, sp);
		if (err)
			return err;
	}
	if (uoss && arch_put_stack(uoss, &old))
		return -EFAULT;
	return 0;
}

long sys_kill(int pid, int sig)
{
	struct ksiginfo info;

	signal_info_user(&info, sig, SI_USER);
	return signal_kill(pid, sig, &info);
}

static long do_tkill(int tgid, int tid, int sig)
{
	struct task *t;
	struct ksiginfo info;

	if (tid <= 0 || (tgid != -1 && tgid <= 0))
		return -EINVAL;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	t = task_by_tid(tid);
	if (!t || t->state == TASK_DEAD || (tgid > 0 && t->proc->pid != tgid))
		return -ESRCH;
	if (!sig)
		return 0;
	signal_info_user(&info, sig, SI_TKILL);
	return signal_send(t, sig, &info);
}

long sys_tkill(int tid, int sig)
{
	return do_tkill(-1, tid, sig);
}

long sys_tgkill(int tgid, int tid, int sig)
{
	return do_tkill(tgid, tid, sig);
}

long sys_rt_sigqueueinfo(int pid, int sig, u64 uinfo)
{
	struct ksiginfo info;
	struct process *p;

	if (arch_siginfo_from_user(&info, uinfo))
		return -EFAULT;
	/* Only the kernel may claim SI_USER or kernel codes for others. */
	if ((info.code >= 0 || info.code == SI_TKILL) && pid != task_current()->proc->pid)
		return -EPERM;
	info.signo = sig;
	p = process_by_pid(pid);
	if (!p)
		return -ESRCH;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	return sig ? signal_send_process(p, sig, &info) : 0;
}

long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, u64 uinfo)
{
	struct ksiginfo info;
	struct task *t = task_by_tid(tid);

	if (arch_siginfo_from_user(&info, uinfo))
		return -EFAULT;
	if ((info.code >= 0 || info.code == SI_TKILL) && tgid != task_current()->proc->pid)
		return -EPERM;
	if (!t || t->proc->pid != tgid)
		return -ESRCH;
	info.signo = sig;
	return sig ? signal_send(t, sig, &info) : 0;
}

long sys_restart_syscall(void)
{
	struct task *t = task_current();

	if (!t->restart.fn)
		return -EINTR;
	return t->restart.fn(&t->restart);
}
