// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/mm/pagecache.c: file pages as frames of guest RAM
 * (the real frame allocator over the fake host's memory file, 32 frames).
 * Covers lookup and allocation, reads and writes across page boundaries,
 * holes reading as zero without allocating, truncation giving frames back,
 * the readpage hook (disk filesystems), running out of memory, and a
 * quota shared by several caches (tmpfs size=) with hole punching.
 */
#include "unit.h"
#include "host_fake.h"
#include "mm.h"

#define NFRAMES 32

static struct pagecache_test_state {
	unsigned readpages;   /* readpage calls */
	int readpage_err;     /* returned by readpage for index fail_index */
	u64 fail_index;
} pagecache_test_state;

static int pc_setup(void **state)
{
	memset(&pagecache_test_state, 0, sizeof(pagecache_test_state));
	fake_host_reset();
	if (fake_host_boot())
		return -1;
	return mm_frames_init(NFRAMES * PAGE_SIZE) ? -1 : 0;
}

/* A "disk" whose page i holds the byte 'A' + i everywhere. */
static int test_readpage(struct page_cache *pc, u64 index, void *page)
{
	pagecache_test_state.readpages++;
	if (pagecache_test_state.readpage_err && index == pagecache_test_state.fail_index)
		return pagecache_test_state.readpage_err;
	memset(page, 'A' + (int)index, PAGE_SIZE);
	return 0;
}

static const struct page_cache_ops disk_ops = { .readpage = test_readpage };

static bool all_bytes(const u8 *p, size_t n, u8 byte)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != byte)
			return false;
	return true;
}

static void get_allocates_once(void **state)
{
	struct page_cache pc;
	pfn_t a, b;

	pc_init(&pc, NULL, NULL);
	assert_int_equal(pc_get(&pc, 3, false, &a), -ENOENT);
	assert_int_equal(pc.nrpages, 0);
	assert_int_equal(pc_get(&pc, 3, true, &a), 0);
	assert_int_equal(pc.nrpages, 1);
	assert_int_equal(mm_frame_refs(a), 1); /* the cache's own reference */
	assert_int_equal(mm_frames_free(), NFRAMES - 1);
	assert_true(all_bytes(mm_frame_ptr(a), PAGE_SIZE, 0));
	assert_int_equal(pc_get(&pc, 3, true, &b), 0);
	assert_int_equal(b, a);
	assert_int_equal(pc_get(&pc, 3, false, &b), 0);
	assert_int_equal(b, a);
	assert_int_equal(pc.nrpages, 1);
	pc_destroy(&pc);
	assert_int_equal(mm_frames_free(), NFRAMES);
}

static void write_read_across_pages(void **state)
{
	static u8 in[3 * PAGE_SIZE], out[3 * PAGE_SIZE + 64];
	struct page_cache pc;
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (u8)(i * 7 + 1);
	pc_init(&pc, NULL, NULL);
	/* starts mid-page 0, ends mid-page 3: four pages */
	assert_int_equal(pc_write(&pc, 100, in, sizeof(in)), (long)sizeof(in));
	assert_int_equal(pc.nrpages, 4);
	assert_int_equal(pc_read(&pc, 100, out, sizeof(in)), (long)sizeof(in));
	assert_memory_equal(out, in, sizeof(in));
	/* unaligned read straddling a boundary */
	assert_int_equal(pc_read(&pc, PAGE_SIZE - 3, out, 6), 6);
	assert_memory_equal(out, in + PAGE_SIZE - 103, 6);
	/* bytes around the write are zero; the cache has no notion of size */
	assert_int_equal(pc_read(&pc, 0, out, 100), 100);
	assert_true(all_bytes(out, 100, 0));
	assert_int_equal(pc_read(&pc, 100 + sizeof(in), out, 64), 64);
	assert_true(all_bytes(out, 64, 0));
	/* overwrite in place */
	assert_int_equal(pc_write(&pc, PAGE_SIZE, "xyz", 3), 3);
	assert_int_equal(pc_read(&pc, PAGE_SIZE - 1, out, 5), 5);
	assert_int_equal(out[0], in[PAGE_SIZE - 101]);
	assert_memory_equal(out + 1, "xyz", 3);
	assert_int_equal(pc.nrpages, 4);
	pc_destroy(&pc);
}

