// SPDX-License-Identifier: GPL-2.0
/*
 * sig_xstate: the full vector state (XSAVE) in the signal frame. On a CPU
 * with AVX the frame is marked as an XSAVE image (UC_FP_XSTATE, magic1 in
 * the fxsave image's software bytes, magic2 after the image) and holds the
 * upper halves of the ymm registers, so:
 *  - a handler that clobbers a whole ymm register does not change what the
 *    interrupted code sees after sigreturn;
 *  - a handler that edits a ymm upper half in the frame is obeyed;
 *  - a frame whose magic1 the handler wiped is taken as fxsave only: the
 *    xmm halves come back from the frame, the upper halves are reset.
 * Without AVX there is nothing to check (and nothing to print: a passing
 * guest test is silent).
 */
#include "t.h"
#include <cpuid.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <ucontext.h>

#define UC_FP_XSTATE 0x1
#ifndef FP_XSTATE_MAGIC1
#define FP_XSTATE_MAGIC1 0x46505853u
#define FP_XSTATE_MAGIC2 0x46505845u
#endif

struct sw_bytes {
	uint32_t magic1, extended_size;
	uint64_t xfeatures;
	uint32_t xstate_size, padding[7];
};

static unsigned ymm_off;          /* the AVX component in a standard XSAVE image */
static volatile int mode;         /* what the handler does, see below */
static volatile uint64_t seen_flags, seen_xfeatures, seen_bv, seen_upper3[2];
static volatile uint32_t seen_magic2;

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned char *fp = (unsigned char *)uc->uc_mcontext.fpregs;
	struct sw_bytes sw;

	(void)sig; (void)si;
	seen_flags = uc->uc_flags;
	if (!ymm_off)
		return;
	memcpy(&sw, fp + 464, sizeof(sw));
	seen_xfeatures = sw.magic1 == FP_XSTATE_MAGIC1 ? sw.xfeatures : 0;
	if (sw.magic1 == FP_XSTATE_MAGIC1)
		memcpy((void *)&seen_magic2, fp + sw.xstate_size, 4);
	memcpy((void *)&seen_bv, fp + 512, 8);
	memcpy((void *)seen_upper3, fp + ymm_off + 3 * 16, 16);
	/* Whatever the handler does to ymm3 itself must not leak back. */
	__asm__ volatile("vpcmpeqd %%ymm3, %%ymm3, %%ymm3" ::: "xmm3");
	if (mode == 1) {
		/* Hand back a new upper half of ymm5. */
		uint64_t v[2] = { 0x5555aaaa5555aaaaULL, 0x0123456789abcdefULL };
		memcpy(fp + ymm_off + 5 * 16, v, 16);
	} else if (mode == 2) {
		/* No magic1: an fxsave-only frame. */
		memset(fp + 464, 0, 4);
	}
}

/* Load ymm3 and ymm5 from in[0..3] and in[4..7], send ourselves SIGUSR1
 * with a raw tgkill (no libc code in between may touch the registers), and
 * store ymm3 and ymm5 to out[0..7]. */
static void around_signal(const uint64_t in[8], uint64_t out[8])
{
	long pid = getpid(), tid = syscall(SYS_gettid), nr = SYS_tgkill;

	__asm__ volatile(
		"vmovdqu (%[in]), %%ymm3\n\t"
		"vmovdqu 32(%[in]), %%ymm5\n\t"
		"syscall\n\t"
		"vmovdqu %%ymm3, (%[out])\n\t"
		"vmovdqu %%ymm5, 32(%[out])\n\t"
		"vzeroupper\n\t"
		: "+a"(nr)
		: [in] "r"(in), [out] "r"(out), "D"(pid), "S"(tid), "d"((long)SIGUSR1)
		: "rcx", "r11", "xmm3", "xmm5", "memory");
	CHECK_EQ(nr, 0);
}

static bool have_avx(void)
{
	unsigned a, b, c, d;
	uint32_t xcr0_lo, xcr0_hi;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_AVX) || !(c & bit_OSXSAVE))
		return false;
	__asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
	if ((xcr0_lo & 6) != 6)
		return false;
	__cpuid_count(0xd, 2, a, b, c, d);
	ymm_off = b;
	return ymm_off >= 576;
}

int main(void)
{
	static const uint64_t in[8] = {
		0x1111111111111111ULL, 0x2222222222222222ULL,  /* ymm3 low */
		0x3333333333333333ULL, 0x4444444444444444ULL,  /* ymm3 high */
		0x5151515151515151ULL, 0x5252525252525252ULL,  /* ymm5 low */
		0x5353535353535353ULL, 0x5454545454545454ULL,  /* ymm5 high */
	};
	uint64_t out[8];
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));

	if (!have_avx()) {
		return 0;
	}

	/* The frame is an XSAVE image with ymm3's upper half in it; the
	 * handler's clobbering of ymm3 is undone. */
	mode = 0;
	around_signal(in, out);
	CHECK(seen_flags & UC_FP_XSTATE);
	CHECK(seen_xfeatures & 4);
	CHECK_EQ(seen_magic2, FP_XSTATE_MAGIC2);
	CHECK(seen_bv & 4);
	CHECK_EQ(seen_upper3[0], in[2]);
	CHECK_EQ(seen_upper3[1], in[3]);
	CHECK(memcmp(out, in, sizeof(out)) == 0);

	/* An upper half changed in the frame is what the code resumes with. */
	mode = 1;
	around_signal(in, out);
	CHECK(memcmp(out, in, 4 * 8) == 0);
	CHECK_EQ(out[4], in[4]);
	CHECK_EQ(out[5], in[5]);
	CHECK_EQ(out[6], 0x5555aaaa5555aaaaULL);
	CHECK_EQ(out[7], 0x0123456789abcdefULL);

	/* An fxsave-only frame: xmm halves restored, upper halves reset. */
	mode = 2;
	around_signal(in, out);
	CHECK_EQ(out[0], in[0]);
	CHECK_EQ(out[1], in[1]);
	CHECK_EQ(out[2], 0);
	CHECK_EQ(out[3], 0);
	CHECK_EQ(out[4], in[4]);
	CHECK_EQ(out[5], in[5]);
	CHECK_EQ(out[6], 0);
	CHECK_EQ(out[7], 0);
	return 0;
}
