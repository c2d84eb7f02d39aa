// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/host.c, the host_* wrappers (STYLE 5-8): choosing a
 * backend by exact name (and what "auto" does when none of the real ones
 * is compiled in), validating alignment and ranges once before the backend
 * sees a call, and -ENOSYS for optional ops a backend leaves NULL (the
 * "fake-min" backend). Boot messages go to the printk ring.
 */
#include <stdio.h>

#include "unit.h"
#include "console.h"
#include "host_fake.h"
#include "uapi.h"

static int host_setup(void **state)
{
	fake_host_reset();
	return 0;
}

/* Is s in the last part of the kernel log? */
static bool logged(const char *s)
{
	static char ring[4096];
	size_t n = printk_read_ring(ring, sizeof(ring) - 1);

	ring[n] = 0;
	return strstr(ring, s) != NULL;
}

static struct host_as *new_as(void)
{
	struct host_as *as;

	assert_int_equal(host_as_create(&as), 0);
	return as;
}

/* ---- choosing a backend ---------------------------------------------------------- */

static void select_by_exact_name(void **state)
{
	const struct host_caps *caps;

	assert_int_equal(fake_host_boot(), 0);
	assert_true(logged("Checking for nothing (in-memory fake) in the host (fake)...found"));
	caps = host_caps();
	assert_string_equal(caps->mode, "fake");
	assert_int_equal(caps->task_size, 0x7ffffffff000ull);
	assert_int_equal(caps->map_granule, PAGE_SIZE);
	assert_true(caps->can_clone_as);
	assert_int_equal(fake_host_boot_mode("fake-min"), 0);
	assert_string_equal(host_caps()->mode, "fake-min");
	assert_false(host_caps()->can_clone_as);
}

static void select_unknown_name(void **state)
{
	assert_int_equal(host_select("skas9"), -ENOENT);
	assert_true(logged("mode=skas9: no such host mode (compiled in: fake, fake-min)"));
	/* exact names only */
	assert_int_equal(host_select("fak"), -ENOENT);
	assert_int_equal(host_select("FAKE"), -ENOENT);
}

static void select_probe_fails(void **state)
{
	fake_host_config()->probe_err = -ENODEV;
	assert_int_equal(host_select("fake"), -ENODEV);
	assert_true(logged("the test's probe_err (-19)"));
	assert_true(logged("mode=fake: this host cannot run it"));
}

static void select_auto(void **state)
{
	/* auto probes skas3, skas0, tt: none of them is in the test registry */
	assert_int_equal(host_select("auto"), -ENODEV);
	assert_true(logged("no host mode works here"));
	assert_int_equal(host_select(NULL), -ENODEV);
}

/* ---- validation before dispatch ------------------------------------------------------ */

static void mem_create_checks_size(void **state)
{
	void *base;

	assert_int_equal(fake_host_boot(), 0);
	assert_int_equal(host_mem_create(0, &base), -EINVAL);
	assert_int_equal(host_mem_create(PAGE_SIZE + 1, &base), -EINVAL);
	assert_int_equal(fake_mem_size(), 0); /* the backend never saw them */
	assert_int_equal(host_mem_create(4 * PAGE_SIZE, &base), 0);
	assert_ptr_equal(base, fake_mem_base());
	assert_int_equal(fake_mem_size(), 4 * PAGE_SIZE);
	memset(base, 0xab, 4 * PAGE_SIZE);
	assert_int_equal(host_mem_discard(PAGE_SIZE, 1), -EINVAL);
	assert_int_equal(host_mem_discard(1, PAGE_SIZE), -EINVAL);
	assert_int_equal(fake_mem_discards(), 0);
	assert_int_equal(host_mem_discard(PAGE_SIZE, PAGE_SIZE), 0);
	assert_int_equal(((u8 *)base)[PAGE_SIZE], 0);
	assert_int_equal(((u8 *)base)[2 * PAGE_SIZE], 0xab);
}