static void holes_read_zero_without_allocating(void **state)
{
	static u8 out[6 * PAGE_SIZE];
	struct page_cache pc;
	u64 free_before;

	pc_init(&pc, NULL, NULL);
	assert_int_equal(pc_write(&pc, 5 * PAGE_SIZE, "tail", 4), 4);
	free_before = mm_frames_free();
	memset(out, 0xee, sizeof(out));
	assert_int_equal(pc_read(&pc, 0, out, sizeof(out)), (long)sizeof(out));
	assert_true(all_bytes(out, 5 * PAGE_SIZE, 0));
	assert_memory_equal(out + 5 * PAGE_SIZE, "tail", 4);
	assert_true(all_bytes(out + 5 * PAGE_SIZE + 4, PAGE_SIZE - 4, 0));
	/* reading the holes allocated nothing */
	assert_int_equal(pc.nrpages, 1);
	assert_int_equal(mm_frames_free(), free_before);
	pc_destroy(&pc);
}

static void truncate_drops_pages(void **state)
{
	static u8 out[PAGE_SIZE];
	struct page_cache pc;
	u64 i;

	pc_init(&pc, NULL, NULL);
	for (i = 0; i < 8; i++)
		assert_int_equal(pc_write(&pc, i * PAGE_SIZE, "page", 4), 4);
	assert_int_equal(pc.nrpages, 8);
	assert_int_equal(mm_frames_free(), NFRAMES - 8);
	pc_truncate(&pc, 3);
	assert_int_equal(pc.nrpages, 3);
	assert_int_equal(mm_frames_free(), NFRAMES - 3);
	/* what is left is intact, what went reads as a hole */
	assert_int_equal(pc_read(&pc, 2 * PAGE_SIZE, out, 4), 4);
	assert_memory_equal(out, "page", 4);
	assert_int_equal(pc_read(&pc, 3 * PAGE_SIZE, out, PAGE_SIZE), PAGE_SIZE);
	assert_true(all_bytes(out, PAGE_SIZE, 0));
	pc_truncate(&pc, 0);
	assert_int_equal(pc.nrpages, 0);
	assert_int_equal(mm_frames_free(), NFRAMES);
	pc_destroy(&pc);
}

static void truncate_keeps_mapped_frames_alive(void **state)
{
	struct page_cache pc;
	pfn_t pfn;

	pc_init(&pc, NULL, NULL);
	assert_int_equal(pc_write(&pc, 0, "mapped", 6), 6);
	assert_int_equal(pc_get(&pc, 0, false, &pfn), 0);
	mm_frame_get(pfn); /* as a page-table entry would */
	pc_truncate(&pc, 0);
	assert_int_equal(mm_frame_refs(pfn), 1);
	assert_memory_equal(mm_frame_ptr(pfn), "mapped", 6);
	assert_int_equal(pc_get(&pc, 0, false, &pfn), -ENOENT);
	mm_frame_put(pfn);
	assert_int_equal(mm_frames_free(), NFRAMES);
	pc_destroy(&pc);
}

static void readpage_fills_once(void **state)
{
	u8 out[8];
	struct page_cache pc;
	int owner;

	pc_init(&pc, &disk_ops, &owner);
	assert_ptr_equal(pc.owner, &owner);
	/* with readpage, a read fills pages instead of reading holes */
	assert_int_equal(pc_read(&pc, 2 * PAGE_SIZE - 4, out, 8), 8);
	assert_memory_equal(out, "BBBBCCCC", 8);
	assert_int_equal(pagecache_test_state.readpages, 2);
	assert_int_equal(pc.nrpages, 2);
	/* cached: no second readpage */
	assert_int_equal(pc_read(&pc, PAGE_SIZE, out, 8), 8);
	assert_int_equal(pagecache_test_state.readpages, 2);
	/* a write over a page not yet read merges into the file's data */
	assert_int_equal(pc_write(&pc, 3 * PAGE_SIZE + 1, "z", 1), 1);
	assert_int_equal(pc_read(&pc, 3 * PAGE_SIZE, out, 3), 3);
	assert_memory_equal(out, "DzD", 3);
	pc_destroy(&pc);
}

