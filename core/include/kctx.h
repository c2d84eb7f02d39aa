/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel execution contexts: each task's kernel stack, and the switch
 * between them (arch-x86_64/host/kctx.S, for the machine the kernel runs
 * on, whatever the guest arch). Switching saves callee-saved registers on
 * the old stack and loads them from the new one: no syscall, no signal mask.
 */
#ifndef CORE_KCTX_H
#define CORE_KCTX_H

#include <stddef.h>

struct kctx {
	void *sp;
};

/* Save the current context in from and continue in to. */
void kctx_switch(struct kctx *from, struct kctx *to);
/* Prepare ctx to start fn(arg) on [stack, stack+size) at its first switch. */
void kctx_init(struct kctx *ctx, void *stack, size_t size, void (*fn)(void *), void *arg);

#endif
