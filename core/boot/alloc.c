// SPDX-License-Identifier: GPL-2.0
/* Kernel heap: the C library's allocator (a pure part of libc, allowed in
 * core). kzalloc is the common case; NULL means -ENOMEM to the caller. */
#include <stdlib.h>

#include "kernel.h"

void *kzalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

void *kmalloc(size_t size)
{
	return malloc(size ? size : 1);
}

void kfree(void *p)
{
	free(p);
}

char *kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}
