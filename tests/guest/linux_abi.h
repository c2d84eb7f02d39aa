/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux_abi.h: the few kernel ABI constants and layouts the tests use
 * directly, written out so the tests need no kernel headers (musl-gcc has
 * none) and no libc wrapper that some C library lacks. Values are the
 * x86_64 Linux ABI; #ifndef keeps them from fighting a libc's own copies.
 */
#ifndef GUEST_LINUX_ABI_H
#define GUEST_LINUX_ABI_H

#include <stdint.h>

/* futex(2) operations and flags (linux/futex.h). */
#ifndef FUTEX_WAIT
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#endif
#ifndef FUTEX_WAIT_PRIVATE
#define FUTEX_WAIT_PRIVATE		(FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE		(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_REQUEUE_PRIVATE		(FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE	(FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE	(FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE	(FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#endif
#ifndef FUTEX_BITSET_MATCH_ANY
#define FUTEX_BITSET_MATCH_ANY	0xffffffffu
#endif

/* set_robust_list(2)'s list head: three words. */
struct t_robust_list_head {
	void *list;
	long futex_offset;
	void *list_op_pending;
};
_Static_assert(sizeof(struct t_robust_list_head) == 24, "robust_list_head is 24 bytes");

/* arch_prctl(2) codes (asm/prctl.h). */
#ifndef ARCH_SET_GS
#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004
#endif

/* statx(2): the kernel's struct, under our own name, used with the raw syscall. */
struct t_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct t_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t pad0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct t_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t spare[14];
};
_Static_assert(sizeof(struct t_statx) == 256, "struct statx is 256 bytes");

#ifndef STATX_TYPE
#define STATX_TYPE		0x0001u
#define STATX_MODE		0x0002u
#define STATX_NLINK		0x0004u
#define STATX_UID		0x0008u
#define STATX_GID		0x0010u
#define STATX_ATIME		0x0020u
#define STATX_MTIME		0x0040u
#define STATX_CTIME		0x0080u
#define STATX_INO		0x0100u
#define STATX_SIZE		0x0200u
#define STATX_BLOCKS		0x0400u
#define STATX_BASIC_STATS	0x07ffu
#define STATX__RESERVED		0x80000000u
#endif

#endif
