// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/mm/vma.c: address spaces over the fake host. mmap
 * placement (top-down, hints, MAP_FIXED), munmap and mprotect splitting
 * VMAs, brk, mremap, madvise, fork's copy-on-write duplicate and exec's
 * reset. The fake host logs what the kernel queued (one unmap per range)
 * and models the host mappings, so a test can check what the guest would
 * see. Pages are faulted in through uaccess (mm_copy_to), as a system call
 * writing guest memory would.
 */
#include <stdio.h>

#include "unit.h"
#include "host_fake.h"
#include "proc_fake.h"
#include "uapi.h"
#include "vfs.h"

#define NFRAMES 512
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define PG(n) ((u64)(n) * PAGE_SIZE)
#define BASE 0x400000ull   /* where MAP_FIXED tests put things */

static struct vma_test_state {
	struct mm *mm;
} vma_test_state;

static int vma_setup(void **state)
{
	fake_host_reset();
	fake_proc_reset();
	if (fake_host_boot() || mm_frames_init(NFRAMES * PAGE_SIZE))
		return -1;
	return mm_create(&vma_test_state.mm) ? -1 : 0;
}

#define MM vma_test_state.mm

struct vma_want {
	u64 start, end;
	u32 prot;
};

/* The VMA list is exactly want[0..n). */
static void expect_vmas_(struct mm *mm, const struct vma_want *want, size_t n)
{
	struct vma *v;
	size_t i = 0;

	list_for_each_entry(v, &mm->vmas, link) {
		if (i >= n)
			fail_msg("extra vma [%#llx, %#llx)", (unsigned long long)v->start,
				 (unsigned long long)v->end);
		if (v->start != want[i].start || v->end != want[i].end || v->prot != want[i].prot)
			fail_msg("vma %zu is [%#llx, %#llx) prot %u, want [%#llx, %#llx) prot %u", i,
				 (unsigned long long)v->start, (unsigned long long)v->end, v->prot,
				 (unsigned long long)want[i].start, (unsigned long long)want[i].end,
				 want[i].prot);
		i++;
	}
	if (i != n)
		fail_msg("%zu vmas, want %zu", i, n);
}
#define expect_vmas(mm, ...)                                                          \
	expect_vmas_(mm, (const struct vma_want[]){ __VA_ARGS__ },                      \
		     sizeof((const struct vma_want[]){ __VA_ARGS__ }) / sizeof(struct vma_want))

static size_t nvmas(struct mm *mm)
{
	struct list_head *p;
	size_t n = 0;

	list_for_each(p, &mm->vmas)
		n++;
	return n;
}

static u64 map_fixed(struct mm *mm, u64 addr, u64 len, int prot)
{
	long r = mm_mmap(mm, addr, len, prot, ANON | MAP_FIXED, NULL, 0);

	assert_int_equal(r, (long)addr);
	return addr;
}

/* Write a byte to each page of [start, end) through uaccess (faults). */
static void touch(struct mm *mm, u64 start, u64 end, u8 byte)
{
	u64 a;

	for (a = start; a < end; a += PAGE_SIZE)
		assert_int_equal(mm_copy_to(mm, a, &byte, 1), 0);
}

static u8 peek(struct mm *mm, u64 addr)
{
	u8 b = 0xee;

	assert_int_equal(mm_copy_from(mm, &b, addr, 1), 0);
	return b;
}

static pte_t pte_at(struct mm *mm, u64 addr)
{
	u64 *slot = radix_slot(&mm->pt, addr >> PAGE_SHIFT, false);

	return slot ? *slot : 0;
}

/* ---- creation and placement ------------------------------------------------------ */

static void create_and_put(void **state)
{
	assert_int_equal(fake_as_live(), 1);
	assert_int_equal(MM->refs, 1);
	assert_int_equal(mm_task_size(), fake_host_config()->task_size);
	assert_int_equal(MM->mmap_base, mm_task_size() - ARCH_MMAP_BASE_GAP);
	assert_true(list_empty(&MM->vmas));
	mm_get(MM);
	mm_put(MM);
	assert_int_equal(fake_as_live(), 1);
	mm_put(MM);
	assert_int_equal(fake_as_live(), 0);
	/* the host refusing an address space fails mm_create */
	fake_host_config()->as_create_err = -EAGAIN;
	assert_int_equal(mm_create(&MM), -EAGAIN);
	assert_int_equal(mm_create(&MM), 0);
}

