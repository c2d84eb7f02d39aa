// SPDX-License-Identifier: GPL-2.0
/*
 * Page faults and the host mirror of the page table.
 *
 * A guest access to a page the host process has not mapped (or has mapped
 * without the needed permission) stops the guest; mm_fault resolves it in
 * the page table and queues host mappings, which the backend applies before
 * the guest resumes. SKAS0 cannot tell reads from writes (the x86 error code
 * is not in the siginfo), so a not-present fault maps what a read needs, and
 * a write to a copy-on-write page comes back as SEGV_ACCERR on a page mapped
 * read-only while its VMA is writable: that is the write (gVisor's
 * heuristic). An ACCERR on a page already mapped with everything its VMA
 * allows is a real protection violation.
 *
 * Fault-around (HOST-FACTS: one stop costs ~30 us, a page copy ~0.2 us):
 * an anonymous fault allocates a window of contiguous frames and maps it in
 * one go; a fault right after the previous window doubles the window, up to
 * 1 MiB, so touching 64 MiB takes a few dozen stops, not 16384. File faults
 * map the page cache's resident neighbours the same way.
 */
#include "host.h"
#include "mm.h"
#include "uapi.h"
#include "vfs.h"

#define FAULT_WINDOW_MIN 16
#define FAULT_WINDOW_MAX 256
#define STACK_GUARD_GAP (256ull * PAGE_SIZE) /* Linux's stack_guard_gap */
#define STACK_DEFAULT_LIMIT (8ull << 20)      /* RLIMIT_STACK when no task (boot, tests) */

/* What the host mapping of pte in vma should allow (vma.c's mprotect too). */
int mm_host_prot(const struct vma *v, pte_t pte)
{
	int prot = (int)v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC);

	if (!(pte & PTE_WRITE))
		prot &= ~PROT_WRITE;
	return prot;
}

/* Mirror one present PTE into the host. */
int mm_host_map_pte(struct mm *mm, struct vma *v, u64 va, pte_t *pte)
{
	int prot = mm_host_prot(v, *pte);
	int err;

	if (prot == PROT_NONE) {
		if (*pte & PTE_HOST) {
			err = host_as_unmap(mm->as, va, PAGE_SIZE);
			if (err)
				return err;
		}
		*pte &= ~(PTE_HOST | PTE_HOST_WRITE);
		return 0;
	}
	err = host_as_map(mm->as, va, PAGE_SIZE, prot, mm_frame_off(pte_pfn(*pte)));
	if (err)
		return err;
	*pte |= PTE_HOST;
	if (prot & PROT_WRITE)
		*pte |= PTE_HOST_WRITE;
	else
		*pte &= ~PTE_HOST_WRITE;
	return 0;
}

static u64 vma_file_index(const struct vma *v, u64 va)
{
	return v->pgoff + ((va - v->start) >> PAGE_SHIFT);
}

/* Private copy of the frame behind pte (copy-on-write break). */
static int fault_cow(struct mm *mm, struct vma *v, u64 va, pte_t *pte)
{
	pfn_t old = pte_pfn(*pte), new;
	int err;

	if (!(*pte & PTE_FILE) && mm_frame_refs(old) == 1) {
		*pte |= PTE_WRITE; /* the other sharers are gone: reuse it */
	} else {
		err = mm_frame_alloc(&new);
		if (err)
			return err;
		memcpy(mm_frame_ptr(new), mm_frame_ptr(old), PAGE_SIZE);
		mm_frame_put(old);
		*pte = pte_make(new, PTE_PRESENT | PTE_WRITE);
	}
	return mm_host_map_pte(mm, v, va, pte);
}

/* File page for a file-backed VMA, from the page cache. -EFAULT past EOF. */
static int fault_file_page(struct vma *v, u64 va, bool alloc, pfn_t *pfn)
{
	struct inode *inode = v->file->inode;
	u64 idx = vma_file_index(v, va);

	if (!inode->has_pages)
		return -EIO;
	if ((s64)(idx << PAGE_SHIFT) >= inode->size)
		return -EFAULT;
	return pc_get(&inode->pages, idx, alloc, pfn);
}

