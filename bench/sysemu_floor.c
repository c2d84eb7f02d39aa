/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysemu_floor: the host-only floor under a guest system call. A child loops
 * on getpid; this process traces it with PTRACE_SYSEMU (the call is stopped
 * at entry and never runs) and at each stop does what a SKAS0 kernel does at
 * the least: PTRACE_GETREGS, set the result in rax, PTRACE_SETREGS, resume.
 * One operation is one intercepted call:
 *
 *     BENCH sysemu_roundtrip <ns> <iterations>
 *
 * Tracer and child are pinned to the same CPU (the first CPU this process
 * may run on, or -c CPU): a cross-CPU wake-up per stop costs several times
 * more and swings with the host's load (see HOST-FACTS). Options:
 *   -c CPU  pin both to this CPU
 *   -u      do not pin (prints sysemu_roundtrip_unpinned)
 *   -R      no register access at all, the bare stop (prints sysemu_noregs)
 * The guest getpid of a SKAS0 kernel cannot be cheaper than this figure.
 */
#include "bench.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PTRACE_SYSEMU
#define PTRACE_SYSEMU 31
#endif

static pid_t child = -1;
static int cpu = -1, unpinned, noregs;

static int pin(pid_t pid)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(pid, sizeof(set), &set))
		return bench_fail("sched_setaffinity");
	return 0;
}

static int floor_setup(void)
{
	cpu_set_t set;
	int status, err;

	if (!unpinned) {
		if (cpu < 0) {
			if (sched_getaffinity(0, sizeof(set), &set))
				return bench_fail("sched_getaffinity");
			for (cpu = 0; cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &set); cpu++)
				;
		}
		if ((err = pin(0)))
			return err;
	}
	child = fork();
	if (child < 0)
		return bench_fail("fork");
	if (child == 0) {
		/* Raw calls only: glibc's raise() would bracket the kill with
		 * sigprocmask calls, and SYSEMU would swallow the second. */
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
			_exit(1);
		syscall(SYS_kill, syscall(SYS_getpid), SIGSTOP);
		for (;;)
			syscall(SYS_getpid);
	}
	if (!unpinned && (err = pin(child)))
		return err;
	if (waitpid(child, &status, 0) != child)
		return bench_fail("waitpid");
	if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP) {
		fprintf(stderr, "sysemu_floor: child did not stop (status %#x)\n", status);
		return -ECHILD;
	}
	if (ptrace(PTRACE_SETOPTIONS, child, NULL,
		   (void *)(long)(PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD)))
		return bench_fail("PTRACE_SETOPTIONS");
	return 0;
}

static int floor_run(long n, uint64_t *untimed_ns)
{
	struct user_regs_struct regs;
	int status;
	long i;

	for (i = 0; i < n; i++) {
		if (ptrace(PTRACE_SYSEMU, child, NULL, NULL))
			return bench_fail("PTRACE_SYSEMU");
		if (waitpid(child, &status, 0) != child)
			return bench_fail("waitpid");
		if (!WIFSTOPPED(status) || WSTOPSIG(status) != (SIGTRAP | 0x80)) {
			fprintf(stderr, "sysemu_floor: unexpected stop (status %#x)\n", status);
			return -ECHILD;
		}
		if (noregs)
			continue;
		if (ptrace(PTRACE_GETREGS, child, NULL, &regs))
			return bench_fail("PTRACE_GETREGS");
#ifdef __x86_64__
		regs.rax = (unsigned long)child; /* getpid's answer */
#else
		regs.eax = (long)child;
#endif
		if (ptrace(PTRACE_SETREGS, child, NULL, &regs))
			return bench_fail("PTRACE_SETREGS");
	}
	return 0;
}

static void floor_teardown(void)
{
	int status;

	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
	}
}

static struct bench b = {
	.name = "sysemu_roundtrip", .ops_per_iter = 1, .setup = floor_setup,
	.run = floor_run, .teardown = floor_teardown, .opts = "c:uR",
};

static int floor_opt(int c, const char *arg)
{
	switch (c) {
	case 'c': cpu = atoi(arg); return cpu < 0 || cpu >= CPU_SETSIZE;
	case 'u': unpinned = 1; break;
	case 'R': noregs = 1; break;
	default: return -1;
	}
	b.name = noregs ? (unpinned ? "sysemu_noregs_unpinned" : "sysemu_noregs")
			: (unpinned ? "sysemu_roundtrip_unpinned" : "sysemu_roundtrip");
	return 0;
}

int main(int argc, char **argv)
{
	b.opt = floor_opt;
	return bench_main(&b, argc, argv);
}
