// SPDX-License-Identifier: GPL-2.0
/* Initial frame for a new kernel context (see kctx.S for the switch). */
#include <stdint.h>
#include <string.h>

#include "kctx.h"

void kctx_trampoline(void);

void kctx_init(struct kctx *ctx, void *stack, size_t size, void (*fn)(void *), void *arg)
{
	uint64_t *sp = (uint64_t *)(((uintptr_t)stack + size) & ~(uintptr_t)15);

	/* The frame kctx_switch pops: csr word, r15..r12, rbx, rbp, return
	 * address. After its ret, rsp is 16-byte aligned, so the trampoline's
	 * call enters fn with rsp = 8 mod 16, as the ABI wants. */
	*--sp = (uint64_t)kctx_trampoline;  /* ret target */
	*--sp = 0;                          /* rbp */
	*--sp = 0;                          /* rbx */
	*--sp = (uint64_t)fn;               /* r12 */
	*--sp = (uint64_t)arg;              /* r13 */
	*--sp = 0;                          /* r14 */
	*--sp = 0;                          /* r15 */
	/* mxcsr default 0x1f80, x87 control word 0x37f */
	*--sp = 0x1f80ull | (0x037full << 32);
	ctx->sp = sp;
}
