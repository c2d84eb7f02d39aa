// SPDX-License-Identifier: GPL-2.0
/*
 * SKAS3: one host process serving every guest address space through the
 * SKAS3 host patch's /proc/mm (PTRACE_SWITCH_MM, PTRACE_FAULTINFO). No
 * stock host kernel has the patch, so this backend only probes for it here;
 * with the patch absent boot falls back to skas0, as UML does. The backend
 * proper (on an emulated /proc/mm) is a later issue.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "host.h"

static int skas3_probe(char *why, size_t whylen)
{
	snprintf(why, whylen, "/proc/mm");
	return access("/proc/mm", W_OK) == 0 ? -ENOSYS /* present, backend not built yet */
					     : -ENOENT;
}

static int skas3_init(const struct host_boot *b, struct host_caps *c)
{
	return -ENOSYS;
}

static const struct host_ops skas3_ops = {
	.init = skas3_init,
};

const struct host_backend host_skas3 = {
	.name = "skas3",
	.help = "one process for all address spaces via /proc/mm (needs the SKAS3 host patch)",
	.probe = skas3_probe,
	.ops = &skas3_ops,
};
