// SPDX-License-Identifier: GPL-2.0
/*
 * The fake host backend for unit tests (interface: tests/fake/host_fake.h,
 * implementing struct host_ops of core/include/host.h). Everything lives in
 * this process's heap: no ptrace, no memfd, no signals, so the suites run
 * for every arch x libc on any machine.
 *
 * Address spaces apply each queued change to their page model at once and
 * also append it to a log: the model answers "what would the guest see
 * after the flush", the log answers "what did the kernel ask for, in which
 * order and how many calls" (STYLE: munmap and mprotect are one call per
 * range, fault windows one map per run). as_flush only counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "host_fake.h"
#include "uapi.h"

#define FAKE_MAX_FILES 8

struct fake_page {
	u64 vpn;
	u64 off;
	int prot;
};

struct host_as {
	struct host_as *next;       /* in fake_host_state.all */
	struct fake_as_op *ops;     /* the log */
	size_t nops, capops;
	struct fake_page *pages;    /* the model, unsorted */
	size_t npages, cappages;
	unsigned flushes;
};

struct host_ctx {
	unsigned runs;
};

struct fake_file {
	char *path;
	void *data;
	size_t len;
};

static struct fake_host_state {
	struct fake_host_config config;
	void *mem;                  /* the memory file */
	u64 mem_size;
	unsigned discards;
	s64 mono;                   /* CLOCK_MONOTONIC now */
	s64 deadline;
	u64 rand;                   /* xorshift64 state */
	struct host_as *all;        /* every live address space */
	unsigned live, created, cloned;
	struct fake_file files[FAKE_MAX_FILES];
	unsigned nfiles;
	char halt_msg[160];         /* the last fake_halted message */
} fake_host_state;

static const struct fake_host_config fake_host_defaults = {
	.task_size = 0x7ffffffff000ull,
	.can_clone_as = true,
	.fault_access_known = false,
};

/* ---- helpers ---------------------------------------------------------- */

static void *fake_grow(void *arr, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return arr;
	while (n < need)
		n *= 2;
	p = realloc(arr, n * elem);
	if (!p) {
		fprintf(stderr, "host_fake: out of memory\n");
		abort();
	}
	*cap = n;
	return p;
}

/* Take an injected error: returned once, then the op works again. */
static int fake_take_err(int *slot)
{
	int err = *slot;

	*slot = 0;
	return err;
}

static void fake_log(struct host_as *as, enum fake_as_kind kind, u64 va, u64 len, int prot,
		     u64 off)
{
	as->ops = fake_grow(as->ops, &as->capops, as->nops + 1, sizeof(*as->ops));
	as->ops[as->nops++] = (struct fake_as_op){ kind, va, len, prot, off };
}

static struct fake_page *fake_page_find(const struct host_as *as, u64 vpn)
{
	size_t i;

	for (i = 0; i < as->npages; i++)
		if (as->pages[i].vpn == vpn)
			return &as->pages[i];
	return NULL;
}

static void fake_as_free(struct host_as *as)
{
	free(as->ops);
	free(as->pages);
	free(as);
}

/* ---- lifetime --------------------------------------------------------- */

static int fake_init(const struct host_boot *boot, struct host_caps *caps)
{
	caps->mode = "fake";
	caps->task_size = fake_host_state.config.task_size;
	caps->map_granule = PAGE_SIZE;
	caps->can_clone_as = fake_host_state.config.can_clone_as;
	caps->fault_access_known = fake_host_state.config.fault_access_known;
	return 0;
}

static __noreturn void fake_halt(int status)
{
	fake_halted(status, "host halt");
}

/* ---- guest physical memory --------------------------------------------- */

static int fake_mem_create(u64 size, void **base)
{
	int err = fake_take_err(&fake_host_state.config.mem_create_err);

	if (err)
		return err;
	free(fake_host_state.mem);
	fake_host_state.mem = calloc(1, size);
	if (!fake_host_state.mem)
		return -ENOMEM;
	fake_host_state.mem_size = size;
	*base = fake_host_state.mem;
	return 0;
}

