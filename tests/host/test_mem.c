// SPDX-License-Identifier: GPL-2.0
/*
 * Guest physical memory (host.h mem_create, mem_discard): one sparse shared
 * memory file of the size asked, zeroed, writable through the kernel's base,
 * and the very frames a guest sees when they are mapped into its address
 * space; mem_discard gives pages back as zeroes, to the kernel and guests.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "host_test.h"

/* The line of /proc/self/maps that starts at base: its length and flags. */
static void ht_mapping_at(void *base, u64 *len, char perms[5])
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	bool found = false;

	HT_CHECK(f != NULL);
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && lo == (unsigned long)base) {
			*len = hi - lo;
			found = true;
		}
	}
	fclose(f);
	HT_CHECK_MSG(found, "no mapping starts at %p", base);
}

static void mem_create_zeroed_shared(struct ht_env *env)
{
	unsigned char *m = env->mem;
	char perms[5] = "";
	u64 len = 0, i;

	/* One shared, writable mapping of exactly the size asked. */
	ht_mapping_at(m, &len, perms);
	HT_EQ(len, HT_MEM_SIZE);
	HT_CHECK_MSG(strcmp(perms, "rw-s") == 0, "perms %s", perms);
	/* Zeroed: look at a page in every MiB (touching it all would
	 * allocate it all: the file is sparse). */
	for (i = 0; i < HT_MEM_SIZE; i += 1 << 20)
		HT_CHECK_MSG(m[i] == 0 && m[i + 4095] == 0, "byte %#" PRIx64 " not zero", i);
	HT_EQ(m[HT_MEM_SIZE - 1], 0);
	/* Writable to its last byte. */
	m[0] = 0x5a;
	m[HT_MEM_SIZE - 1] = 0xa5;
	HT_EQ(m[0], 0x5a);
	HT_EQ(m[HT_MEM_SIZE - 1], 0xa5);
}

/* Frames written by the kernel are what the guest reads, and the other
 * way round (the file is shared, not copied). */
static void mem_shared_with_guest(struct ht_env *env)
{
	struct ht_guest g;
	u64 data;

	ht_guest_new(env, &g, HT_GUEST(load));
	data = ht_map_data(env, g.as, HT_DATA_VA, PROT_READ | PROT_WRITE, 0x1234567890abcdefull);
	g.regs.rdi = HT_DATA_VA;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.regs.rax, 0x1234567890abcdefull);

	/* Changed by the kernel while mapped: the guest sees the new value. */
	HT_WORD(env, data) = 42;
	ht_regs(&g.regs, HT_CODE_VA);
	g.regs.rdi = HT_DATA_VA;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.regs.rax, 42);

	/* A store by the guest lands in the frame. */
	ht_map_code(env, g.as, HT_CODE_VA + PAGE_SIZE, HT_GUEST(store));
	ht_regs(&g.regs, HT_CODE_VA + PAGE_SIZE);
	g.regs.rdi = HT_DATA_VA + 8;
	g.regs.rsi = 0xfeedface;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(HT_WORD(env, data + 8), 0xfeedface);
	ht_guest_free(&g);
}

static void mem_discard_zeroes(struct ht_env *env)
{
	unsigned char *m;
	struct ht_guest g;
	u64 off, i;
	int err;

	ht_guest_new(env, &g, HT_GUEST(load));
	off = ht_frame(env);
	for (i = 1; i < 4; i++)
		HT_EQ(ht_frame(env), off + i * PAGE_SIZE);
	m = ht_mem(env, off);
	memset(m, 0xaa, 4 * PAGE_SIZE);
	HT_OK(host_as_map(g.as, HT_DATA_VA, 4 * PAGE_SIZE, PROT_READ, off));
	g.regs.rdi = HT_DATA_VA + PAGE_SIZE;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.regs.rax, 0xaaaaaaaaaaaaaaaaull);

	err = host_mem_discard(off + PAGE_SIZE, 2 * PAGE_SIZE);
	if (err == -ENOSYS)
		ht_skip("mem_discard is optional and absent");
	HT_OK(err);
	for (i = 0; i < 4 * PAGE_SIZE; i++)
		HT_CHECK_MSG(m[i] == (i >= PAGE_SIZE && i < 3 * PAGE_SIZE ? 0 : 0xaa),
			     "byte %#" PRIx64 " is %#x after discarding pages 1-2", i, m[i]);
	/* The guest, which maps those frames, sees the zeroes too. */
	ht_regs(&g.regs, HT_CODE_VA);
	g.regs.rdi = HT_DATA_VA + PAGE_SIZE;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.regs.rax, 0);
	ht_regs(&g.regs, HT_CODE_VA);
	g.regs.rdi = HT_DATA_VA + 3 * PAGE_SIZE;
	HT_EV(ht_guest_run(&g), HOST_EV_SIGNAL);
	HT_EQ(g.regs.rax, 0xaaaaaaaaaaaaaaaaull);
	/* Unaligned ranges never reach the backend (core/host.c). */
	HT_EQ(host_mem_discard(off + 1, PAGE_SIZE), -EINVAL);
	ht_guest_free(&g);
}

static const struct ht_test tests[] = {
	{ "mem_create_zeroed_shared", mem_create_zeroed_shared, HT_BOOTED, NULL },
	{ "mem_shared_with_guest", mem_shared_with_guest, HT_BOOTED, NULL },
	{ "mem_discard_zeroes", mem_discard_zeroes, HT_BOOTED, NULL },
};
HT_SUITE(mem, tests);
