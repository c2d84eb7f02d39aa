// SPDX-License-Identifier: GPL-2.0
/* arch_prctl: the x86_64 thread pointer registers (TLS). */
#include "task.h"
#include "uaccess.h"

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
#define ARCH_GET_CPUID 0x1011
#define ARCH_SET_CPUID 0x1012

long sys_arch_prctl(int code, u64 addr)
{
	struct task *t = task_current();
	struct arch_regs *r = &t->regs;

	switch (code) {
	case ARCH_SET_FS:
		if (addr >= mm_task_size())
			return -EPERM;
		r->fs_base = addr;
		return 0;
	case ARCH_SET_GS:
		if (addr >= mm_task_size())
			return -EPERM;
		r->gs_base = addr;
		return 0;
	case ARCH_GET_FS:
		return copy_to_user(addr, &r->fs_base, 8) ? -EFAULT : 0;
	case ARCH_GET_GS:
		return copy_to_user(addr, &r->gs_base, 8) ? -EFAULT : 0;
	case ARCH_GET_CPUID:
		return 1; /* cpuid is not trapped */
	case ARCH_SET_CPUID:
		return -ENODEV;
	default:
		return -EINVAL;
	}
}
