// SPDX-License-Identifier: GPL-2.0
/*
 * as_clone (host.h, caps.can_clone_as): a guest fork. The clone starts with
 * the parent's mappings, its queue included (flushed first), mapping the
 * same frames; the kernel has write-protected what must become
 * copy-on-write, so a write in either faults, and once the kernel maps the
 * writer a copy the two diverge. Each lives on when the other is destroyed.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "host_test.h"

#define HT_LOAD_VA HT_CODE_VA
#define HT_STORE_VA (HT_CODE_VA + PAGE_SIZE)

/* An address space with the load and store snippets mapped. */
static void ht_cow_guest(struct ht_env *env, struct ht_guest *g)
{
	ht_guest_new(env, g, HT_GUEST(load));
	ht_map_code(env, g->as, HT_STORE_VA, HT_GUEST(store));
}

static int ht_run_load(struct host_ctx *ctx, struct host_as *as, u64 va, u64 *val)
{
	struct arch_regs r;
	struct host_trap trap;
	int ev;

	ht_regs(&r, HT_LOAD_VA);
	r.rdi = va;
	ev = ht_run(ctx, as, &r, &trap);
	*val = r.rax;
	return ev;
}

static int ht_run_store(struct host_ctx *ctx, struct host_as *as, u64 va, u64 val,
			struct host_trap *trap)
{
	struct arch_regs r;

	ht_regs(&r, HT_STORE_VA);
	r.rdi = va;
	r.rsi = val;
	return ht_run(ctx, as, &r, trap);
}

#define HT_AS_LOADS(ctx, as, va, want)                                        \
	do {                                                                  \
		u64 v_;                                                       \
		HT_EV(ht_run_load((ctx), (as), (va), &v_), HOST_EV_SIGNAL);   \
		HT_EQ(v_, (want));                                            \
	} while (0)

static void clone_copy_on_write(struct ht_env *env)
{
	struct host_as *child;
	struct host_trap trap;
	struct ht_guest g;
	u64 a, b;

	ht_cow_guest(env, &g);
	a = ht_map_data(env, g.as, HT_DATA_VA, PROT_READ | PROT_WRITE, 0);
	HT_EV(ht_run_store(g.ctx, g.as, HT_DATA_VA, 0x1111, &trap), HOST_EV_SIGNAL);
	HT_EQ(HT_WORD(env, a), 0x1111);

	/* what fork does: write-protect, then clone */
	HT_OK(host_as_protect(g.as, HT_DATA_VA, PAGE_SIZE, PROT_READ));
	HT_OK(host_as_clone(g.as, &child));
	HT_AS_LOADS(g.ctx, child, HT_DATA_VA, 0x1111);
	HT_AS_LOADS(g.ctx, g.as, HT_DATA_VA, 0x1111);
	/* both are write-protected */
	HT_EV(ht_run_store(g.ctx, child, HT_DATA_VA, 0x2222, &trap), HOST_EV_FAULT);
	HT_EQ(trap.code, SEGV_ACCERR);
	HT_EQ(trap.addr, HT_DATA_VA);
	HT_EV(ht_run_store(g.ctx, g.as, HT_DATA_VA, 0x3333, &trap), HOST_EV_FAULT);
	HT_EQ(trap.code, SEGV_ACCERR);

	/* the child's write fault: the kernel copies the frame, maps it */
	b = ht_frame(env);
	memcpy(ht_mem(env, b), ht_mem(env, a), PAGE_SIZE);
	HT_OK(host_as_map(child, HT_DATA_VA, PAGE_SIZE, PROT_READ | PROT_WRITE, b));
	HT_EV(ht_run_store(g.ctx, child, HT_DATA_VA, 0x2222, &trap), HOST_EV_SIGNAL);
	/* the parent's: last user of a, it gets a back writable */
	HT_OK(host_as_protect(g.as, HT_DATA_VA, PAGE_SIZE, PROT_READ | PROT_WRITE));
	HT_EV(ht_run_store(g.ctx, g.as, HT_DATA_VA, 0x3333, &trap), HOST_EV_SIGNAL);

	HT_EQ(HT_WORD(env, a), 0x3333);
	HT_EQ(HT_WORD(env, b), 0x2222);
	HT_AS_LOADS(g.ctx, child, HT_DATA_VA, 0x2222);
	HT_AS_LOADS(g.ctx, g.as, HT_DATA_VA, 0x3333);
	host_as_destroy(child);
	ht_guest_free(&g);
}

