// SPDX-License-Identifier: GPL-2.0
/*
 * Lifetime of what a backend creates on the host (DESIGN.md "No host
 * process outlives the VM, whatever kills it"; host.h as_destroy "Never
 * fails"): address spaces come and go without leaking, the kernel's exit or
 * death takes every stub with it (PTRACE_O_EXITKILL), and an address space
 * killed from outside is reported, not hung on.
 *
 * The tests marked skas0 look at its process model from outside: one
 * ptraced host process per address space, in its own session, fenced by a
 * seccomp filter ("Seccomp: 2"), holding nothing below task_size but what
 * the kernel mapped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host_test.h"

/* Create and destroy many address spaces, some with a clone, run in each:
 * no fd, process or tracee is left. */
static void as_create_destroy_many(struct ht_env *env)
{
	struct ht_snapshot s;
	struct ht_guest g;
	struct host_as *clone;
	int i;

	ht_guest_new(env, &g, HT_GUEST(int3)); /* the first one may set things up */
	host_as_destroy(g.as);
	host_ctx_destroy(g.ctx);
	ht_snapshot(&s);
	for (i = 0; i < 100; i++) {
		ht_guest_new(env, &g, HT_GUEST(int3));
		HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
		if (i % 10 == 0 && env->caps->can_clone_as) {
			HT_OK(host_as_clone(g.as, &clone));
			ht_regs(&g.regs, HT_CODE_VA);
			HT_EV(ht_run(g.ctx, clone, &g.regs, &g.trap), HOST_EV_SIGNAL);
			host_as_destroy(clone);
		}
		host_as_destroy(g.as);
		host_ctx_destroy(g.ctx);
		env->next_frame = 0; /* reuse guest RAM */
	}
	HT_NOTHING_LEFT(&s);
}

/* The kernel process exits (or is SIGKILLed) with address spaces alive,
 * one of them running a guest: every host process it made goes. The
 * kernel here is a child that boots the backend; we are the subreaper its
 * orphans come to. */
static void ht_kernel_dies(struct ht_env *env, bool sigkill)
{
	struct host_boot boot = { .mem_size = 16 << 20, .cpu = -2 };
	pid_t kernel, pids[64];
	int p[2], n = 0, i, status;
	s64 until;

	HT_OK(prctl(PR_SET_CHILD_SUBREAPER, 1));
	HT_OK(pipe(p));
	fflush(stdout);
	kernel = fork();
	HT_CHECK(kernel >= 0);
	if (kernel == 0) {
		struct ht_env k = { .backend = env->backend, .mem_size = 16 << 20, .canary = -1 };
		struct ht_guest g[3];
		void *base;

		close(p[0]);
		HT_OK(host_select(env->backend->name));
		HT_OK(host_init(&boot));
		HT_OK(host_mem_create(16 << 20, &base));
		k.mem = base;
		k.caps = host_caps();
		for (i = 0; i < 3; i++)
			ht_guest_new(&k, &g[i], HT_GUEST(spin));
		if (k.caps->can_clone_as)
			HT_OK(host_as_clone(g[0].as, &g[1].as));
		n = ht_tracees(pids, 64);
		HT_EQ(write(p[1], &n, sizeof(n)), sizeof(n));
		HT_EQ(write(p[1], pids, sizeof(pid_t) * (size_t)n), (ssize_t)(sizeof(pid_t) * (size_t)n));
		if (!sigkill) {
			host_set_deadline(host_clock_now(1) + 20000000);
			ht_guest_run(&g[2]);
			/* exits with them alive, as halt does (_exit: a debug
			 * build's leak check would complain about them) */
			_exit(0);
		}
		ht_guest_run(&g[2]); /* spins until we are killed */
		_exit(3);
	}
	close(p[1]);
	HT_EQ(read(p[0], &n, sizeof(n)), sizeof(n));
	HT_CHECK(n > 0 && n <= 64);
	HT_EQ(read(p[0], pids, sizeof(pid_t) * (size_t)n), (ssize_t)(sizeof(pid_t) * (size_t)n));
	if (sigkill) {
		usleep(20000); /* into the guest's spin */
		kill(kernel, SIGKILL);
	}
	HT_EQ(waitpid(kernel, &status, 0), kernel);
	HT_CHECK_MSG(sigkill ? WIFSIGNALED(status) : WIFEXITED(status) && !WEXITSTATUS(status),
		     "the kernel child ended with status %#x", status);
	/* SIGKILL from PTRACE_O_EXITKILL is asynchronous: give it a moment,
	 * reaping what is reparented to us. */
	until = ht_now_ms() + 3000;
	for (i = 0; i < n; i++) {
		while (ht_pid_state(pids[i]) && ht_now_ms() < until) {
			while (waitpid(-1, &status, WNOHANG | __WALL) > 0)
				;
			usleep(1000);
		}
		HT_CHECK_MSG(!ht_pid_state(pids[i]), "host process %d (of %d) outlived the kernel: state %c",
			     pids[i], n, ht_pid_state(pids[i]));
	}
}

static void exit_kills_stubs(struct ht_env *env)
{
	ht_kernel_dies(env, false);
}

static void sigkill_kills_stubs(struct ht_env *env)
{
	ht_kernel_dies(env, true);
}

/* ---- skas0's processes ---------------------------------------------------------- */