static void mmap_top_down_and_merge(void **state)
{
	long a, b;

	a = mm_mmap(MM, 0, PG(3), RW, ANON, NULL, 0);
	assert_int_equal(a, (long)(MM->mmap_base - PG(3)));
	b = mm_mmap(MM, 0, 5000, RW, ANON, NULL, 0); /* rounded up to 2 pages */
	assert_int_equal(b, a - (long)PG(2));
	/* same protection, adjacent, anonymous: one VMA */
	expect_vmas(MM, { (u64)b, (u64)a + PG(3), RW });
	/* different protection: its own VMA */
	a = mm_mmap(MM, 0, PG(1), PROT_READ, ANON, NULL, 0);
	assert_int_equal(a, b - (long)PG(1));
	assert_int_equal(nvmas(MM), 2);
	/* mmap maps nothing in the host until a fault */
	assert_int_equal(fake_as_mapped_pages(MM->as), 0);
}

static void mmap_hint_and_fixed(void **state)
{
	long r;

	/* a free, aligned hint is taken */
	assert_int_equal(mm_mmap(MM, 0x10000000, PG(2), RW, ANON, NULL, 0), 0x10000000);
	/* an occupied hint is not */
	r = mm_mmap(MM, 0x10000000, PG(2), RW, ANON, NULL, 0);
	assert_true(r > 0 && r != 0x10000000);
	map_fixed(MM, BASE, PG(4), RW);
	/* MAP_FIXED replaces what was there (a middle piece: see
	 * map_fixed_over_middle) */
	map_fixed(MM, BASE, PG(1), PROT_READ);
	expect_vmas(MM, { BASE, BASE + PG(1), PROT_READ }, { BASE + PG(1), BASE + PG(4), RW },
		    { 0x10000000, 0x10000000 + PG(2), RW }, { (u64)r, (u64)r + PG(2), RW });
	assert_int_equal(mm_mmap(MM, BASE, PG(1), RW, ANON | MAP_FIXED_NOREPLACE, NULL, 0),
			 -EEXIST);
	assert_int_equal(mm_mmap(MM, BASE + 1, PG(1), RW, ANON | MAP_FIXED, NULL, 0), -EINVAL);
	assert_int_equal(mm_mmap(MM, 0, PG(1), RW, ANON | MAP_FIXED, NULL, 0), -EPERM);
	assert_int_equal(mm_mmap(MM, mm_task_size() - PG(1), PG(2), RW, ANON | MAP_FIXED, NULL, 0),
			 -ENOMEM);
	assert_int_equal(mm_mmap(MM, 0, 0, RW, ANON, NULL, 0), -EINVAL);
	assert_int_equal(mm_mmap(MM, 0, PG(1), RW, MAP_ANONYMOUS, NULL, 0), -EINVAL); /* no type */
	assert_int_equal(mm_mmap(MM, 0, mm_task_size() + PG(1), RW, ANON, NULL, 0), -ENOMEM);
}

/* ---- munmap ---------------------------------------------------------------------- */

/* Ranges that start where a VMA starts (a range starting inside one:
 * see munmap_middle). */
static void munmap_splits(void **state)
{
	const struct fake_as_op *op;

	map_fixed(MM, BASE, PG(10), RW);
	fake_as_forget_ops(MM->as);
	/* the head */
	assert_int_equal(mm_munmap(MM, BASE, PG(3)), 0);
	expect_vmas(MM, { BASE + PG(3), BASE + PG(10), RW });
	/* one host change for the range, not one per page */
	assert_int_equal(fake_as_nops(MM->as), 1);
	op = fake_as_op(MM->as, 0);
	assert_int_equal(op->kind, FAKE_AS_UNMAP);
	assert_int_equal(op->va, BASE);
	assert_int_equal(op->len, PG(3));
	/* the length rounds up to pages */
	assert_int_equal(mm_munmap(MM, BASE + PG(3), 1), 0);
	expect_vmas(MM, { BASE + PG(4), BASE + PG(10), RW });
	/* across a whole VMA, a hole and the head of another */
	map_fixed(MM, BASE + PG(12), PG(4), RW);
	assert_int_equal(mm_munmap(MM, BASE + PG(4), PG(10)), 0);
	expect_vmas(MM, { BASE + PG(14), BASE + PG(16), RW });
	/* nothing mapped there: fine */
	assert_int_equal(mm_munmap(MM, 0x50000000, PG(4)), 0);
	assert_int_equal(mm_munmap(MM, BASE + 12, PG(1)), -EINVAL);
	assert_int_equal(mm_munmap(MM, BASE, 0), -EINVAL);
	assert_int_equal(mm_munmap(MM, mm_task_size() - PG(1), PG(2)), -EINVAL);
}

