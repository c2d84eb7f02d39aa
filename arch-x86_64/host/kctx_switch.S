/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel stack switching for an x86_64 host (core/include/kctx.h). */
	.text
	.globl kctx_switch
	.type kctx_switch, @function
/* void kctx_switch(struct kctx *from, struct kctx *to) */
kctx_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	subq $8, %rsp
	stmxcsr (%rsp)
	fnstcw 4(%rsp)
	movq %rsp, (%rdi)
	movq (%rsi), %rsp
	ldmxcsr (%rsp)
	fldcw 4(%rsp)
	addq $8, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size kctx_switch, .-kctx_switch

/* First switch into a new context lands here with fn in r12, arg in r13. */
	.globl kctx_trampoline
	.type kctx_trampoline, @function
kctx_trampoline:
	movq %r13, %rdi
	xorl %ebp, %ebp
	callq *%r12
	ud2
	.size kctx_trampoline, .-kctx_trampoline
	.section .note.GNU-stack,"",@progbits
