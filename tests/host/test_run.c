// SPDX-License-Identifier: GPL-2.0
/*
 * Running guest code (host.h ctx_run): each event of enum host_event with
 * the registers and host_trap the contract promises. A guest system call
 * stops the guest and is never run by the host; a fault reports its
 * address and si_code and leaves rip on the faulting instruction, so
 * resuming after the fix retries it; synchronous traps (ud2, int3, divide
 * by zero) come back as HOST_EV_SIGNAL and are not delivered on the host.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>

#include "host_test.h"

/* rax=39 (getpid) with an argument in every argument register: the stop
 * shows all of them, and the host did not run it. */
static void run_syscall_getpid(struct ht_env *env)
{
	struct ht_guest g;
	struct arch_regs *r = &g.regs;

	ht_guest_new(env, &g, HT_GUEST(sys_once));
	r->rax = 39;
	r->rdi = 0x1111;
	r->rsi = 0x2222;
	r->rdx = 0x3333;
	r->r10 = 0x4444;
	r->r8 = 0x5555;
	r->r9 = 0x6666;
	/* registers a syscall does not touch */
	r->rbx = 0x7777;
	r->rbp = 0x8888;
	r->r12 = 0x9999;
	r->r13 = 0xaaaa;
	r->r14 = 0xbbbb;
	r->r15 = 0xcccc;
	r->fs_base = 0x7f0000123000ull;
	HT_EV(ht_guest_run(&g), HOST_EV_SYSCALL);
	HT_EQ(r->orig_rax, 39);
	HT_EQ(r->rdi, 0x1111);
	HT_EQ(r->rsi, 0x2222);
	HT_EQ(r->rdx, 0x3333);
	HT_EQ(r->r10, 0x4444);
	HT_EQ(r->r8, 0x5555);
	HT_EQ(r->r9, 0x6666);
	HT_EQ(r->rbx, 0x7777);
	HT_EQ(r->rbp, 0x8888);
	HT_EQ(r->r12, 0x9999);
	HT_EQ(r->r13, 0xaaaa);
	HT_EQ(r->r14, 0xbbbb);
	HT_EQ(r->r15, 0xcccc);
	HT_EQ(r->fs_base, 0x7f0000123000ull);
	/* rip is past the instruction (Linux's syscall entry state) */
	HT_EQ(r->rip, HT_CODE_VA + HT_MARK(sys_once, after));
	/* Not run: rax still holds Linux's entry value -ENOSYS, not a pid. */
	HT_EQ(r->rax, -ENOSYS);

	/* The kernel's answer goes in rax; the guest goes on after the
	 * instruction (here: copies rax to rbx and stops at int3). */
	r->rax = 4242;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGTRAP);
	HT_EQ(r->rbx, 4242);
	HT_EQ(r->rip, HT_CODE_VA + HT_MARK(sys_once, done));
	ht_guest_free(&g);
}

/* prctl(PR_SET_NAME), kill(0, SIGKILL), exit_group: the host must run none
 * of them. A renamed stub process is the canary; SIGKILL to its process group would
 * end it (and we could not resume it); exit_group too. */
static void run_syscall_not_executed(struct ht_env *env)
{
	static const u64 nrs[] = { 157, 62, 231 };
	struct ht_guest g;
	unsigned i;

	ht_guest_new(env, &g, HT_GUEST(sys_harmful));
	for (i = 0; i < 3; i++) {
		HT_EV(ht_guest_run(&g), HOST_EV_SYSCALL);
		HT_EQ(g.regs.orig_rax, nrs[i]);
		HT_EQ(ht_leaks(env), 0);
		g.regs.rax = 0;
	}
	HT_EQ(g.regs.rdi, 7); /* exit_group's status, as the guest set it */
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGTRAP);
	HT_EQ(g.regs.rip, HT_CODE_VA + HT_MARK(sys_harmful, done));
	HT_EQ(ht_leaks(env), 0);
	ht_guest_free(&g);
}