static void munmap_frees_pages(void **state)
{
	u64 free0 = mm_frames_free();

	map_fixed(MM, BASE, PG(8), RW);
	touch(MM, BASE, BASE + PG(8), 0x11);
	assert_int_equal(MM->rss, 8);
	assert_int_equal(mm_frames_free(), free0 - 8);
	assert_true(fake_as_lookup(MM->as, BASE + PG(5), NULL, NULL));
	assert_int_equal(mm_munmap(MM, BASE + PG(4), PG(4)), 0);
	assert_int_equal(MM->rss, 4);
	assert_int_equal(mm_frames_free(), free0 - 4);
	assert_false(fake_as_lookup(MM->as, BASE + PG(5), NULL, NULL));
	assert_true(fake_as_lookup(MM->as, BASE + PG(3), NULL, NULL));
	assert_int_equal(pte_at(MM, BASE + PG(5)), 0);
	/* a new mapping there reads zero, not the old data */
	map_fixed(MM, BASE + PG(4), PG(4), RW);
	assert_int_equal(peek(MM, BASE + PG(5)), 0);
	assert_int_equal(peek(MM, BASE + PG(3)), 0x11);
}

/* ---- mprotect -------------------------------------------------------------------- */

/* A range at the start of a VMA (one inside it: see mprotect_middle). */
static void mprotect_splits(void **state)
{
	int prot;

	map_fixed(MM, BASE + PG(4), PG(6), RW);
	map_fixed(MM, BASE, PG(4), PROT_EXEC); /* a neighbour, so nothing merges */
	touch(MM, BASE + PG(4), BASE + PG(10), 1);
	assert_int_equal(mm_mprotect(MM, BASE + PG(4), PG(2), PROT_READ), 0);
	expect_vmas(MM, { BASE, BASE + PG(4), PROT_EXEC }, { BASE + PG(4), BASE + PG(6), PROT_READ },
		    { BASE + PG(6), BASE + PG(10), RW });
	/* the host sees the new protection on the pages already mapped */
	assert_true(fake_as_lookup(MM->as, BASE + PG(4), &prot, NULL));
	assert_int_equal(prot, PROT_READ);
	assert_true(fake_as_lookup(MM->as, BASE + PG(5), &prot, NULL));
	assert_int_equal(prot, PROT_READ);
	assert_true(fake_as_lookup(MM->as, BASE + PG(6), &prot, NULL));
	assert_int_equal(prot, RW);
	/* the data stays */
	assert_int_equal(peek(MM, BASE + PG(4)), 1);
	/* and the kernel now refuses to write there for the guest */
	assert_int_equal(mm_copy_to(MM, BASE + PG(4), "x", 1), -EFAULT);
	/* PROT_NONE takes the pages out of the host */
	assert_int_equal(mm_mprotect(MM, BASE + PG(4), PG(1), PROT_NONE), 0);
	assert_false(fake_as_lookup(MM->as, BASE + PG(4), NULL, NULL));
	assert_int_equal(mm_copy_from(MM, &prot, BASE + PG(4), 1), -EFAULT);
	assert_true(fake_as_lookup(MM->as, BASE + PG(5), NULL, NULL));
}

/* vma.c's header promises one host change per mprotect range. */
static void mprotect_one_change_per_range(void **state)
{
	map_fixed(MM, BASE, PG(8), RW);
	touch(MM, BASE, BASE + PG(8), 1);
	fake_as_forget_ops(MM->as);
	assert_int_equal(mm_mprotect(MM, BASE, PG(8), PROT_READ), 0);
	assert_int_equal(fake_as_nops(MM->as), 1);
	assert_int_equal(fake_as_op(MM->as, 0)->kind, FAKE_AS_PROTECT);
	/* a page the host does not have splits the run; a copy-on-write page
	 * (fork) stays read-only when the rest becomes writable */
	assert_int_equal(mm_madvise(MM, BASE + PG(3), PG(1), MADV_DONTNEED), 0);
	fake_as_forget_ops(MM->as);
	assert_int_equal(mm_mprotect(MM, BASE, PG(8), PROT_NONE), 0);
	assert_int_equal(fake_as_nops(MM->as), 2);
	assert_int_equal(fake_as_op(MM->as, 0)->kind, FAKE_AS_UNMAP);
	assert_int_equal(fake_as_op(MM->as, 0)->len, PG(3));
	assert_int_equal(fake_as_op(MM->as, 1)->len, PG(4));
	assert_int_equal(fake_as_mapped_pages(MM->as), 0);
	/* PROT_NONE pages left the host: making them readable maps nothing
	 * (faults will) */
	fake_as_forget_ops(MM->as);
	assert_int_equal(mm_mprotect(MM, BASE, PG(8), RW), 0);
	assert_int_equal(fake_as_nops(MM->as), 0);
	assert_int_equal(peek(MM, BASE + PG(7)), 1);
}

