// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo for the one virtual CPU, in Linux's x86 format. Guest code
 * runs natively on the host CPU, so the identification and the feature
 * flags are that CPU's own cpuid (arch_cpuid): what a program that
 * checks /proc/cpuinfo before using AVX2 needs to be told. Linux's
 * synthetic flags (constant_tsc, rep_good...) and the bugs list need the
 * kernel's own probing and are left out; the speed comes from cpuid leaf
 * 0x16 or the brand string, and the line is left out when neither has it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "arch.h"
#include "procfs.h"

enum { EAX, EBX, ECX, EDX };

struct cpu_flag {
	u32 leaf, subleaf;
	u8 reg, bit;
	const char *name;
};

static const struct cpu_flag cpu_flags[] = {
	{ 1, 0, EDX, 0, "fpu" }, { 1, 0, EDX, 1, "vme" }, { 1, 0, EDX, 2, "de" },
	{ 1, 0, EDX, 3, "pse" }, { 1, 0, EDX, 4, "tsc" }, { 1, 0, EDX, 5, "msr" },
	{ 1, 0, EDX, 6, "pae" }, { 1, 0, EDX, 7, "mce" }, { 1, 0, EDX, 8, "cx8" },
	{ 1, 0, EDX, 9, "apic" }, { 1, 0, EDX, 11, "sep" }, { 1, 0, EDX, 12, "mtrr" },
	{ 1, 0, EDX, 13, "pge" }, { 1, 0, EDX, 14, "mca" }, { 1, 0, EDX, 15, "cmov" },
	{ 1, 0, EDX, 16, "pat" }, { 1, 0, EDX, 17, "pse36" }, { 1, 0, EDX, 19, "clflush" },
	{ 1, 0, EDX, 21, "dts" }, { 1, 0, EDX, 22, "acpi" }, { 1, 0, EDX, 23, "mmx" },
	{ 1, 0, EDX, 24, "fxsr" }, { 1, 0, EDX, 25, "sse" }, { 1, 0, EDX, 26, "sse2" },
	{ 1, 0, EDX, 27, "ss" }, { 1, 0, EDX, 28, "ht" }, { 1, 0, EDX, 29, "tm" },
	{ 1, 0, EDX, 31, "pbe" },
	{ 0x80000001, 0, EDX, 11, "syscall" }, { 0x80000001, 0, EDX, 20, "nx" },
	{ 0x80000001, 0, EDX, 22, "mmxext" }, { 0x80000001, 0, EDX, 25, "fxsr_opt" },
	{ 0x80000001, 0, EDX, 26, "pdpe1gb" }, { 0x80000001, 0, EDX, 27, "rdtscp" },
	{ 0x80000001, 0, EDX, 29, "lm" }, { 0x80000001, 0, EDX, 30, "3dnowext" },
	{ 0x80000001, 0, EDX, 31, "3dnow" },
	{ 1, 0, ECX, 0, "pni" }, { 1, 0, ECX, 1, "pclmulqdq" }, { 1, 0, ECX, 2, "dtes64" },
	{ 1, 0, ECX, 3, "monitor" }, { 1, 0, ECX, 4, "ds_cpl" }, { 1, 0, ECX, 5, "vmx" },
	{ 1, 0, ECX, 6, "smx" }, { 1, 0, ECX, 7, "est" }, { 1, 0, ECX, 8, "tm2" },
	{ 1, 0, ECX, 9, "ssse3" }, { 1, 0, ECX, 11, "sdbg" }, { 1, 0, ECX, 12, "fma" },
	{ 1, 0, ECX, 13, "cx16" }, { 1, 0, ECX, 14, "xtpr" }, { 1, 0, ECX, 15, "pdcm" },
	{ 1, 0, ECX, 17, "pcid" }, { 1, 0, ECX, 18, "dca" }, { 1, 0, ECX, 19, "sse4_1" },
	{ 1, 0, ECX, 20, "sse4_2" }, { 1, 0, ECX, 21, "x2apic" }, { 1, 0, ECX, 22, "movbe" },
	{ 1, 0, ECX, 23, "popcnt" }, { 1, 0, ECX, 24, "tsc_deadline_timer" },
	{ 1, 0, ECX, 25, "aes" }, { 1, 0, ECX, 26, "xsave" }, { 1, 0, ECX, 28, "avx" },
	{ 1, 0, ECX, 29, "f16c" }, { 1, 0, ECX, 30, "rdrand" }, { 1, 0, ECX, 31, "hypervisor" },
	{ 0x80000001, 0, ECX, 0, "lahf_lm" }, { 0x80000001, 0, ECX, 1, "cmp_legacy" },
	{ 0x80000001, 0, ECX, 2, "svm" }, { 0x80000001, 0, ECX, 3, "extapic" },
	{ 0x80000001, 0, ECX, 4, "cr8_legacy" }, { 0x80000001, 0, ECX, 5, "abm" },
	{ 0x80000001, 0, ECX, 6, "sse4a" }, { 0x80000001, 0, ECX, 7, "misalignsse" },
	{ 0x80000001, 0, ECX, 8, "3dnowprefetch" }, { 0x80000001, 0, ECX, 9, "osvw" },
	{ 0x80000001, 0, ECX, 10, "ibs" }, { 0x80000001, 0, ECX, 11, "xop" },
	{ 0x80000001, 0, ECX, 12, "skinit" }, { 0x80000001, 0, ECX, 13, "wdt" },
	{ 0x80000001, 0, ECX, 15, "lwp" }, { 0x80000001, 0, ECX, 16, "fma4" },
	{ 0x80000001, 0, ECX, 17, "tce" }, { 0x80000001, 0, ECX, 19, "nodeid_msr" },
	{ 0x80000001, 0, ECX, 21, "tbm" }, { 0x80000001, 0, ECX, 22, "topoext" },
	{ 0x80000001, 0, ECX, 23, "perfctr_core" }, { 0x80000001, 0, ECX, 24, "perfctr_nb" },
	{ 0x80000001, 0, ECX, 26, "bpext" }, { 0x80000001, 0, ECX, 28, "perfctr_llc" },
	{ 0x80000001, 0, ECX, 29, "mwaitx" },
	{ 7, 0, EBX, 0, "fsgsbase" }, { 7, 0, EBX, 1, "tsc_adjust" }, { 7, 0, EBX, 2, "sgx" },
	{ 7, 0, EBX, 3, "bmi1" }, { 7, 0, EBX, 4, "hle" }, { 7, 0, EBX, 5, "avx2" },
	{ 7, 0, EBX, 7, "smep" }, { 7, 0, EBX, 8, "bmi2" }, { 7, 0, EBX, 9, "erms" },
	{ 7, 0, EBX, 10, "invpcid" }, { 7, 0, EBX, 11, "rtm" }, { 7, 0, EBX, 14, "mpx" },
	{ 7, 0, EBX, 16, "avx512f" }, { 7, 0, EBX, 17, "avx512dq" }, { 7, 0, EBX, 18, "rdseed" },
	{ 7, 0, EBX, 19, "adx" }, { 7, 0, EBX, 20, "smap" }, { 7, 0, EBX, 21, "avx512ifma" },
	{ 7, 0, EBX, 23, "clflushopt" }, { 7, 0, EBX, 24, "clwb" }, { 7, 0, EBX, 25, "intel_pt" },
	{ 7, 0, EBX, 26, "avx512pf" }, { 7, 0, EBX, 27, "avx512er" }, { 7, 0, EBX, 28, "avx512cd" },
	{ 7, 0, EBX, 29, "sha_ni" }, { 7, 0, EBX, 30, "avx512bw" }, { 7, 0, EBX, 31, "avx512vl" },
	{ 0xd, 1, EAX, 0, "xsaveopt" }, { 0xd, 1, EAX, 1, "xsavec" }, { 0xd, 1, EAX, 2, "xgetbv1" },
	{ 0xd, 1, EAX, 3, "xsaves" },
	{ 7, 0, ECX, 1, "avx512vbmi" }, { 7, 0, ECX, 2, "umip" }, { 7, 0, ECX, 3, "pku" },
	{ 7, 0, ECX, 4, "ospke" }, { 7, 0, ECX, 5, "waitpkg" }, { 7, 0, ECX, 6, "avx512_vbmi2" },
	{ 7, 0, ECX, 8, "gfni" }, { 7, 0, ECX, 9, "vaes" }, { 7, 0, ECX, 10, "vpclmulqdq" },
	{ 7, 0, ECX, 11, "avx512_vnni" }, { 7, 0, ECX, 12, "avx512_bitalg" },
	{ 7, 0, ECX, 14, "avx512_vpopcntdq" }, { 7, 0, ECX, 16, "la57" }, { 7, 0, ECX, 22, "rdpid" },
	{ 7, 0, ECX, 25, "cldemote" }, { 7, 0, ECX, 27, "movdiri" }, { 7, 0, ECX, 28, "movdir64b" },
	{ 7, 0, EDX, 4, "fsrm" }, { 7, 0, EDX, 8, "avx512_vp2intersect" }, { 7, 0, EDX, 10, "md_clear" },
	{ 7, 0, EDX, 14, "serialize" }, { 7, 0, EDX, 23, "avx512_fp16" },
	{ 7, 0, EDX, 28, "flush_l1d" }, { 7, 0, EDX, 29, "arch_capabilities" },
};

