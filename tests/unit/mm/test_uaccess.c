// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/mm/uaccess.c: the kernel's copies to and from guest
 * memory (copyin/copyout). They walk the page table, fault pages in as a
 * guest access would, honour the VMA's protection, stop at the first
 * inaccessible byte (partial variants) and break copy-on-write for kernel
 * writes. strncpy_from_user reads the current task's memory (a fake task).
 */
#include "unit.h"
#include "host_fake.h"
#include "proc_fake.h"
#include "uaccess.h"
#include "uapi.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define PG(n) ((u64)(n) * PAGE_SIZE)
#define BASE 0x400000ull

static struct uaccess_test_state {
	struct mm *mm;
} uaccess_test_state;

#define MM uaccess_test_state.mm

static int uaccess_setup(void **state)
{
	struct task *t;

	fake_host_reset();
	fake_proc_reset();
	if (fake_host_boot() || mm_frames_init(256 * PAGE_SIZE) || mm_create(&MM))
		return -1;
	/* [BASE, +2) RW, [+2, +3) R, hole, [+4, +5) RW, [+5, +6) NONE */
	if (mm_mmap(MM, BASE, PG(2), RW, ANON, NULL, 0) < 0 ||
	    mm_mmap(MM, BASE + PG(2), PG(1), PROT_READ, ANON, NULL, 0) < 0 ||
	    mm_mmap(MM, BASE + PG(4), PG(1), RW, ANON, NULL, 0) < 0 ||
	    mm_mmap(MM, BASE + PG(5), PG(1), PROT_NONE, ANON, NULL, 0) < 0)
		return -1;
	t = fake_task_new(1);
	t->mm = MM;
	fake_set_current(t);
	return 0;
}

static void copy_across_pages(void **state)
{
	static char in[PAGE_SIZE + 100], out[sizeof(in)];
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (char)(i * 13);
	assert_int_equal(mm_copy_to(MM, BASE + PAGE_SIZE - 50, in, sizeof(in)), -EFAULT);
	assert_int_equal(mm_copy_to(MM, BASE + 50, in, sizeof(in)), 0);
	assert_int_equal(mm_copy_from(MM, out, BASE + 50, sizeof(out)), 0);
	assert_memory_equal(out, in, sizeof(in));
	/* the pages were faulted in as the guest would have */
	assert_int_equal(MM->rss, 2);
	/* copy_to/from_user use the current task's mm */
	assert_int_equal(copy_from_user(out, BASE + 50, 10), 0);
	assert_memory_equal(out, in, 10);
}

static void protection_is_checked(void **state)
{
	char b = 'x';

	assert_int_equal(mm_copy_from(MM, &b, BASE + PG(2), 1), 0); /* read-only: readable */
	assert_int_equal(b, 0);
	assert_int_equal(mm_copy_to(MM, BASE + PG(2), &b, 1), -EFAULT);
	assert_int_equal(mm_copy_from(MM, &b, BASE + PG(5), 1), -EFAULT); /* PROT_NONE */
	assert_int_equal(mm_copy_from(MM, &b, BASE + PG(3), 1), -EFAULT); /* hole */
	assert_int_equal(mm_copy_from(MM, &b, mm_task_size(), 1), -EFAULT);
	assert_int_equal(mm_copy_from(MM, &b, ~0ull, 1), -EFAULT);
	assert_int_equal(mm_copy_from(MM, &b, 0, 1), -EFAULT);
}

static void partial_copies_stop_at_the_first_bad_byte(void **state)
{
	static char buf[PG(3)];

	memset(buf, 'z', sizeof(buf));
	/* writing runs into the read-only page */
	assert_int_equal(mm_copy_to_partial(MM, BASE + PG(1) + 96, buf, PG(2)), PAGE_SIZE - 96);
	/* reading runs into the hole */
	assert_int_equal(mm_copy_from_partial(MM, buf, BASE + PG(2) + 10, PG(2)), PAGE_SIZE - 10);
	/* nothing at all */
	assert_int_equal(mm_copy_from_partial(MM, buf, BASE + PG(3), 8), 0);
	/* wrapping past the top of the address space stops */
	assert_int_equal(mm_copy_from_partial(MM, buf, ~0ull - 3, 8), 0);
	assert_int_equal(mm_copy_to(MM, BASE + PG(1) + 96, buf, 4), 0);
}