/* Pages with different host protections are separate changes. */
static void mprotect_keeps_cow_read_only(void **state)
{
	struct mm *child;
	int prot;

	map_fixed(MM, BASE, PG(4), RW);
	touch(MM, BASE, BASE + PG(4), 2);
	assert_int_equal(mm_fork(MM, &child), 0);  /* all four copy-on-write now */
	touch(MM, BASE + PG(1), BASE + PG(2), 3);  /* page 1 copied: writable again */
	fake_as_forget_ops(MM->as);
	assert_int_equal(mm_mprotect(MM, BASE, PG(4), RW | PROT_EXEC), 0);
	assert_int_equal(fake_as_nops(MM->as), 3);
	assert_true(fake_as_lookup(MM->as, BASE, &prot, NULL));
	assert_int_equal(prot, PROT_READ | PROT_EXEC);
	assert_true(fake_as_lookup(MM->as, BASE + PG(1), &prot, NULL));
	assert_int_equal(prot, RW | PROT_EXEC);
	assert_true(fake_as_lookup(MM->as, BASE + PG(3), &prot, NULL));
	assert_int_equal(prot, PROT_READ | PROT_EXEC);
	mm_put(child);
}

static void mprotect_errors(void **state)
{
	map_fixed(MM, BASE, PG(2), RW);
	map_fixed(MM, BASE + PG(3), PG(2), RW);
	/* a hole in the range: ENOMEM, and nothing changed */
	assert_int_equal(mm_mprotect(MM, BASE, PG(5), PROT_READ), -ENOMEM);
	expect_vmas(MM, { BASE, BASE + PG(2), RW }, { BASE + PG(3), BASE + PG(5), RW });
	assert_int_equal(mm_mprotect(MM, BASE + 1, PG(1), PROT_READ), -EINVAL);
	assert_int_equal(mm_mprotect(MM, BASE, PG(1), 0x80), -EINVAL);
	assert_int_equal(mm_mprotect(MM, BASE, 0, PROT_READ), 0);
	assert_int_equal(mm_mprotect(MM, 0x60000000, PG(1), PROT_READ), -ENOMEM);
}

/* ---- brk, mremap, madvise ---------------------------------------------------------- */

static void brk(void **state)
{
	u64 start = 0x600000;

	MM->brk_start = MM->brk = start;
	assert_int_equal(mm_brk(MM, 0), (long)start);       /* query */
	assert_int_equal(mm_brk(MM, start + 5000), (long)(start + 5000));
	expect_vmas(MM, { start, start + PG(2), RW });
	assert_true(list_first_entry(&MM->vmas, struct vma, link)->flags & VMA_HEAP);
	touch(MM, start, start + PG(2), 9);
	assert_int_equal(mm_brk(MM, start + PG(5)), (long)(start + PG(5)));
	expect_vmas(MM, { start, start + PG(5), RW });     /* grown in place */
	assert_int_equal(peek(MM, start + PG(1)), 9);
	/* shrinking: see brk_shrink */
	/* below the start: refused, the old break returned */
	assert_int_equal(mm_brk(MM, start - PG(1)), (long)(start + PG(5)));
	/* into another mapping: refused */
	map_fixed(MM, start + PG(6), PG(1), RW);
	assert_int_equal(mm_brk(MM, start + PG(7)), (long)(start + PG(5)));
}

