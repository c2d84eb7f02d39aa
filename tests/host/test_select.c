// SPDX-License-Identifier: GPL-2.0
/*
 * Probing and choosing a backend (host.h struct host_backend, STYLE 9-12):
 * each descriptor is complete, its probe is side-effect free and says why
 * it refuses, host_select picks by exact name or by probing ("auto": skas3,
 * then skas0), unknown names are -ENOENT with the compiled list logged, and
 * the skeleton answers -ENOSYS to everything.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "host_test.h"

static const struct host_backend *ht_find(const char *name)
{
	int i;

	for (i = 0; registry_host[i]; i++)
		if (strcmp(registry_host[i]->name, name) == 0)
			return registry_host[i];
	return NULL;
}

/* The ops every backend that can run must have (host.h: the rest are
 * optional, and core/host.c answers -ENOSYS for them). */
static void ht_check_mandatory_ops(const struct host_backend *b)
{
	const struct host_ops *o = b->ops;

	HT_CHECK(o->init && o->halt && o->mem_create);
	HT_CHECK(o->as_create && o->as_destroy && o->as_map && o->as_unmap && o->as_protect &&
		 o->as_flush);
	HT_CHECK(o->ctx_create && o->ctx_destroy && o->ctx_run);
	HT_CHECK(o->clock_now && o->set_deadline && o->poll && o->irq_take && o->take_notes);
	HT_CHECK(o->getrandom);
}

/* Did the boot log report the probe (core/host.c: "Checking for <why> in
 * the host (<name>)...found", or UML's skas3 wording "  - <why>...not found")? */
static bool ht_logged_probe(const char *name, const char *why, bool found)
{
	char line[256];

	if (strcmp(name, "skas3") == 0)
		snprintf(line, sizeof(line), "  - %s...%s\n", why, found ? "found" : "not found");
	else
		snprintf(line, sizeof(line), "Checking for %s in the host (%s)...%s\n", why, name,
			 found ? "found" : "not found");
	return ht_logged(line);
}

/* ---- per backend -------------------------------------------------------------- */

static void descriptor_complete(struct ht_env *env)
{
	const struct host_backend *b = env->backend;
	char why1[128] = "", why2[128] = "";
	int i, same = 0, e1, e2;

	HT_CHECK(b->name && b->name[0]);
	HT_CHECK(b->help && b->help[0]);
	HT_CHECK(b->probe && b->ops);
	for (i = 0; registry_host[i]; i++)
		same += strcmp(registry_host[i]->name, b->name) == 0;
	HT_EQ(same, 1);
	/* Probing has no side effects: twice gives the same answer. */
	e1 = b->probe(why1, sizeof(why1));
	e2 = b->probe(why2, sizeof(why2));
	HT_EQ(e1, e2);
	HT_CHECK(e1 <= 0 && e1 > -4096);
	HT_CHECK_MSG(why1[0] && strcmp(why1, why2) == 0, "why: \"%s\" then \"%s\"", why1, why2);
	if (e1 == 0)
		ht_check_mandatory_ops(b);
}

static void probe_ok_selectable(struct ht_env *env)
{
	char why[128];

	env->backend->probe(why, sizeof(why));
	HT_OK(host_select(env->backend->name));
	HT_CHECK_MSG(ht_logged_probe(env->backend->name, why, true), "the boot log reports %s",
		     why);
}

static void refused_not_selectable(struct ht_env *env)
{
	const struct host_backend *b = env->backend;
	struct host_boot boot = { .mem_size = 16 << 20, .cpu = -2 };
	char line[256], why[128];

	b->probe(why, sizeof(why));
	HT_EQ(host_select(b->name), -ENODEV);
	HT_CHECK_MSG(ht_logged_probe(b->name, why, false), "the boot log reports %s", why);
	snprintf(line, sizeof(line), "mode=%s: this host cannot run it", b->name);
	HT_CHECK(ht_logged(line));
	/* and "auto" passes it over */
	if (host_select("auto") == 0) {
		HT_OK(host_init(&boot));
		HT_CHECK(strcmp(host_caps()->mode, b->name) != 0);
	}
}

static void skas0_probes_ok(struct ht_env *env)
{
	char why[128] = "";

	/* This suite's premise (CI: root on Debian 12): ptrace with
	 * PTRACE_SYSEMU works here. Anything else would silently skip most
	 * of the suite, so it is a failure. */
	HT_EQ(env->backend->probe(why, sizeof(why)), 0);
	HT_CHECK_MSG(strcmp(why, "PTRACE_SYSEMU") == 0, "why: %s", why);
}

static void skas3_no_proc_mm(struct ht_env *env)
{
	char why[128] = "";

	if (access("/proc/mm", F_OK) == 0)
		ht_skip("this host has /proc/mm (the SKAS3 patch)");
	HT_EQ(env->backend->probe(why, sizeof(why)), -ENOENT);
	HT_CHECK_MSG(strcmp(why, "/proc/mm") == 0, "why: %s", why);
	HT_EQ(host_select("skas3"), -ENODEV);
	/* UML's wording, which users grep for */
	HT_CHECK(ht_logged("Checking for the skas3 patch in the host:\n  - /proc/mm...not found"));
}

static void skeleton_refuses(struct ht_env *env)
{
	char why[128] = "";

	HT_EQ(env->backend->probe(why, sizeof(why)), -ENOSYS);
	HT_EQ(host_select("skeleton"), -ENODEV);
}

