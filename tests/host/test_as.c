// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces (host.h as_*): changes are queued and applied in order by
 * as_flush or the next ctx_run, however many there are (more than one stop
 * of the stub can hold, STUB_MAX_OPS for skas0), a map replaces what was
 * there, as_flush reports the first failing change's -errno, and two
 * address spaces never see each other's changes.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>

#include "host_test.h"

#define HT_MANY 1000 /* changes in one queue: more than a stub stop holds (380) */

/* Run the load snippet (mapped at HT_CODE_VA) on va: the event, rax in *val. */
static int ht_load(struct ht_guest *g, u64 va, u64 *val)
{
	int ev;

	ht_regs(&g->regs, HT_CODE_VA);
	g->regs.rdi = va;
	ev = ht_guest_run(g);
	*val = g->regs.rax;
	return ev;
}

#define HT_LOADS(g, va, want)                                                 \
	do {                                                                  \
		u64 v_;                                                       \
		HT_EV(ht_load((g), (va), &v_), HOST_EV_SIGNAL);               \
		HT_EQ(v_, (want));                                            \
	} while (0)
#define HT_LOAD_FAULTS(g, va, code_)                                          \
	do {                                                                  \
		u64 v_;                                                       \
		HT_EV(ht_load((g), (va), &v_), HOST_EV_FAULT);                \
		HT_EQ((g)->trap.code, (code_));                               \
		HT_EQ((g)->trap.addr, (va));                                  \
	} while (0)

/* Map, unmap, map again, all queued: the last one wins. */
static void batch_in_order(struct ht_env *env)
{
	struct ht_guest g;
	u64 a, b;

	ht_guest_new(env, &g, HT_GUEST(load));
	a = ht_map_data(env, g.as, HT_DATA_VA, PROT_READ, 0xa);
	HT_OK(host_as_unmap(g.as, HT_DATA_VA, PAGE_SIZE));
	b = ht_map_data(env, g.as, HT_DATA_VA, PROT_READ, 0xb);
	HT_LOADS(&g, HT_DATA_VA, 0xb);
	(void)a;

	/* map then unmap: unmapped */
	ht_map_data(env, g.as, HT_DATA_VA + PAGE_SIZE, PROT_READ, 0xc);
	HT_OK(host_as_unmap(g.as, HT_DATA_VA + PAGE_SIZE, PAGE_SIZE));
	HT_LOAD_FAULTS(&g, HT_DATA_VA + PAGE_SIZE, SEGV_MAPERR);

	/* map, then protect to nothing, then back to read: readable */
	HT_OK(host_as_map(g.as, HT_DATA_VA + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ, b));
	HT_OK(host_as_protect(g.as, HT_DATA_VA + 2 * PAGE_SIZE, PAGE_SIZE, PROT_NONE));
	HT_OK(host_as_protect(g.as, HT_DATA_VA + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ));
	HT_LOADS(&g, HT_DATA_VA + 2 * PAGE_SIZE, 0xb);
	/* ... and protect after map, alone, applies */
	HT_OK(host_as_map(g.as, HT_DATA_VA + 3 * PAGE_SIZE, PAGE_SIZE, PROT_READ, b));
	HT_OK(host_as_protect(g.as, HT_DATA_VA + 3 * PAGE_SIZE, PAGE_SIZE, PROT_NONE));
	HT_LOAD_FAULTS(&g, HT_DATA_VA + 3 * PAGE_SIZE, SEGV_ACCERR);
	ht_guest_free(&g);
}