static int fault_install_file(struct mm *mm, struct vma *v, u64 va, pte_t *pte, pfn_t pfn)
{
	u64 flags = PTE_PRESENT | PTE_FILE;

	if ((v->flags & VMA_SHARED))
		flags |= PTE_WRITE; /* shared: writes go to the file's page */
	mm_frame_get(pfn);
	*pte = pte_make(pfn, flags);
	mm->rss++;
	return mm_host_map_pte(mm, v, va, pte);
}

/* Map the resident file pages following va (fault-around). */
static void fault_around_file(struct mm *mm, struct vma *v, u64 va, unsigned window)
{
	u64 end = MIN(v->end, va + (u64)window * PAGE_SIZE);

	for (va += PAGE_SIZE; va < end; va += PAGE_SIZE) {
		pte_t *pte = radix_slot(&mm->pt, va >> PAGE_SHIFT, true);
		pfn_t pfn;

		if (!pte || (*pte & PTE_PRESENT))
			break;
		if (fault_file_page(v, va, false, &pfn))
			break;
		if (fault_install_file(mm, v, va, pte, pfn))
			break;
	}
}

/* Allocate and map fresh zero pages for [va, va + window) of an anonymous
 * VMA, stopping at the first page already present. */
static int fault_anon(struct mm *mm, struct vma *v, u64 va, unsigned window)
{
	u64 end = MIN(v->end, va + (u64)window * PAGE_SIZE), fault_va = va, a;
	unsigned want = 0, got, i;
	pfn_t first;
	int err;

	for (a = va; a < end; a += PAGE_SIZE, want++) {
		pte_t *pte = radix_slot(&mm->pt, a >> PAGE_SHIFT, false);

		if (pte && (*pte & PTE_PRESENT))
			break;
	}
	while (want) {
		err = mm_frame_alloc_run(want, &first, &got);
		if (err) /* the faulting page matters, the rest is best effort */
			return va == fault_va ? err : 0;
		for (i = 0; i < got; i++, va += PAGE_SIZE) {
			pte_t *pte = radix_slot(&mm->pt, va >> PAGE_SHIFT, true);

			if (!pte) {
				for (; i < got; i++)
					mm_frame_put(first + i);
				return -ENOMEM;
			}
			*pte = pte_make(first + i, PTE_PRESENT | PTE_WRITE);
			mm->rss++;
		}
		/* One host mapping for the contiguous run. */
		err = host_as_map(mm->as, va - (u64)got * PAGE_SIZE, (u64)got * PAGE_SIZE,
				  mm_host_prot(v, PTE_WRITE), mm_frame_off(first));
		if (err)
			return err;
		for (a = va - (u64)got * PAGE_SIZE; a < va; a += PAGE_SIZE) {
			pte_t *pte = radix_slot(&mm->pt, a >> PAGE_SHIFT, false);

			*pte |= PTE_HOST;
			if (v->prot & PROT_WRITE)
				*pte |= PTE_HOST_WRITE;
		}
		want -= got;
		if ((v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) == 0)
			break;
	}
	return 0;
}

/* Grow a stack VMA down to cover addr, as Linux does (expand_downwards):
 * the stack may not pass RLIMIT_STACK in all, nor come within the guard
 * gap (256 pages) of an accessible mapping below it. Without the limit, an
 * access to a just-unmapped page at the top of the mmap area (128 MiB
 * below the stack) would be taken for stack growth instead of a SIGSEGV. */
static struct vma *fault_grow_stack(struct mm *mm, struct vma *v, u64 addr)
{
	struct task *t = task_current();
	struct vma *prev;
	u64 start = addr & PAGE_MASK;
	u64 limit = t ? task_rlimit(t, RLIMIT_STACK) : STACK_DEFAULT_LIMIT;

	if (!v || !(v->flags & VMA_GROWSDOWN) || addr >= v->start)
		return NULL;
	if (limit != RLIM_INFINITY && v->end - start > limit)
		return NULL;
	prev = v->link.prev != &mm->vmas ? list_entry(v->link.prev, struct vma, link) : NULL;
	if (prev && (start < prev->end ||
		     (!(prev->flags & VMA_GROWSDOWN) &&
		      (prev->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) &&
		      start - prev->end < STACK_GUARD_GAP)))
		return NULL;
	v->start = start;
	return v;
}

