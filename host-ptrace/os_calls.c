// SPDX-License-Identifier: GPL-2.0
/*
 * The overridable host-call table (STYLE rule 25). Production code calls
 * through os_calls; tests swap an entry to inject a failure.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "os.h"

static long os_ptrace(long req, pid_t pid, void *addr, void *data)
{
	/* glibc declares the request as an enum, musl as an int */
	return ptrace((int)req, pid, addr, data);
}

static int os_memfd_create(const char *name, unsigned flags)
{
	return memfd_create(name, flags);
}

struct os_calls os_calls = {
	.ptrace = os_ptrace,
	.waitpid = waitpid,
	.fork = fork,
	.kill = kill,
	.mmap = mmap,
	.munmap = munmap,
	.ftruncate = ftruncate,
	.memfd_create = os_memfd_create,
};
