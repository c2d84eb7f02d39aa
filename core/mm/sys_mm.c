// SPDX-License-Identifier: GPL-2.0
/*
 * Memory system calls: argument checks and fd lookup in front of vma.c.
 */
#include "mm.h"
#include "task.h"
#include "uaccess.h"
#include "uapi.h"
#include "vfs.h"

long sys_mmap(u64 addr, u64 len, int prot, int flags, int fd, u64 off)
{
	struct task *t = task_current();
	struct file *f = NULL;
	long r;

	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fd_get(fd);
		if (!f)
			return -EBADF;
		if (f->fmode & FMODE_PATH) {
			file_put(f);
			return -EBADF;
		}
	}
	if (flags & MAP_HUGETLB) {
		if (f)
			file_put(f);
		return -EINVAL;
	}
	r = mm_mmap(t->mm, addr, len, prot, flags, f, (flags & MAP_ANONYMOUS) ? 0 : off);
	if (f)
		file_put(f);
	return r;
}

long sys_munmap(u64 addr, u64 len)
{
	return mm_munmap(task_current()->mm, addr, len);
}

long sys_mprotect(u64 addr, u64 len, int prot)
{
	return mm_mprotect(task_current()->mm, addr, len, prot & ~(PROT_GROWSDOWN | PROT_GROWSUP));
}

long sys_brk(u64 brk)
{
	return mm_brk(task_current()->mm, brk);
}

long sys_mremap(u64 old, u64 oldlen, u64 newlen, int flags, u64 newaddr)
{
	return mm_mremap(task_current()->mm, old, oldlen, newlen, flags, newaddr);
}

long sys_madvise(u64 addr, u64 len, int advice)
{
	return mm_madvise(task_current()->mm, addr, len, advice);
}

long sys_msync(u64 addr, u64 len, int flags)
{
	return mm_msync(task_current()->mm, addr, len, flags);
}

long sys_mincore(u64 addr, u64 len, u64 uvec)
{
	struct mm *mm = task_current()->mm;
	u64 pages, i;
	u8 buf[256];

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	pages = ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT;
	for (i = 0; i < pages; i += sizeof(buf)) {
		u64 j, n = MIN(pages - i, sizeof(buf));

		for (j = 0; j < n; j++) {
			u64 va = addr + (i + j) * PAGE_SIZE;
			struct vma *v = mm_find_vma(mm, va);
			pte_t *pte;

			if (!v || v->start > va)
				return -ENOMEM;
			pte = radix_slot(&mm->pt, va >> PAGE_SHIFT, false);
			buf[j] = (pte && (*pte & PTE_PRESENT)) ? 1 : 0;
		}
		if (copy_to_user(uvec + i, buf, n))
			return -EFAULT;
	}
	return 0;
}

/* Nothing is ever paged out yet, so every mapped page is locked in RAM
 * already; these check the range as Linux does and succeed. */
static long check_mapped(u64 addr, u64 len)
{
	struct mm *mm = task_current()->mm;
	u64 a = ALIGN_DOWN(addr, PAGE_SIZE), end = ALIGN_UP(addr + len, PAGE_SIZE);

	while (a < end) {
		struct vma *v = mm_find_vma(mm, a);

		if (!v || v->start > a)
			return -ENOMEM;
		a = v->end;
	}
	return 0;
}

long sys_mlock(u64 addr, u64 len)
{
	return check_mapped(addr, len);
}

long sys_mlock2(u64 addr, u64 len, int flags)
{
	if (flags & ~1)
		return -EINVAL;
	return check_mapped(addr, len);
}

long sys_munlock(u64 addr, u64 len)
{
	return check_mapped(addr, len);
}

long sys_mlockall(int flags)
{
	if (!flags || (flags & ~7))
		return -EINVAL;
	return 0;
}

long sys_munlockall(void)
{
	return 0;
}
