// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/mm/fault.c: page faults over the fake host. What a
 * fault maps (fault-around windows of contiguous frames, one host map per
 * run), SKAS0's inferred writes (access unknown, SEGV_ACCERR on a page the
 * host maps read-only), copy-on-write after mm_fork, file mappings over the
 * page cache (shared, private, past EOF), stack growth, MAP_POPULATE and
 * running out of guest RAM. The host's view is the fake's page model.
 */
#include <stdio.h>

#include "unit.h"
#include "host_fake.h"
#include "proc_fake.h"
#include "uapi.h"
#include "vfs.h"

#define NFRAMES 1024
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define PG(n) ((u64)(n) * PAGE_SIZE)
#define BASE 0x400000ull
#define WINDOW_MIN 16          /* FAULT_WINDOW_MIN in fault.c */
#define WINDOW_MAX 256         /* FAULT_WINDOW_MAX */

static struct fault_test_state {
	struct mm *mm;
} fault_test_state;

#define MM fault_test_state.mm

/* mm_frames_init keeps the allocator's rotating hint, so a test's fault
 * window could straddle the end of RAM and take two runs. Take every frame
 * from the hint to the end in one run and give them back: the next search
 * wraps to frame 0, and windows are one run again. */
static void rewind_frame_hint(void)
{
	pfn_t first;
	unsigned got, i;

	if (mm_frame_alloc_run(NFRAMES, &first, &got))
		return;
	for (i = 0; i < got; i++)
		mm_frame_put(first + i);
}

static int fault_setup(void **state)
{
	fake_host_reset();
	fake_proc_reset();
	if (fake_host_boot() || mm_frames_init(NFRAMES * PAGE_SIZE))
		return -1;
	rewind_frame_hint();
	return mm_create(&MM) ? -1 : 0;
}

/* MAP_FIXED mapping; the host log is cleared after it (MAP_FIXED queues
 * an unmap of whatever was there). */
static u64 map_fixed(struct mm *mm, u64 addr, u64 len, int prot, int flags)
{
	long r = mm_mmap(mm, addr, len, prot, flags | MAP_FIXED, NULL, 0);

	assert_int_equal(r, (long)addr);
	fake_as_forget_ops(mm->as);
	return addr;
}

static pte_t pte_at(struct mm *mm, u64 addr)
{
	u64 *slot = radix_slot(&mm->pt, addr >> PAGE_SHIFT, false);

	return slot ? *slot : 0;
}

static int fault(struct mm *mm, u64 addr, int access, int code, int *si_code)
{
	int dummy;

	return mm_fault(mm, addr, access, code, si_code ? si_code : &dummy);
}

/* The only host change since the last forget is map [va, va+len) prot. */
static const struct fake_as_op *expect_one_map(struct mm *mm, u64 va, u64 len, int prot)
{
	const struct fake_as_op *op;

	assert_int_equal(fake_as_nops(mm->as), 1);
	op = fake_as_op(mm->as, 0);
	assert_int_equal(op->kind, FAKE_AS_MAP);
	assert_int_equal(op->va, va);
	assert_int_equal(op->len, len);
	assert_int_equal(op->prot, prot);
	fake_as_forget_ops(mm->as);
	return op;
}

/* ---- anonymous memory -------------------------------------------------------------- */

static void anon_fault_maps_a_window(void **state)
{
	const struct fake_as_op *op;
	u64 off;
	unsigned i;
	int prot;

	map_fixed(MM, BASE, PG(64), RW, ANON);
	assert_int_equal(fault(MM, BASE + 100, 0, SEGV_MAPERR, NULL), 0);
	/* one host map of WINDOW_MIN contiguous zeroed frames */
	assert_int_equal(fake_as_nops(MM->as), 1);
	op = fake_as_op(MM->as, 0);
	assert_int_equal(op->kind, FAKE_AS_MAP);
	assert_int_equal(op->va, BASE);
	assert_int_equal(op->len, PG(WINDOW_MIN));
	assert_int_equal(op->prot, RW);
	off = op->off;
	assert_int_equal(MM->rss, WINDOW_MIN);
	for (i = 0; i < WINDOW_MIN; i++) {
		pte_t pte = pte_at(MM, BASE + PG(i));

		assert_int_equal(pte & (PTE_PRESENT | PTE_WRITE | PTE_HOST | PTE_HOST_WRITE),
				 PTE_PRESENT | PTE_WRITE | PTE_HOST | PTE_HOST_WRITE);
		assert_int_equal(mm_frame_off(pte_pfn(pte)), off + PG(i));
		assert_int_equal(mm_frame_refs(pte_pfn(pte)), 1);
	}
	assert_int_equal(pte_at(MM, BASE + PG(WINDOW_MIN)), 0);
	/* what the host would show the guest: the frames, writable */
	assert_true(fake_as_lookup(MM->as, BASE + PG(3) + 5, &prot, &off));
	assert_int_equal(prot, RW);
	assert_int_equal(off, mm_frame_off(pte_pfn(pte_at(MM, BASE + PG(3)))) + 5);
	assert_false(fake_as_lookup(MM->as, BASE + PG(WINDOW_MIN), NULL, NULL));
}

