// SPDX-License-Identifier: GPL-2.0
/*
 * The task main loop: run the guest until the next event and handle it.
 *   SYSCALL     -> the arch table (arch_syscall) -> sys_* handlers
 *   FAULT       -> mm_fault; failure becomes SIGSEGV/SIGBUS, OOM a kill
 *   SIGNAL      -> a synchronous trap (SIGILL, SIGFPE, int3) for the guest
 *   INTERRUPTED -> nothing; interrupts and preemption are handled below
 * Before every return to the guest: pending signals are delivered (frames,
 * default actions, syscall restart) and the host is told when to interrupt
 * the guest (the next timer or the end of the time slice).
 */
#include "boot.h"
#include "host.h"
#include "irq.h"
#include "mm.h"
#include "task.h"
#include "uapi.h"

s64 sched_deadline(struct task *t);
bool sched_should_preempt(struct task *t);
s64 time_mono_to_host(s64 t);

static void entry_syscall(struct task *t)
{
	long ret;

	t->in_syscall = true;
	t->syscalls++;
	ret = arch_syscall(&t->regs);
	if (unlikely(boot_config()->strace))
		pr_info("%lld.%03lld [%d] %s(%#llx, %#llx, %#llx) = %ld\n", time_mono() / 1000000000LL, (time_mono() / 1000000LL) % 1000, t->tid,
			arch_syscall_name(arch_syscall_nr(&t->regs)),
			(unsigned long long)arch_syscall_arg(&t->regs, 0),
			(unsigned long long)arch_syscall_arg(&t->regs, 1),
			(unsigned long long)arch_syscall_arg(&t->regs, 2), ret);
	/* rt_sigreturn restores the whole register file itself. */
	if (t->in_syscall)
		arch_set_return(&t->regs, ret);
}

static void entry_fault(struct task *t, const struct host_trap *trap)
{
	struct ksiginfo info;
	int code, err;

	err = mm_fault(t->mm, trap->addr, trap->access, trap->code, &code);
	if (likely(!err)) {
		t->minflt++;
		return;
	}
	memset(&info, 0, sizeof(info));
	if (err == -ENOMEM) {
		mm_oom(t); /* kills someone; the fault is retried */
		return;
	}
	if (err != -EFAULT && err != -EIO) {
		/* The host refused the mapping: this process cannot go on. */
		pr_err("mm: cannot map 0x%llx for pid %d: err=%d\n",
		       (unsigned long long)trap->addr, t->tid, err);
		signal_force(t, SIGKILL, NULL);
		return;
	}
	info.signo = err == -EIO ? SIGBUS : SIGSEGV;
	info.code = code;
	info.addr = trap->addr;
	arch_trap_note(t, trap, true);
	/* Linux's show_unhandled_signals: say so when nobody catches it. */
	if (t->proc->sighand->action[info.signo - 1].handler == SIG_DFL)
		pr_info("%s[%d]: %s at %llx ip %llx sp %llx\n", t->comm, t->tid,
			info.signo == SIGBUS ? "bus error" : "segfault",
			(unsigned long long)trap->addr, (unsigned long long)arch_get_ip(&t->regs),
			(unsigned long long)arch_get_sp(&t->regs));
	signal_force(t, info.signo, &info);
}

static void entry_trap(struct task *t, const struct host_trap *trap)
{
	struct ksiginfo info;

	memset(&info, 0, sizeof(info));
	info.signo = trap->signo;
	info.code = trap->code;
	info.addr = trap->addr;
	arch_trap_note(t, trap, false);
	signal_force(t, trap->signo, &info);
}

__noreturn void task_user_loop(void)
{
	struct task *t = task_current();
	struct host_trap trap;
	s64 now;
	int ev;

	for (;;) {
		/* CPU time: system time runs from the return from the guest
		 * (or from being picked, sched.c) until the next entry, user
		 * time is the time in the guest. What expired on the CPU
		 * clocks is signalled before we go back. */
		now = time_mono();
		t->stime += (u64)(now - t->sys_start);
		t->sys_start = now;
		if (t->mm->rss > t->proc->maxrss)
			t->proc->maxrss = t->mm->rss; /* ru_maxrss: the peak */
		cpu_timers_run(t);
		signal_deliver(t);
		if (sched_should_preempt(t))
			schedule();
		host_set_deadline(time_mono_to_host(sched_deadline(t)));
		t->run_start = time_mono();
		t->stime += (u64)(t->run_start - t->sys_start);
		ev = host_ctx_run(t->hctx, t->mm->as, &t->regs, &trap);
		t->sys_start = time_mono();
		t->utime += (u64)(t->sys_start - t->run_start);
		if (host_irq_take())
			irq_run();
		switch (ev) {
		case HOST_EV_SYSCALL:
			entry_syscall(t);
			break;
		case HOST_EV_FAULT:
			entry_fault(t, &trap);
			break;
		case HOST_EV_SIGNAL:
			entry_trap(t, &trap);
			break;
		case HOST_EV_INTERRUPTED:
			break;
		default:
			/* The host process vanished (killed from outside) or
			 * refused us: the guest process cannot continue. */
			pr_err("host: lost the address space of pid %d (%s): err=%d\n",
			       t->proc->pid, t->comm, ev);
			proc_exit_group(SIGKILL);
		}
	}
}