/* A syscall stop many times over: the loop a guest's system calls make. */
static void run_syscall_many(struct ht_env *env)
{
	struct ht_guest g;
	int i;

	ht_guest_new(env, &g, HT_GUEST(sys_once));
	for (i = 0; i < 1000; i++) {
		ht_regs(&g.regs, HT_CODE_VA);
		g.regs.rax = 39;
		g.regs.rdi = (u64)i;
		HT_EV(ht_guest_run(&g), HOST_EV_SYSCALL);
		HT_EQ(g.regs.orig_rax, 39);
		HT_EQ(g.regs.rdi, i);
		g.regs.rax = (u64)i * 3;
		HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
		HT_EQ(g.regs.rbx, (u64)i * 3);
	}
	ht_guest_free(&g);
}

/* A load from an unmapped page: FAULT at that address, SEGV_MAPERR, rip on
 * the load. Mapping the page and resuming retries the load. */
static void run_fault_unmapped(struct ht_env *env)
{
	u64 addr = HT_FAR_VA + 0x128;
	struct ht_guest g;
	u64 data;

	ht_guest_new(env, &g, HT_GUEST(load));
	g.regs.rdi = addr;
	HT_EV(ht_guest_run(&g), HOST_EV_FAULT);
	HT_EQ(g.trap.signo, SIGSEGV);
	HT_EQ(g.trap.code, SEGV_MAPERR);
	HT_EQ(g.trap.addr, addr);
	HT_EQ(g.regs.rip, HT_CODE_VA);
	HT_EQ(g.regs.rdi, addr);

	data = ht_frame(env);
	HT_WORD(env, data + 0x128) = 0xabcdef;
	HT_OK(host_as_map(g.as, HT_FAR_VA, PAGE_SIZE, PROT_READ, data));
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGTRAP);
	HT_EQ(g.regs.rax, 0xabcdef);
	ht_guest_free(&g);
}

/* A store to a read-only page: SEGV_ACCERR at that address; after
 * as_protect the store is retried and lands. (SKAS0 cannot tell reads from
 * writes: trap.access may be 0, but never a wrong bit.) */
static void run_fault_readonly_store(struct ht_env *env)
{
	struct ht_guest g;
	u64 data;

	ht_guest_new(env, &g, HT_GUEST(store));
	data = ht_map_data(env, g.as, HT_DATA_VA, PROT_READ, 1);
	g.regs.rdi = HT_DATA_VA + 0x40;
	g.regs.rsi = 0x5151;
	HT_EV(ht_guest_run(&g), HOST_EV_FAULT);
	HT_EQ(g.trap.signo, SIGSEGV);
	HT_EQ(g.trap.code, SEGV_ACCERR);
	HT_EQ(g.trap.addr, HT_DATA_VA + 0x40);
	HT_EQ(g.regs.rip, HT_CODE_VA);
	HT_CHECK(!(g.trap.access & (HOST_ACCESS_READ | HOST_ACCESS_EXEC)));
	if (env->caps->fault_access_known)
		HT_EQ(g.trap.access, HOST_ACCESS_WRITE);
	HT_EQ(HT_WORD(env, data + 0x40), 0);

	HT_OK(host_as_protect(g.as, HT_DATA_VA, PAGE_SIZE, PROT_READ | PROT_WRITE));
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGTRAP);
	HT_EQ(HT_WORD(env, data + 0x40), 0x5151);
	HT_EQ(HT_WORD(env, data), 1);
	ht_guest_free(&g);
}

/* Executing a page mapped without PROT_EXEC: SEGV_ACCERR at the target. */
static void run_fault_noexec(struct ht_env *env)
{
	struct ht_guest g;

	ht_guest_new(env, &g, HT_GUEST(jump));
	ht_map_data(env, g.as, HT_DATA_VA, PROT_READ | PROT_WRITE, 0x90909090);
	g.regs.rdi = HT_DATA_VA;
	HT_EV(ht_guest_run(&g), HOST_EV_FAULT);
	HT_EQ(g.trap.signo, SIGSEGV);
	HT_EQ(g.trap.code, SEGV_ACCERR);
	HT_EQ(g.trap.addr, HT_DATA_VA);
	HT_EQ(g.regs.rip, HT_DATA_VA);
	ht_guest_free(&g);
}

