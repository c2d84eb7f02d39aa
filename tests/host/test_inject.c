// SPDX-License-Identifier: GPL-2.0
/*
 * Host calls that fail (STYLE 25; host.h "every errno it returns"): through
 * host-ptrace's os_calls table a test makes one host call fail and checks
 * that the op returns that -errno (STYLE 15: captured right at the call)
 * and leaves the host as it found it (STYLE 16: unwound) - no fd, mapping,
 * child or tracee left - and, where the VM would go on, that the backend
 * still works afterwards.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>

#include "host_test.h"

/* host_select + host_init, without mem_create (the tests inject into it). */
static void ht_boot_init(struct ht_env *env)
{
	struct host_boot boot = { .mem_size = HT_MEM_SIZE, .cpu = -2 };

	HT_OK(host_select(env->backend->name));
	HT_OK(host_init(&boot));
	env->caps = host_caps();
}

/* mem_create with call failing (after `skip` good ones): -err, nothing left. */
static void ht_mem_create_fails(struct ht_env *env, enum ht_os_call call, int err, int skip,
				long req)
{
	struct ht_snapshot s;
	void *base = NULL;
	int r;

	ht_boot_init(env);
	ht_snapshot(&s);
	ht_inject(call, err, skip, 1, req);
	r = host_mem_create(HT_MEM_SIZE, &base);
	HT_CHECK_MSG(ht_inject_clear() == 1, "the injected failure never happened");
	HT_EQ(r, -err);
	HT_NOTHING_LEFT(&s);
}

static void mem_memfd_fails(struct ht_env *env)
{
	ht_mem_create_fails(env, HT_OS_MEMFD_CREATE, ENOMEM, 0, -1);
}

static void mem_ftruncate_fails(struct ht_env *env)
{
	ht_mem_create_fails(env, HT_OS_FTRUNCATE, EFBIG, 0, -1);
}

static void mem_mmap_fails(struct ht_env *env)
{
	ht_mem_create_fails(env, HT_OS_MMAP, ENOMEM, 0, -1);
}

/* skas0 starts its first stub process in mem_create: those host calls
 * failing must not leave the memory file, or a half-started process. */
static void mem_fork_fails(struct ht_env *env)
{
	ht_mem_create_fails(env, HT_OS_FORK, EAGAIN, 0, -1);
}

static void mem_waitpid_fails(struct ht_env *env)
{
	ht_mem_create_fails(env, HT_OS_WAITPID, ECHILD, 0, -1);
}

static void mem_seize_fails(struct ht_env *env)
{
	ht_mem_create_fails(env, HT_OS_PTRACE, EPERM, 0, PTRACE_SEIZE);
}

static void mem_getregs_fails(struct ht_env *env)
{
	ht_mem_create_fails(env, HT_OS_PTRACE, EIO, 0, PTRACE_GETREGS);
}

static void init_memfd_fails(struct ht_env *env)
{
	struct host_boot boot = { .mem_size = HT_MEM_SIZE, .cpu = -2 };

	HT_OK(host_select(env->backend->name));
	ht_inject(HT_OS_MEMFD_CREATE, ENOMEM, 0, 1, -1);
	HT_EQ(host_init(&boot), -ENOMEM);
	HT_EQ(ht_inject_clear(), 1);
}

/* After a failed op the backend goes on working: a new address space runs
 * guest code and the old ones still do. */
static void ht_still_works(struct ht_env *env, struct ht_guest *old)
{
	struct ht_guest g;

	ht_guest_new(env, &g, HT_GUEST(int3));
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGTRAP);
	host_as_destroy(g.as);
	host_ctx_destroy(g.ctx);
	if (old) {
		ht_regs(&old->regs, HT_CODE_VA);
		HT_EV(ht_guest_run(old), HOST_EV_SIGNAL);
		HT_EQ(old->trap.signo, SIGTRAP);
	}
}

