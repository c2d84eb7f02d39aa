// SPDX-License-Identifier: GPL-2.0
/* The null console channel: no input ever, output discarded (UML's null). */
#include <errno.h>
#include <stdlib.h>

#include "chan.h"

struct chan {
	int unused;
};

static int null_open(const char *arg, bool input, struct chan **out)
{
	*out = calloc(1, sizeof(struct chan));
	return *out ? 0 : -ENOMEM;
}

static void null_close(struct chan *c)
{
	free(c);
}

static int null_poll_fd(struct chan *c)
{
	return -1;
}

static long null_read(struct chan *c, void *buf, size_t len)
{
	return -EAGAIN;
}

static long null_write(struct chan *c, const void *buf, size_t len)
{
	return (long)len;
}

static int null_winsize(struct chan *c, u16 *rows, u16 *cols)
{
	return -ENOTTY;
}

static const struct chan_ops null_ops = {
	.open = null_open,
	.close = null_close,
	.poll_fd = null_poll_fd,
	.read = null_read,
	.write = null_write,
	.winsize = null_winsize,
};

const struct chan_backend chan_null = {
	.name = "null",
	.help = "null  no input; output discarded",
	.ops = &null_ops,
};
