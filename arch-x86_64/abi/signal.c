// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 signal frames and the guest layouts of siginfo, sigaction and
 * stack_t (Linux arch/x86/kernel/signal.c, uapi asm/sigcontext.h).
 *
 * The frame (rt_sigframe) sits below the red zone or on the alternate
 * stack, with the 512-byte fxsave image 64-byte aligned above it:
 *   pretcode (sa_restorer) | ucontext (flags, link, stack, sigcontext, mask)
 *   | siginfo (128 bytes) ... fpstate
 * The handler returns into sa_restorer, which calls rt_sigreturn with rsp
 * at frame + 8. Full XSAVE state is not in the frame yet: a handler that
 * clobbers AVX upper halves is not undone (docs/internals.md).
 */
#include "arch.h"
#include "host.h"
#include "mm.h"
#include "ksignal.h"
#include "task.h"
#include "uapi.h"

struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;
	u64 reserved1[8];
};
_Static_assert(sizeof(struct sigcontext_64) == 256, "sigcontext layout");

struct stack_64 {
	u64 ss_sp;
	s32 ss_flags;
	s32 pad;
	u64 ss_size;
};
_Static_assert(sizeof(struct stack_64) == 24, "stack_t layout");

struct ucontext_64 {
	u64 uc_flags;
	u64 uc_link;
	struct stack_64 uc_stack;
	struct sigcontext_64 uc_mcontext;
	u64 uc_sigmask;
};
_Static_assert(sizeof(struct ucontext_64) == 304, "ucontext layout");

struct rt_sigframe_64 {
	u64 pretcode;
	struct ucontext_64 uc;
	u8 info[128];
};
_Static_assert(sizeof(struct rt_sigframe_64) == 440, "rt_sigframe layout");

#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define X86_EFLAGS_TF 0x100
#define X86_EFLAGS_DF 0x400
#define X86_EFLAGS_RF 0x10000
#define FIX_EFLAGS 0x40dd5 /* AC|OF|DF|TF|SF|ZF|AF|PF|CF|RF: what sigreturn may set */

/* ---- siginfo ---- */

static void siginfo_layout(const struct ksiginfo *i, u8 *b)
{
	memset(b, 0, 128);
	memcpy(b + 0, &i->signo, 4);
	memcpy(b + 4, &i->errno_, 4);
	memcpy(b + 8, &i->code, 4);
	if (i->code == SI_TIMER) {
		memcpy(b + 16, &i->timerid, 4);
		memcpy(b + 20, &i->overrun, 4);
		memcpy(b + 24, &i->value, 8);
	} else if (i->code <= 0 || i->code == SI_KERNEL) {
		if (i->code == SI_KERNEL && (i->signo == SIGSEGV || i->signo == SIGBUS)) {
			memcpy(b + 16, &i->addr, 8);
			return;
		}
		/* kill, tkill, sigqueue: pid, uid, value */
		memcpy(b + 16, &i->pid, 4);
		memcpy(b + 20, &i->uid, 4);
		memcpy(b + 24, &i->value, 8);
	} else {
		switch (i->signo) {
		case SIGCHLD: {
			s64 ut = (s64)(i->utime / 10000000), st = (s64)(i->stime / 10000000);

			memcpy(b + 16, &i->pid, 4);
			memcpy(b + 20, &i->uid, 4);
			memcpy(b + 24, &i->status, 4);
			memcpy(b + 32, &ut, 8);
			memcpy(b + 40, &st, 8);
			break;
		}
		case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
			memcpy(b + 16, &i->addr, 8);
			break;
		case SIGPOLL:
			memcpy(b + 16, &i->band, 8);
			memcpy(b + 24, &i->fd, 4);
			break;
		case SIGSYS:
			memcpy(b + 16, &i->addr, 8);
			break;
		default:
			memcpy(b + 16, &i->pid, 4);
			memcpy(b + 20, &i->uid, 4);
			memcpy(b + 24, &i->value, 8);
			break;
		}
	}
}

int arch_siginfo_to_user(const struct ksiginfo *info, u64 uaddr)
{
	u8 b[128];

	siginfo_layout(info, b);
	return mm_copy_to(task_current()->mm, uaddr, b, sizeof(b));
}

