/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What core knows of the guest ABI: a register file, FPU state, accessors,
 * the syscall table, signal frames and ELF identity. Each guest arch
 * (arch-x86_64/abi, later arch-x86/abi) provides arch_abi.h with the types
 * and constants and implements the functions below. Core has no
 * #ifdef __x86_64__: everything arch-shaped comes through here.
 */
#ifndef CORE_ARCH_H
#define CORE_ARCH_H

#include "kernel.h"
#include "arch_abi.h" /* struct arch_regs, struct arch_fpstate, ARCH_* constants */

struct task;
struct k_sigaction;
struct ksiginfo;
struct host_trap;

/* Register accessors (arch_abi.h implements them inline):
 *   arch_syscall_nr(r), arch_syscall_arg(r, i), arch_set_return(r, v),
 *   arch_get_ip/arch_set_ip, arch_get_sp/arch_set_sp, arch_get_return(r) */

/* Rewind so the interrupted system call runs again on resume
 * (Linux: regs->ax = orig_ax; regs->ip -= 2). */
void arch_restart_syscall(struct arch_regs *r);
/* Same, but the syscall becomes restart_syscall(2). */
void arch_restart_block(struct arch_regs *r);

/* A fresh register file for a new program at ip with stack sp (execve). */
void arch_start_thread(struct arch_regs *r, u64 ip, u64 sp);
/* The FPU state a new program starts with, as a host_caps()->fpstate_size
 * image (len bytes). */
void arch_fpstate_init(void *buf, size_t len);
/* The alternate stack a signal frame needs at worst (AT_MINSIGSTKSZ). */
u64 arch_min_sigstksz(void);
/* The child's registers after fork/clone: return 0, optional new stack and TLS. */
void arch_clone_regs(struct arch_regs *child, const struct arch_regs *parent, u64 newsp,
		     bool settls, u64 tls);

/* System call dispatch: run the handler for arch_syscall_nr(r) and return its
 * result (may be -ERESTART*). Unknown numbers log once and give -ENOSYS. */
long arch_syscall(struct arch_regs *r);
const char *arch_syscall_name(u64 nr);
/* Guest system call number of restart_syscall(2). */
u64 arch_nr_restart_syscall(void);

/* Signal frames (arch-<arch>/abi/signal.c). setup builds the frame on the
 * user stack at sp for handler ka and points regs at the handler; -EFAULT if
 * the stack is unusable (the caller then forces SIGSEGV). sigreturn restores
 * regs (and FPU, mask) from the frame at the current sp. */
int arch_signal_setup_frame(struct task *t, int sig, const struct k_sigaction *ka,
			    const struct ksiginfo *info, u64 sp, u64 oldmask);
long arch_signal_return(struct task *t);

/* A hardware trap of t is about to become a signal: record in t->trap
 * what the arch's signal frames report about it (x86: trap number, page
 * fault error code, cr2). fault: a page fault (HOST_EV_FAULT); the arch
 * infers whatever the host could not tell. */
void arch_trap_note(struct task *t, const struct host_trap *trap, bool fault);

/* ARCH_FORCE_O_LARGEFILE (arch_abi.h): 1 if open(2) adds O_LARGEFILE to
 * every file's flags, as fcntl(F_GETFL) then shows. */

/* Identity for uname and ELF loading. */
#define ARCH_UTS_MACHINE ARCH_ABI_UTS_MACHINE
bool arch_elf_ok(const void *ehdr, size_t len);
/* The CPU's identification as the guest sees it: cpuid(leaf, subleaf) as
 * {eax, ebx, ecx, edx} (/proc/cpuinfo). */
void arch_cpuid(u32 leaf, u32 subleaf, u32 out[4]);

#endif