static void sequential_faults_widen_the_window(void **state)
{
	static const unsigned want[] = { 16, 32, 64, 128, 256, 256 };
	u64 va = BASE;
	size_t i;

	map_fixed(MM, BASE, PG(800), RW, ANON);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		fake_as_forget_ops(MM->as);
		assert_int_equal(fault(MM, va, 0, SEGV_MAPERR, NULL), 0);
		expect_one_map(MM, va, PG(want[i]), RW);
		va += PG(want[i]);
	}
	/* a fault elsewhere starts small again */
	fake_as_forget_ops(MM->as);
	assert_int_equal(fault(MM, va + PG(10), 0, SEGV_MAPERR, NULL), 0);
	expect_one_map(MM, va + PG(10), PG(WINDOW_MIN), RW);
}

static void window_stops_at_vma_end_and_present_pages(void **state)
{
	map_fixed(MM, BASE, PG(20), RW, ANON);
	map_fixed(MM, BASE + PG(20), PG(20), PROT_READ, ANON);
	assert_int_equal(fault(MM, BASE + PG(10), 0, SEGV_MAPERR, NULL), 0);
	expect_one_map(MM, BASE + PG(10), PG(10), RW); /* not into the next VMA */
	assert_int_equal(fault(MM, BASE + PG(4), 0, SEGV_MAPERR, NULL), 0);
	expect_one_map(MM, BASE + PG(4), PG(6), RW);   /* up to the present pages */
	assert_int_equal(MM->rss, 16);
}

static void read_only_and_none(void **state)
{
	int code;

	map_fixed(MM, BASE, PG(4), PROT_READ, ANON);
	map_fixed(MM, BASE + PG(4), PG(4), PROT_NONE, ANON);
	assert_int_equal(fault(MM, BASE, 0, SEGV_MAPERR, NULL), 0);
	expect_one_map(MM, BASE, PG(4), PROT_READ);
	/* a write the host reports with its access bits */
	assert_int_equal(fault(MM, BASE, HOST_ACCESS_WRITE, SEGV_ACCERR, &code), -EFAULT);
	assert_int_equal(code, SEGV_ACCERR);
	/* SKAS0: access unknown, ACCERR on a page mapped with all its VMA
	 * allows is a real violation, not a copy-on-write */
	assert_int_equal(fault(MM, BASE + PG(1), 0, SEGV_ACCERR, &code), -EFAULT);
	assert_int_equal(code, SEGV_ACCERR);
	assert_int_equal(fault(MM, BASE + PG(4), 0, SEGV_MAPERR, &code), -EFAULT);
	assert_int_equal(code, SEGV_ACCERR);
	assert_int_equal(fault(MM, BASE, HOST_ACCESS_EXEC, SEGV_ACCERR, &code), -EFAULT);
	assert_int_equal(fake_as_nops(MM->as), 0);
}

static void no_vma_is_maperr(void **state)
{
	int code = 0;

	map_fixed(MM, BASE, PG(2), RW, ANON);
	map_fixed(MM, BASE + PG(4), PG(2), RW, ANON);
	assert_int_equal(fault(MM, BASE + PG(2), 0, SEGV_MAPERR, &code), -EFAULT);
	assert_int_equal(code, SEGV_MAPERR);
	assert_int_equal(fault(MM, 0, 0, SEGV_MAPERR, &code), -EFAULT);
	assert_int_equal(code, SEGV_MAPERR);
	assert_int_equal(fault(MM, BASE + PG(100), 0, SEGV_MAPERR, &code), -EFAULT);
	assert_int_equal(fake_as_nops(MM->as), 0);
	assert_int_equal(MM->rss, 0);
}

/* ---- copy-on-write after fork -------------------------------------------------------- */