static int fake_mem_discard(u64 off, u64 len)
{
	if (off + len > fake_host_state.mem_size || off + len < off)
		return -EINVAL;
	memset((char *)fake_host_state.mem + off, 0, len);
	fake_host_state.discards++;
	return 0;
}

/* ---- address spaces ---------------------------------------------------- */

static struct host_as *fake_as_new(void)
{
	struct host_as *as = calloc(1, sizeof(*as));

	if (!as)
		return NULL;
	as->next = fake_host_state.all;
	fake_host_state.all = as;
	fake_host_state.live++;
	return as;
}

static int fake_as_create(struct host_as **out)
{
	int err = fake_take_err(&fake_host_state.config.as_create_err);

	if (err)
		return err;
	*out = fake_as_new();
	if (!*out)
		return -ENOMEM;
	fake_host_state.created++;
	return 0;
}

static int fake_as_clone(struct host_as *parent, struct host_as **out)
{
	int err = fake_take_err(&fake_host_state.config.as_clone_err);
	struct host_as *as;

	if (err)
		return err;
	as = fake_as_new();
	if (!as)
		return -ENOMEM;
	/* The child's mappings equal the parent's after its flush. */
	as->pages = fake_grow(NULL, &as->cappages, parent->npages + 1, sizeof(*as->pages));
	memcpy(as->pages, parent->pages, parent->npages * sizeof(*as->pages));
	as->npages = parent->npages;
	parent->flushes++;
	fake_host_state.cloned++;
	*out = as;
	return 0;
}

static void fake_as_destroy(struct host_as *as)
{
	struct host_as **pp;

	for (pp = &fake_host_state.all; *pp; pp = &(*pp)->next) {
		if (*pp == as) {
			*pp = as->next;
			fake_host_state.live--;
			fake_as_free(as);
			return;
		}
	}
	fprintf(stderr, "host_fake: as_destroy of an unknown address space %p\n", (void *)as);
	abort();
}

static int fake_as_map(struct host_as *as, u64 va, u64 len, int prot, u64 off)
{
	int err = fake_take_err(&fake_host_state.config.as_map_err);
	u64 i;

	if (err)
		return err;
	fake_log(as, FAKE_AS_MAP, va, len, prot, off);
	for (i = 0; i < len; i += PAGE_SIZE) {
		struct fake_page *p = fake_page_find(as, (va + i) >> PAGE_SHIFT);

		if (!p) {
			as->pages = fake_grow(as->pages, &as->cappages, as->npages + 1,
					      sizeof(*as->pages));
			p = &as->pages[as->npages++];
			p->vpn = (va + i) >> PAGE_SHIFT;
		}
		p->off = off + i;
		p->prot = prot;
	}
	return 0;
}

static int fake_as_unmap(struct host_as *as, u64 va, u64 len)
{
	u64 first = va >> PAGE_SHIFT, end = (va + len) >> PAGE_SHIFT;
	size_t i = 0;

	fake_log(as, FAKE_AS_UNMAP, va, len, 0, 0);
	while (i < as->npages) {
		if (as->pages[i].vpn >= first && as->pages[i].vpn < end)
			as->pages[i] = as->pages[--as->npages];
		else
			i++;
	}
	return 0;
}

static int fake_as_protect(struct host_as *as, u64 va, u64 len, int prot)
{
	u64 first = va >> PAGE_SHIFT, end = (va + len) >> PAGE_SHIFT;
	size_t i;

	fake_log(as, FAKE_AS_PROTECT, va, len, prot, 0);
	for (i = 0; i < as->npages; i++)
		if (as->pages[i].vpn >= first && as->pages[i].vpn < end)
			as->pages[i].prot = prot;
	return 0;
}

static int fake_as_flush(struct host_as *as)
{
	as->flushes++;
	return 0;
}

/* ---- execution contexts: nothing runs in the fake ---------------------- */

static int fake_ctx_create(struct host_ctx **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -ENOMEM;
}

static void fake_ctx_destroy(struct host_ctx *ctx)
{
	free(ctx);
}

static int fake_ctx_run(struct host_ctx *ctx, struct host_as *as, struct arch_regs *regs,
			struct host_trap *trap)
{
	ctx->runs++;
	fake_as_flush(as);
	return HOST_EV_INTERRUPTED;
}