/* cpuid, or zeros for a leaf beyond what the CPU reports. */
static void cpuid(u32 leaf, u32 subleaf, u32 max_basic, u32 max_ext, u32 r[4])
{
	if ((leaf < 0x80000000 && leaf > max_basic) || (leaf >= 0x80000000 && leaf > max_ext)) {
		r[0] = r[1] = r[2] = r[3] = 0;
		return;
	}
	arch_cpuid(leaf, subleaf, r);
}

/* The 48-byte brand string, leading spaces dropped. */
static void brand(u32 max_ext, char *out, size_t len)
{
	u32 r[12];
	char *s;
	int i;

	if (max_ext < 0x80000004) {
		snprintf(out, len, "unknown");
		return;
	}
	for (i = 0; i < 3; i++)
		arch_cpuid(0x80000002 + (u32)i, 0, &r[i * 4]);
	s = (char *)r;
	s[47] = 0;
	while (*s == ' ')
		s++;
	snprintf(out, len, "%s", s);
}

/* Base speed in MHz: cpuid 0x16, else "@ 2.40GHz" in the brand, else 0. */
static unsigned cpu_mhz(u32 max_basic, const char *model)
{
	const char *at = strstr(model, "@ ");
	u32 r[4];

	cpuid(0x16, 0, max_basic, 0, r);
	if (r[0] & 0xffff)
		return r[0] & 0xffff;
	if (at && strstr(at, "GHz"))
		return (unsigned)(strtod(at + 2, NULL) * 1000.0);
	return 0;
}

