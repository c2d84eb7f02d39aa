// SPDX-License-Identifier: GPL-2.0
/*
 * Memory files: a sparse memfd mapped shared into the kernel. Guest RAM is
 * one (DESIGN.md: frames of one file, mapped into host children); the stub
 * data slots are another, owned by the backend.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "os.h"

int os_memfile_create(const char *name, uint64_t size, struct os_memfile *mf)
{
	int fd, err;
	void *base;

	fd = os_calls.memfd_create(name, 0);
	if (fd < 0) {
		err = -errno;
		fprintf(stderr, "os_memfile_create: memfd_create (%s): err=%d\n", name, err);
		return err;
	}
	if (os_calls.ftruncate(fd, (off_t)size) < 0) {
		err = -errno;
		fprintf(stderr, "os_memfile_create: ftruncate (%s, %llu bytes): err=%d\n", name,
			(unsigned long long)size, err);
		goto out_close;
	}
	base = os_calls.mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, fd, 0);
	if (base == MAP_FAILED) {
		err = -errno;
		fprintf(stderr, "os_memfile_create: mmap (%s): err=%d\n", name, err);
		goto out_close;
	}
	mf->fd = fd;
	mf->base = base;
	mf->size = size;
	return 0;
out_close:
	close(fd);
	return err;
}

void os_memfile_destroy(struct os_memfile *mf)
{
	if (mf->base)
		os_calls.munmap(mf->base, mf->size);
	close(mf->fd);
	mf->fd = -1;
	mf->base = NULL;
	mf->size = 0;
}

int os_pin_cpu(int cpu)
{
	cpu_set_t set;
	int n, i, pick = -1, seen = 0;

	if (cpu == -2)
		return -1;
	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return -errno;
	n = CPU_COUNT(&set);
	if (n <= 0)
		return -EINVAL;
	if (cpu < 0) {
		/* Spread VMs, not one VM's halves, across CPUs: pick by pid. */
		int want = getpid() % n;
		for (i = 0; i < CPU_SETSIZE; i++) {
			if (CPU_ISSET(i, &set) && seen++ == want) {
				pick = i;
				break;
			}
		}
	} else {
		if (!CPU_ISSET(cpu, &set))
			return -EINVAL;
		pick = cpu;
	}
	CPU_ZERO(&set);
	CPU_SET(pick, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		return -errno;
	return pick;
}
