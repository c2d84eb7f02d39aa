// SPDX-License-Identifier: GPL-2.0
/*
 * mem_stack: the main thread's stack VMA starts small (what exec put there
 * plus 128 KiB, as Linux's setup_arg_pages) and grows down on demand up to
 * RLIMIT_STACK: VmStk is small at start, a deep frame grows [stack] (and
 * VmStk) past 4 MiB, and a system call writing into untouched stack below
 * the VMA (read into a big local buffer) grows it too.
 */
#include "t.h"
#include <alloca.h>
#include <fcntl.h>

static long status_kb(const char *field)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	CHECK(f != NULL);
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, strlen(field)) == 0)
			v = atol(line + strlen(field) + 1);
	fclose(f);
	return v;
}

/* Size of the [stack] mapping, in KiB. */
static long stack_vma_kb(void)
{
	char line[512];
	unsigned long lo, hi;
	long kb = -1;
	FILE *f = fopen("/proc/self/maps", "r");

	CHECK(f != NULL);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &lo, &hi) == 2)
			kb = (long)((hi - lo) >> 10);
	fclose(f);
	return kb;
}

static __attribute__((noinline)) long deep(size_t bytes)
{
	volatile char *p = alloca(bytes);

	for (size_t i = 0; i < bytes; i += 4096)
		p[i] = 1;
	return stack_vma_kb();
}

static __attribute__((noinline)) long read_into_stack(size_t bytes)
{
	char *buf = alloca(bytes);
	int fd = CHECK_OK(open("/dev/zero", O_RDONLY));
	long n = 0, r;

	/* the kernel writes first, from the top of the buffer down */
	while (n < (long)bytes && (r = read(fd, buf + n, bytes - n)) > 0)
		n += r;
	close(fd);
	CHECK_EQ(n, (long)bytes);
	return stack_vma_kb();
}

int main(void)
{
	long start = status_kb("VmStk:");

	CHECK(start > 0 && start < 1024);
	CHECK(stack_vma_kb() < 1024);
	CHECK(deep(4 << 20) >= 4096);
	CHECK(status_kb("VmStk:") >= 4096);
	CHECK(read_into_stack(6 << 20) >= 6 * 1024);
	return 0;
}
