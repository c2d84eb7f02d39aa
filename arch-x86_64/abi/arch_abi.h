/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86_64 guest ABI as core sees it through core/include/arch.h: the
 * register file (laid out as Linux's struct user_regs_struct, so the ptrace
 * backend copies it without conversion), the FPU state in the fxsave format
 * of a signal frame, and the accessors core uses on the syscall path.
 */
#ifndef ARCH_X86_64_ABI_H
#define ARCH_X86_64_ABI_H

#include <stdint.h>

#define ARCH_ABI_UTS_MACHINE "x86_64"
#define ARCH_ELF_CLASS 2      /* ELFCLASS64 */
#define ARCH_ELF_MACHINE 62   /* EM_X86_64 */
#define ARCH_STACK_TOP_GAP 0  /* no randomisation yet */
#define ARCH_PIE_BASE 0x555555554000ULL
#define ARCH_MMAP_BASE_GAP (128ULL << 20) /* below the maximal stack */
/* A 64-bit ABI has a 64-bit off_t: open(2) marks every file O_LARGEFILE
 * (Linux's force_o_largefile, false only for CONFIG_ARCH_32BIT_OFF_T). */
#define ARCH_FORCE_O_LARGEFILE 1

/* Linux struct user_regs_struct (asm/user_64.h), 27 words. */
struct arch_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi, orig_rax;
	uint64_t rip, cs, eflags, rsp, ss;
	uint64_t fs_base, gs_base, ds, es, fs, gs;
};
_Static_assert(sizeof(struct arch_regs) == 27 * 8, "user_regs_struct layout");

/* The 512-byte fxsave image (struct user_fpregs_struct / _fpstate_64). */
struct arch_fpstate {
	uint16_t cwd, swd, twd, fop;
	uint64_t rip, rdp;
	uint32_t mxcsr, mxcsr_mask;
	uint32_t st_space[32];
	uint32_t xmm_space[64];
	uint32_t padding[24];
} __attribute__((aligned(16)));
_Static_assert(sizeof(struct arch_fpstate) == 512, "fxsave layout");

/* With XSAVE the FPU image goes on: a 64-byte header at 512 whose first
 * word is XSTATE_BV (components not in their initial state), then the
 * extended components. Signal frames mark such an image with Linux's
 * fpx_sw_bytes in the fxsave image's last 48 bytes and a second magic
 * after the image (uapi asm/sigcontext.h). */
#define ARCH_XSAVE_HDR_OFFSET 512
#define ARCH_XFEATURE_FPSSE 3ull
#define ARCH_FP_SW_BYTES_OFFSET 464
#define ARCH_FP_XSTATE_MAGIC1 0x46505853u
#define ARCH_FP_XSTATE_MAGIC2 0x46505845u

/* The last hardware trap that became a signal, as Linux's thread_struct
 * keeps it (trap_nr, error_code, cr2): every later signal frame shows it
 * (arch-x86_64/abi/trap.c fills it, signal.c copies it out). */
struct arch_trapinfo {
	uint64_t trapno, err, cr2;
};

static inline uint64_t arch_syscall_nr(const struct arch_regs *r) { return r->orig_rax; }
static inline uint64_t arch_syscall_arg(const struct arch_regs *r, int i)
{
	switch (i) {
	case 0: return r->rdi;
	case 1: return r->rsi;
	case 2: return r->rdx;
	case 3: return r->r10;
	case 4: return r->r8;
	default: return r->r9;
	}
}
static inline void arch_set_return(struct arch_regs *r, long v) { r->rax = (uint64_t)v; }
static inline long arch_get_return(const struct arch_regs *r) { return (long)r->rax; }
static inline uint64_t arch_get_ip(const struct arch_regs *r) { return r->rip; }
static inline void arch_set_ip(struct arch_regs *r, uint64_t ip) { r->rip = ip; }
static inline uint64_t arch_get_sp(const struct arch_regs *r) { return r->rsp; }
static inline void arch_set_sp(struct arch_regs *r, uint64_t sp) { r->rsp = sp; }
static inline uint64_t arch_get_tls(const struct arch_regs *r) { return r->fs_base; }

#endif