static void as_ranges_are_checked(void **state)
{
	u64 top = 0x7ffffffff000ull;
	struct host_as *as;

	assert_int_equal(fake_host_boot(), 0);
	as = new_as();
	/* unaligned address, length or offset; empty; past the top; wrapping */
	assert_int_equal(host_as_map(as, 0x1001, PAGE_SIZE, PROT_READ, 0), -EINVAL);
	assert_int_equal(host_as_map(as, 0x1000, 100, PROT_READ, 0), -EINVAL);
	assert_int_equal(host_as_map(as, 0x1000, PAGE_SIZE, PROT_READ, 12), -EINVAL);
	assert_int_equal(host_as_map(as, 0x1000, 0, PROT_READ, 0), -EINVAL);
	assert_int_equal(host_as_map(as, top - PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ, 0), -EINVAL);
	assert_int_equal(host_as_map(as, ~0ull & PAGE_MASK, 2 * PAGE_SIZE, PROT_READ, 0), -EINVAL);
	assert_int_equal(host_as_unmap(as, 0x1000, PAGE_SIZE + 1), -EINVAL);
	assert_int_equal(host_as_unmap(as, top, PAGE_SIZE), -EINVAL);
	assert_int_equal(host_as_protect(as, 0x1800, PAGE_SIZE, PROT_READ), -EINVAL);
	assert_int_equal(host_as_protect(as, 0x1000, 0, PROT_READ), -EINVAL);
	assert_int_equal(fake_as_nops(as), 0); /* none reached the backend */
	/* good ones do, in order */
	assert_int_equal(host_as_map(as, top - PAGE_SIZE, PAGE_SIZE, PROT_READ, 8 * PAGE_SIZE), 0);
	assert_int_equal(host_as_protect(as, top - PAGE_SIZE, PAGE_SIZE, PROT_NONE), 0);
	assert_int_equal(host_as_unmap(as, 0x1000, top - 0x1000), 0);
	assert_int_equal(fake_as_nops(as), 3);
	assert_int_equal(fake_as_op(as, 0)->kind, FAKE_AS_MAP);
	assert_int_equal(fake_as_op(as, 0)->off, 8 * PAGE_SIZE);
	assert_int_equal(fake_as_op(as, 1)->kind, FAKE_AS_PROTECT);
	assert_int_equal(fake_as_op(as, 2)->kind, FAKE_AS_UNMAP);
	assert_int_equal(host_as_flush(as), 0);
	assert_int_equal(fake_as_flushes(as), 1);
	host_as_destroy(as);
	assert_int_equal(fake_as_live(), 0);
}

static void errors_come_back(void **state)
{
	struct host_as *as, *child;

	assert_int_equal(fake_host_boot(), 0);
	fake_host_config()->as_create_err = -EAGAIN;
	assert_int_equal(host_as_create(&as), -EAGAIN);
	as = new_as();
	fake_host_config()->as_map_err = -ENOMEM;
	assert_int_equal(host_as_map(as, 0x1000, PAGE_SIZE, PROT_READ, 0), -ENOMEM);
	assert_int_equal(host_as_map(as, 0x1000, PAGE_SIZE, PROT_READ, 0), 0);
	fake_host_config()->as_clone_err = -ENOMEM;
	assert_int_equal(host_as_clone(as, &child), -ENOMEM);
	assert_int_equal(host_as_clone(as, &child), 0);
	assert_true(fake_as_lookup(child, 0x1000, NULL, NULL));
	assert_int_equal(fake_as_live(), 2);
}

/* ---- optional ops ------------------------------------------------------------------ */