static void mremap(void **state)
{
	long r;

	map_fixed(MM, BASE, PG(2), RW);
	touch(MM, BASE, BASE + PG(2), 0x42);
	/* shrinking: see mremap_shrink */
	/* grow in place into free space */
	assert_int_equal(mm_mremap(MM, BASE, PG(2), PG(3), 0, 0), (long)BASE);
	expect_vmas(MM, { BASE, BASE + PG(3), RW });
	assert_int_equal(peek(MM, BASE + PG(2)), 0); /* the new page is fresh */
	/* blocked: ENOMEM without MAYMOVE, a move with it */
	map_fixed(MM, BASE + PG(3), PG(1), PROT_READ);
	assert_int_equal(mm_mremap(MM, BASE, PG(3), PG(6), 0, 0), -ENOMEM);
	r = mm_mremap(MM, BASE, PG(3), PG(6), MREMAP_MAYMOVE, 0);
	assert_true(r > 0 && (u64)r != BASE);
	assert_int_equal(peek(MM, (u64)r), 0x42);            /* the pages moved with it */
	assert_int_equal(peek(MM, (u64)r + PG(1)), 0x42);
	assert_false(fake_as_lookup(MM->as, BASE, NULL, NULL)); /* and left the host */
	assert_int_equal(mm_copy_from(MM, &r, BASE, 1), -EFAULT);
	/* errors */
	assert_int_equal(mm_mremap(MM, 0x70000000, PG(1), PG(2), MREMAP_MAYMOVE, 0), -EFAULT);
	assert_int_equal(mm_mremap(MM, BASE + PG(3), PG(1), 0, 0, 0), -EINVAL);
	assert_int_equal(mm_mremap(MM, BASE + 1, PG(1), PG(2), 0, 0), -EINVAL);
	assert_int_equal(mm_mremap(MM, BASE + PG(3), PG(1), PG(2), MREMAP_FIXED, 0), -EINVAL);
}

/* MREMAP_FIXED next to the source: the two anonymous VMAs were merged into
 * one, and clearing the target splits it. The move must use the VMA that
 * holds the source after that, and leave nothing at the old address. */
static void mremap_fixed_into_neighbour(void **state)
{
	u64 src = BASE + PG(4), dst = BASE;

	map_fixed(MM, dst, PG(4), RW);
	map_fixed(MM, src, PG(2), RW);
	expect_vmas(MM, { dst, src + PG(2), RW }); /* one VMA */
	touch(MM, dst, dst + PG(4), 0x55);
	touch(MM, src, src + PG(2), 0x66);
	assert_int_equal(mm_mremap(MM, src, PG(2), PG(2), MREMAP_MAYMOVE | MREMAP_FIXED, dst + PG(1)),
			 (long)(dst + PG(1)));
	expect_vmas(MM, { dst, dst + PG(1), RW }, { dst + PG(1), dst + PG(3), RW },
		    { dst + PG(3), dst + PG(4), RW });
	assert_int_equal(peek(MM, dst), 0x55);
	assert_int_equal(peek(MM, dst + PG(1)), 0x66);
	assert_int_equal(peek(MM, dst + PG(2)), 0x66);
	assert_int_equal(peek(MM, dst + PG(3)), 0x55);
	assert_null(mm_find_vma(MM, src));
	assert_false(fake_as_lookup(MM->as, src, NULL, NULL));
	assert_false(pte_at(MM, src) & PTE_PRESENT);
}