static void cow_after_fork(void **state)
{
	struct mm *child;
	pfn_t shared, copy;
	const struct fake_as_op *op;
	u64 free0;
	u8 b;
	int code;

	map_fixed(MM, BASE, PG(2), RW, ANON);
	assert_int_equal(mm_copy_to(MM, BASE + 10, "P", 1), 0);
	shared = pte_pfn(pte_at(MM, BASE));
	assert_int_equal(mm_fork(MM, &child), 0);
	assert_int_equal(mm_frame_refs(shared), 2);
	fake_as_forget_ops(child->as);
	free0 = mm_frames_free();

	/* the child writes: SKAS0 sees ACCERR on a read-only host page of a
	 * writable VMA, which is the write */
	assert_int_equal(fault(child, BASE + 10, 0, SEGV_ACCERR, &code), 0);
	copy = pte_pfn(pte_at(child, BASE));
	assert_int_not_equal(copy, shared);
	assert_true(pte_at(child, BASE) & PTE_WRITE);
	assert_int_equal(mm_frames_free(), free0 - 1);
	assert_int_equal(mm_frame_refs(shared), 1);
	assert_int_equal(mm_frame_refs(copy), 1);
	op = expect_one_map(child, BASE, PG(1), RW);
	assert_int_equal(op->off, mm_frame_off(copy));
	/* a copy: the data came along, and the parent keeps its own */
	assert_int_equal(((u8 *)mm_frame_ptr(copy))[10], 'P');
	assert_int_equal(mm_copy_to(child, BASE + 10, "C", 1), 0);
	assert_int_equal(mm_copy_from(MM, &b, BASE + 10, 1), 0);
	assert_int_equal(b, 'P');

	/* the parent writes: it is the last user of the frame, so no copy */
	fake_as_forget_ops(MM->as);
	assert_int_equal(fault(MM, BASE + 10, 0, SEGV_ACCERR, &code), 0);
	assert_int_equal(pte_pfn(pte_at(MM, BASE)), shared);
	assert_true(pte_at(MM, BASE) & PTE_WRITE);
	assert_int_equal(mm_frames_free(), free0 - 1);
	op = expect_one_map(MM, BASE, PG(1), RW);
	assert_int_equal(op->off, mm_frame_off(shared));
	mm_put(child);
}

/* A backend that reports the access (and, here, cannot clone address
 * spaces, so the child starts with nothing in its host process). */
static void cow_with_known_access(void **state)
{
	struct mm *child;
	pfn_t shared;
	int prot;

	fake_host_config()->fault_access_known = true;
	fake_host_config()->can_clone_as = false;
	assert_int_equal(fake_host_boot(), 0);
	map_fixed(MM, BASE, PG(1), RW, ANON);
	assert_int_equal(mm_copy_to(MM, BASE, "x", 1), 0);
	shared = pte_pfn(pte_at(MM, BASE));
	assert_int_equal(mm_fork(MM, &child), 0);
	/* a read leaves the page shared, mapped read-only */
	assert_int_equal(fault(child, BASE, HOST_ACCESS_READ, SEGV_MAPERR, NULL), 0);
	assert_int_equal(pte_pfn(pte_at(child, BASE)), shared);
	assert_true(fake_as_lookup(child->as, BASE, &prot, NULL));
	assert_int_equal(prot, PROT_READ);
	/* a write copies */
	assert_int_equal(fault(child, BASE, HOST_ACCESS_WRITE, SEGV_ACCERR, NULL), 0);
	assert_int_not_equal(pte_pfn(pte_at(child, BASE)), shared);
	assert_true(fake_as_lookup(child->as, BASE, &prot, NULL));
	assert_int_equal(prot, RW);
	mm_put(child);
}

/* ---- file mappings ----------------------------------------------------------------- */

/* An unlinked tmpfs file of npages pages, page i filled with 'a' + i. */
static struct file *test_file(unsigned npages)
{
	static u8 page[PAGE_SIZE];
	struct file *f;
	unsigned i;

	assert_int_equal(tmpfs_anon_file("test", (s64)PG(npages), O_RDWR, &f), 0);
	for (i = 0; i < npages; i++) {
		memset(page, 'a' + (int)i, sizeof(page));
		assert_int_equal(pc_write(&f->inode->pages, PG(i), page, PAGE_SIZE), PAGE_SIZE);
	}
	return f;
}