static void readpage_error(void **state)
{
	u8 out[2 * PAGE_SIZE];
	struct page_cache pc;
	pfn_t pfn;

	pc_init(&pc, &disk_ops, NULL);
	pagecache_test_state.readpage_err = -EIO;
	pagecache_test_state.fail_index = 1;
	assert_int_equal(pc_get(&pc, 1, true, &pfn), -EIO);
	assert_int_equal(pc.nrpages, 0);
	assert_int_equal(mm_frames_free(), NFRAMES); /* the frame went back */
	/* nothing read: the error; something read: the short count */
	assert_int_equal(pc_read(&pc, PAGE_SIZE, out, 16), -EIO);
	assert_int_equal(pc_read(&pc, 0, out, sizeof(out)), PAGE_SIZE);
	assert_true(all_bytes(out, PAGE_SIZE, 'A'));
	pc_destroy(&pc);
}

static void out_of_memory(void **state)
{
	static u8 big[(NFRAMES + 2) * PAGE_SIZE];
	struct page_cache pc, other;
	pfn_t pfn;

	pc_init(&pc, NULL, NULL);
	pc_init(&other, NULL, NULL);
	/* more than guest RAM: a short write of what fitted */
	assert_int_equal(pc_write(&pc, 0, big, sizeof(big)), NFRAMES * PAGE_SIZE);
	assert_int_equal(mm_frames_free(), 0);
	assert_int_equal(pc_write(&other, 0, "x", 1), -ENOMEM);
	assert_int_equal(pc_get(&other, 0, true, &pfn), -ENOMEM);
	assert_int_equal(other.nrpages, 0);
	pc_destroy(&pc);
	assert_int_equal(mm_frames_free(), NFRAMES);
	assert_int_equal(pc_write(&other, 0, "x", 1), 1);
	pc_destroy(&other);
}

/* Two caches under one quota: allocation past the limit is -ENOSPC and
 * takes no frame; dropping pages (truncate, punch, destroy) gives room back. */
static void quota_is_shared(void **state)
{
	struct pc_quota q = { .used = 0, .limit = 3 };
	struct page_cache a, b;
	pfn_t pfn;

	pc_init(&a, NULL, NULL);
	pc_init(&b, NULL, NULL);
	a.quota = b.quota = &q;
	assert_int_equal(pc_get(&a, 0, true, &pfn), 0);
	assert_int_equal(pc_get(&a, 5, true, &pfn), 0);
	assert_int_equal(pc_get(&b, 0, true, &pfn), 0);
	assert_int_equal(q.used, 3);
	assert_int_equal(pc_get(&b, 1, true, &pfn), -ENOSPC);
	assert_int_equal(pc_get(&a, 0, true, &pfn), 0);      /* present: no new page */
	assert_int_equal(mm_frames_free(), NFRAMES - 3);
	assert_int_equal(pc_write(&b, PAGE_SIZE, "x", 1), -ENOSPC);
	pc_punch(&a, 1, 6);                                    /* index 5 */
	assert_int_equal(q.used, 2);
	assert_int_equal(pc_get(&a, 0, false, &pfn), 0);       /* outside the hole: kept */
	assert_int_equal(pc_write(&b, PAGE_SIZE, "x", 1), 1);
	assert_int_equal(q.used, 3);
	pc_truncate(&b, 0);
	assert_int_equal(q.used, 1);
	pc_destroy(&a);
	pc_destroy(&b);
	assert_int_equal(q.used, 0);
	assert_int_equal(mm_frames_free(), NFRAMES);
}

static const struct CMUnitTest pagecache_tests[] = {
	cmocka_unit_test_setup(get_allocates_once, pc_setup),
	cmocka_unit_test_setup(write_read_across_pages, pc_setup),
	cmocka_unit_test_setup(holes_read_zero_without_allocating, pc_setup),
	cmocka_unit_test_setup(truncate_drops_pages, pc_setup),
	cmocka_unit_test_setup(truncate_keeps_mapped_frames_alive, pc_setup),
	cmocka_unit_test_setup(readpage_fills_once, pc_setup),
	cmocka_unit_test_setup(readpage_error, pc_setup),
	cmocka_unit_test_setup(out_of_memory, pc_setup),
	cmocka_unit_test_setup(quota_is_shared, pc_setup),
};

UNIT_SUITE(unit_suite_mm_pagecache, "core/mm/pagecache.c", pagecache_tests, NULL, NULL);
