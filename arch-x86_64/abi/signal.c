// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 signal frames and the guest layouts of siginfo, sigaction and
 * stack_t (Linux arch/x86/kernel/signal.c, uapi asm/sigcontext.h).
 *
 * The frame (rt_sigframe) sits below the red zone or on the alternate
 * stack, with the FPU image 64-byte aligned above it:
 *   pretcode (sa_restorer) | ucontext (flags, link, stack, sigcontext, mask)
 *   | siginfo (128 bytes) ... fpstate
 * The handler returns into sa_restorer, which calls rt_sigreturn with rsp
 * at frame + 8. The FPU image is the host's (host_caps()->fpstate_size):
 * on XSAVE hosts the full XSAVE image, marked as Linux marks it (uc_flags
 * UC_FP_XSTATE, fpx_sw_bytes in the fxsave image, magic2 after it), so a
 * handler that clobbers AVX registers is undone by sigreturn and a handler
 * can read and change every vector register of the interrupted code.
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

#define UC_FP_XSTATE 0x1
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
			/* Linux's siginfo_layout: another signal with a POLL_* code
			 * (F_SETSIG's choice for O_ASYNC) is laid out as SIGPOLL */
			if (i->code <= 6) {
				memcpy(b + 16, &i->band, 8);
				memcpy(b + 24, &i->fd, 4);
				break;
			}
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

/* Linux's struct _fpx_sw_bytes, in the fxsave image's software bytes. */
struct fpx_sw_bytes {
	u32 magic1;
	u32 extended_size; /* the image plus magic2 */
	u64 xfeatures;
	u32 xstate_size;   /* the image without magic2 */
	u32 padding[7];
};
_Static_assert(sizeof(struct fpx_sw_bytes) == 512 - ARCH_FP_SW_BYTES_OFFSET, "sw bytes");

/* The image as it goes into a frame: the host's, marked as an XSAVE one
 * (Linux's save_xstate_epilog). fp has room for len + 4 bytes. */
static void fpstate_mark(u8 *fp, size_t len)
{
	struct fpx_sw_bytes sw = { 0 };
	u32 magic2 = ARCH_FP_XSTATE_MAGIC2;
	u64 bv;

	if (len <= ARCH_XSAVE_HDR_OFFSET) {
		memset(fp + ARCH_FP_SW_BYTES_OFFSET, 0, sizeof(sw));
		return;
	}
	sw.magic1 = ARCH_FP_XSTATE_MAGIC1;
	sw.extended_size = (u32)len + sizeof(magic2);
	sw.xfeatures = host_caps()->fpstate_features;
	sw.xstate_size = (u32)len;
	memcpy(fp + ARCH_FP_SW_BYTES_OFFSET, &sw, sizeof(sw));
	memcpy(fp + len, &magic2, sizeof(magic2));
	/* "For legacy compatibility" Linux always shows x87 and SSE as saved. */
	memcpy(&bv, fp + ARCH_XSAVE_HDR_OFFSET, sizeof(bv));
	bv |= ARCH_XFEATURE_FPSSE;
	memcpy(fp + ARCH_XSAVE_HDR_OFFSET, &bv, sizeof(bv));
}

/* Read the frame's FPU image at addr into fp (len bytes, the host's size)
 * as Linux's __fpu_restore_sig does: a complete, marked XSAVE image is
 * taken whole, its XSTATE_BV limited to the features both sides know;
 * anything else is an fxsave image, every extended component reset. */
static int fpstate_read(struct task *t, u64 addr, u8 *fp, size_t len)
{
	struct fpx_sw_bytes sw;
	bool whole = false;
	u32 magic2;
	u64 bv;

	if (mm_copy_from(t->mm, fp, addr, 512))
		return -EFAULT;
	((struct arch_fpstate *)fp)->mxcsr &= 0xffff;
	if (len <= ARCH_XSAVE_HDR_OFFSET)
		return 0;
	memcpy(&sw, fp + ARCH_FP_SW_BYTES_OFFSET, sizeof(sw));
	if (sw.magic1 == ARCH_FP_XSTATE_MAGIC1 && sw.xstate_size == len &&
	    sw.extended_size >= len + sizeof(magic2) &&
	    mm_copy_from(t->mm, &magic2, addr + len, sizeof(magic2)) == 0 &&
	    magic2 == ARCH_FP_XSTATE_MAGIC2)
		whole = true;
	if (whole) {
		if (mm_copy_from(t->mm, fp + 512, addr + 512, len - 512))
			return -EFAULT;
		memcpy(&bv, fp + ARCH_XSAVE_HDR_OFFSET, sizeof(bv));
		bv &= sw.xfeatures & host_caps()->fpstate_features;
	} else {
		memset(fp + 512, 0, len - 512);
		bv = ARCH_XFEATURE_FPSSE;
	}
	memcpy(fp + ARCH_XSAVE_HDR_OFFSET, &bv, sizeof(bv));
	return 0;
}

