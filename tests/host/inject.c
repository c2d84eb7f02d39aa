// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection for the host contract suite (STYLE 25, SQLite's
 * aSyscall): host-ptrace's backends make their host calls through the
 * os_calls table (host-ptrace/os.h). ht_inject swaps every entry for a
 * wrapper that counts calls and makes the chosen one fail with the chosen
 * errno; ht_inject_clear puts the real calls back.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "host_test.h"
#include "os.h"

static struct ht_inject_state {
	struct os_calls real;   /* the table as the backend built it */
	bool active;
	enum ht_os_call call;
	int err;
	int skip;               /* matching calls still to let through */
	int times;              /* calls still to fail; -1: all */
	long req;               /* HT_OS_PTRACE: only this request, -1: any */
	int failed;             /* how many we failed */
} inj;

static bool inj_fire(enum ht_os_call call)
{
	if (!inj.active || call != inj.call || inj.times == 0)
		return false;
	if (inj.skip > 0) {
		inj.skip--;
		return false;
	}
	if (inj.times > 0)
		inj.times--;
	inj.failed++;
	errno = inj.err;
	return true;
}

static long inj_ptrace(long req, pid_t pid, void *addr, void *data)
{
	if ((inj.req < 0 || inj.req == req) && inj_fire(HT_OS_PTRACE))
		return -1;
	return inj.real.ptrace(req, pid, addr, data);
}

static pid_t inj_waitpid(pid_t pid, int *status, int options)
{
	if (inj_fire(HT_OS_WAITPID))
		return -1;
	return inj.real.waitpid(pid, status, options);
}

static pid_t inj_fork(void)
{
	if (inj_fire(HT_OS_FORK))
		return -1;
	return inj.real.fork();
}

static int inj_kill(pid_t pid, int sig)
{
	if (inj_fire(HT_OS_KILL))
		return -1;
	return inj.real.kill(pid, sig);
}

static void *inj_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	if (inj_fire(HT_OS_MMAP))
		return MAP_FAILED;
	return inj.real.mmap(addr, len, prot, flags, fd, off);
}

static int inj_munmap(void *addr, size_t len)
{
	if (inj_fire(HT_OS_MUNMAP))
		return -1;
	return inj.real.munmap(addr, len);
}

static int inj_ftruncate(int fd, off_t len)
{
	if (inj_fire(HT_OS_FTRUNCATE))
		return -1;
	return inj.real.ftruncate(fd, len);
}

static int inj_memfd_create(const char *name, unsigned flags)
{
	if (inj_fire(HT_OS_MEMFD_CREATE))
		return -1;
	return inj.real.memfd_create(name, flags);
}

/* A new os_calls entry needs a wrapper here (and an ht_os_call). */
_Static_assert(sizeof(struct os_calls) == 8 * sizeof(void *), "every os_calls entry wrapped");

void ht_inject(enum ht_os_call call, int err, int skip, int times, long req)
{
	if (!inj.active)
		inj.real = os_calls;
	inj.active = true;
	inj.call = call;
	inj.err = err;
	inj.skip = skip;
	inj.times = times;
	inj.req = req;
	inj.failed = 0;
	os_calls = (struct os_calls){
		.ptrace = inj_ptrace,
		.waitpid = inj_waitpid,
		.fork = inj_fork,
		.kill = inj_kill,
		.mmap = inj_mmap,
		.munmap = inj_munmap,
		.ftruncate = inj_ftruncate,
		.memfd_create = inj_memfd_create,
	};
}

int ht_inject_clear(void)
{
	if (inj.active)
		os_calls = inj.real;
	inj.active = false;
	return inj.failed;
}
