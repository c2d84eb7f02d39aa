// SPDX-License-Identifier: GPL-2.0
/*
 * Boot: command line -> host backend -> guest RAM -> filesystems -> console
 * -> init, with a boot log in the style of UML's. Also the orderly halt
 * every exit path goes through (console restored, exit status says why).
 */
#include <stdio.h>
#include <stdlib.h>

#include "boot.h"
#include "console.h"
#include "host.h"
#include "mm.h"
#include "pty.h"
#include "task.h"
#include "vfs.h"

const char *const kernel_version_string =
	"Linux version " UTS_RELEASE " (uml@localhost) (gcc) " UTS_VERSION;

static struct boot_state {
	bool halting;
} boot_state;

/* Load the root filesystem: the initrd= file or the built-in busybox root. */
static int boot_load_root(const struct boot_config *cfg)
{
	char err[256] = "";
	void *data;
	size_t len;
	int r;

	r = vfs_mount_root("rootfs", NULL);
	if (r) {
		pr_err("VFS: cannot mount the root tmpfs: err=%d\n", r);
		return r;
	}
	if (cfg->initrd) {
		r = host_file_read_all(cfg->initrd, &data, &len);
		if (r) {
			fprintf(stderr, "linux: initrd=%s: cannot read it: %s\n", cfg->initrd,
				r == -ENOENT ? "no such file" : r == -EACCES ? "permission denied" :
				r == -EISDIR ? "is a directory" : "host error");
			return r;
		}
		pr_info("Unpacking initramfs %s (%zu bytes)\n", cfg->initrd, len);
	} else {
		data = (void *)default_initramfs_start;
		len = (size_t)(default_initramfs_end - default_initramfs_start);
		pr_info("Unpacking the built-in initramfs (%zu bytes)\n", len);
	}
	r = initramfs_unpack(data, len, err, sizeof(err));
	if (cfg->initrd)
		kfree(data);
	if (r) {
		if (cfg->initrd)
			fprintf(stderr, "linux: initrd=%s: not a usable initramfs: %s\n", cfg->initrd, err);
		else
			fprintf(stderr, "linux: the built-in root is broken: %s\n", err);
		return r;
	}
	return 0;
}

int kernel_main(int argc, char **argv)
{
	struct boot_config cfg;
	struct host_boot hb;
	int r;

	r = boot_parse_cmdline(argc, argv, &cfg);
	if (r)
		return r > 0 ? 0 : 2;
	if (cfg.quiet)
		printk_set_level(4);
	if (cfg.loglevel >= 0)
		printk_set_level(cfg.loglevel);

	pr_info("%s\n", kernel_version_string);
	pr_info("Kernel command line: %s\n", cfg.cmdline);
	r = host_select(cfg.mode);
	if (r)
		goto out_early;
	hb.mem_size = cfg.mem;
	hb.cpu = cfg.cpu;
	r = host_init(&hb);
	if (r) {
		pr_err("host: cannot start the %s backend: err=%d\n", cfg.mode, r);
		goto out_early;
	}
	r = mm_frames_init(cfg.mem);
	if (r)
		goto out_early;
	pr_info("Physical memory: %lluM, running in %s mode\n",
		(unsigned long long)(cfg.mem >> 20), host_caps()->mode);
	pr_info("FPU state: features 0x%llx, %u bytes per context\n",
		(unsigned long long)host_caps()->fpstate_features, host_caps()->fpstate_size);
	sched_init();
	r = boot_load_root(&cfg);
	if (r)
		goto out_early;
	r = devtmpfs_init();
	if (r)
		goto out_early;
	r = pty_init();
	if (r)
		goto out_early;
	r = console_init(&cfg);
	if (r)
		goto out_early;
	r = proc_spawn_init(NULL, NULL, NULL);
	if (r)
		panic("No working init found (err=%d). Try passing init= option to kernel.", r);
	sched_idle_loop();
out_early:
	/* Whatever failed has printed why; nothing of the guest ran. */
	console_shutdown();
	host_halt(2);
}

__noreturn void kernel_halt(int status, const char *why)
{
	if (!boot_state.halting) {
		boot_state.halting = true;
		if (why)
			pr_info("%s\n", why);
	}
	console_shutdown();
	host_halt(status);
}

__noreturn void kernel_reboot(void)
{
	/* UML restarts by running itself again; we report it to whoever
	 * started us with a distinct status (see docs/command-line.md). */
	kernel_halt(3, "Restarting system.");
}
