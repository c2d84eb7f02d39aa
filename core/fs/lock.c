// SPDX-License-Identifier: GPL-2.0
/*
 * File locks (fcntl record locks and flock). Not built yet: the calls say
 * -ENOSYS (logged once) rather than pretend to lock.
 */
#include "vfs.h"

void locks_release_file(struct file *f, struct files *owner)
{
	/* no lock can exist yet */
}

int lock_fcntl(int fd, struct file *f, int cmd, u64 arg)
{
	pr_once(LOG_WARNING, "uml: fcntl record locks are not implemented yet (ENOSYS)\n");
	return -ENOSYS;
}