/* A map over a mapped page replaces it (no unmap needed). */
static void map_replaces(struct ht_env *env)
{
	struct ht_guest g;

	ht_guest_new(env, &g, HT_GUEST(load));
	ht_map_data(env, g.as, HT_DATA_VA, PROT_READ, 1);
	HT_LOADS(&g, HT_DATA_VA, 1);
	ht_map_data(env, g.as, HT_DATA_VA, PROT_READ, 2);
	HT_LOADS(&g, HT_DATA_VA, 2);
	/* over part of a larger mapping */
	ht_map_data(env, g.as, HT_DATA_VA + PAGE_SIZE, PROT_READ, 3);
	ht_map_data(env, g.as, HT_DATA_VA + 2 * PAGE_SIZE, PROT_READ, 4);
	ht_map_data(env, g.as, HT_DATA_VA + PAGE_SIZE, PROT_READ, 5);
	HT_LOADS(&g, HT_DATA_VA, 2);
	HT_LOADS(&g, HT_DATA_VA + PAGE_SIZE, 5);
	HT_LOADS(&g, HT_DATA_VA + 2 * PAGE_SIZE, 4);
	ht_guest_free(&g);
}

/* HT_MANY pages, each its own change (not contiguous in va, so nothing can
 * be merged), all in one queue: every one lands; then HT_MANY unmaps, then
 * half of them back, then HT_MANY protects. The sum snippet reads one word
 * per page in one run. */
static void batch_many(struct ht_env *env)
{
	const u64 stride = 2 * PAGE_SIZE;
	static u64 off[HT_MANY];
	struct ht_guest g;
	u64 sum = 0, sum_half = 0, i;

	ht_guest_new(env, &g, HT_GUEST(sum));
	for (i = 0; i < HT_MANY; i++) {
		off[i] = ht_map_data(env, g.as, HT_DATA_VA + i * stride, PROT_READ, i * i + 1);
		sum += i * i + 1;
		sum_half += i < HT_MANY / 2 ? i * i + 1 : 0;
	}
	g.regs.rdi = HT_DATA_VA;
	g.regs.rsi = stride;
	g.regs.rcx = HT_MANY;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGTRAP);
	HT_EQ(g.regs.rax, sum);

	/* unmap all, map the first half again (off = the same frames) */
	for (i = 0; i < HT_MANY; i++)
		HT_OK(host_as_unmap(g.as, HT_DATA_VA + i * stride, PAGE_SIZE));
	for (i = 0; i < HT_MANY / 2; i++)
		HT_OK(host_as_map(g.as, HT_DATA_VA + i * stride, PAGE_SIZE, PROT_READ, off[i]));
	ht_regs(&g.regs, HT_CODE_VA);
	g.regs.rdi = HT_DATA_VA;
	g.regs.rsi = stride;
	g.regs.rcx = HT_MANY / 2;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.regs.rax, sum_half);
	/* the first page of the second half is gone */
	ht_regs(&g.regs, HT_CODE_VA);
	g.regs.rdi = HT_DATA_VA;
	g.regs.rsi = stride;
	g.regs.rcx = HT_MANY;
	HT_EV(ht_guest_run(&g), HOST_EV_FAULT);
	HT_EQ(g.trap.code, SEGV_MAPERR);
	HT_EQ(g.trap.addr, HT_DATA_VA + HT_MANY / 2 * stride);
	HT_EQ(g.regs.rcx, HT_MANY / 2);

	/* HT_MANY/2 protects to PROT_NONE, then every other one back */
	for (i = 0; i < HT_MANY / 2; i++)
		HT_OK(host_as_protect(g.as, HT_DATA_VA + i * stride, PAGE_SIZE, PROT_NONE));
	for (i = 0; i < HT_MANY / 2; i += 2)
		HT_OK(host_as_protect(g.as, HT_DATA_VA + i * stride, PAGE_SIZE, PROT_READ));
	ht_regs(&g.regs, HT_CODE_VA);
	g.regs.rdi = HT_DATA_VA;
	g.regs.rsi = 2 * stride;
	g.regs.rcx = HT_MANY / 4;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.regs.rcx, 0);
	for (i = 1; i < HT_MANY / 2; i += 2) {
		ht_regs(&g.regs, HT_CODE_VA);
		g.regs.rdi = HT_DATA_VA + i * stride;
		g.regs.rcx = 1;
		HT_EV(ht_guest_run(&g), HOST_EV_FAULT);
		HT_EQ(g.trap.code, SEGV_ACCERR);
		HT_EQ(g.trap.addr, HT_DATA_VA + i * stride);
	}
	ht_guest_free(&g);
}

