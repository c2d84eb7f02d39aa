// SPDX-License-Identifier: GPL-2.0
/*
 * FPU/vector state belongs to a host_ctx (host.h ctx_fpstate_get/set): two
 * guest threads of one address space keep their own SSE registers however
 * they alternate, ctx_fpstate_get sees what the guest left, and
 * ctx_fpstate_set is what the guest sees next. (skas0 runs both threads in
 * one host process and switches the XSAVE image between them.)
 */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "host_test.h"

#define HT_SET_VA HT_CODE_VA
#define HT_GET_VA (HT_CODE_VA + PAGE_SIZE)

/* Run one of the snippets in ctx: xmm0 = v (set) or rax = xmm0 (get). */
static u64 ht_xmm(struct host_ctx *ctx, struct host_as *as, bool set, u64 v)
{
	struct host_trap trap;
	struct arch_regs r;

	ht_regs(&r, set ? HT_SET_VA : HT_GET_VA);
	r.rax = set ? v : 0;
	HT_EV(ht_run(ctx, as, &r, &trap), HOST_EV_SIGNAL);
	HT_EQ(trap.signo, SIGTRAP);
	return r.rax;
}

static u64 ht_fp_xmm0(const struct arch_fpstate *fp)
{
	return (u64)fp->xmm_space[0] | (u64)fp->xmm_space[1] << 32;
}

/* An FPU image of the backend's size (caps->fpstate_size), the legacy
 * fxsave part first. */
static struct arch_fpstate *ht_fp_buf(struct ht_env *env, size_t *len)
{
	static u8 buf[65536] __attribute__((aligned(64)));

	*len = env->caps->fpstate_size;
	HT_CHECK_MSG(*len >= sizeof(struct arch_fpstate) && *len <= sizeof(buf),
		     "fpstate_size %zu", *len);
	memset(buf, 0, *len);
	return (struct arch_fpstate *)buf;
}

static struct host_as *ht_fpu_as(struct ht_env *env)
{
	struct host_as *as;

	HT_OK(host_as_create(&as));
	ht_map_code(env, as, HT_SET_VA, HT_GUEST(xmm_set));
	ht_map_code(env, as, HT_GET_VA, HT_GUEST(xmm_get));
	return as;
}

static void fpu_two_ctx(struct ht_env *env)
{
	struct host_as *as = ht_fpu_as(env);
	struct host_ctx *c1, *c2;
	size_t len;
	struct arch_fpstate *fp = ht_fp_buf(env, &len);
	int i;

	HT_OK(host_ctx_create(&c1));
	HT_OK(host_ctx_create(&c2));
	ht_xmm(c1, as, true, 0x1111111111111111ull);
	ht_xmm(c2, as, true, 0x2222222222222222ull);
	/* each reads its own, in every order */
	for (i = 0; i < 3; i++) {
		HT_EQ(ht_xmm(c1, as, false, 0), 0x1111111111111111ull);
		HT_EQ(ht_xmm(c2, as, false, 0), 0x2222222222222222ull);
		HT_EQ(ht_xmm(c2, as, false, 0), 0x2222222222222222ull);
		HT_EQ(ht_xmm(c1, as, false, 0), 0x1111111111111111ull);
	}
	/* fpstate_get of the one not live, and of the live one */
	HT_OK(host_ctx_fpstate_get(c2, as, fp, len));
	HT_EQ(ht_fp_xmm0(fp), 0x2222222222222222ull);
	HT_OK(host_ctx_fpstate_get(c2, as, fp, len));
	HT_EQ(ht_fp_xmm0(fp), 0x2222222222222222ull);
	HT_OK(host_ctx_fpstate_get(c1, as, fp, len));
	HT_EQ(ht_fp_xmm0(fp), 0x1111111111111111ull);
	/* reading does not change anything */
	HT_EQ(ht_xmm(c2, as, false, 0), 0x2222222222222222ull);
	HT_EQ(ht_xmm(c1, as, false, 0), 0x1111111111111111ull);
	host_ctx_destroy(c1);
	host_ctx_destroy(c2);
	host_as_destroy(as);
}

static void fpu_set_then_run(struct ht_env *env)
{
	struct host_as *as = ht_fpu_as(env);
	struct host_ctx *c1, *c2;
	size_t len;
	struct arch_fpstate *fp = ht_fp_buf(env, &len);

	HT_OK(host_ctx_create(&c1));
	HT_OK(host_ctx_create(&c2));
	ht_xmm(c1, as, true, 0x1111);
	ht_xmm(c2, as, true, 0x2222);
	/* set the one that is not live (c2 ran last) */
	HT_OK(host_ctx_fpstate_get(c1, as, fp, len));
	fp->xmm_space[0] = 0x33333333;
	fp->xmm_space[1] = 0x44444444;
	HT_OK(host_ctx_fpstate_set(c1, as, fp, len));
	HT_OK(host_ctx_fpstate_get(c2, as, fp, len)); /* switch away again */
	HT_EQ(ht_fp_xmm0(fp), 0x2222);
	HT_EQ(ht_xmm(c1, as, false, 0), 0x4444444433333333ull);
	HT_EQ(ht_xmm(c2, as, false, 0), 0x2222);
	/* set the live one (c2 ran last) */
	HT_OK(host_ctx_fpstate_get(c2, as, fp, len));
	fp->xmm_space[0] = 0x55555555;
	fp->xmm_space[1] = 0;
	HT_OK(host_ctx_fpstate_set(c2, as, fp, len));
	HT_EQ(ht_xmm(c2, as, false, 0), 0x55555555);
	HT_EQ(ht_xmm(c1, as, false, 0), 0x4444444433333333ull);
	HT_EQ(ht_xmm(c2, as, false, 0), 0x55555555);
	host_ctx_destroy(c1);
	host_ctx_destroy(c2);
	host_as_destroy(as);
}

/* A context destroyed while its state is live does not take the others'
 * with it, and a new one on the same address space works. */
static void fpu_ctx_destroy(struct ht_env *env)
{
	struct host_as *as = ht_fpu_as(env);
	struct host_ctx *c1, *c2, *c3;

	HT_OK(host_ctx_create(&c1));
	HT_OK(host_ctx_create(&c2));
	ht_xmm(c1, as, true, 0x1111);
	ht_xmm(c2, as, true, 0x2222);
	host_ctx_destroy(c2); /* live */
	HT_EQ(ht_xmm(c1, as, false, 0), 0x1111);
	HT_OK(host_ctx_create(&c3));
	ht_xmm(c3, as, true, 0x3333);
	HT_EQ(ht_xmm(c1, as, false, 0), 0x1111);
	HT_EQ(ht_xmm(c3, as, false, 0), 0x3333);
	host_as_destroy(as);
	host_ctx_destroy(c1);
	host_ctx_destroy(c3);
}

static const struct ht_test tests[] = {
	{ "fpu_two_ctx", fpu_two_ctx, HT_BOOTED | HT_FPU, NULL },
	{ "fpu_set_then_run", fpu_set_then_run, HT_BOOTED | HT_FPU, NULL },
	{ "fpu_ctx_destroy", fpu_ctx_destroy, HT_BOOTED | HT_FPU, NULL },
};
HT_SUITE(fpu, tests);
