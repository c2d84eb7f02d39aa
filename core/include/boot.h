/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot configuration: what the command line asked for (cmdline.c parses
 * it, before anything on the host is touched) and the boot sequence
 * (main.c). UML's syntax: `./linux mem=128M init=/bin/sh con0=fd:0,fd:1`;
 * words the kernel does not know reach init's argv/environment as in Linux.
 */
#ifndef CORE_BOOT_H
#define CORE_BOOT_H

#include "kernel.h"

#define BOOT_MAX_INIT_ARGS 32
#define BOOT_MAX_CONSOLES 8

struct boot_config {
	u64 mem;                   /* bytes */
	const char *init;          /* init=, NULL: search */
	const char *rdinit;        /* rdinit=, default /init */
	const char *root;          /* root= (recorded; disks are a later issue) */
	const char *initrd;        /* initrd=FILE, NULL: the built-in root */
	const char *mode;          /* mode=, "auto" by default */
	const char *umid;
	const char *con[BOOT_MAX_CONSOLES]; /* con0=..., NULL: default */
	const char *con_all;       /* con= */
	bool quiet;
	bool strace;               /* log every guest system call */
	bool ro;                   /* ro / rw */
	int loglevel;
	int cpu;                   /* pin=N, -1 auto, -2 off */
	int nr_init_args;
	const char *init_args[BOOT_MAX_INIT_ARGS];
	int nr_init_env;
	const char *init_env[BOOT_MAX_INIT_ARGS];
	char cmdline[4096];        /* /proc/cmdline */
};

/* Parse argv[1..]. 0: boot; 1: done (--help/--version printed); -EINVAL:
 * a clear error naming the option was printed. */
int boot_parse_cmdline(int argc, char **argv, struct boot_config *cfg);
const struct boot_config *boot_config(void);
int kernel_main(int argc, char **argv);
/* Halt the VM in order (sync, console restored) and exit with status. */
__noreturn void kernel_halt(int status, const char *why);
__noreturn void kernel_reboot(void);
/* Parse a size with K/M/G suffix; -EINVAL if malformed. */
int boot_parse_size(const char *s, u64 *out);

/* The embedded default root (SConscript.kernel's blobs.S). */
extern const char default_initramfs_start[], default_initramfs_end[];

extern const char *const kernel_version_string;
#define UTS_RELEASE "6.1.0-uml"
#define UTS_VERSION "#1 SMP PREEMPT_DYNAMIC uml"

#endif
