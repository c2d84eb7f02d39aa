/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pseudo-terminals: the pty pairs (core/tty/pty.c) and devpts, the
 * filesystem that names their slave ends (core/fs/devpts/devpts.c).
 * Opening /dev/ptmx (5:2) makes a pair; the slave is /dev/pts/N, a
 * character device 136:N that devpts shows while the master is open.
 * pty.c owns the pairs and the index space; devpts only holds the nodes.
 */
#ifndef CORE_PTY_H
#define CORE_PTY_H

#include "vfs.h"

#define PTY_MASTER_MAJOR 5      /* /dev/ptmx is 5:2 (TTYAUX_MAJOR) */
#define PTY_MASTER_MINOR 2
#define PTY_SLAVE_MAJOR 136     /* UNIX98_PTY_SLAVE_MAJOR */
#define PTY_MAX 1024            /* pairs at once (Linux: kernel.pty.max) */

/* Register /dev/ptmx and the slave devices (boot, after devtmpfs_init). */
int pty_init(void);

/* ---- devpts (core/fs/devpts/devpts.c) ---- */
extern const struct fs_type devpts_type;
/* Make the node for slave index, owned by the caller's fsuid (and fsgid
 * unless mounted with gid=); 0 or -ENOMEM. */
int devpts_pty_new(unsigned index);
/* Remove the node (master closed); open files keep the inode. */
void devpts_pty_kill(unsigned index);
/* A mounted path of the node, with references, for TIOCGPTPEER;
 * -ENOENT when devpts is not mounted or the node is gone. */
int devpts_node_path(unsigned index, struct path *out);

#endif