/* ---- time, interrupts, I/O --------------------------------------------- */

static s64 fake_clock_now(int clock)
{
	if (clock == CLOCK_REALTIME)
		return fake_host_state.mono + FAKE_REALTIME_OFFSET_NS;
	return fake_host_state.mono;
}

static void fake_set_deadline(s64 deadline_ns)
{
	fake_host_state.deadline = deadline_ns;
}

static int fake_poll(struct host_pollfd *fds, int nfds, s64 timeout_ns)
{
	int i;

	for (i = 0; i < nfds; i++)
		fds[i].revents = 0;
	return 0;
}

static int fake_irq_enable(int fd)
{
	return -EINVAL; /* no fd of the fake can interrupt */
}

static bool fake_irq_take(void)
{
	return false;
}

static unsigned fake_take_notes(void)
{
	return 0;
}

/* ---- small services ---------------------------------------------------- */

static int fake_getrandom(void *buf, size_t len)
{
	u8 *p = buf;
	size_t i;

	for (i = 0; i < len; i++) {
		u64 x = fake_host_state.rand;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		fake_host_state.rand = x;
		p[i] = (u8)x;
	}
	return 0;
}

static int fake_file_read_all(const char *path, void **data, size_t *len)
{
	unsigned i;

	for (i = 0; i < fake_host_state.nfiles; i++) {
		struct fake_file *f = &fake_host_state.files[i];

		if (strcmp(f->path, path) == 0) {
			*data = kmalloc(f->len);
			if (!*data)
				return -ENOMEM;
			memcpy(*data, f->data, f->len);
			*len = f->len;
			return 0;
		}
	}
	return -ENOENT;
}

static const struct host_ops fake_host_ops = {
	.init = fake_init,
	.halt = fake_halt,
	.mem_create = fake_mem_create,
	.mem_discard = fake_mem_discard,
	.as_create = fake_as_create,
	.as_clone = fake_as_clone,
	.as_destroy = fake_as_destroy,
	.as_map = fake_as_map,
	.as_unmap = fake_as_unmap,
	.as_protect = fake_as_protect,
	.as_flush = fake_as_flush,
	.ctx_create = fake_ctx_create,
	.ctx_destroy = fake_ctx_destroy,
	.ctx_run = fake_ctx_run,
	.clock_now = fake_clock_now,
	.set_deadline = fake_set_deadline,
	.poll = fake_poll,
	.irq_enable = fake_irq_enable,
	.irq_take = fake_irq_take,
	.take_notes = fake_take_notes,
	.getrandom = fake_getrandom,
	.file_read_all = fake_file_read_all,
};

/* The same host with every optional op left out (STYLE 7: the wrappers
 * must answer -ENOSYS for them), and no address-space cloning. */
static int fake_min_init(const struct host_boot *boot, struct host_caps *caps)
{
	fake_init(boot, caps);
	caps->mode = "fake-min";
	caps->can_clone_as = false;
	return 0;
}

static const struct host_ops fake_min_host_ops = {
	.init = fake_min_init,
	.halt = fake_halt,
	.mem_create = fake_mem_create,
	.as_create = fake_as_create,
	.as_destroy = fake_as_destroy,
	.as_map = fake_as_map,
	.as_unmap = fake_as_unmap,
	.as_protect = fake_as_protect,
	.as_flush = fake_as_flush,
	.ctx_create = fake_ctx_create,
	.ctx_destroy = fake_ctx_destroy,
	.ctx_run = fake_ctx_run,
	.clock_now = fake_clock_now,
	.set_deadline = fake_set_deadline,
	.poll = fake_poll,
	.irq_take = fake_irq_take,
	.take_notes = fake_take_notes,
	.getrandom = fake_getrandom,
};

static int fake_probe(char *why, size_t whylen)
{
	int err = fake_host_state.config.probe_err;

	if (err)
		snprintf(why, whylen, "the test's probe_err (%d)", err);
	else
		snprintf(why, whylen, "nothing (in-memory fake)");
	return err;
}

const struct host_backend fake_host_backend = {
	.name = "fake",
	.help = "in-memory host for unit tests",
	.probe = fake_probe,
	.ops = &fake_host_ops,
};

