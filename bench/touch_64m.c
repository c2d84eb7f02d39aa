/* SPDX-License-Identifier: GPL-2.0 */
/*
 * touch_64m: map 64 MiB of fresh anonymous memory and write one byte to each
 * 4 KiB page. One operation is one page: a first-touch page fault (zeroed
 * frame allocated and mapped). One iteration is a whole mapping, 16384
 * pages; every iteration maps afresh, and the munmap that frees the previous
 * mapping is left out of the time.
 */
#include "bench.h"

#include <stddef.h>
#include <sys/mman.h>

#define TOUCH_BYTES (64L << 20)
#define TOUCH_PAGE 4096L

static int touch_run(long n, uint64_t *untimed_ns)
{
	volatile char *p;
	uint64_t t0;
	long i, off;

	for (i = 0; i < n; i++) {
		p = mmap(NULL, TOUCH_BYTES, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return bench_fail("mmap 64 MiB");
		for (off = 0; off < TOUCH_BYTES; off += TOUCH_PAGE)
			p[off] = 1;
		t0 = bench_now_ns();
		if (munmap((void *)p, TOUCH_BYTES))
			return bench_fail("munmap");
		*untimed_ns += bench_now_ns() - t0;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct bench b = {
		.name = "touch_64m", .ops_per_iter = TOUCH_BYTES / TOUCH_PAGE,
		.run = touch_run,
	};

	return bench_main(&b, argc, argv);
}
