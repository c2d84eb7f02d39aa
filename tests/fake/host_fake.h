/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fake host: an in-memory struct host_ops (core/include/host.h) for the
 * unit tests. Guest RAM is a calloc'd buffer; address spaces keep a log of
 * every map/unmap/protect the kernel queued and a page-by-page model of what
 * the host process would have mapped once the queue is applied; the clock
 * moves only when a test advances it; poll finds nothing; getrandom is a
 * fixed sequence. Tests drive it through the fake_* calls below and reach
 * the kernel through the real wrappers in core/host.c.
 *
 * Layer: tests only. Registered as the host backend "fake" in
 * tests/fake/registry_fake.c.
 */
#ifndef TESTS_FAKE_HOST_FAKE_H
#define TESTS_FAKE_HOST_FAKE_H

#include "host.h"

extern const struct host_backend fake_host_backend;     /* "fake" */
extern const struct host_backend fake_min_host_backend; /* "fake-min": no optional ops */

/* Knobs read by the next fake_host_boot (init fills host_caps from them). */
struct fake_host_config {
	u64 task_size;           /* default 0x7ffffffff000, x86_64's 47 bits */
	bool can_clone_as;       /* default true (as SKAS0) */
	bool fault_access_known; /* default false (as SKAS0) */
	/* Fault injection: a non-zero value is returned (once) by that op. */
	int mem_create_err;
	int as_create_err;
	int as_clone_err;
	int as_map_err;
	int probe_err;           /* probe fails with it (not once: until reset) */
};

/* Forget every address space, the memory file and the clock; the config
 * goes back to its defaults. */
void fake_host_reset(void);
struct fake_host_config *fake_host_config(void);
/* host_select("fake") and host_init: what kernel_main does first. 0 or -errno. */
int fake_host_boot(void);
int fake_host_boot_mode(const char *mode); /* "fake" or "fake-min" */

/* ---- memory file ---- */
void *fake_mem_base(void);   /* NULL before mem_create */
u64 fake_mem_size(void);
unsigned fake_mem_discards(void);

/* ---- clock ---- */
#define FAKE_CLOCK_START_NS (1000LL * 1000000000LL) /* monotonic at reset */
#define FAKE_REALTIME_OFFSET_NS (1700000000LL * 1000000000LL)
void fake_clock_advance(s64 ns);
s64 fake_deadline(void);     /* last set_deadline, S64_MAX if none */

/* ---- address spaces ---- */
enum fake_as_kind { FAKE_AS_MAP, FAKE_AS_UNMAP, FAKE_AS_PROTECT };
struct fake_as_op {
	enum fake_as_kind kind;
	u64 va, len;
	int prot;   /* map, protect */
	u64 off;    /* map: memory-file offset */
};
unsigned fake_as_live(void);           /* created or cloned, not destroyed */
unsigned fake_as_created(void);        /* as_create calls that succeeded */
unsigned fake_as_cloned(void);         /* as_clone calls that succeeded */
size_t fake_as_nops(const struct host_as *as);
const struct fake_as_op *fake_as_op(const struct host_as *as, size_t i);
void fake_as_forget_ops(struct host_as *as); /* clear the log, keep the model */
unsigned fake_as_flushes(const struct host_as *as);
/* The host's view of va after every queued change: true if mapped, with
 * its protection and memory-file offset (either may be NULL). */
bool fake_as_lookup(const struct host_as *as, u64 va, int *prot, u64 *off);
/* Pages the host has mapped in as. */
size_t fake_as_mapped_pages(const struct host_as *as);

/* ---- host files for file_read_all (initrd=) ---- */
void fake_host_add_file(const char *path, const void *data, size_t len);

/* ---- halt ---- */
/* Called by the fake's halt op and by the kernel_halt stub: fails the
 * running test (or satisfies cmocka's expect_assert_failure). */
__noreturn void fake_halted(int status, const char *why);

#endif
