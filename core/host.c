// SPDX-License-Identifier: GPL-2.0
/*
 * The host_* wrappers (core/include/host.h): pick the backend at boot,
 * validate arguments once, then dispatch through its const ops. A NULL
 * optional op gives -ENOSYS (STYLE rule 7).
 */
#include <stdio.h>
#include <stdlib.h>

#include "host.h"
#include "registry.h"

static struct host_state {
	const struct host_backend *backend; /* boot-only */
	const struct host_ops *ops;         /* boot-only */
	struct host_caps caps;              /* boot-only, then fixed */
} host_state;

#define HOST_ALIGNED(x) (((x) & (PAGE_SIZE - 1)) == 0)

/* Probe order when mode=auto: the best mechanism the host supports. */
static const char *const host_probe_order[] = { "skas3", "skas0", "tt" };

static const struct host_backend *host_find(const char *name)
{
	int i;

	for (i = 0; registry_host[i]; i++)
		if (strcmp(registry_host[i]->name, name) == 0)
			return registry_host[i];
	return NULL;
}

static void host_list(char *buf, size_t len)
{
	size_t off = 0;
	int i;

	buf[0] = 0;
	for (i = 0; registry_host[i] && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? ", " : "",
					registry_host[i]->name);
}

static int host_probe_one(const struct host_backend *b, bool log)
{
	char why[128] = "";
	int err = b->probe(why, sizeof(why));

	if (log) {
		if (strcmp(b->name, "skas3") == 0)
			pr_info("Checking for the skas3 patch in the host:\n  - %s...%s\n", why,
				err ? "not found" : "found");
		else
			pr_info("Checking for %s in the host (%s)...%s\n", why, b->name,
				err ? "not found" : "found");
	}
	return err;
}

int host_select(const char *mode)
{
	const struct host_backend *b;
	char list[128];
	unsigned i;

	if (mode && strcmp(mode, "auto") != 0) {
		b = host_find(mode);
		if (!b) {
			host_list(list, sizeof(list));
			pr_err("mode=%s: no such host mode (compiled in: %s)\n", mode, list);
			return -ENOENT;
		}
		if (host_probe_one(b, true)) {
			pr_err("mode=%s: this host cannot run it (see above)\n", mode);
			return -ENODEV;
		}
		host_state.backend = b;
	} else {
		for (i = 0; i < ARRAY_SIZE(host_probe_order); i++) {
			b = host_find(host_probe_order[i]);
			if (b && host_probe_one(b, true) == 0) {
				host_state.backend = b;
				break;
			}
		}
		if (!host_state.backend) {
			pr_err("no host mode works here (need ptrace with PTRACE_SYSEMU, or /proc/mm)\n");
			return -ENODEV;
		}
	}
	host_state.ops = host_state.backend->ops;
	return 0;
}

const struct host_caps *host_caps(void)
{
	return &host_state.caps;
}

int host_init(const struct host_boot *boot)
{
	/* A backend that says nothing about FPU images gets the arch's
	 * smallest one (its ctx_fpstate_get/set may still be -ENOSYS). */
	host_state.caps.fpstate_size = sizeof(struct arch_fpstate);
	return host_state.ops->init(boot, &host_state.caps);
}

__noreturn void host_halt(int status)
{
	if (host_state.ops && host_state.ops->halt)
		host_state.ops->halt(status);
	exit(status);
}

int host_mem_create(u64 size, void **base)
{
	if (!HOST_ALIGNED(size) || size == 0)
		return -EINVAL;
	return host_state.ops->mem_create(size, base);
}

int host_mem_discard(u64 off, u64 len)
{
	if (!host_state.ops->mem_discard)
		return -ENOSYS;
	if (!HOST_ALIGNED(off) || !HOST_ALIGNED(len))
		return -EINVAL;
	return host_state.ops->mem_discard(off, len);
}

int host_as_create(struct host_as **out)
{
	return host_state.ops->as_create(out);
}

int host_as_clone(struct host_as *parent, struct host_as **out)
{
	if (!host_state.ops->as_clone)
		return -ENOSYS;
	return host_state.ops->as_clone(parent, out);
}

void host_as_destroy(struct host_as *as)
{
	host_state.ops->as_destroy(as);
}

static bool host_range_ok(u64 va, u64 len)
{
	return HOST_ALIGNED(va) && HOST_ALIGNED(len) && len && va + len > va &&
	       va + len <= host_state.caps.task_size;
}

int host_as_map(struct host_as *as, u64 va, u64 len, int prot, u64 off)
{
	if (!host_range_ok(va, len) || !HOST_ALIGNED(off))
		return -EINVAL;
	return host_state.ops->as_map(as, va, len, prot, off);
}

int host_as_unmap(struct host_as *as, u64 va, u64 len)
{
	if (!host_range_ok(va, len))
		return -EINVAL;
	return host_state.ops->as_unmap(as, va, len);
}

int host_as_protect(struct host_as *as, u64 va, u64 len, int prot)
{
	if (!host_range_ok(va, len))
		return -EINVAL;
	return host_state.ops->as_protect(as, va, len, prot);
}

int host_as_flush(struct host_as *as)
{
	return host_state.ops->as_flush(as);
}

int host_ctx_create(struct host_ctx **out)
{
	return host_state.ops->ctx_create(out);
}

void host_ctx_destroy(struct host_ctx *ctx)
{
	host_state.ops->ctx_destroy(ctx);
}

int host_ctx_run(struct host_ctx *ctx, struct host_as *as, struct arch_regs *regs,
		 struct host_trap *trap)
{
	return host_state.ops->ctx_run(ctx, as, regs, trap);
}

int host_ctx_fpstate_get(struct host_ctx *ctx, struct host_as *as, void *buf, size_t len)
{
	if (!host_state.ops->ctx_fpstate_get)
		return -ENOSYS;
	return host_state.ops->ctx_fpstate_get(ctx, as, buf, len);
}

int host_ctx_fpstate_set(struct host_ctx *ctx, struct host_as *as, const void *buf, size_t len)
{
	if (!host_state.ops->ctx_fpstate_set)
		return -ENOSYS;
	return host_state.ops->ctx_fpstate_set(ctx, as, buf, len);
}

s64 host_clock_now(int clock)
{
	return host_state.ops->clock_now(clock);
}

void host_set_deadline(s64 deadline_ns)
{
	host_state.ops->set_deadline(deadline_ns);
}

int host_poll(struct host_pollfd *fds, int nfds, s64 timeout_ns)
{
	return host_state.ops->poll(fds, nfds, timeout_ns);
}

int host_irq_enable(int fd)
{
	if (!host_state.ops->irq_enable)
		return -ENOSYS;
	return host_state.ops->irq_enable(fd);
}

bool host_irq_take(void)
{
	return host_state.ops->irq_take();
}

unsigned host_take_notes(void)
{
	return host_state.ops->take_notes();
}

int host_getrandom(void *buf, size_t len)
{
	return host_state.ops->getrandom(buf, len);
}

int host_file_read_all(const char *path, void **data, size_t *len)
{
	if (!host_state.ops->file_read_all)
		return -ENOSYS;
	return host_state.ops->file_read_all(path, data, len);
}