static void file_shared_maps_page_cache(void **state)
{
	struct file *f = test_file(3);
	pfn_t pfn;
	long a;
	char buf[4];

	a = mm_mmap(MM, 0, PG(3), RW, MAP_SHARED, f, 0);
	assert_true(a > 0);
	assert_int_equal(fault(MM, (u64)a, 0, SEGV_MAPERR, NULL), 0);
	/* the cache's own frame, and the resident neighbours with it */
	assert_int_equal(pc_get(&f->inode->pages, 0, false, &pfn), 0);
	assert_int_equal(pte_pfn(pte_at(MM, (u64)a)), pfn);
	assert_true(pte_at(MM, (u64)a) & PTE_FILE);
	assert_int_equal(mm_frame_refs(pfn), 2); /* cache + page table */
	assert_int_equal(MM->rss, 3);
	assert_true(fake_as_lookup(MM->as, (u64)a + PG(2), NULL, NULL));
	/* a write through the mapping is a write to the file */
	assert_int_equal(mm_copy_to(MM, (u64)a + PG(1), "XYZ", 3), 0);
	assert_int_equal(pc_read(&f->inode->pages, PG(1), buf, 4), 4);
	assert_memory_equal(buf, "XYZb", 4);
	file_put(f);
	mm_put(MM);
	assert_int_equal(mm_frames_free(), NFRAMES);
	MM = NULL;
}

static void file_private_write_copies(void **state)
{
	struct file *f = test_file(2);
	long a;
	char buf[2];
	int prot;

	a = mm_mmap(MM, 0, PG(2), RW, MAP_PRIVATE, f, 0);
	assert_true(a > 0);
	/* a read maps the file's page read-only, even in a writable VMA */
	assert_int_equal(fault(MM, (u64)a, HOST_ACCESS_READ, SEGV_MAPERR, NULL), 0);
	assert_true(fake_as_lookup(MM->as, (u64)a, &prot, NULL));
	assert_int_equal(prot, PROT_READ);
	/* writing gives the process its own copy; the file is unchanged */
	assert_int_equal(fault(MM, (u64)a, 0, SEGV_ACCERR, NULL), 0);
	assert_false(pte_at(MM, (u64)a) & PTE_FILE);
	assert_int_equal(mm_copy_to(MM, (u64)a, "!", 1), 0);
	assert_int_equal(pc_read(&f->inode->pages, 0, buf, 2), 2);
	assert_memory_equal(buf, "aa", 2);
	assert_int_equal(mm_copy_from(MM, buf, (u64)a, 2), 0);
	assert_memory_equal(buf, "!a", 2);
	/* a write the host reports as one copies too */
	assert_int_equal(fault(MM, (u64)a + PG(1), HOST_ACCESS_WRITE, SEGV_MAPERR, NULL), 0);
	assert_true(pte_at(MM, (u64)a + PG(1)) & PTE_WRITE);
	assert_false(pte_at(MM, (u64)a + PG(1)) & PTE_FILE);
	file_put(f);
}

static void file_past_eof_is_sigbus(void **state)
{
	struct file *f = test_file(1);
	long a;
	int code;

	a = mm_mmap(MM, 0, PG(3), PROT_READ, MAP_SHARED, f, 0);
	assert_true(a > 0);
	assert_int_equal(fault(MM, (u64)a + PG(2), 0, SEGV_MAPERR, &code), -EIO);
	assert_int_equal(code, BUS_ADRERR);
	assert_int_equal(fault(MM, (u64)a, 0, SEGV_MAPERR, &code), 0);
	file_put(f);
}

/* A hole in a shared file on a full tmpfs (size=): SIGBUS, as shmem's
 * fault says VM_FAULT_SIGBUS for ENOSPC, not a kill. */
static void file_over_quota_is_sigbus(void **state)
{
	struct file *f = test_file(1);
	struct pc_quota q = { .used = 0, .limit = 1 };
	long a;
	int code;

	f->inode->size = (s64)PG(2);
	f->inode->pages.quota = &q;
	q.used = f->inode->pages.nrpages;
	a = mm_mmap(MM, 0, PG(2), RW, MAP_SHARED, f, 0);
	assert_true(a > 0);
	assert_int_equal(fault(MM, (u64)a + PG(1), 0, SEGV_MAPERR, &code), -EIO);
	assert_int_equal(code, BUS_ADRERR);
	assert_int_equal(fault(MM, (u64)a, 0, SEGV_MAPERR, &code), 0);
	mm_munmap(MM, (u64)a, PG(2));
	f->inode->pages.quota = NULL;
	file_put(f);
}

/* ---- stacks, MAP_POPULATE, memory exhaustion ------------------------------------------- */