const struct host_backend fake_min_host_backend = {
	.name = "fake-min",
	.help = "the in-memory host without its optional ops",
	.probe = fake_probe,
	.ops = &fake_min_host_ops,
};

/* ---- the test interface ------------------------------------------------- */

void fake_host_reset(void)
{
	unsigned i;

	while (fake_host_state.all) {
		struct host_as *as = fake_host_state.all;

		fake_host_state.all = as->next;
		fake_as_free(as);
	}
	for (i = 0; i < fake_host_state.nfiles; i++) {
		free(fake_host_state.files[i].path);
		free(fake_host_state.files[i].data);
	}
	fake_host_state.nfiles = 0;
	fake_host_state.all = NULL;
	fake_host_state.live = fake_host_state.created = fake_host_state.cloned = 0;
	fake_host_state.discards = 0;
	/* The memory file is kept: the frame allocator may still point into
	 * it until the next mem_create replaces it. */
	fake_host_state.config = fake_host_defaults;
	fake_host_state.mono = FAKE_CLOCK_START_NS;
	fake_host_state.deadline = S64_MAX;
	fake_host_state.rand = 0x2545f4914f6cdd1dull;
}

struct fake_host_config *fake_host_config(void)
{
	return &fake_host_state.config;
}

int fake_host_boot(void)
{
	return fake_host_boot_mode("fake");
}

int fake_host_boot_mode(const char *mode)
{
	struct host_boot boot = { .mem_size = 0, .cpu = -2 };
	int err;

	err = host_select(mode);
	if (err)
		return err;
	return host_init(&boot);
}

void *fake_mem_base(void)
{
	return fake_host_state.mem;
}

u64 fake_mem_size(void)
{
	return fake_host_state.mem_size;
}

unsigned fake_mem_discards(void)
{
	return fake_host_state.discards;
}

void fake_clock_advance(s64 ns)
{
	fake_host_state.mono += ns;
}

s64 fake_deadline(void)
{
	return fake_host_state.deadline;
}

unsigned fake_as_live(void)
{
	return fake_host_state.live;
}

unsigned fake_as_created(void)
{
	return fake_host_state.created;
}

unsigned fake_as_cloned(void)
{
	return fake_host_state.cloned;
}

size_t fake_as_nops(const struct host_as *as)
{
	return as->nops;
}

const struct fake_as_op *fake_as_op(const struct host_as *as, size_t i)
{
	return i < as->nops ? &as->ops[i] : NULL;
}

void fake_as_forget_ops(struct host_as *as)
{
	as->nops = 0;
}

unsigned fake_as_flushes(const struct host_as *as)
{
	return as->flushes;
}

bool fake_as_lookup(const struct host_as *as, u64 va, int *prot, u64 *off)
{
	const struct fake_page *p = fake_page_find(as, va >> PAGE_SHIFT);

	if (!p)
		return false;
	if (prot)
		*prot = p->prot;
	if (off)
		*off = p->off + (va & (PAGE_SIZE - 1));
	return true;
}

size_t fake_as_mapped_pages(const struct host_as *as)
{
	return as->npages;
}

void fake_host_add_file(const char *path, const void *data, size_t len)
{
	struct fake_file *f;

	if (fake_host_state.nfiles == FAKE_MAX_FILES) {
		fprintf(stderr, "host_fake: more than %d host files\n", FAKE_MAX_FILES);
		abort();
	}
	f = &fake_host_state.files[fake_host_state.nfiles++];
	f->path = strdup(path);
	f->data = malloc(len ? len : 1);
	if (!f->path || !f->data)
		abort();
	memcpy(f->data, data, len);
	f->len = len;
}

__noreturn void fake_halted(int status, const char *why)
{
	/* cmocka prints the message after the longjmp: it may not live on
	 * this stack. */
	snprintf(fake_host_state.halt_msg, sizeof(fake_host_state.halt_msg),
		 "kernel halted (status %d): %s", status, why);
	/* Inside expect_assert_failure() this returns to the test; anywhere
	 * else it fails the running test with the message. */
	mock_assert(0, fake_host_state.halt_msg, __FILE__, __LINE__);
	abort();
}
