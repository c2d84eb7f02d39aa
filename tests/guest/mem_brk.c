// SPDX-License-Identifier: GPL-2.0
/*
 * mem_brk: the program break, through the raw syscall (which returns the
 * new break, or the old one on failure) and sbrk(0). The break starts after
 * our data; growing gives zeroed, writable memory; shrinking and growing
 * again gives zeros afresh; an impossible request leaves the break as it
 * was; a forked child has its own break.
 */
#include "t.h"
#include <stdint.h>
#include <sys/syscall.h>

extern char end[];   /* end of .bss, from the linker */

static uintptr_t brk_raw(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

int main(void)
{
	uintptr_t cur = brk_raw(0);
	CHECK(cur >= (uintptr_t)end);
	CHECK_EQ(brk_raw(0), cur);

	/* Grow by 1 MiB plus a bit: all zero and writable. */
	uintptr_t want = cur + (1 << 20) + 123;
	CHECK_EQ(brk_raw(want), want);
	CHECK_EQ(brk_raw(0), want);
	unsigned char *p = (unsigned char *)cur;
	for (size_t i = 0; i < (1 << 20); i += 4096)
		CHECK_EQ(p[i], 0);
	memset(p, 0x77, (1 << 20) + 123);

	/* Shrink, grow back: the released pages come back zeroed. The first
	 * partial page may keep its bytes, so look from the next page on. */
	CHECK_EQ(brk_raw(cur), cur);
	CHECK_EQ(brk_raw(want), want);
	uintptr_t first_full = (cur + 4095) & ~(uintptr_t)4095;
	for (uintptr_t a = first_full; a < want; a += 4096)
		CHECK_EQ(*(unsigned char *)a, 0);

	/* Impossible: into kernel space, or below the start. */
	CHECK_EQ(brk_raw((uintptr_t)1 << 63), want);
	CHECK_EQ(brk_raw(0x1000), want);
	CHECK_EQ(brk_raw(0), want);

	/* A child moves its own break only. */
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(brk_raw(want + 8192), want + 8192);
		*(volatile char *)(want + 100) = 1;
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_EQ(brk_raw(0), want);

	/* sbrk(0) is the libc view of the same thing (musl's sbrk supports
	 * nothing else, so growing through it is not tested). */
	CHECK_EQ(brk_raw(cur), cur);
	CHECK(sbrk(0) == (void *)cur);
	return 0;
}