/* Changes still queued in the parent are part of what the clone gets. */
static void clone_flushes_parent_queue(struct ht_env *env)
{
	struct host_as *child;
	struct ht_guest g;

	ht_cow_guest(env, &g);
	ht_map_data(env, g.as, HT_DATA_VA, PROT_READ, 0x4444);
	ht_map_data(env, g.as, HT_FAR_VA, PROT_READ, 0x5555);
	HT_OK(host_as_unmap(g.as, HT_FAR_VA, PAGE_SIZE));
	/* nothing has run in g.as yet: everything above is queued */
	HT_OK(host_as_clone(g.as, &child));
	HT_AS_LOADS(g.ctx, child, HT_DATA_VA, 0x4444);
	HT_EV(ht_run_load(g.ctx, child, HT_FAR_VA, &(u64){ 0 }), HOST_EV_FAULT);
	HT_AS_LOADS(g.ctx, g.as, HT_DATA_VA, 0x4444);
	/* and the clone's own queue is its own */
	HT_OK(host_as_unmap(child, HT_DATA_VA, PAGE_SIZE));
	HT_AS_LOADS(g.ctx, g.as, HT_DATA_VA, 0x4444);
	HT_EV(ht_run_load(g.ctx, child, HT_DATA_VA, &(u64){ 0 }), HOST_EV_FAULT);
	host_as_destroy(child);
	ht_guest_free(&g);
}

/* The parent's host process goes (the guest parent exited first): the
 * clone runs on, and the other way round. */
static void clone_outlives_parent(struct ht_env *env)
{
	struct host_as *child, *grandchild;
	struct ht_guest g;

	ht_cow_guest(env, &g);
	ht_map_data(env, g.as, HT_DATA_VA, PROT_READ, 0x6666);
	HT_OK(host_as_clone(g.as, &child));
	HT_OK(host_as_clone(child, &grandchild));

	host_as_destroy(g.as);
	HT_AS_LOADS(g.ctx, child, HT_DATA_VA, 0x6666);
	HT_AS_LOADS(g.ctx, grandchild, HT_DATA_VA, 0x6666);
	host_as_destroy(grandchild);
	HT_AS_LOADS(g.ctx, child, HT_DATA_VA, 0x6666);
	host_as_destroy(child);
	host_ctx_destroy(g.ctx);
}

/* A chain of clones, each with a change of its own after the clone:
 * each keeps what it inherited plus its own; destroying every other one
 * leaves the rest working. */
static void clone_many(struct ht_env *env)
{
	struct host_as *as[32];
	struct ht_guest g;
	int i;

	ht_cow_guest(env, &g);
	ht_map_data(env, g.as, HT_DATA_VA, PROT_READ, 0x7777);
	for (i = 0; i < 32; i++) {
		HT_OK(host_as_clone(i ? as[i - 1] : g.as, &as[i]));
		ht_map_data(env, as[i], HT_FAR_VA, PROT_READ, (u64)i);
	}
	for (i = 31; i >= 0; i--) {
		HT_AS_LOADS(g.ctx, as[i], HT_DATA_VA, 0x7777);
		HT_AS_LOADS(g.ctx, as[i], HT_FAR_VA, (u64)i);
	}
	for (i = 0; i < 32; i += 2)
		host_as_destroy(as[i]);
	for (i = 1; i < 32; i += 2) {
		HT_AS_LOADS(g.ctx, as[i], HT_FAR_VA, (u64)i);
		host_as_destroy(as[i]);
	}
	ht_guest_free(&g);
}

static const struct ht_test tests[] = {
	{ "clone_copy_on_write", clone_copy_on_write, HT_BOOTED | HT_CLONE, NULL },
	{ "clone_flushes_parent_queue", clone_flushes_parent_queue, HT_BOOTED | HT_CLONE, NULL },
	{ "clone_outlives_parent", clone_outlives_parent, HT_BOOTED | HT_CLONE, NULL },
	{ "clone_many", clone_many, HT_BOOTED | HT_CLONE, NULL },
};
HT_SUITE(clone, tests);