static void destroy_kills_process(struct ht_env *env)
{
	struct host_as *as, *clone;
	pid_t pid, cpid;

	pid = ht_as_create_pid(&as);
	HT_CHECK(ht_pid_state(pid) != 0);
	cpid = ht_as_clone_pid(as, &clone);
	HT_CHECK(ht_pid_state(cpid) != 0);
	/* gone at once: no zombie waits for anyone */
	host_as_destroy(as);
	HT_EQ(ht_pid_state(pid), 0);
	host_as_destroy(clone);
	HT_EQ(ht_pid_state(cpid), 0);
}

/* Every stub process is fenced: a seccomp filter (mode 2) and no new
 * privileges, inherited by clones; its own session, so host job control
 * and terminal signals do not reach it. */
static void stub_fenced(struct ht_env *env)
{
	struct host_as *as, *clone;
	pid_t pids[64];
	int n, i;

	ht_as_create_pid(&as);
	ht_as_clone_pid(as, &clone);
	n = ht_tracees(pids, 64);
	HT_CHECK(n >= 2);
	for (i = 0; i < n; i++) {
		HT_EQ(ht_status_field(pids[i], "Seccomp"), 2);
		HT_EQ(ht_status_field(pids[i], "NoNewPrivs"), 1);
		HT_CHECK(getsid(pids[i]) != getsid(0));
	}
	host_as_destroy(clone);
	host_as_destroy(as);
}

/* A new address space holds nothing below task_size; after the kernel maps
 * something, exactly that. */
static void as_create_empty(struct ht_env *env)
{
	struct host_as *as;
	char path[64], line[512];
	unsigned long lo, hi;
	int below = 0;
	pid_t pid = ht_as_create_pid(&as);
	FILE *f;

	ht_map_code(env, as, HT_CODE_VA, HT_GUEST(int3));
	HT_OK(host_as_flush(as));
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "r");
	HT_CHECK(f != NULL);
	while (fgets(line, sizeof(line), f)) {
		HT_CHECK(sscanf(line, "%lx-%lx", &lo, &hi) == 2);
		if (lo >= env->caps->task_size)
			continue;
		below++;
		HT_CHECK_MSG(lo == HT_CODE_VA && hi == HT_CODE_VA + PAGE_SIZE &&
				     strstr(line, "r-xs") && strstr(line, "uml-physmem"),
			     "unexpected mapping in the guest's range: %s", line);
	}
	fclose(f);
	HT_EQ(below, 1);
	host_as_destroy(as);
}

/* Someone on the host kills the process of an address space: ctx_run
 * says so with -errno (the kernel then kills the guest process) and
 * as_destroy does not wait for it forever. */
static void killed_from_outside(struct ht_env *env)
{
	struct ht_snapshot s;
	struct ht_guest g;
	int ev;
	pid_t pid;

	ht_snapshot(&s);
	memset(&g, 0, sizeof(g));
	pid = ht_as_create_pid(&g.as);
	HT_OK(host_ctx_create(&g.ctx));
	ht_map_code(env, g.as, HT_CODE_VA, HT_GUEST(int3));
	ht_regs(&g.regs, HT_CODE_VA);
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_OK(kill(pid, SIGKILL));
	ht_regs(&g.regs, HT_CODE_VA);
	ev = ht_guest_run(&g);
	HT_CHECK_MSG(ev < 0 && ev > -4096, "ctx_run: %s", ht_ev_name(ev));
	host_as_destroy(g.as);
	host_ctx_destroy(g.ctx);
	HT_NOTHING_LEFT(&s);
}

/* Signals someone on the host sends to a stub process are not the guest's:
 * the guest runs on (SIGUSR1 suppressed; SIGSTOP at most interrupts). */
static void host_signals_to_stub(struct ht_env *env)
{
	struct ht_guest g;
	s64 t0;
	int ev, sig;
	pid_t pid;

	memset(&g, 0, sizeof(g));
	pid = ht_as_create_pid(&g.as);
	HT_OK(host_ctx_create(&g.ctx));
	ht_map_code(env, g.as, HT_CODE_VA, HT_GUEST(int3));
	for (sig = 0; sig < 3; sig++) {
		int which = sig == 0 ? SIGUSR1 : sig == 1 ? SIGSTOP : SIGCONT;

		HT_OK(kill(pid, which));
		ht_regs(&g.regs, HT_CODE_VA);
		t0 = ht_now_ms();
		do
			ev = ht_guest_run(&g);
		while (ev == HOST_EV_INTERRUPTED && ht_now_ms() - t0 < 2000);
		HT_EV(ev, HOST_EV_SIGNAL);
		HT_EQ(g.trap.signo, SIGTRAP);
		HT_CHECK(ht_pid_state(pid) != 0);
	}
	ht_guest_free(&g);
}

static const struct ht_test tests[] = {
	{ "as_create_destroy_many", as_create_destroy_many, HT_BOOTED, NULL },
	{ "exit_kills_stubs", exit_kills_stubs, HT_PROBE_OK, NULL },
	{ "sigkill_kills_stubs", sigkill_kills_stubs, HT_PROBE_OK, NULL },
	{ "destroy_kills_process", destroy_kills_process, HT_BOOTED, "skas0" },
	{ "stub_fenced", stub_fenced, HT_BOOTED, "skas0" },
	{ "as_create_empty", as_create_empty, HT_BOOTED, "skas0" },
	{ "killed_from_outside", killed_from_outside, HT_BOOTED, "skas0" },
	{ "host_signals_to_stub", host_signals_to_stub, HT_BOOTED, "skas0" },
};
HT_SUITE(life, tests);