/* After a trap the process was not killed by it (the host signal was
 * suppressed): point rip at an int3 and resume. */
static void ht_resume_to_int3(struct ht_env *env, struct ht_guest *g)
{
	ht_map_code(env, g->as, HT_CODE_VA + 16 * PAGE_SIZE, HT_GUEST(int3));
	g->regs.rip = HT_CODE_VA + 16 * PAGE_SIZE;
	HT_EV(ht_guest_run(g), HOST_EV_SIGNAL);
	HT_EQ(g->trap.signo, SIGTRAP);
}

static void run_sigill(struct ht_env *env)
{
	struct ht_guest g;

	ht_guest_new(env, &g, HT_GUEST(ud2));
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGILL);
	HT_EQ(g.trap.code, ILL_ILLOPN);
	HT_EQ(g.trap.addr, HT_CODE_VA);
	HT_EQ(g.regs.rip, HT_CODE_VA);
	ht_resume_to_int3(env, &g);
	ht_guest_free(&g);
}

static void run_sigtrap(struct ht_env *env)
{
	struct ht_guest g;

	ht_guest_new(env, &g, HT_GUEST(int3));
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGTRAP);
	HT_EQ(g.regs.rip, HT_CODE_VA + HT_MARK(int3, done));
	/* again: a breakpoint does not end anything */
	g.regs.rip = HT_CODE_VA;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGTRAP);
	ht_guest_free(&g);
}

static void run_sigfpe(struct ht_env *env)
{
	struct ht_guest g;

	ht_guest_new(env, &g, HT_GUEST(div0));
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGFPE);
	HT_EQ(g.trap.code, FPE_INTDIV);
	HT_EQ(g.trap.addr, HT_CODE_VA + HT_MARK(div0, div));
	HT_EQ(g.regs.rip, HT_CODE_VA + HT_MARK(div0, div));
	ht_resume_to_int3(env, &g);
	ht_guest_free(&g);
}

/* One context, two address spaces, alternating: each run uses the address
 * space it is given. */
static void run_ctx_moves_between_as(struct ht_env *env)
{
	struct host_as *as[2];
	struct host_ctx *ctx;
	struct host_trap trap;
	struct arch_regs r;
	int i, k;

	HT_OK(host_ctx_create(&ctx));
	for (k = 0; k < 2; k++) {
		HT_OK(host_as_create(&as[k]));
		ht_map_code(env, as[k], HT_CODE_VA, HT_GUEST(load));
		ht_map_data(env, as[k], HT_DATA_VA, PROT_READ, 100 + (u64)k);
	}
	for (i = 0; i < 6; i++) {
		k = i % 2;
		ht_regs(&r, HT_CODE_VA);
		r.rdi = HT_DATA_VA;
		HT_EV(ht_run(ctx, as[k], &r, &trap), HOST_EV_SIGNAL);
		HT_EQ(r.rax, 100 + k);
	}
	host_ctx_destroy(ctx);
	host_as_destroy(as[0]);
	host_as_destroy(as[1]);
}

static const struct ht_test tests[] = {
	{ "run_syscall_getpid", run_syscall_getpid, HT_BOOTED, NULL },
	{ "run_syscall_not_executed", run_syscall_not_executed, HT_BOOTED, NULL },
	{ "run_syscall_many", run_syscall_many, HT_BOOTED, NULL },
	{ "run_fault_unmapped", run_fault_unmapped, HT_BOOTED, NULL },
	{ "run_fault_readonly_store", run_fault_readonly_store, HT_BOOTED, NULL },
	{ "run_fault_noexec", run_fault_noexec, HT_BOOTED, NULL },
	{ "run_sigill", run_sigill, HT_BOOTED, NULL },
	{ "run_sigtrap", run_sigtrap, HT_BOOTED, NULL },
	{ "run_sigfpe", run_sigfpe, HT_BOOTED, NULL },
	{ "run_ctx_moves_between_as", run_ctx_moves_between_as, HT_BOOTED, NULL },
};
HT_SUITE(run, tests);
