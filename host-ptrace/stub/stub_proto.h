/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SKAS0 stub protocol, shared by the kernel (host-ptrace/skas0*.c) and
 * the freestanding stub (stub.c) that every guest address space runs.
 *
 * Each guest address space is a host process that contains nothing but the
 * guest's pages, the stub code at STUB_CODE_ADDR and a per-process data area
 * at STUB_DATA_ADDR. The data area is a MAP_SHARED slot of the kernel's stub
 * memory file, so the kernel writes requests into it without a syscall. The
 * kernel queues mmap/munmap/mprotect requests there and, once per stop, runs
 * them by pointing the stopped child at STUB_ENTRY_RUN_OPS; the stub executes
 * them in order and stops with int3. Layout: host byte order, fixed-width
 * fields, checked by _Static_assert. Version bumps on any change.
 */
#ifndef STUB_PROTO_H
#define STUB_PROTO_H

#include <stdint.h>

/* Guest user space is [0, STUB_CODE_ADDR). The host stack and vDSO of the
 * first stub process (exec'd with ADDR_NO_RANDOMIZE) lie above STUB_END and
 * are unmapped before any guest code runs. */
#define STUB_CODE_ADDR 0x7fffe0000000ULL
#define STUB_CODE_SIZE 0x10000ULL
#define STUB_DATA_ADDR (STUB_CODE_ADDR + STUB_CODE_SIZE)
#define STUB_DATA_SIZE 0x4000ULL
#define STUB_END (STUB_DATA_ADDR + STUB_DATA_SIZE)
#define STUB_HOST_TOP 0x7ffffffff000ULL

/* Entry points: fixed offsets from STUB_CODE_ADDR (stub.c's .text.entry). */
#define STUB_ENTRY_START 0x00      /* ELF entry: int3 until the kernel sets it up */
#define STUB_ENTRY_SYSCALL 0x10    /* "syscall; int3": one injected call */
#define STUB_ENTRY_RUN_OPS 0x20    /* run the queued ops, then int3 */

/* The memory files every stub process holds open (dup2'd before exec). */
#define STUB_FD_PHYSMEM 3
#define STUB_FD_STUBMEM 4

#define STUB_MAGIC 0x55424d53u /* "SMBU" */
#define STUB_VERSION 1u

enum stub_op_kind {
	STUB_OP_MMAP = 1,     /* mmap(addr, len, prot, MAP_SHARED|MAP_FIXED, PHYSMEM, off) */
	STUB_OP_MUNMAP = 2,   /* munmap(addr, len) */
	STUB_OP_MPROTECT = 3, /* mprotect(addr, len, prot) */
};

struct stub_op {
	uint32_t kind;
	uint32_t prot;
	uint64_t addr;
	uint64_t len;
	uint64_t off;
};
_Static_assert(sizeof(struct stub_op) == 32, "stub_op layout");

#define STUB_MAX_OPS 380

struct stub_data {
	uint32_t magic;
	uint32_t version;
	uint32_t nops;     /* kernel: ops queued */
	uint32_t done;     /* stub: ops completed */
	int64_t err;       /* stub: -errno of ops[done] if it failed, else 0 */
	uint64_t reserved[5];
	struct stub_op ops[STUB_MAX_OPS];
	/* the rest of the area, up to STUB_DATA_SIZE, is the stub's stack */
};
_Static_assert(sizeof(struct stub_data) <= STUB_DATA_SIZE - 2048, "stub stack space");
#define STUB_STACK_TOP (STUB_DATA_ADDR + STUB_DATA_SIZE - 64)

/* Stub failure codes land in err as 0x0bad0000 | line when the protocol
 * itself is broken (bad magic), distinct from -errno of a host call. */
#define STUB_ERR_PROTO 0x0bad0000

#endif
