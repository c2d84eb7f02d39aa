// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/mm/frame.c, the frame allocator, over the fake host's
 * calloc'd memory file (64 frames per test). The allocator scans from a
 * rotating hint that mm_frames_init does not reset, so no test assumes
 * where the first allocation lands: they fill memory and free chosen
 * frames, which leaves the allocator exactly one place to look.
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"
#include "host_fake.h"
#include "mm.h"

#define NFRAMES 64

static int frame_setup(void **state)
{
	fake_host_reset();
	if (fake_host_boot())
		return -1;
	return mm_frames_init(NFRAMES * PAGE_SIZE) ? -1 : 0;
}

/* Allocate every free frame, one at a time; the count, and the last pfn
 * handed out (the allocator's hint is just past it). */
static unsigned fill_all(pfn_t *last)
{
	unsigned n = 0;
	pfn_t pfn;

	while (mm_frame_alloc(&pfn) == 0) {
		*last = pfn;
		n++;
		assert_true(n <= NFRAMES);
	}
	return n;
}

static bool page_is(const void *p, u8 byte)
{
	const u8 *b = p;
	size_t i;

	for (i = 0; i < PAGE_SIZE; i++)
		if (b[i] != byte)
			return false;
	return true;
}

static void init_counts(void **state)
{
	assert_int_equal(mm_frames_total(), NFRAMES);
	assert_int_equal(mm_frames_free(), NFRAMES);
	assert_int_equal(fake_mem_size(), NFRAMES * PAGE_SIZE);
}

static void init_fails_when_host_refuses(void **state)
{
	fake_host_config()->mem_create_err = -ENOMEM;
	assert_int_equal(mm_frames_init(NFRAMES * PAGE_SIZE), -ENOMEM);
	/* and an unaligned size never reaches the host (core/host.c) */
	assert_int_equal(mm_frames_init(NFRAMES * PAGE_SIZE + 1), -EINVAL);
}

static void alloc_one(void **state)
{
	pfn_t pfn;

	assert_int_equal(mm_frame_alloc(&pfn), 0);
	assert_true(pfn < NFRAMES);
	assert_int_equal(mm_frame_refs(pfn), 1);
	assert_int_equal(mm_frames_free(), NFRAMES - 1);
	/* the kernel's view is the memory file, page pfn */
	assert_ptr_equal(mm_frame_ptr(pfn), (u8 *)fake_mem_base() + (u64)pfn * PAGE_SIZE);
	assert_int_equal(mm_frame_off(pfn), (u64)pfn << PAGE_SHIFT);
	assert_true(page_is(mm_frame_ptr(pfn), 0));
}

static void exhaustion_gives_enomem(void **state)
{
	bool seen[NFRAMES] = { false };
	pfn_t pfn, last = PFN_NONE;
	unsigned i, got;

	for (i = 0; i < NFRAMES; i++) {
		assert_int_equal(mm_frame_alloc(&pfn), 0);
		assert_true(pfn < NFRAMES);
		assert_false(seen[pfn]); /* never handed out twice */
		seen[pfn] = true;
	}
	assert_int_equal(mm_frames_free(), 0);
	assert_int_equal(mm_frame_alloc(&pfn), -ENOMEM);
	assert_int_equal(mm_frame_alloc_run(4, &pfn, &got), -ENOMEM);
	/* one frame back: that is the one the next allocation gets */
	mm_frame_put(17);
	assert_int_equal(mm_frame_alloc(&pfn), 0);
	assert_int_equal(pfn, 17);
	assert_int_equal(fill_all(&last), 0);
}

static void refcount(void **state)
{
	pfn_t pfn;

	assert_int_equal(mm_frame_alloc(&pfn), 0);
	mm_frame_get(pfn);
	assert_int_equal(mm_frame_refs(pfn), 2);
	mm_frame_put(pfn);
	assert_int_equal(mm_frame_refs(pfn), 1);
	assert_int_equal(mm_frames_free(), NFRAMES - 1); /* still in use */
	mm_frame_put(pfn);
	assert_int_equal(mm_frame_refs(pfn), 0);
	assert_int_equal(mm_frames_free(), NFRAMES);
}

static void freed_frame_comes_back_zeroed(void **state)
{
	pfn_t last = PFN_NONE, pfn;

	assert_int_equal(fill_all(&last), NFRAMES);
	memset(mm_frame_ptr(5), 0xaa, PAGE_SIZE);
	mm_frame_put(5);
	assert_int_equal(mm_frame_alloc(&pfn), 0);
	assert_int_equal(pfn, 5);
	assert_true(page_is(mm_frame_ptr(5), 0));
}