/* as_create with call failing: -err, no process, and the backend works. */
static void ht_as_create_fails(struct ht_env *env, enum ht_os_call call, int err, int skip,
			       long req)
{
	struct ht_snapshot s;
	struct ht_guest old;
	struct host_as *as = NULL;
	int r;

	ht_guest_new(env, &old, HT_GUEST(int3));
	HT_EV(ht_guest_run(&old), HOST_EV_SIGNAL);
	ht_snapshot(&s);
	ht_inject(call, err, skip, 1, req);
	r = host_as_create(&as);
	HT_CHECK_MSG(ht_inject_clear() == 1, "the injected failure never happened");
	HT_EQ(r, -err);
	HT_NOTHING_LEFT(&s);
	ht_still_works(env, &old);
	ht_guest_free(&old);
}

static void as_create_setregs_fails(struct ht_env *env)
{
	ht_as_create_fails(env, HT_OS_PTRACE, EIO, 0, PTRACE_SETREGS);
}

static void as_create_cont_fails(struct ht_env *env)
{
	ht_as_create_fails(env, HT_OS_PTRACE, ESRCH, 0, PTRACE_CONT);
}

/* The fork ran in the template, and the wait for it failed. */
static void as_create_waitpid_fails(struct ht_env *env)
{
	/* KNOWN ISSUE (skas0): a wait that fails after a stub was resumed
	 * leaves that process out of step - here the template, stopped in
	 * the fork's event with the new child unknown - and the next
	 * injection into it runs a system call the seccomp fence kills: no
	 * address space can be created after that (-ESRCH), and the child
	 * stays stopped until the VM exits. Recovering needs the very wait
	 * that failed; waitpid on our own stopped tracee fails only with
	 * EINTR, which is retried (as_create_wait_eintr). Remove this skip
	 * if the backend learns to restart its template. */
	ht_skip("KNOWN ISSUE: a failed wait during the fork desynchronises the template");
	ht_as_create_fails(env, HT_OS_WAITPID, ECHILD, 0, -1);
}

/* The fork ran; the wait for the new child's first stop failed. */
static void as_create_child_wait_fails(struct ht_env *env)
{
	/* waits: the fork event, the stub's int3, then the child's stop */
	ht_as_create_fails(env, HT_OS_WAITPID, ECHILD, 2, -1);
}

/* A wait interrupted by one of the kernel's own signals is retried. */
static void as_create_wait_eintr(struct ht_env *env)
{
	struct ht_guest g;
	int i;

	for (i = 0; i < 3; i++) {
		ht_inject(HT_OS_WAITPID, EINTR, i, 1, -1);
		ht_guest_new(env, &g, HT_GUEST(int3));
		HT_EQ(ht_inject_clear(), 1);
		HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
		HT_EQ(g.trap.signo, SIGTRAP);
		if (i < 2)
			ht_guest_free(&g);
	}
	ht_inject(HT_OS_WAITPID, EINTR, 0, 1, -1);
	ht_regs(&g.regs, HT_CODE_VA);
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(ht_inject_clear(), 1);
	ht_guest_free(&g);
}

/* The new process exists: mapping its data slot fails. */
static void as_create_slot_fails(struct ht_env *env)
{
	/* the first SETREGS injects the fork, the second the slot's mmap */
	ht_as_create_fails(env, HT_OS_PTRACE, EIO, 1, PTRACE_SETREGS);
}

static void as_clone_waitpid_fails(struct ht_env *env)
{
	struct ht_snapshot s;
	struct ht_guest g;
	struct host_as *clone = NULL;
	int r;

	/* KNOWN ISSUE (skas0): as as_create_waitpid_fails, with the parent's
	 * process out of step: the guest process that forked dies at its
	 * next run. Remove this skip with that one's. */
	ht_skip("KNOWN ISSUE: a failed wait during the fork desynchronises the parent");
	if (!env->caps->can_clone_as)
		ht_skip("caps.can_clone_as is false");
	ht_guest_new(env, &g, HT_GUEST(int3));
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	ht_snapshot(&s);
	ht_inject(HT_OS_WAITPID, ECHILD, 0, 1, -1);
	r = host_as_clone(g.as, &clone);
	HT_EQ(ht_inject_clear(), 1);
	HT_EQ(r, -ECHILD);
	HT_NOTHING_LEFT(&s);
	ht_still_works(env, &g);
}