/* The skeleton is the template of a new backend and the compile-time check
 * that the interface is complete (STYLE 12): every mandatory op is there
 * and answers -ENOSYS (or nothing, for those that cannot fail). */
static void skeleton_every_op_enosys(struct ht_env *env)
{
	const struct host_ops *o = env->backend->ops;
	struct host_boot boot = { .mem_size = 16 << 20, .cpu = -2 };
	struct host_caps caps;
	struct host_as *as = NULL;
	struct host_ctx *ctx = NULL;
	struct arch_regs regs;
	static u8 fp[65536];
	struct host_trap trap;
	struct host_pollfd pfd = { 0, 1, 0 };
	void *base = NULL, *data = NULL;
	size_t len = 0;
	char buf[8];

	ht_check_mandatory_ops(env->backend);
	HT_EQ(o->init(&boot, &caps), -ENOSYS);
	HT_EQ(o->mem_create(16 << 20, &base), -ENOSYS);
	HT_CHECK(base == NULL);
	HT_EQ(o->as_create(&as), -ENOSYS);
	HT_CHECK(as == NULL);
	HT_EQ(o->as_map(as, 0x1000, 0x1000, 1, 0), -ENOSYS);
	HT_EQ(o->as_unmap(as, 0x1000, 0x1000), -ENOSYS);
	HT_EQ(o->as_protect(as, 0x1000, 0x1000, 1), -ENOSYS);
	HT_EQ(o->as_flush(as), -ENOSYS);
	o->as_destroy(as);
	HT_EQ(o->ctx_create(&ctx), -ENOSYS);
	HT_CHECK(ctx == NULL);
	ht_regs(&regs, HT_CODE_VA);
	HT_EQ(o->ctx_run(ctx, as, &regs, &trap), -ENOSYS);
	o->ctx_destroy(ctx);
	HT_EQ(o->poll(&pfd, 1, 0), -ENOSYS);
	HT_EQ(o->getrandom(buf, sizeof(buf)), -ENOSYS);
	HT_CHECK(!o->irq_take());
	HT_EQ(o->take_notes(), 0);
	HT_EQ(o->clock_now(1), 0);
	o->set_deadline(S64_MAX);
	/* Optional ops: absent (core/host.c then says -ENOSYS) or -ENOSYS. */
	HT_CHECK(!o->mem_discard || o->mem_discard(0, 4096) == -ENOSYS);
	HT_CHECK(!o->as_clone || o->as_clone(as, &as) == -ENOSYS);
	HT_CHECK(!o->ctx_fpstate_get || o->ctx_fpstate_get(ctx, as, fp, sizeof(fp)) == -ENOSYS);
	HT_CHECK(!o->ctx_fpstate_set || o->ctx_fpstate_set(ctx, as, fp, sizeof(fp)) == -ENOSYS);
	HT_CHECK(!o->irq_enable || o->irq_enable(0) == -ENOSYS);
	HT_CHECK(!o->file_read_all || o->file_read_all("/", &data, &len) == -ENOSYS);
}

/* ---- the registry ------------------------------------------------------------- */

static void auto_picks_skas0(struct ht_env *env)
{
	struct host_boot boot = { .mem_size = 16 << 20, .cpu = -2 };

	if (!ht_find("skas0"))
		ht_skip("skas0 is not compiled in (host=)");
	HT_OK(host_select("auto"));
	if (ht_find("skas3") && access("/proc/mm", F_OK) != 0)
		HT_CHECK(ht_logged("Checking for the skas3 patch in the host:\n"
				   "  - /proc/mm...not found"));
	HT_CHECK(ht_logged("Checking for PTRACE_SYSEMU in the host (skas0)...found"));
	HT_OK(host_init(&boot));
	HT_CHECK_MSG(strcmp(host_caps()->mode, "skas0") == 0, "mode %s", host_caps()->mode);
}

static void unknown_name_enoent(struct ht_env *env)
{
	char list[256] = "", line[400];
	int i;

	for (i = 0; registry_host[i]; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "",
			 registry_host[i]->name);
	HT_EQ(host_select("skas9"), -ENOENT);
	snprintf(line, sizeof(line), "mode=skas9: no such host mode (compiled in: %s)", list);
	HT_CHECK_MSG(ht_logged(line), "the log says \"%s\"", line);
	/* exact names only */
	HT_EQ(host_select("SKAS0"), -ENOENT);
	HT_EQ(host_select("skas"), -ENOENT);
	HT_EQ(host_select("skas0 "), -ENOENT);
	HT_EQ(host_select(""), -ENOENT);
}

static const struct ht_test tests[] = {
	{ "descriptor_complete", descriptor_complete, 0, NULL },
	{ "probe_ok_selectable", probe_ok_selectable, HT_PROBE_OK, NULL },
	{ "refused_not_selectable", refused_not_selectable, HT_REFUSED, NULL },
	{ "skas0_probes_ok", skas0_probes_ok, 0, "skas0" },
	{ "skas3_no_proc_mm", skas3_no_proc_mm, 0, "skas3" },
	{ "skeleton_refuses", skeleton_refuses, 0, "skeleton" },
	{ "skeleton_every_op_enosys", skeleton_every_op_enosys, 0, "skeleton" },
	{ "auto_picks_skas0", auto_picks_skas0, HT_ONCE, NULL },
	{ "unknown_name_enoent", unknown_name_enoent, HT_ONCE, NULL },
};
HT_SUITE(select, tests);