/* Changes that continue each other (contiguous va and file offset) may be
 * merged by the backend; ones that do not must not be. */
static void batch_adjacent(struct ht_env *env)
{
	struct ht_guest g;
	u64 base, i, sum = 0;
	const int n = 64;

	ht_guest_new(env, &g, HT_GUEST(sum));
	base = ht_frame(env);
	/* n frames in a row after the code's */
	for (i = 1; i < (u64)n; i++)
		HT_EQ(ht_frame(env), base + i * PAGE_SIZE);
	for (i = 0; i < (u64)n; i++)
		HT_WORD(env, base + i * PAGE_SIZE) = i + 1;
	/* contiguous va, contiguous offsets: one range */
	for (i = 0; i < (u64)n; i++)
		HT_OK(host_as_map(g.as, HT_DATA_VA + i * PAGE_SIZE, PAGE_SIZE, PROT_READ,
				  base + i * PAGE_SIZE));
	/* contiguous va, offsets running backwards: n ranges */
	for (i = 0; i < (u64)n; i++)
		HT_OK(host_as_map(g.as, HT_FAR_VA + i * PAGE_SIZE, PAGE_SIZE, PROT_READ,
				  base + ((u64)n - 1 - i) * PAGE_SIZE));
	/* contiguous, same offsets, alternating prot */
	for (i = 0; i < (u64)n; i++)
		HT_OK(host_as_map(g.as, HT_FAR_VA + 0x1000000 + i * PAGE_SIZE, PAGE_SIZE,
				  i % 2 ? PROT_READ : PROT_NONE, base + i * PAGE_SIZE));
	for (i = 0; i < (u64)n; i++)
		sum += i + 1;
	g.regs.rdi = HT_DATA_VA;
	g.regs.rsi = PAGE_SIZE;
	g.regs.rcx = (u64)n;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.regs.rax, sum);
	for (i = 0; i < (u64)n; i += 7) {
		ht_regs(&g.regs, HT_CODE_VA);
		g.regs.rdi = HT_FAR_VA + i * PAGE_SIZE;
		g.regs.rsi = 0;
		g.regs.rcx = 1;
		HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
		HT_EQ(g.regs.rax, (u64)n - i);

		ht_regs(&g.regs, HT_CODE_VA);
		g.regs.rdi = HT_FAR_VA + 0x1000000 + i * PAGE_SIZE;
		g.regs.rcx = 1;
		HT_EV(ht_guest_run(&g), i % 2 ? HOST_EV_SIGNAL : HOST_EV_FAULT);
		if (i % 2)
			HT_EQ(g.regs.rax, i + 1);
	}
	ht_guest_free(&g);
}

/* as_flush applies the queue without running anything; empty, it is 0. */
static void flush_explicit(struct ht_env *env)
{
	struct ht_guest g;

	ht_guest_new(env, &g, HT_GUEST(load));
	HT_OK(host_as_flush(g.as));
	HT_OK(host_as_flush(g.as));
	ht_map_data(env, g.as, HT_DATA_VA, PROT_READ, 77);
	HT_OK(host_as_flush(g.as));
	HT_LOADS(&g, HT_DATA_VA, 77);
	ht_guest_free(&g);
}

/* A change the host refuses: as_flush returns its -errno (mprotect of
 * nothing is -ENOMEM on Linux), and so does the ctx_run that flushes. */