/* ctx_run's wait fails: -errno to the kernel, which then kills the guest
 * process; destroying its address space leaves nothing. */
static void ctx_run_waitpid_fails(struct ht_env *env)
{
	struct ht_snapshot s;
	struct ht_guest g;
	int r;

	ht_snapshot(&s);
	ht_guest_new(env, &g, HT_GUEST(int3));
	ht_inject(HT_OS_WAITPID, ECHILD, 0, 1, -1);
	r = ht_guest_run(&g);
	HT_EQ(ht_inject_clear(), 1);
	HT_EQ(r, -ECHILD);
	host_as_destroy(g.as);
	host_ctx_destroy(g.ctx);
	HT_NOTHING_LEFT(&s);
	ht_still_works(env, NULL);
}

static void ctx_run_sysemu_fails(struct ht_env *env)
{
	struct ht_snapshot s;
	struct ht_guest g;
	int r;

	ht_snapshot(&s);
	ht_guest_new(env, &g, HT_GUEST(int3));
	ht_inject(HT_OS_PTRACE, ESRCH, 0, 1, 31 /* PTRACE_SYSEMU */);
	r = ht_guest_run(&g);
	HT_EQ(ht_inject_clear(), 1);
	HT_EQ(r, -ESRCH);
	/* a transient failure: the next run works */
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.trap.signo, SIGTRAP);
	host_as_destroy(g.as);
	host_ctx_destroy(g.ctx);
	HT_NOTHING_LEFT(&s);
}

/* The stub's flush stop is not collected: the -errno, then the address
 * space can be destroyed cleanly. */
static void flush_waitpid_fails(struct ht_env *env)
{
	struct ht_snapshot s;
	struct ht_guest g;
	int r;

	ht_snapshot(&s);
	ht_guest_new(env, &g, HT_GUEST(int3));
	ht_inject(HT_OS_WAITPID, ECHILD, 0, 1, -1);
	r = host_as_flush(g.as);
	HT_EQ(ht_inject_clear(), 1);
	HT_EQ(r, -ECHILD);
	host_as_destroy(g.as);
	host_ctx_destroy(g.ctx);
	HT_NOTHING_LEFT(&s);
	ht_still_works(env, NULL);
}

#define INJ (HT_OS_CALLS | HT_PROBE_OK)
#define INJ_BOOTED (HT_OS_CALLS | HT_BOOTED)

static const struct ht_test tests[] = {
	{ "init_memfd_fails", init_memfd_fails, INJ, NULL },
	{ "mem_memfd_fails", mem_memfd_fails, INJ, NULL },
	{ "mem_ftruncate_fails", mem_ftruncate_fails, INJ, NULL },
	{ "mem_mmap_fails", mem_mmap_fails, INJ, NULL },
	{ "mem_fork_fails", mem_fork_fails, INJ, NULL },
	{ "mem_waitpid_fails", mem_waitpid_fails, INJ, NULL },
	{ "mem_seize_fails", mem_seize_fails, INJ, NULL },
	{ "mem_getregs_fails", mem_getregs_fails, INJ, NULL },
	{ "as_create_setregs_fails", as_create_setregs_fails, INJ_BOOTED, NULL },
	{ "as_create_cont_fails", as_create_cont_fails, INJ_BOOTED, NULL },
	{ "as_create_waitpid_fails", as_create_waitpid_fails, INJ_BOOTED, NULL },
	{ "as_create_child_wait_fails", as_create_child_wait_fails, INJ_BOOTED, NULL },
	{ "as_create_wait_eintr", as_create_wait_eintr, INJ_BOOTED, NULL },
	{ "as_create_slot_fails", as_create_slot_fails, INJ_BOOTED, NULL },
	{ "as_clone_waitpid_fails", as_clone_waitpid_fails, INJ_BOOTED, NULL },
	{ "ctx_run_waitpid_fails", ctx_run_waitpid_fails, INJ_BOOTED, NULL },
	{ "ctx_run_sysemu_fails", ctx_run_sysemu_fails, INJ_BOOTED, NULL },
	{ "flush_waitpid_fails", flush_waitpid_fails, INJ_BOOTED, NULL },
};
HT_SUITE(inject, tests);