static void run_frames_are_zeroed(void **state)
{
	pfn_t last = PFN_NONE, first;
	unsigned i, got, total = 0;

	assert_int_equal(fill_all(&last), NFRAMES);
	for (i = 0; i < NFRAMES; i++) {
		memset(mm_frame_ptr(i), 0x5c, PAGE_SIZE);
		mm_frame_put(i);
	}
	while (total < NFRAMES) {
		assert_int_equal(mm_frame_alloc_run(NFRAMES, &first, &got), 0);
		for (i = 0; i < got; i++)
			assert_true(page_is(mm_frame_ptr(first + i), 0));
		total += got;
	}
	assert_int_equal(mm_frames_free(), 0);
}

static void run_is_contiguous(void **state)
{
	pfn_t last = PFN_NONE, first;
	unsigned i, got;

	/* all free, the hint just past last */
	assert_int_equal(fill_all(&last), NFRAMES);
	for (i = 0; i < NFRAMES; i++)
		mm_frame_put(i);
	assert_int_equal(mm_frame_alloc_run(8, &first, &got), 0);
	assert_int_equal(first, (last + 1) % NFRAMES);
	assert_int_equal(got, MIN(8u, NFRAMES - first));
	for (i = 0; i < got; i++) {
		assert_int_equal(mm_frame_refs(first + i), 1);
		assert_ptr_equal(mm_frame_ptr(first + i), (u8 *)mm_frame_ptr(first) + i * PAGE_SIZE);
	}
	assert_int_equal(mm_frames_free(), NFRAMES - got);
}

static void run_stops_at_used_frame(void **state)
{
	pfn_t last = PFN_NONE, first;
	unsigned got;
	pfn_t hole;

	assert_int_equal(fill_all(&last), NFRAMES);
	/* a three-frame hole where the allocator looks next */
	hole = (last + 1) % NFRAMES;
	if (hole + 3 > NFRAMES)
		hole = 0;
	mm_frame_put(hole);
	mm_frame_put(hole + 1);
	mm_frame_put(hole + 2);
	assert_int_equal(mm_frame_alloc_run(8, &first, &got), 0);
	assert_int_equal(first, hole);
	assert_int_equal(got, 3);
	assert_int_equal(mm_frames_free(), 0);
}

static void run_never_wraps(void **state)
{
	pfn_t last = PFN_NONE, first;
	unsigned i, got;

	assert_int_equal(fill_all(&last), NFRAMES);
	for (i = 0; i < NFRAMES; i++)
		mm_frame_put(i);
	assert_int_equal(mm_frame_alloc_run(NFRAMES, &first, &got), 0);
	assert_int_equal(first + got, NFRAMES); /* up to the end, not past it */
	if (got < NFRAMES) {
		unsigned got1 = got;

		assert_int_equal(mm_frame_alloc_run(NFRAMES, &first, &got), 0);
		assert_int_equal(first, 0);
		assert_int_equal(got, NFRAMES - got1);
	}
	assert_int_equal(mm_frames_free(), 0);
}

static void misuse_panics(void **state)
{
	char err[512];
	pfn_t pfn;

	assert_int_equal(mm_frame_alloc(&pfn), 0);
	mm_frame_put(pfn);
	unit_capture_begin(2);
	expect_assert_failure(mm_frame_put(pfn));     /* already free */
	expect_assert_failure(mm_frame_get(pfn));     /* no reference to take */
	expect_assert_failure(mm_frame_put(NFRAMES)); /* out of range */
	unit_capture_end(2, err, sizeof(err));
	assert_non_null(strstr(err, "Kernel panic"));
	assert_non_null(strstr(err, "BUG at"));
}

static const struct CMUnitTest frame_tests[] = {
	cmocka_unit_test_setup(init_counts, frame_setup),
	cmocka_unit_test_setup(init_fails_when_host_refuses, frame_setup),
	cmocka_unit_test_setup(alloc_one, frame_setup),
	cmocka_unit_test_setup(exhaustion_gives_enomem, frame_setup),
	cmocka_unit_test_setup(refcount, frame_setup),
	cmocka_unit_test_setup(freed_frame_comes_back_zeroed, frame_setup),
	cmocka_unit_test_setup(run_frames_are_zeroed, frame_setup),
	cmocka_unit_test_setup(run_is_contiguous, frame_setup),
	cmocka_unit_test_setup(run_stops_at_used_frame, frame_setup),
	cmocka_unit_test_setup(run_never_wraps, frame_setup),
	cmocka_unit_test_setup(misuse_panics, frame_setup),
};

UNIT_SUITE(unit_suite_mm_frame, "core/mm/frame.c", frame_tests, NULL, NULL);