int mm_fault(struct mm *mm, u64 addr, int access, int code, int *si_code)
{
	struct vma *v = mm_find_vma(mm, addr);
	u64 va = addr & PAGE_MASK;
	pte_t *pte;
	unsigned window;
	int err;

	*si_code = SEGV_MAPERR;
	if (!v || v->start > addr) {
		v = fault_grow_stack(mm, v, addr);
		if (!v)
			return -EFAULT;
	}
	*si_code = SEGV_ACCERR;
	if (!(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EFAULT;
	if ((access & HOST_ACCESS_WRITE) && !(v->prot & PROT_WRITE))
		return -EFAULT;
	if ((access & HOST_ACCESS_EXEC) && !(v->prot & PROT_EXEC))
		return -EFAULT;
	pte = radix_slot(&mm->pt, va >> PAGE_SHIFT, true);
	if (!pte)
		return -ENOMEM;

	if (*pte & PTE_PRESENT) {
		bool want_write = access & HOST_ACCESS_WRITE;

		/* Inferred write: ACCERR on a page the host maps read-only
		 * although the VMA is writable (copy-on-write). */
		if (code == SEGV_ACCERR && (*pte & PTE_HOST) && !(*pte & PTE_HOST_WRITE) &&
		    (v->prot & PROT_WRITE))
			want_write = true;
		if (want_write && !(*pte & PTE_WRITE))
			return fault_cow(mm, v, va, pte);
		if (code == SEGV_ACCERR && (*pte & PTE_HOST) &&
		    ((*pte & PTE_HOST_WRITE) || !(v->prot & PROT_WRITE)) && !access)
			return -EFAULT; /* mapped with all it may have: a real violation */
		return mm_host_map_pte(mm, v, va, pte);
	}

	/* Not present: choose the window (sequential faults widen it). */
	window = (va == mm->fault_next) ? MIN(mm->fault_window * 2, FAULT_WINDOW_MAX)
					 : FAULT_WINDOW_MIN;
	mm->fault_window = window;
	mm->fault_next = va + (u64)window * PAGE_SIZE;

	if (v->file) {
		pfn_t pfn;

		err = fault_file_page(v, va, true, &pfn);
		if (err == -EFAULT || err == -ENOSPC) {
			/* beyond the end of the file, or a full tmpfs (shmem's
			 * vmf_error): SIGBUS */
			*si_code = BUS_ADRERR;
			return -EIO;
		}
		if (err)
			return err;
		err = fault_install_file(mm, v, va, pte, pfn);
		if (err)
			return err;
		if ((access & HOST_ACCESS_WRITE) && !(v->flags & VMA_SHARED))
			return fault_cow(mm, v, va, pte);
		fault_around_file(mm, v, va, window);
		return 0;
	}
	return fault_anon(mm, v, va, window);
}

/* Map what is resident (and, with alloc, allocate the rest) in [start, end):
 * exec's eager mapping and MAP_POPULATE. Errors only for alloc. */
int mm_populate(struct mm *mm, u64 start, u64 end, bool alloc)
{
	u64 va;
	int code, err;

	for (va = start & PAGE_MASK; va < end; va += PAGE_SIZE) {
		struct vma *v = mm_find_vma(mm, va);
		pte_t *pte;

		if (!v || v->start > va)
			continue;
		pte = radix_slot(&mm->pt, va >> PAGE_SHIFT, false);
		if (pte && (*pte & PTE_PRESENT)) {
			if (!(*pte & PTE_HOST))
				mm_host_map_pte(mm, v, va, pte);
			continue;
		}
		if (v->file) {
			pfn_t pfn;

			if (fault_file_page(v, va, alloc, &pfn))
				continue;
			pte = radix_slot(&mm->pt, va >> PAGE_SHIFT, true);
			if (!pte)
				return -ENOMEM;
			fault_install_file(mm, v, va, pte, pfn);
		} else if (alloc) {
			err = mm_fault(mm, va, HOST_ACCESS_READ, SEGV_MAPERR, &code);
			if (err)
				return err;
		}
	}
	return 0;
}
