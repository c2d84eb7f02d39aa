// SPDX-License-Identifier: GPL-2.0
/*
 * The skeleton host backend: every op answers -ENOSYS. It is built in every
 * configuration as the template for a new host backend and as a compile-time
 * check that the host interface is complete (STYLE rule 12, Gramine's
 * skeleton PAL). mode=skeleton refuses to boot, clearly.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "host.h"

static int skel_init(const struct host_boot *b, struct host_caps *c) { return -ENOSYS; }
static __attribute__((noreturn)) void skel_halt(int status) { exit(status); }
static int skel_mem_create(u64 size, void **base) { return -ENOSYS; }
static int skel_as_create(struct host_as **out) { return -ENOSYS; }
static void skel_as_destroy(struct host_as *as) { }
static int skel_as_map(struct host_as *as, u64 va, u64 len, int prot, u64 off) { return -ENOSYS; }
static int skel_as_unmap(struct host_as *as, u64 va, u64 len) { return -ENOSYS; }
static int skel_as_protect(struct host_as *as, u64 va, u64 len, int prot) { return -ENOSYS; }
static int skel_as_flush(struct host_as *as) { return -ENOSYS; }
static int skel_ctx_create(struct host_ctx **out) { return -ENOSYS; }
static void skel_ctx_destroy(struct host_ctx *ctx) { }
static int skel_ctx_run(struct host_ctx *ctx, struct host_as *as, struct arch_regs *r,
			struct host_trap *t) { return -ENOSYS; }
static s64 skel_clock_now(int clock) { return 0; }
static void skel_set_deadline(s64 d) { }
static int skel_poll(struct host_pollfd *f, int n, s64 t) { return -ENOSYS; }
static bool skel_irq_take(void) { return false; }
static unsigned skel_take_notes(void) { return 0; }
static int skel_getrandom(void *buf, size_t len) { return -ENOSYS; }

static int skel_probe(char *why, size_t whylen)
{
	snprintf(why, whylen, "nothing (template backend)");
	return -ENOSYS;
}

static const struct host_ops skel_ops = {
	.init = skel_init,
	.halt = skel_halt,
	.mem_create = skel_mem_create,
	.as_create = skel_as_create,
	.as_destroy = skel_as_destroy,
	.as_map = skel_as_map,
	.as_unmap = skel_as_unmap,
	.as_protect = skel_as_protect,
	.as_flush = skel_as_flush,
	.ctx_create = skel_ctx_create,
	.ctx_destroy = skel_ctx_destroy,
	.ctx_run = skel_ctx_run,
	.clock_now = skel_clock_now,
	.set_deadline = skel_set_deadline,
	.poll = skel_poll,
	.irq_take = skel_irq_take,
	.take_notes = skel_take_notes,
	.getrandom = skel_getrandom,
};

const struct host_backend host_skeleton = {
	.name = "skeleton",
	.help = "template backend: every operation is -ENOSYS",
	.probe = skel_probe,
	.ops = &skel_ops,
};