int arch_siginfo_from_user(struct ksiginfo *info, u64 uaddr)
{
	u8 b[128];

	if (mm_copy_from(task_current()->mm, b, uaddr, sizeof(b)))
		return -EFAULT;
	memset(info, 0, sizeof(*info));
	memcpy(&info->signo, b + 0, 4);
	memcpy(&info->errno_, b + 4, 4);
	memcpy(&info->code, b + 8, 4);
	memcpy(&info->pid, b + 16, 4);
	memcpy(&info->uid, b + 20, 4);
	memcpy(&info->value, b + 24, 8);
	return 0;
}

/* signalfd_siginfo is arch-independent but built from the same data. */
void arch_siginfo_raw(const struct ksiginfo *info, u8 out[128])
{
	siginfo_layout(info, out);
}

/* ---- sigaction and stack_t ---- */

int arch_get_sigaction(u64 uaddr, struct k_sigaction *ka)
{
	u64 w[4];

	if (mm_copy_from(task_current()->mm, w, uaddr, sizeof(w)))
		return -EFAULT;
	ka->handler = w[0];
	ka->flags = w[1];
	ka->restorer = w[2];
	ka->mask = w[3];
	return 0;
}

int arch_put_sigaction(u64 uaddr, const struct k_sigaction *ka)
{
	u64 w[4] = { ka->handler, ka->flags, ka->restorer, ka->mask };

	return mm_copy_to(task_current()->mm, uaddr, w, sizeof(w));
}

int arch_get_stack(u64 uaddr, struct sigaltstack_k *ss)
{
	struct stack_64 s;

	if (mm_copy_from(task_current()->mm, &s, uaddr, sizeof(s)))
		return -EFAULT;
	ss->sp = s.ss_sp;
	ss->flags = (u32)s.ss_flags;
	ss->size = s.ss_size;
	return 0;
}

int arch_put_stack(u64 uaddr, const struct sigaltstack_k *ss)
{
	struct stack_64 s = { ss->sp, (s32)ss->flags, 0, ss->size };

	return mm_copy_to(task_current()->mm, uaddr, &s, sizeof(s));
}

/* Linux's __on_sig_stack: sp within (ss_sp, ss_sp + ss_size]. */
static bool within_altstack(const struct task *t, u64 sp)
{
	return t->altstack.size && sp > t->altstack.sp && sp - t->altstack.sp <= t->altstack.size;
}

/* Linux's on_sig_stack: with SS_AUTODISARM a thread is never "on" it (the
 * delivery disarmed it), so a corrupted sp near its end cannot wedge us. */
bool arch_on_altstack(struct task *t, u64 sp)
{
	if (t->altstack.flags & SS_AUTODISARM)
		return false;
	return within_altstack(t, sp);
}

/* ---- frames ---- */

