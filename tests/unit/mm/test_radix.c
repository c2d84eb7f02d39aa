// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/mm/radix.c: the four-level, 512-way radix tree that
 * page tables and page caches are made of. Slots, the in-order walk over
 * [first, end) (node boundaries are where off-by-ones live), early stop,
 * and freeing; plus a randomized check against a sorted reference.
 */
#include <stdlib.h>

#include "unit.h"
#include "mm.h"

#define KEY_LIMIT (1ull << RADIX_KEY_BITS)

struct visit_log {
	u64 keys[4096];
	u64 vals[4096];
	unsigned n;
	unsigned stop_after;  /* return 1 on this visit (1-based), 0 never */
	bool clear;           /* zero each visited slot */
};

static int record(u64 *slot, u64 key, void *arg)
{
	struct visit_log *log = arg;

	assert_true(log->n < 4096);
	log->keys[log->n] = key;
	log->vals[log->n] = *slot;
	log->n++;
	if (log->clear)
		*slot = 0;
	return log->stop_after && log->n == log->stop_after ? 7 : 0;
}

static void set(struct radix *r, u64 key, u64 val)
{
	u64 *slot = radix_slot(r, key, true);

	assert_non_null(slot);
	*slot = val;
}

static void empty_tree(void **state)
{
	struct radix r = { NULL };
	struct visit_log log = { .n = 0 };

	assert_null(radix_slot(&r, 0, false));
	assert_null(radix_slot(&r, 12345, false));
	assert_null(r.root); /* a lookup creates nothing */
	assert_int_equal(radix_walk(&r, 0, KEY_LIMIT, record, &log), 0);
	assert_int_equal(log.n, 0);
	radix_free(&r);
	assert_null(r.root);
}

static void slots_are_stable(void **state)
{
	static const u64 keys[] = {
		0, 1, 511, 512, 513, (1u << 18) - 1, 1u << 18, 1ull << 27, (1ull << 27) + 1,
		KEY_LIMIT - 1,
	};
	struct radix r = { NULL };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		u64 *slot = radix_slot(&r, keys[i], true);

		assert_non_null(slot);
		assert_int_equal(*slot, 0); /* a new slot is empty */
		*slot = 0x1000 + i;
	}
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		u64 *slot = radix_slot(&r, keys[i], false);

		assert_non_null(slot);
		assert_int_equal(*slot, 0x1000 + i);
		/* the same slot every time */
		assert_ptr_equal(slot, radix_slot(&r, keys[i], true));
	}
	/* a neighbour in an existing leaf has a slot (empty); one in a
	 * missing subtree has none */
	assert_non_null(radix_slot(&r, 2, false));
	assert_int_equal(*radix_slot(&r, 2, false), 0);
	assert_null(radix_slot(&r, 1ull << 30, false));
	radix_free(&r);
}

static void keys_out_of_range(void **state)
{
	struct radix r = { NULL };

	assert_null(radix_slot(&r, KEY_LIMIT, true));
	assert_null(radix_slot(&r, ~0ull, true));
	assert_null(r.root);
}

static void walk_in_key_order(void **state)
{
	static const u64 keys[] = { 1ull << 27, 5, KEY_LIMIT - 1, 512, 511, 0, 1u << 18, 700 };
	static const u64 sorted[] = { 0, 5, 511, 512, 700, 1u << 18, 1ull << 27, KEY_LIMIT - 1 };
	struct radix r = { NULL };
	struct visit_log log = { .n = 0 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		set(&r, keys[i], keys[i] + 1);
	/* a created but empty slot is not visited */
	assert_non_null(radix_slot(&r, 6, true));
	assert_int_equal(radix_walk(&r, 0, KEY_LIMIT, record, &log), 0);
	assert_int_equal(log.n, ARRAY_SIZE(sorted));
	for (i = 0; i < ARRAY_SIZE(sorted); i++) {
		assert_int_equal(log.keys[i], sorted[i]);
		assert_int_equal(log.vals[i], sorted[i] + 1);
	}
	radix_free(&r);
}

static void walk_ranges(void **state)
{
	static const u64 keys[] = { 510, 511, 512, 513, 1023, 1024, (1u << 18) - 1, 1u << 18 };
	struct radix r = { NULL };
	struct visit_log log;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		set(&r, keys[i], 1);

	/* first is inclusive, end exclusive, across a leaf boundary */
	log = (struct visit_log){ .n = 0 };
	radix_walk(&r, 511, 1024, record, &log);
	assert_int_equal(log.n, 4);
	assert_int_equal(log.keys[0], 511);
	assert_int_equal(log.keys[1], 512);
	assert_int_equal(log.keys[2], 513);
	assert_int_equal(log.keys[3], 1023);

	/* across a level-2 boundary, starting mid-leaf */
	log = (struct visit_log){ .n = 0 };
	radix_walk(&r, 1024, (1u << 18) + 1, record, &log);
	assert_int_equal(log.n, 3);
	assert_int_equal(log.keys[0], 1024);
	assert_int_equal(log.keys[1], (1u << 18) - 1);
	assert_int_equal(log.keys[2], 1u << 18);

	/* one key */
	log = (struct visit_log){ .n = 0 };
	radix_walk(&r, 513, 514, record, &log);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.keys[0], 513);

	/* empty and inverted ranges visit nothing */
	log = (struct visit_log){ .n = 0 };
	assert_int_equal(radix_walk(&r, 514, 1023, record, &log), 0);
	assert_int_equal(radix_walk(&r, 600, 600, record, &log), 0);
	assert_int_equal(radix_walk(&r, 1024, 511, record, &log), 0);
	assert_int_equal(log.n, 0);
	radix_free(&r);
}