static void missing_optional_ops_are_enosys(void **state)
{
	struct host_as *as, *child;
	struct host_ctx *ctx;
	u8 fp[512];
	void *data;
	size_t len;

	assert_int_equal(fake_host_boot_mode("fake-min"), 0);
	as = new_as();
	assert_int_equal(host_ctx_create(&ctx), 0);
	assert_int_equal(host_as_clone(as, &child), -ENOSYS);
	assert_int_equal(host_mem_discard(0, PAGE_SIZE), -ENOSYS);
	assert_int_equal(host_irq_enable(0), -ENOSYS);
	assert_int_equal(host_ctx_fpstate_get(ctx, as, fp, sizeof(fp)), -ENOSYS);
	assert_int_equal(host_ctx_fpstate_set(ctx, as, fp, sizeof(fp)), -ENOSYS);
	assert_int_equal(host_file_read_all("/x", &data, &len), -ENOSYS);
	host_ctx_destroy(ctx);
	/* the full fake has them */
	assert_int_equal(fake_host_boot(), 0);
	assert_int_equal(host_irq_enable(0), -EINVAL);
	assert_int_equal(host_file_read_all("/x", &data, &len), -ENOENT);
}

/* ---- time, randomness, files, halt --------------------------------------------------- */

static void clock_and_deadline(void **state)
{
	s64 t0;

	assert_int_equal(fake_host_boot(), 0);
	t0 = host_clock_now(CLOCK_MONOTONIC);
	assert_int_equal(t0, FAKE_CLOCK_START_NS);
	assert_int_equal(host_clock_now(CLOCK_REALTIME), t0 + FAKE_REALTIME_OFFSET_NS);
	fake_clock_advance(1500);
	assert_int_equal(host_clock_now(CLOCK_MONOTONIC), t0 + 1500);
	assert_int_equal(fake_deadline(), S64_MAX);
	host_set_deadline(t0 + 10);
	assert_int_equal(fake_deadline(), t0 + 10);
	{
		struct host_pollfd p = { .fd = 0, .events = POLLIN, .revents = 7 };

		assert_int_equal(host_poll(&p, 1, 0), 0);
		assert_int_equal(p.revents, 0);
	}
	assert_false(host_irq_take());
	assert_int_equal(host_take_notes(), 0);
}

static void getrandom_is_deterministic(void **state)
{
	u8 a[32], b[32];

	assert_int_equal(fake_host_boot(), 0);
	assert_int_equal(host_getrandom(a, sizeof(a)), 0);
	assert_int_equal(host_getrandom(b, sizeof(b)), 0);
	assert_memory_not_equal(a, b, sizeof(a)); /* a sequence, not a constant */
	fake_host_reset();
	assert_int_equal(host_getrandom(b, sizeof(b)), 0);
	assert_memory_equal(a, b, sizeof(a));     /* the same after a reset */
}

static void file_read_all(void **state)
{
	void *data;
	size_t len;

	assert_int_equal(fake_host_boot(), 0);
	fake_host_add_file("/tmp/initrd", "070701", 6);
	assert_int_equal(host_file_read_all("/tmp/initrd", &data, &len), 0);
	assert_int_equal(len, 6);
	assert_memory_equal(data, "070701", 6);
	kfree(data);
	assert_int_equal(host_file_read_all("/tmp/other", &data, &len), -ENOENT);
}

static void halt_goes_to_the_backend(void **state)
{
	assert_int_equal(fake_host_boot(), 0);
	expect_assert_failure(host_halt(3));
}

#define T(fn) cmocka_unit_test_setup(fn, host_setup)
static const struct CMUnitTest host_tests[] = {
	/* first: host_select keeps an earlier choice when auto finds nothing,
	 * and nothing can unselect a backend (boot selects once) */
	T(select_auto),
	T(select_by_exact_name),
	T(select_unknown_name),
	T(select_probe_fails),
	T(mem_create_checks_size),
	T(as_ranges_are_checked),
	T(errors_come_back),
	T(missing_optional_ops_are_enosys),
	T(clock_and_deadline),
	T(getrandom_is_deterministic),
	T(file_read_all),
	T(halt_goes_to_the_backend),
};

UNIT_SUITE(unit_suite_host, "core/host.c", host_tests, NULL, NULL);