/* AT_MINSIGSTKSZ: the worst-case frame, as Linux's init_sigframe_size
 * reports it on x86_64 (the largest of the 64-bit, ia32 and x32 frames with
 * their padding, plus the FPU image and magic2): 932 bytes beside the
 * image, equal to the host's value on a 6.18 kernel with a 2440-byte image. */
u64 arch_min_sigstksz(void)
{
	u64 fplen = host_caps()->fpstate_size;

	return ALIGN_UP(fplen + (fplen > ARCH_XSAVE_HDR_OFFSET ? 4 : 0) + 932, 16);
}

int arch_signal_setup_frame(struct task *t, int sig, const struct k_sigaction *ka,
			    const struct ksiginfo *info, u64 sp, u64 oldmask)
{
	struct rt_sigframe_64 f;
	struct arch_regs *r = &t->regs;
	size_t fplen = host_caps()->fpstate_size;
	bool xsave = fplen > ARCH_XSAVE_HDR_OFFSET;
	size_t fpframe = fplen + (xsave ? 4 : 0);
	u64 fpaddr, frame;
	bool nested = arch_on_altstack(t, sp), entering = false;
	u8 *fp;
	int err = -EFAULT;

	if (!(ka->flags & SA_RESTORER))
		return -EFAULT;
	sp -= 128; /* the red zone */
	/* Linux's get_sigframe: switch when SA_ONSTACK and an alternate
	 * stack is set up that we are not already on. */
	if ((ka->flags & SA_ONSTACK) && t->altstack.size && !arch_on_altstack(t, sp)) {
		sp = t->altstack.sp + t->altstack.size;
		entering = true;
	}
	fpaddr = (sp - fpframe) & ~63ull;
	frame = ((fpaddr - sizeof(f)) & ~15ull) - 8;
	/* On (or onto) the alternate stack, a frame that does not fit there
	 * must not spill below it: fail, the caller forces SIGSEGV. */
	if ((nested || entering) && !within_altstack(t, frame))
		return -EFAULT;

	fp = kmalloc(fpframe);
	if (!fp)
		return -ENOMEM;
	if (host_ctx_fpstate_get(t->hctx, t->mm->as, fp, fplen))
		arch_fpstate_init(fp, fplen);
	fpstate_mark(fp, fplen);
	memset(&f, 0, sizeof(f));
	f.pretcode = ka->restorer;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS | (xsave ? UC_FP_XSTATE : 0);
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
	if (mm_copy_to(t->mm, fpaddr, fp, fpframe) || mm_copy_to(t->mm, frame, &f, sizeof(f)))
		goto out;

	r->rdi = (u64)sig;
	r->rsi = frame + offsetof(struct rt_sigframe_64, info);
	r->rdx = frame + offsetof(struct rt_sigframe_64, uc);
	r->rax = 0;
	r->rip = ka->handler;
	r->rsp = frame;
	r->eflags &= ~(u64)(X86_EFLAGS_DF | X86_EFLAGS_TF | X86_EFLAGS_RF);
	r->cs = 0x33;
	r->ss = 0x2b;
	/* The handler starts with a clean FPU (Linux's fpu__clear_user_states). */
	arch_fpstate_init(fp, fplen);
	host_ctx_fpstate_set(t->hctx, t->mm->as, fp, fplen);
	err = 0;
out:
	kfree(fp);
	return err;
}

long arch_signal_return(struct task *t)
{
	struct rt_sigframe_64 f;
	struct arch_regs *r = &t->regs;
	struct sigcontext_64 *sc = &f.uc.uc_mcontext;
	size_t fplen = host_caps()->fpstate_size;
	u64 frame = r->rsp - 8;
	u8 *fp;
	int err;

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
	/* No image: a clean FPU. An image that cannot be read or that the
	 * host refuses (reserved header bits, a bad MXCSR) is a bad frame. */
	fp = kmalloc(fplen);
	if (!fp) {
		signal_force(t, SIGSEGV, NULL);
		return 0;
	}
	err = 0;
	if (sc->fpstate)
		err = fpstate_read(t, sc->fpstate, fp, fplen);
	else
		arch_fpstate_init(fp, fplen);
	if (!err)
		err = host_ctx_fpstate_set(t->hctx, t->mm->as, fp, fplen);
	if (err == -ENOSYS) /* a backend without FPU state to give */
		err = 0;
	kfree(fp);
	signal_recalc(t);
	if (err) {
		signal_force(t, SIGSEGV, NULL);
		return 0;
	}
	return (long)r->rax;
}

long sys_rt_sigreturn(void)
{
	return arch_signal_return(task_current());
}