static void walk_stops_and_returns(void **state)
{
	struct radix r = { NULL };
	struct visit_log log = { .n = 0, .stop_after = 3 };
	u64 k;

	for (k = 0; k < 10; k++)
		set(&r, k * 1000, 1);
	assert_int_equal(radix_walk(&r, 0, KEY_LIMIT, record, &log), 7);
	assert_int_equal(log.n, 3);
	assert_int_equal(log.keys[2], 2000);
	radix_free(&r);
}

static void walk_may_clear_slots(void **state)
{
	struct radix r = { NULL };
	struct visit_log log = { .n = 0, .clear = true };
	u64 k;

	for (k = 100; k < 110; k++)
		set(&r, k, k);
	radix_walk(&r, 103, 107, record, &log);
	assert_int_equal(log.n, 4);
	log = (struct visit_log){ .n = 0 };
	radix_walk(&r, 0, KEY_LIMIT, record, &log);
	assert_int_equal(log.n, 6);
	assert_int_equal(log.keys[2], 102);
	assert_int_equal(log.keys[3], 107);
	radix_free(&r);
}

static void free_and_reuse(void **state)
{
	struct radix r = { NULL };
	struct visit_log log = { .n = 0 };

	set(&r, 42, 1);
	set(&r, 1ull << 30, 2);
	radix_free(&r);
	assert_null(r.root);
	assert_null(radix_slot(&r, 42, false));
	set(&r, 43, 3);
	radix_walk(&r, 0, KEY_LIMIT, record, &log);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.keys[0], 43);
	radix_free(&r);
	radix_free(&r); /* twice is harmless */
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Random keys, clustered so leaves fill up, against a sorted array. */
static void random_against_reference(void **state)
{
	enum { N = 3000 };
	static u64 ref[N];
	static struct visit_log log;
	struct radix r = { NULL };
	u64 x = 88172645463325252ull;
	unsigned i, n = 0, round;

	for (i = 0; i < N; i++) {
		u64 key;
		bool dup = false;
		unsigned j;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		key = (i % 3 == 0) ? x % KEY_LIMIT : (x % 4096) + ((x >> 40) % 4) * (1ull << 27);
		for (j = 0; j < n && !dup; j++)
			dup = ref[j] == key;
		if (dup)
			continue;
		ref[n++] = key;
		set(&r, key, key ^ 0xabcdef);
	}
	qsort(ref, n, sizeof(ref[0]), cmp_u64);
	for (round = 0; round < 50; round++) {
		u64 first, end;
		unsigned lo = 0, k;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		first = round == 0 ? 0 : ref[x % n] - (x >> 50) % 3;
		end = round == 0 ? KEY_LIMIT : first + (x >> 20) % (1ull << 28);
		while (lo < n && ref[lo] < first)
			lo++;
		log = (struct visit_log){ .n = 0 };
		radix_walk(&r, first, end, record, &log);
		for (k = 0; lo + k < n && ref[lo + k] < end; k++) {
			if (k >= log.n)
				fail_msg("walk [%llu, %llu) missed key %llu", (unsigned long long)first,
					 (unsigned long long)end, (unsigned long long)ref[lo + k]);
			assert_int_equal(log.keys[k], ref[lo + k]);
			assert_int_equal(log.vals[k], ref[lo + k] ^ 0xabcdef);
		}
		assert_int_equal(log.n, k);
		if (round == 0)
			assert_int_equal(log.n, n);
	}
	radix_free(&r);
}

static const struct CMUnitTest radix_tests[] = {
	cmocka_unit_test(empty_tree),
	cmocka_unit_test(slots_are_stable),
	cmocka_unit_test(keys_out_of_range),
	cmocka_unit_test(walk_in_key_order),
	cmocka_unit_test(walk_ranges),
	cmocka_unit_test(walk_stops_and_returns),
	cmocka_unit_test(walk_may_clear_slots),
	cmocka_unit_test(free_and_reuse),
	cmocka_unit_test(random_against_reference),
};

UNIT_SUITE(unit_suite_mm_radix, "core/mm/radix.c", radix_tests, NULL, NULL);