/* MREMAP_DONTUNMAP moves the pages and leaves the old VMA, empty. */
static void mremap_dontunmap(void **state)
{
	long r;

	map_fixed(MM, BASE, PG(2), RW);
	touch(MM, BASE, BASE + PG(2), 0x11);
	assert_int_equal(mm_mremap(MM, BASE, PG(2), PG(3), MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0),
			 -EINVAL); /* sizes must match */
	assert_int_equal(mm_mremap(MM, BASE, PG(2), PG(2), MREMAP_DONTUNMAP, 0), -EINVAL);
	r = mm_mremap(MM, BASE, PG(2), PG(2), MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	assert_true(r > 0 && (u64)r != BASE);
	assert_int_equal(peek(MM, (u64)r + PG(1)), 0x11);
	assert_non_null(mm_find_vma(MM, BASE));
	assert_int_equal(mm_find_vma(MM, BASE)->start, BASE);
	assert_int_equal(peek(MM, BASE), 0); /* fresh anonymous memory */
}

/* RLIMIT_AS bounds mmap, brk and mremap growth (ENOMEM); what MAP_FIXED
 * replaces does not count twice. */
static void rlimit_as(void **state)
{
	struct task *t = fake_task_new(1);

	fake_set_current(t);
	t->proc->rlim[RLIMIT_AS].cur = PG(8);
	map_fixed(MM, BASE, PG(6), RW);
	assert_int_equal(mm_mmap(MM, 0, PG(3), RW, ANON, NULL, 0), -ENOMEM);
	assert_true(mm_mmap(MM, 0, PG(2), RW, ANON, NULL, 0) > 0);
	map_fixed(MM, BASE, PG(6), PROT_READ); /* replacing is fine */
	assert_int_equal(mm_mremap(MM, BASE, PG(6), PG(7), MREMAP_MAYMOVE, 0), -ENOMEM);
	MM->brk_start = MM->brk = 0x900000;
	assert_int_equal(mm_brk(MM, 0x900000 + 1), 0x900000); /* refused: old break */
	assert_int_equal(mm_munmap(MM, BASE, PG(1)), 0);
	assert_int_equal(mm_brk(MM, 0x900000 + 1), 0x900000 + 1);
	fake_set_current(NULL);
}

static void madvise_dontneed(void **state)
{
	u64 free0;

	map_fixed(MM, BASE, PG(4), RW);
	touch(MM, BASE, BASE + PG(4), 0x33);
	free0 = mm_frames_free();
	assert_int_equal(mm_madvise(MM, BASE + PG(1), PG(2), MADV_DONTNEED), 0);
	assert_int_equal(mm_frames_free(), free0 + 2);
	assert_int_equal(peek(MM, BASE + PG(1)), 0); /* anonymous: zero again */
	assert_int_equal(peek(MM, BASE + PG(3)), 0x33);
	assert_int_equal(mm_madvise(MM, BASE, PG(4), MADV_NORMAL), 0);
	assert_int_equal(mm_madvise(MM, BASE, PG(4), 99), -EINVAL);
	assert_int_equal(mm_madvise(MM, BASE, PG(5), MADV_NORMAL), -ENOMEM); /* a hole */
	assert_int_equal(mm_madvise(MM, BASE + 1, PG(1), MADV_NORMAL), -EINVAL);
}

/* ---- fork and exec ------------------------------------------------------------------- */

static void fork_write_protects_and_shares(void **state)
{
	struct mm *child;
	const struct fake_as_op *op;
	size_t i;
	int prot;

	map_fixed(MM, BASE, PG(4), RW);
	touch(MM, BASE, BASE + PG(4), 0x77);
	MM->brk_start = MM->brk = 0x900000;
	fake_as_forget_ops(MM->as);
	assert_int_equal(mm_fork(MM, &child), 0);
	/* the parent's writable pages were write-protected in its host process
	 * before the host copied it */
	assert_true(fake_as_nops(MM->as) >= 1);
	for (i = 0; i < fake_as_nops(MM->as); i++) {
		op = fake_as_op(MM->as, i);
		assert_int_equal(op->kind, FAKE_AS_PROTECT);
		assert_int_equal(op->prot, PROT_READ);
	}
	assert_true(fake_as_lookup(MM->as, BASE + PG(2), &prot, NULL));
	assert_int_equal(prot, PROT_READ);
	assert_int_equal(fake_as_cloned(), 1);
	assert_int_equal(fake_as_live(), 2);
	/* the child's host process is that copy: same pages, read-only */
	assert_true(fake_as_lookup(child->as, BASE + PG(2), &prot, NULL));
	assert_int_equal(prot, PROT_READ);
	/* both page tables share the frames, copy-on-write */
	for (i = 0; i < 4; i++) {
		pte_t pp = pte_at(MM, BASE + PG(i)), cp = pte_at(child, BASE + PG(i));

		assert_true(pp & PTE_PRESENT);
		assert_int_equal(pte_pfn(pp), pte_pfn(cp));
		assert_false(pp & PTE_WRITE);
		assert_false(cp & PTE_WRITE);
		assert_int_equal(mm_frame_refs(pte_pfn(pp)), 2);
	}
	assert_int_equal(child->rss, 4);
	assert_int_equal(child->brk, 0x900000);
	expect_vmas(child, { BASE, BASE + PG(4), RW });
	assert_int_equal(peek(child, BASE + PG(3)), 0x77);
	/* the child going away gives the references back */
	mm_put(child);
	assert_int_equal(mm_frame_refs(pte_pfn(pte_at(MM, BASE))), 1);
	assert_int_equal(fake_as_live(), 1);
}

static void fork_without_host_clone(void **state)
{
	struct mm *child;
	int prot;

	fake_host_config()->can_clone_as = false;
	assert_int_equal(fake_host_boot(), 0); /* caps are read at init */
	map_fixed(MM, BASE, PG(2), RW);
	touch(MM, BASE, BASE + PG(2), 5);
	assert_int_equal(mm_fork(MM, &child), 0);
	assert_int_equal(fake_as_cloned(), 0);
	assert_int_equal(fake_as_created(), 2);
	/* a fresh host process: nothing mapped, PTEs not marked as in the host */
	assert_int_equal(fake_as_mapped_pages(child->as), 0);
	assert_false(pte_at(child, BASE) & PTE_HOST);
	assert_true(pte_at(child, BASE) & PTE_PRESENT);
	/* a read fault maps the shared frame read-only */
	assert_int_equal(peek(child, BASE), 5);
	{
		int code;

		assert_int_equal(mm_fault(child, BASE + PG(1), HOST_ACCESS_READ, SEGV_MAPERR, &code), 0);
	}
	assert_true(fake_as_lookup(child->as, BASE + PG(1), &prot, NULL));
	assert_int_equal(prot, PROT_READ);
	mm_put(child);
}

static void fork_dontfork_and_wipeonfork(void **state)
{
	struct mm *child;

	map_fixed(MM, BASE, PG(2), RW);
	map_fixed(MM, BASE + PG(4), PG(2), PROT_READ);
	map_fixed(MM, BASE + PG(8), PG(2), RW);
	touch(MM, BASE, BASE + PG(2), 1);
	touch(MM, BASE + PG(8), BASE + PG(10), 3);
	assert_int_equal(mm_madvise(MM, BASE, PG(2), MADV_DONTFORK), 0);
	assert_int_equal(mm_madvise(MM, BASE + PG(8), PG(2), MADV_WIPEONFORK), 0);
	assert_int_equal(mm_fork(MM, &child), 0);
	/* DONTFORK: no VMA; WIPEONFORK: the VMA, empty */
	expect_vmas(child, { BASE + PG(4), BASE + PG(6), PROT_READ }, { BASE + PG(8), BASE + PG(10), RW });
	assert_false(fake_as_lookup(child->as, BASE, NULL, NULL));
	assert_false(fake_as_lookup(child->as, BASE + PG(8), NULL, NULL));
	assert_int_equal(peek(child, BASE + PG(8)), 0);
	assert_int_equal(peek(MM, BASE + PG(8)), 3);
	assert_int_equal(child->rss, 2); /* the fault window filled its VMA */
	mm_put(child);
}

static void shared_anon_survives_fork(void **state)
{
	struct mm *child;
	long a;

	a = mm_mmap(MM, 0, PG(2), RW, MAP_SHARED | MAP_ANONYMOUS, NULL, 0);
	assert_true(a > 0);
	touch(MM, (u64)a, (u64)a + PG(2), 1);
	assert_int_equal(mm_fork(MM, &child), 0);
	/* no copy-on-write for shared memory: each sees the other's writes */
	assert_int_equal(mm_copy_to(child, (u64)a + 10, "c", 1), 0);
	assert_int_equal(peek(MM, (u64)a + 10), 'c');
	assert_int_equal(mm_copy_to(MM, (u64)a + PG(1), "p", 1), 0);
	assert_int_equal(peek(child, (u64)a + PG(1)), 'p');
	mm_put(child);
}

static void clear_for_exec(void **state)
{
	const struct fake_as_op *op;
	u64 free0 = mm_frames_free();

	map_fixed(MM, BASE, PG(3), RW);
	touch(MM, BASE, BASE + PG(3), 1);
	MM->brk_start = MM->brk = 0x800000;
	fake_as_forget_ops(MM->as);
	assert_int_equal(mm_clear(MM), 0);
	assert_true(list_empty(&MM->vmas));
	assert_int_equal(MM->rss, 0);
	assert_int_equal(MM->brk, 0);
	assert_int_equal(mm_frames_free(), free0);
	assert_int_equal(fake_as_mapped_pages(MM->as), 0);
	/* one unmap of everything */
	assert_int_equal(fake_as_nops(MM->as), 1);
	op = fake_as_op(MM->as, 0);
	assert_int_equal(op->kind, FAKE_AS_UNMAP);
	assert_int_equal(op->va, 0x1000);
	assert_int_equal(op->va + op->len, mm_task_size());
}

static void put_releases_everything(void **state)
{
	u64 free0 = mm_frames_free();

	map_fixed(MM, BASE, PG(20), RW);
	touch(MM, BASE, BASE + PG(20), 1);
	assert_true(mm_frames_free() < free0);
	mm_put(MM);
	assert_int_equal(mm_frames_free(), free0);
	assert_int_equal(fake_as_live(), 0);
}

static void get_unmapped_fills_gaps(void **state)
{
	u64 top = MM->mmap_base;

	map_fixed(MM, top - PG(2), PG(2), RW);
	map_fixed(MM, top - PG(6), PG(2), RW); /* a two-page gap between */
	assert_int_equal(mm_get_unmapped(MM, 0, PG(2)), (long)(top - PG(4)));
	assert_int_equal(mm_get_unmapped(MM, 0, PG(3)), (long)(top - PG(9)));
	assert_int_equal(mm_get_unmapped(MM, 0, mm_task_size() + PG(1)), -ENOMEM);
}

/* ---- ranges starting inside a VMA ---------------------------------------------------
 * The split puts the upper part right after the VMA, and the walk must
 * visit it next (list_for_each_entry_safe has already taken the old next):
 * fixed in main 8163100, these are its regression tests.
 */

static void munmap_middle(void **state)
{
	u8 b;

	map_fixed(MM, BASE, PG(10), RW);
	assert_int_equal(mm_munmap(MM, BASE + PG(3), PG(2)), 0);
	expect_vmas(MM, { BASE, BASE + PG(3), RW }, { BASE + PG(5), BASE + PG(10), RW });
	assert_int_equal(mm_copy_from(MM, &b, BASE + PG(3), 1), -EFAULT);
}

static void map_fixed_over_middle(void **state)
{
	map_fixed(MM, BASE, PG(4), RW);
	map_fixed(MM, BASE + PG(1), PG(1), PROT_READ);
	expect_vmas(MM, { BASE, BASE + PG(1), RW }, { BASE + PG(1), BASE + PG(2), PROT_READ },
		    { BASE + PG(2), BASE + PG(4), RW });
}

static void mprotect_middle(void **state)
{
	map_fixed(MM, BASE, PG(10), RW);
	assert_int_equal(mm_mprotect(MM, BASE + PG(4), PG(2), PROT_READ), 0);
	expect_vmas(MM, { BASE, BASE + PG(4), RW }, { BASE + PG(4), BASE + PG(6), PROT_READ },
		    { BASE + PG(6), BASE + PG(10), RW });
	assert_int_equal(mm_copy_to(MM, BASE + PG(4), "x", 1), -EFAULT);
}

static void brk_shrink(void **state)
{
	u64 start = 0x600000;

	MM->brk_start = MM->brk = start;
	assert_int_equal(mm_brk(MM, start + PG(5)), (long)(start + PG(5)));
	touch(MM, start, start + PG(5), 9);
	assert_int_equal(mm_brk(MM, start + 10), (long)(start + 10));
	expect_vmas(MM, { start, start + PG(1), RW });
	assert_int_equal(MM->rss, 1);
	/* and it grows back (glibc's malloc trims, then grows again) */
	assert_int_equal(mm_brk(MM, start + PG(3)), (long)(start + PG(3)));
	expect_vmas(MM, { start, start + PG(3), RW });
}

static void mremap_shrink(void **state)
{
	map_fixed(MM, BASE, PG(4), RW);
	touch(MM, BASE, BASE + PG(4), 0x42);
	assert_int_equal(mm_mremap(MM, BASE, PG(4), PG(2), 0, 0), (long)BASE);
	expect_vmas(MM, { BASE, BASE + PG(2), RW });
	assert_int_equal(MM->rss, 2);
}

#define T(fn) cmocka_unit_test_setup(fn, vma_setup)
static const struct CMUnitTest vma_tests[] = {
	T(create_and_put),
	T(mmap_top_down_and_merge),
	T(mmap_hint_and_fixed),
	T(munmap_splits),
	T(munmap_frees_pages),
	T(mprotect_splits),
	T(mprotect_one_change_per_range),
	T(mprotect_keeps_cow_read_only),
	T(mprotect_errors),
	T(brk),
	T(mremap),
	T(mremap_fixed_into_neighbour),
	T(mremap_dontunmap),
	T(rlimit_as),
	T(madvise_dontneed),
	T(fork_write_protects_and_shares),
	T(fork_without_host_clone),
	T(fork_dontfork_and_wipeonfork),
	T(shared_anon_survives_fork),
	T(clear_for_exec),
	T(put_releases_everything),
	T(get_unmapped_fills_gaps),
	T(munmap_middle),
	T(map_fixed_over_middle),
	T(mprotect_middle),
	T(brk_shrink),
	T(mremap_shrink),
};

UNIT_SUITE(unit_suite_mm_vma, "core/mm/vma.c", vma_tests, NULL, NULL);