static void flush_error(struct ht_env *env)
{
	struct ht_guest g;
	int err;

	ht_guest_new(env, &g, HT_GUEST(load));
	HT_OK(host_as_protect(g.as, HT_FAR_VA, PAGE_SIZE, PROT_READ));
	err = host_as_flush(g.as);
	HT_CHECK_MSG(err < 0 && err > -4096, "as_flush: %d", err);
	HT_EQ(err, -ENOMEM);
	ht_guest_free(&g);

	ht_guest_new(env, &g, HT_GUEST(load));
	HT_OK(host_as_protect(g.as, HT_FAR_VA, PAGE_SIZE, PROT_READ));
	HT_EQ(ht_guest_run(&g), -ENOMEM);
	ht_guest_free(&g);
}

/* Ranges outside [0, task_size) or unaligned never reach the backend. */
static void map_checked(struct ht_env *env)
{
	struct host_as *as;
	u64 top = env->caps->task_size;

	HT_EQ(env->caps->map_granule, PAGE_SIZE);
	HT_OK(host_as_create(&as));
	HT_EQ(host_as_map(as, top, PAGE_SIZE, PROT_READ, 0), -EINVAL);
	HT_EQ(host_as_map(as, top - PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ, 0), -EINVAL);
	HT_EQ(host_as_map(as, HT_DATA_VA + 1, PAGE_SIZE, PROT_READ, 0), -EINVAL);
	HT_EQ(host_as_map(as, HT_DATA_VA, PAGE_SIZE, PROT_READ, 1), -EINVAL);
	HT_EQ(host_as_unmap(as, HT_DATA_VA, 0), -EINVAL);
	HT_EQ(host_as_protect(as, -PAGE_SIZE, PAGE_SIZE, PROT_READ), -EINVAL);
	/* the highest page is fine */
	HT_OK(host_as_map(as, top - PAGE_SIZE, PAGE_SIZE, PROT_READ, 0));
	HT_OK(host_as_flush(as));
	host_as_destroy(as);
}

/* Two address spaces: the same address maps different frames, and changes
 * to one (queued, flushed, unmapped) never reach the other. */
static void two_as_independent(struct ht_env *env)
{
	struct ht_guest a, b;

	ht_guest_new(env, &a, HT_GUEST(load));
	ht_guest_new(env, &b, HT_GUEST(load));
	ht_map_data(env, a.as, HT_DATA_VA, PROT_READ, 0xaaaa);
	ht_map_data(env, b.as, HT_DATA_VA, PROT_READ, 0xbbbb);
	HT_LOADS(&a, HT_DATA_VA, 0xaaaa);
	HT_LOADS(&b, HT_DATA_VA, 0xbbbb);
	/* queued in a, not yet flushed, while b runs */
	HT_OK(host_as_unmap(a.as, HT_DATA_VA, PAGE_SIZE));
	ht_map_data(env, a.as, HT_FAR_VA, PROT_READ, 0xcccc);
	HT_LOADS(&b, HT_DATA_VA, 0xbbbb);
	HT_LOAD_FAULTS(&b, HT_FAR_VA, SEGV_MAPERR);
	HT_LOAD_FAULTS(&a, HT_DATA_VA, SEGV_MAPERR);
	HT_LOADS(&a, HT_FAR_VA, 0xcccc);
	HT_LOADS(&b, HT_DATA_VA, 0xbbbb);
	/* destroying one leaves the other */
	host_as_destroy(a.as);
	HT_LOADS(&b, HT_DATA_VA, 0xbbbb);
	host_ctx_destroy(a.ctx);
	ht_guest_free(&b);
}

static const struct ht_test tests[] = {
	{ "batch_in_order", batch_in_order, HT_BOOTED, NULL },
	{ "map_replaces", map_replaces, HT_BOOTED, NULL },
	{ "batch_many", batch_many, HT_BOOTED, NULL },
	{ "batch_adjacent", batch_adjacent, HT_BOOTED, NULL },
	{ "flush_explicit", flush_explicit, HT_BOOTED, NULL },
	{ "flush_error", flush_error, HT_BOOTED, NULL },
	{ "map_checked", map_checked, HT_BOOTED, NULL },
	{ "two_as_independent", two_as_independent, HT_BOOTED, NULL },
};
HT_SUITE(as, tests);
