// SPDX-License-Identifier: GPL-2.0
/*
 * The backend registry as the unit tests see it, in place of the
 * build-generated build/<arch>-<libc>/backends.c: the fake host ("fake")
 * and the same without its optional ops ("fake-min"), and two console
 * channels named like the real ones ("fd",
 * "null") so boot_parse_cmdline can check con= specs. The channels have no
 * working ops: nothing in the unit tests opens a console.
 */
#include "registry.h"
#include "host_fake.h"

static const struct chan_ops fake_chan_ops; /* every op NULL: never opened */

static const struct chan_backend fake_chan_fd = {
	.name = "fd",
	.help = "fd:N  (unit-test stand-in for backends/chan/fd.c)",
	.ops = &fake_chan_ops,
};

static const struct chan_backend fake_chan_null = {
	.name = "null",
	.help = "null  (unit-test stand-in for backends/chan/null.c)",
	.ops = &fake_chan_ops,
};

const struct host_backend *const registry_host[] = {
	&fake_host_backend,
	&fake_min_host_backend,
	NULL,
};

const struct chan_backend *const registry_chan[] = {
	&fake_chan_fd,
	&fake_chan_null,
	NULL,
};
