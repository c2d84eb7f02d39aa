// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel access to guest memory. The kernel maps all of guest RAM, so
 * reaching a guest byte is a page-table walk to its frame, never a host
 * call. A page that is not present (or is copy-on-write, for writes) goes
 * through mm_fault first, exactly as if the guest had touched it; the VMA's
 * protection is checked like a user access (Linux's copy_*_user). Partial
 * variants return how much was done before the first inaccessible byte.
 */
#include "host.h"
#include "mm.h"
#include "task.h"
#include "uapi.h"
#include "uaccess.h"

/* A kernel pointer to the byte at guest address va, valid to the end of
 * its page, or NULL if the guest could not access it that way. */
static void *uaccess_page(struct mm *mm, u64 va, bool write)
{
	struct vma *v;
	pte_t *pte;
	int code;

	if (va >= mm_task_size())
		return NULL;
	v = mm_find_vma(mm, va);
	if (!v || v->start > va) {
		if (mm_fault(mm, va, write ? HOST_ACCESS_WRITE : HOST_ACCESS_READ, SEGV_MAPERR, &code))
			return NULL;
		v = mm_find_vma(mm, va);
		if (!v || v->start > va)
			return NULL;
	}
	if (!(v->prot & (write ? PROT_WRITE : PROT_READ)))
		return NULL;
	pte = radix_slot(&mm->pt, va >> PAGE_SHIFT, false);
	if (!pte || !(*pte & PTE_PRESENT) || (write && !(*pte & PTE_WRITE))) {
		if (mm_fault(mm, va, write ? HOST_ACCESS_WRITE : HOST_ACCESS_READ, SEGV_MAPERR, &code))
			return NULL;
		pte = radix_slot(&mm->pt, va >> PAGE_SHIFT, false);
		if (!pte || !(*pte & PTE_PRESENT) || (write && !(*pte & PTE_WRITE)))
			return NULL;
	}
	return (char *)mm_frame_ptr(pte_pfn(*pte)) + (va & (PAGE_SIZE - 1));
}

size_t mm_copy_from_partial(struct mm *mm, void *dst, u64 src, size_t n)
{
	size_t done = 0;

	while (done < n) {
		u64 va = src + done;
		size_t chunk = MIN(n - done, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		void *p;

		if (va < src)
			break; /* wrapped */
		p = uaccess_page(mm, va, false);
		if (!p)
			break;
		memcpy((char *)dst + done, p, chunk);
		done += chunk;
	}
	return done;
}

size_t mm_copy_to_partial(struct mm *mm, u64 dst, const void *src, size_t n)
{
	size_t done = 0;

	while (done < n) {
		u64 va = dst + done;
		size_t chunk = MIN(n - done, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		void *p;

		if (va < dst)
			break;
		p = uaccess_page(mm, va, true);
		if (!p)
			break;
		memcpy(p, (const char *)src + done, chunk);
		done += chunk;
	}
	return done;
}

int mm_copy_from(struct mm *mm, void *dst, u64 src, size_t n)
{
	return mm_copy_from_partial(mm, dst, src, n) == n ? 0 : -EFAULT;
}

int mm_copy_to(struct mm *mm, u64 dst, const void *src, size_t n)
{
	return mm_copy_to_partial(mm, dst, src, n) == n ? 0 : -EFAULT;
}

int mm_user_frame(struct mm *mm, u64 addr, bool write, pfn_t *pfn)
{
	pte_t *pte;

	if (!uaccess_page(mm, addr, write))
		return -EFAULT;
	pte = radix_slot(&mm->pt, addr >> PAGE_SHIFT, false);
	*pfn = pte_pfn(*pte);
	return 0;
}

long strncpy_from_user(char *dst, u64 src, size_t max)
{
	struct mm *mm = task_current()->mm;
	size_t done = 0;

	while (done < max) {
		u64 va = src + done;
		size_t chunk = MIN(max - done, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		const char *p = uaccess_page(mm, va, false);
		const char *nul;

		if (!p)
			return -EFAULT;
		nul = memchr(p, 0, chunk);
		if (nul) {
			memcpy(dst + done, p, (size_t)(nul - p) + 1);
			return (long)(done + (size_t)(nul - p));
		}
		memcpy(dst + done, p, chunk);
		done += chunk;
	}
	return -ENAMETOOLONG;
}