static void kernel_writes_break_cow(void **state)
{
	struct mm *child;
	pfn_t parent_pfn, child_pfn;
	char b;

	assert_int_equal(mm_copy_to(MM, BASE, "p", 1), 0);
	assert_int_equal(mm_user_frame(MM, BASE, false, &parent_pfn), 0);
	assert_int_equal(mm_fork(MM, &child), 0);
	assert_int_equal(mm_user_frame(child, BASE, false, &child_pfn), 0);
	assert_int_equal(child_pfn, parent_pfn); /* shared until written */
	/* a system call writing the child's memory (read(2) into a buffer) */
	assert_int_equal(mm_copy_to(child, BASE, "c", 1), 0);
	assert_int_equal(mm_user_frame(child, BASE, false, &child_pfn), 0);
	assert_int_not_equal(child_pfn, parent_pfn);
	assert_int_equal(mm_copy_from(MM, &b, BASE, 1), 0);
	assert_int_equal(b, 'p');
	/* mm_user_frame for writing breaks it too */
	assert_int_equal(mm_copy_to(child, BASE + PG(1), "c", 1), 0);
	assert_int_equal(mm_user_frame(MM, BASE + PG(1), true, &parent_pfn), 0);
	assert_int_equal(mm_frame_refs(parent_pfn), 1);
	assert_int_equal(mm_user_frame(MM, BASE + PG(3), false, &parent_pfn), -EFAULT);
	mm_put(child);
}

static void strings_from_user(void **state)
{
	static char big[PG(2)];
	char buf[64];

	assert_int_equal(mm_copy_to(MM, BASE + 10, "/bin/sh", 8), 0);
	assert_int_equal(strncpy_from_user(buf, BASE + 10, sizeof(buf)), 7);
	assert_string_equal(buf, "/bin/sh");
	/* across a page boundary */
	assert_int_equal(mm_copy_to(MM, BASE + PAGE_SIZE - 3, "abcdef", 7), 0);
	assert_int_equal(strncpy_from_user(buf, BASE + PAGE_SIZE - 3, sizeof(buf)), 6);
	assert_string_equal(buf, "abcdef");
	/* the empty string */
	assert_int_equal(mm_copy_to(MM, BASE + 100, "", 1), 0);
	assert_int_equal(strncpy_from_user(buf, BASE + 100, sizeof(buf)), 0);
	/* no NUL within max: too long */
	memset(big, 'a', sizeof(big));
	assert_int_equal(mm_copy_to(MM, BASE, big, PG(2)), 0);
	assert_int_equal(strncpy_from_user(buf, BASE, sizeof(buf)), -ENAMETOOLONG);
	/* running on into a read-only page is fine (it reads as zeros here) */
	assert_int_equal(strncpy_from_user(big, BASE + PG(2) - 5, PG(2)), 5);
	/* into a PROT_NONE page or a hole is EFAULT */
	assert_int_equal(mm_copy_to(MM, BASE + PG(4), big, PG(1)), 0);
	assert_int_equal(strncpy_from_user(big, BASE + PG(5) - 5, PG(2)), -EFAULT);
	assert_int_equal(strncpy_from_user(buf, BASE + PG(3), sizeof(buf)), -EFAULT);
}

#define T(fn) cmocka_unit_test_setup(fn, uaccess_setup)
static const struct CMUnitTest uaccess_tests[] = {
	T(copy_across_pages),
	T(protection_is_checked),
	T(partial_copies_stop_at_the_first_bad_byte),
	T(kernel_writes_break_cow),
	T(strings_from_user),
};

UNIT_SUITE(unit_suite_mm_uaccess, "core/mm/uaccess.c", uaccess_tests, NULL, NULL);