static void stack_grows_down(void **state)
{
	u64 top = 0x7f0000000000ull, low = 0x7e0000000000ull;
	struct vma *v;
	int code;

	map_fixed(MM, top - PG(4), PG(4), RW, ANON | MAP_GROWSDOWN);
	assert_int_equal(fault(MM, top - PG(6) + 8, 0, SEGV_MAPERR, NULL), 0);
	v = mm_find_vma(MM, top - PG(6));
	assert_non_null(v);
	assert_int_equal(v->start, top - PG(6));
	/* not past RLIMIT_STACK (8 MiB without a task), even with nothing
	 * below: the top of the mmap area, 128 MiB down, is not stack */
	assert_int_equal(fault(MM, top - (8ull << 20) - PG(1), 0, SEGV_MAPERR, &code), -EFAULT);
	assert_int_equal(code, SEGV_MAPERR);
	assert_int_equal(fault(MM, top - (128ull << 20), 0, SEGV_MAPERR, &code), -EFAULT);
	assert_int_equal(v->start, top - PG(6));
	/* up to the limit it grows */
	assert_int_equal(fault(MM, top - (8ull << 20), 0, SEGV_MAPERR, NULL), 0);
	assert_int_equal(v->start, top - (8ull << 20));

	/* Not within the guard gap (256 pages) above another mapping. */
	map_fixed(MM, low, PG(4), RW, ANON | MAP_GROWSDOWN);
	map_fixed(MM, low - PG(304), PG(4), RW, ANON);
	assert_int_equal(fault(MM, low - PG(10), 0, SEGV_MAPERR, NULL), 0); /* 290 pages clear */
	assert_int_equal(fault(MM, low - PG(100), 0, SEGV_MAPERR, &code), -EFAULT);
	assert_int_equal(code, SEGV_MAPERR);
	v = mm_find_vma(MM, low - PG(100));
	assert_int_equal(v->start, low - PG(10));
	/* an ordinary VMA does not grow */
	assert_int_equal(fault(MM, low - PG(305), 0, SEGV_MAPERR, &code), -EFAULT);
}

static void populate_maps_eagerly(void **state)
{
	long a;
	unsigned i;

	a = mm_mmap(MM, 0, PG(5), RW, ANON | MAP_POPULATE, NULL, 0);
	assert_true(a > 0);
	for (i = 0; i < 5; i++)
		assert_true(fake_as_lookup(MM->as, (u64)a + PG(i), NULL, NULL));
	assert_int_equal(MM->rss, 5);
}

/* A fault that maps its own page succeeds even if the rest of the window
 * finds no frames; one that cannot is -ENOMEM with nothing mapped (fault_anon
 * once had these inverted: a reused loop variable). */
static void window_shrinks_when_memory_is_short(void **state)
{
	pfn_t pfn;
	u64 left;

	map_fixed(MM, BASE, PG(64), RW, ANON);
	while (mm_frames_free() > 3)
		assert_int_equal(mm_frame_alloc(&pfn), 0);
	/* the faulting page matters, the rest of the window is best effort */
	assert_int_equal(fault(MM, BASE, 0, SEGV_MAPERR, NULL), 0);
	left = mm_frames_free();
	assert_int_equal(left, 0);
	assert_true(pte_at(MM, BASE) & PTE_PRESENT);
	assert_int_equal(MM->rss, 3);
}

static void out_of_memory(void **state)
{
	pfn_t pfn;
	int code;

	map_fixed(MM, BASE, PG(4), RW, ANON);
	while (mm_frames_free())
		assert_int_equal(mm_frame_alloc(&pfn), 0);
	assert_int_equal(fault(MM, BASE, 0, SEGV_MAPERR, &code), -ENOMEM);
	assert_false(pte_at(MM, BASE) & PTE_PRESENT);
}

#define T(fn) cmocka_unit_test_setup(fn, fault_setup)
static const struct CMUnitTest fault_tests[] = {
	T(anon_fault_maps_a_window),
	T(sequential_faults_widen_the_window),
	T(window_stops_at_vma_end_and_present_pages),
	T(read_only_and_none),
	T(no_vma_is_maperr),
	T(cow_after_fork),
	T(cow_with_known_access),
	T(file_shared_maps_page_cache),
	T(file_private_write_copies),
	T(file_past_eof_is_sigbus),
	T(file_over_quota_is_sigbus),
	T(stack_grows_down),
	T(populate_maps_eagerly),
	T(window_shrinks_when_memory_is_short),
	T(out_of_memory),
};

UNIT_SUITE(unit_suite_mm_fault, "core/mm/fault.c", fault_tests, NULL, NULL);
