// SPDX-License-Identifier: GPL-2.0
/*
 * sig_context: the signal frame and rt_sigreturn. The handler's ucontext
 * holds the interrupted registers (RIP at the faulting instruction, the
 * general registers, the SSE registers in fpregs, trap number and error
 * code of a page fault); whatever the handler changes there (RIP, a general
 * register, uc_sigmask) is what the thread resumes with; and registers the
 * handler clobbers itself (xmm7 here) are restored on return.
 */
#include "t.h"
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <ucontext.h>

extern char ud2_site[];
static volatile uint64_t seen_rip, seen_r12, seen_xmm7, seen_trapno, seen_err;

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig; (void)si;
	seen_rip = uc->uc_mcontext.gregs[REG_RIP];
	seen_r12 = uc->uc_mcontext.gregs[REG_R12];
	seen_xmm7 = ((uint64_t)uc->uc_mcontext.fpregs->_xmm[7].element[1] << 32) |
		    uc->uc_mcontext.fpregs->_xmm[7].element[0];
	/* Skip the 2-byte ud2, hand back a new r12, block SIGUSR2 from now on. */
	uc->uc_mcontext.gregs[REG_RIP] += 2;
	uc->uc_mcontext.gregs[REG_R12] = 0x1122334455667788ULL;
	sigaddset(&uc->uc_sigmask, SIGUSR2);
	/* Clobber xmm7 here; the frame must restore the interrupted value. */
	__asm__ volatile("pcmpeqd %%xmm7, %%xmm7" ::: "xmm7");
}

static void registers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_ill;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGILL, &sa, NULL));

	uint64_t r12_after, xmm7_after;
	uint64_t magic = 0xdeadbeefcafef00dULL;
	__asm__ volatile(
		"mov %[magic], %%r12\n\t"
		"movq %[magic], %%xmm7\n\t"
		".globl ud2_site\n"
		"ud2_site: ud2\n\t"
		"mov %%r12, %[r12]\n\t"
		"movq %%xmm7, %[x7]\n\t"
		: [r12] "=r"(r12_after), [x7] "=r"(xmm7_after)
		: [magic] "r"(magic)
		: "r12", "xmm7", "memory");

	CHECK_EQ(seen_rip, (uintptr_t)ud2_site);
	CHECK_EQ(seen_r12, magic);
	CHECK_EQ(seen_xmm7, magic);
	CHECK_EQ(r12_after, 0x1122334455667788ULL);
	CHECK_EQ(xmm7_after, magic);

	sigset_t cur;
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &cur));
	CHECK(sigismember(&cur, SIGUSR2));
	CHECK(!sigismember(&cur, SIGILL));
	sigemptyset(&cur);
	CHECK_OK(sigprocmask(SIG_SETMASK, &cur, NULL));
}

static char *fault_page;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig; (void)si;
	seen_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	seen_err = uc->uc_mcontext.gregs[REG_ERR];
	/* Resume by pointing the faulting load/store's base at a good page:
	 * the access uses rax, see below. */
	uc->uc_mcontext.gregs[REG_RAX] = (greg_t)(uintptr_t)fault_page;
}

static void page_fault_info(void)
{
	static char good[64];
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGSEGV, &sa, NULL));
	fault_page = good;

	/* A write through a NULL base in rax: the handler fixes rax and the
	 * store is retried against good[]. */
	void *base = NULL;
	__asm__ volatile("movb $0x5a, 8(%%rax)" : "+a"(base) :: "memory");
	CHECK_EQ(good[8], 0x5a);
	CHECK_EQ(seen_trapno, 14);                 /* #PF */
	CHECK(seen_err & 2);                       /* a write */
	CHECK(seen_err & 4);                       /* from user mode */

	seen_err = 0;
	base = NULL;
	char v;
	__asm__ volatile("movb 9(%%rax), %1" : "+a"(base), "=r"(v) :: "memory");
	(void)v;
	CHECK_EQ(seen_trapno, 14);
	CHECK(!(seen_err & 2));                    /* a read */
	signal(SIGSEGV, SIG_DFL);
}

int main(void)
{
	registers();
	page_fault_info();
	return 0;
}
