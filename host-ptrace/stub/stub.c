// SPDX-License-Identifier: GPL-2.0
/*
 * The SKAS0 stub: freestanding code mapped at STUB_CODE_ADDR in every guest
 * address space. It never runs on its own initiative: the kernel points a
 * stopped child at one of the entries in .text.entry and resumes it with
 * PTRACE_CONT; every path ends in int3, which stops the child again.
 * No libc, no globals, no stack protector (see SConscript.kernel).
 */
#include "stub_proto.h"

#define NR_mmap 9
#define NR_mprotect 10
#define NR_munmap 11
#define MAP_SHARED_FIXED 0x11

static inline long stub_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Fixed entry offsets (stub_proto.h STUB_ENTRY_*), 16 bytes apart. */
__asm__(".section .text.entry,\"ax\"\n"
	".globl _start\n"
	"_start:\n"                  /* +0x00 */
	"	int3\n"
	"	jmp _start\n"
	".balign 16\n"
	"stub_entry_syscall:\n"      /* +0x10 */
	"	syscall\n"
	"	int3\n"
	".balign 16\n"
	"stub_entry_run_ops:\n"      /* +0x20 */
	"	movabs $" "0x7fffe0013fc0" ", %rsp\n"
	"	call stub_run_ops\n"
	"1:	int3\n"
	"	jmp 1b\n"
	".previous\n");

void stub_run_ops(void);

__attribute__((used)) void stub_run_ops(void)
{
	struct stub_data *d = (struct stub_data *)STUB_DATA_ADDR;
	uint32_t i, n = d->nops;
	long r = 0;

	if (d->magic != STUB_MAGIC || n > STUB_MAX_OPS) {
		d->err = STUB_ERR_PROTO | __LINE__;
		return;
	}
	for (i = 0; i < n; i++) {
		struct stub_op *op = &d->ops[i];

		switch (op->kind) {
		case STUB_OP_MMAP:
			r = stub_syscall6(NR_mmap, op->addr, op->len, op->prot, MAP_SHARED_FIXED,
					  STUB_FD_PHYSMEM, op->off);
			if (r == (long)op->addr)
				r = 0;
			break;
		case STUB_OP_MUNMAP:
			r = stub_syscall6(NR_munmap, op->addr, op->len, 0, 0, 0, 0);
			break;
		case STUB_OP_MPROTECT:
			r = stub_syscall6(NR_mprotect, op->addr, op->len, op->prot, 0, 0, 0);
			break;
		default:
			r = STUB_ERR_PROTO | __LINE__;
			break;
		}
		if (r != 0)
			break;
	}
	d->done = i;
	d->err = r;
}
