/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest machine code for the host contract suite (x86_64). Assembled with the
 * rest of the test at build time (gas through gcc), so every instruction is
 * written as an instruction rather than as hand-encoded bytes, but placed in
 * .rodata: the test process never executes it. A test copies a snippet
 * [guest_<name>_start, guest_<name>_end) into a frame of guest RAM and maps
 * it at some address (ht_map_code), so every snippet is position
 * independent. guest_<name>_<mark> labels points a test checks rip against.
 *
 * Conventions: the test sets the input registers; each snippet reports by
 * stopping (int3 -> SIGTRAP, syscall -> HOST_EV_SYSCALL) with its result in
 * a register, and never uses the stack (rsp points nowhere).
 */
#define SNIPPET(name) .balign 16; .globl guest_##name##_start; guest_##name##_start:
#define MARK(name, mark) .globl guest_##name##_##mark; guest_##name##_##mark:
#define END(name) .globl guest_##name##_end; guest_##name##_end:

	.section .rodata, "a"

/* One system call with whatever the test put in rax and the argument
 * registers; after it, rbx = the rax the kernel (test) returned. */
SNIPPET(sys_once)
	syscall
MARK(sys_once, after)
	mov	%rax, %rbx
	int3
MARK(sys_once, done)
END(sys_once)

/* System calls that would be visible if the host ran them: renaming the
 * stub process (its /proc/<pid>/comm, the canary), SIGKILL to the stub's
 * process group, exit_group. Under the contract each one only stops the
 * guest. (Not a write to fd 1: stub processes may have no stdio at all.) */
SNIPPET(sys_harmful)
	mov	$157, %eax		/* prctl(PR_SET_NAME, "LEAK") */
	mov	$15, %edi
	lea	1f(%rip), %rsi
	syscall
	mov	$62, %eax		/* kill(0, SIGKILL) */
	xor	%edi, %edi
	mov	$9, %esi
	syscall
	mov	$231, %eax		/* exit_group(7) */
	mov	$7, %edi
	syscall
	int3
MARK(sys_harmful, done)
1:	.asciz	"LEAK"
END(sys_harmful)

/* rax = *(u64 *)rdi */
SNIPPET(load)
	mov	(%rdi), %rax
	int3
MARK(load, done)
END(load)

/* *(u64 *)rdi = rsi */
SNIPPET(store)
	mov	%rsi, (%rdi)
	int3
MARK(store, done)
END(store)

/* Jump to rdi (execute from a page that may not be executable). */
SNIPPET(jump)
	jmp	*%rdi
END(jump)

/* An undefined instruction: SIGILL at guest_ud2_start. */
SNIPPET(ud2)
	ud2
END(ud2)

/* A breakpoint: SIGTRAP, rip after it. */
SNIPPET(int3)
	nop
	int3
MARK(int3, done)
END(int3)

/* 1 / 0: SIGFPE (FPE_INTDIV) at the div. */
SNIPPET(div0)
	mov	$1, %eax
	xor	%edx, %edx
	xor	%ecx, %ecx
MARK(div0, div)
	div	%rcx
	int3
END(div0)

/* Forever: only an interrupt stops it. rax counts, to show it ran. */
SNIPPET(spin)
1:	inc	%rax
	jmp	1b
END(spin)

/* rax = sum of rcx u64 words at rdi, rdi + rsi, rdi + 2*rsi...; a fault
 * stops it with rdi at the faulting word and rcx words still to go. */
SNIPPET(sum)
	xor	%eax, %eax
1:	add	(%rdi), %rax
	add	%rsi, %rdi
	dec	%rcx
	jnz	1b
	int3
MARK(sum, done)
END(sum)

/* xmm0 = rax (low 64 bits, the rest zeroed) */
SNIPPET(xmm_set)
	movq	%rax, %xmm0
	int3
END(xmm_set)

/* rax = xmm0 (low 64 bits) */
SNIPPET(xmm_get)
	movq	%xmm0, %rax
	int3
END(xmm_get)

	.section .note.GNU-stack, "", @progbits