int arch_signal_setup_frame(struct task *t, int sig, const struct k_sigaction *ka,
			    const struct ksiginfo *info, u64 sp, u64 oldmask)
{
	struct rt_sigframe_64 f;
	struct arch_regs *r = &t->regs;
	struct arch_fpstate fp;
	u64 fpaddr, frame;
	bool nested = arch_on_altstack(t, sp), entering = false;

	if (!(ka->flags & SA_RESTORER))
		return -EFAULT;
	sp -= 128; /* the red zone */
	/* Linux's get_sigframe: switch when SA_ONSTACK and an alternate
	 * stack is set up that we are not already on. */
	if ((ka->flags & SA_ONSTACK) && t->altstack.size && !arch_on_altstack(t, sp)) {
		sp = t->altstack.sp + t->altstack.size;
		entering = true;
	}
	fpaddr = (sp - sizeof(fp)) & ~63ull;
	frame = ((fpaddr - sizeof(f)) & ~15ull) - 8;
	/* On (or onto) the alternate stack, a frame that does not fit there
	 * must not spill below it: fail, the caller forces SIGSEGV. */
	if ((nested || entering) && !within_altstack(t, frame))
		return -EFAULT;

	if (host_ctx_fpstate_get(t->hctx, t->mm->as, &fp))
		arch_fpstate_init(&fp);
	memset(fp.padding, 0, sizeof(fp.padding)); /* no XSAVE magic: fxsave only */
	memset(&f, 0, sizeof(f));
	f.pretcode = ka->restorer;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	/* The stack as sigaltstack set it, flags raw (Linux's
	 * __save_altstack): what sigreturn restores. */
	f.uc.uc_stack.ss_sp = t->altstack.sp;
	f.uc.uc_stack.ss_flags = (s32)t->altstack.flags;
	f.uc.uc_stack.ss_size = t->altstack.size;
	{
		struct sigcontext_64 *sc = &f.uc.uc_mcontext;

		sc->r8 = r->r8; sc->r9 = r->r9; sc->r10 = r->r10; sc->r11 = r->r11;
		sc->r12 = r->r12; sc->r13 = r->r13; sc->r14 = r->r14; sc->r15 = r->r15;
		sc->rdi = r->rdi; sc->rsi = r->rsi; sc->rbp = r->rbp; sc->rbx = r->rbx;
		sc->rdx = r->rdx; sc->rax = r->rax; sc->rcx = r->rcx; sc->rsp = r->rsp;
		sc->rip = r->rip; sc->eflags = r->eflags;
		sc->cs = (u16)r->cs;
		sc->ss = (u16)r->ss;
		/* The thread's last trap, whatever this signal is (Linux's
		 * setup_sigcontext: thread.trap_nr, error_code, cr2). */
		sc->trapno = t->trap.trapno;
		sc->err = t->trap.err;
		sc->cr2 = t->trap.cr2;
		sc->oldmask = oldmask;
		sc->fpstate = fpaddr;
	}
	f.uc.uc_sigmask = oldmask;
	siginfo_layout(info, f.info);
	if (mm_copy_to(t->mm, fpaddr, &fp, sizeof(fp)) || mm_copy_to(t->mm, frame, &f, sizeof(f)))
		return -EFAULT;

	r->rdi = (u64)sig;
	r->rsi = frame + offsetof(struct rt_sigframe_64, info);
	r->rdx = frame + offsetof(struct rt_sigframe_64, uc);
	r->rax = 0;
	r->rip = ka->handler;
	r->rsp = frame;
	r->eflags &= ~(u64)(X86_EFLAGS_DF | X86_EFLAGS_TF | X86_EFLAGS_RF);
	r->cs = 0x33;
	r->ss = 0x2b;
	arch_fpstate_init(&fp);
	host_ctx_fpstate_set(t->hctx, t->mm->as, &fp);
	return 0;
}

long arch_signal_return(struct task *t)
{
	struct rt_sigframe_64 f;
	struct arch_regs *r = &t->regs;
	struct sigcontext_64 *sc = &f.uc.uc_mcontext;
	struct arch_fpstate fp;
	u64 frame = r->rsp - 8;

	t->in_syscall = false; /* the restored rax is the result */
	if (mm_copy_from(t->mm, &f, frame, sizeof(f))) {
		signal_force(t, SIGSEGV, NULL);
		return 0;
	}
	r->r8 = sc->r8; r->r9 = sc->r9; r->r10 = sc->r10; r->r11 = sc->r11;
	r->r12 = sc->r12; r->r13 = sc->r13; r->r14 = sc->r14; r->r15 = sc->r15;
	r->rdi = sc->rdi; r->rsi = sc->rsi; r->rbp = sc->rbp; r->rbx = sc->rbx;
	r->rdx = sc->rdx; r->rax = sc->rax; r->rcx = sc->rcx; r->rsp = sc->rsp;
	r->rip = sc->rip;
	r->eflags = (r->eflags & ~(u64)FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
	r->cs = 0x33;
	r->ss = 0x2b;
	r->orig_rax = (u64)-1;
	t->blocked = f.uc.uc_sigmask & ~SIG_KERNEL_ONLY_MASK;
	/* restore_altstack: sigaltstack() at the restored sp, errors ignored */
	{
		struct sigaltstack_k ss = { f.uc.uc_stack.ss_sp, (u32)f.uc.uc_stack.ss_flags,
					    f.uc.uc_stack.ss_size };

		signal_set_altstack(t, &ss, r->rsp);
	}
	if (sc->fpstate && mm_copy_from(t->mm, &fp, sc->fpstate, sizeof(fp)) == 0) {
		fp.mxcsr &= 0xffff;
		host_ctx_fpstate_set(t->hctx, t->mm->as, &fp);
	} else {
		arch_fpstate_init(&fp);
		host_ctx_fpstate_set(t->hctx, t->mm->as, &fp);
	}
	signal_recalc(t);
	return (long)r->rax;
}

long sys_rt_sigreturn(void)
{
	return arch_signal_return(task_current());
}
