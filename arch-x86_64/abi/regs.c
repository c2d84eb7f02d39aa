// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 register conventions for core (core/include/arch.h): program
 * start, clone, syscall restart, the initial FPU state, ELF identity.
 */
#include "arch.h"
#include "kelf.h"

#define X86_EFLAGS_IF 0x200
#define USER_CS 0x33
#define USER_DS 0x2b
#define NR_restart_syscall 219

void arch_restart_syscall(struct arch_regs *r)
{
	r->rax = r->orig_rax;
	r->rip -= 2; /* the syscall instruction is two bytes */
}

void arch_restart_block(struct arch_regs *r)
{
	r->rax = NR_restart_syscall;
	r->rip -= 2;
}

u64 arch_nr_restart_syscall(void)
{
	return NR_restart_syscall;
}

void arch_start_thread(struct arch_regs *r, u64 ip, u64 sp)
{
	memset(r, 0, sizeof(*r));
	r->rip = ip;
	r->rsp = sp;
	r->cs = USER_CS;
	r->ss = USER_DS;
	r->eflags = X86_EFLAGS_IF;
	r->orig_rax = (u64)-1;
}

void arch_fpstate_init(void *buf, size_t len)
{
	struct arch_fpstate *fp = buf;

	memset(buf, 0, len);
	fp->cwd = 0x37f;
	fp->mxcsr = 0x1f80;
	fp->mxcsr_mask = 0xffff;
	/* XSAVE header: x87 and SSE as written above, every other component
	 * (AVX upper halves, AVX-512, ...) in its initial state. */
	if (len >= ARCH_XSAVE_HDR_OFFSET + 8) {
		u64 bv = ARCH_XFEATURE_FPSSE;

		memcpy((char *)buf + ARCH_XSAVE_HDR_OFFSET, &bv, sizeof(bv));
	}
}

void arch_clone_regs(struct arch_regs *child, const struct arch_regs *parent, u64 newsp,
		     bool settls, u64 tls)
{
	*child = *parent;
	child->rax = 0;
	if (newsp)
		child->rsp = newsp;
	if (settls)
		child->fs_base = tls;
}

bool arch_elf_ok(const void *ehdr, size_t len)
{
	const struct elf64_ehdr *e = ehdr;

	return len >= sizeof(*e) && e->e_ident[4] == ELFCLASS64 && e->e_ident[5] == ELFDATA2LSB &&
	       e->e_machine == ARCH_ELF_MACHINE;
}

/* The host CPU's cpuid leaf/subleaf as {eax, ebx, ecx, edx}: guest code runs
 * natively on it, so this is what the guest's own cpuid sees
 * (/proc/cpuinfo). */
void arch_cpuid(u32 leaf, u32 subleaf, u32 out[4])
{
	u32 a = leaf, b, c = subleaf, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	out[0] = a;
	out[1] = b;
	out[2] = c;
	out[3] = d;
}

/* AT_HWCAP on x86_64 is CPUID.1:EDX of the CPU the guest runs on. */
u64 arch_elf_hwcap(void)
{
	u32 a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d;
}