static void put_flags(struct procfs_buf *b, u32 max_basic, u32 max_ext)
{
	u32 r[4] = { 0 }, leaf = ~0u, sub = ~0u;
	unsigned i;

	procfs_puts(b, "flags\t\t:");
	for (i = 0; i < ARRAY_SIZE(cpu_flags); i++) {
		const struct cpu_flag *f = &cpu_flags[i];

		if (f->leaf != leaf || f->subleaf != sub) {
			leaf = f->leaf;
			sub = f->subleaf;
			cpuid(leaf, sub, max_basic, max_ext, r);
		}
		if (r[f->reg] & (1u << f->bit))
			procfs_printf(b, " %s", f->name);
	}
	procfs_puts(b, "\n");
}

int procfs_show_cpuinfo(struct procfs_buf *b, const struct procfs_node *n)
{
	u32 r[4], sig, max_basic, max_ext, family, model;
	char vendor[13], name[64];
	unsigned mhz, clflush, l2, phys, virt;

	arch_cpuid(0, 0, r);
	max_basic = r[0];
	memcpy(vendor, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = 0;
	arch_cpuid(0x80000000, 0, r);
	max_ext = r[0] >= 0x80000000 ? r[0] : 0;
	cpuid(1, 0, max_basic, max_ext, r);
	sig = r[0];
	clflush = ((r[1] >> 8) & 0xff) * 8;
	family = (sig >> 8) & 0xf;
	if (family == 0xf)
		family += (sig >> 20) & 0xff;
	model = (sig >> 4) & 0xf;
	if (family >= 6)
		model |= ((sig >> 16) & 0xf) << 4;
	brand(max_ext, name, sizeof(name));
	mhz = cpu_mhz(max_basic, name);
	cpuid(0x80000006, 0, max_basic, max_ext, r);
	l2 = r[2] >> 16;
	cpuid(0x80000008, 0, max_basic, max_ext, r);
	phys = r[0] & 0xff;
	virt = (r[0] >> 8) & 0xff;

	procfs_printf(b, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		      "model name\t: %s\nstepping\t: %u\n", vendor, family, model, name, sig & 0xf);
	if (mhz)
		procfs_printf(b, "cpu MHz\t\t: %u.000\n", mhz);
	if (l2)
		procfs_printf(b, "cache size\t: %u KB\n", l2);
	procfs_printf(b, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n"
		      "apicid\t\t: 0\ninitial apicid\t: 0\nfpu\t\t: yes\nfpu_exception\t: yes\n"
		      "cpuid level\t: %u\nwp\t\t: yes\n", max_basic);
	put_flags(b, max_basic, max_ext);
	procfs_puts(b, "bugs\t\t:\n");
	if (mhz)
		procfs_printf(b, "bogomips\t: %u.00\n", mhz * 2);
	procfs_printf(b, "clflush size\t: %u\ncache_alignment\t: %u\n", clflush ? clflush : 64,
		      clflush ? clflush : 64);
	if (phys)
		procfs_printf(b, "address sizes\t: %u bits physical, %u bits virtual\n", phys, virt);
	procfs_puts(b, "power management:\n\n");
	return 0;
}
