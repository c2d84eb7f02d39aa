/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying to and from the current task's guest memory (core/mm/uaccess.c),
 * the xv6 copyin/copyout of this kernel. Every guest pointer goes through
 * these; they return 0 or -EFAULT.
 */
#ifndef CORE_UACCESS_H
#define CORE_UACCESS_H

#include "mm.h"
#include "task.h"

static inline int copy_from_user(void *dst, u64 src, size_t n)
{
	return mm_copy_from(task_current()->mm, dst, src, n);
}

static inline int copy_to_user(u64 dst, const void *src, size_t n)
{
	return mm_copy_to(task_current()->mm, dst, src, n);
}

/* A NUL-terminated string of at most max bytes (including the NUL):
 * its length, -EFAULT, or -ENAMETOOLONG. */
long strncpy_from_user(char *dst, u64 src, size_t max);

#define get_user(var, uaddr) copy_from_user(&(var), (uaddr), sizeof(var))
#define put_user(var, uaddr) copy_to_user((uaddr), &(var), sizeof(var))

#endif
