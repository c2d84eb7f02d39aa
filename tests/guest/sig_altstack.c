// SPDX-License-Identifier: GPL-2.0
/*
 * sig_altstack: sigaltstack. An SA_ONSTACK handler runs on the alternate
 * stack (its locals lie inside it, and sigaltstack reports SS_ONSTACK there),
 * a handler without SA_ONSTACK stays on the normal stack, SS_DISABLE turns
 * it off, a too-small stack is ENOMEM, changing it while on it is EPERM,
 * a stack overflow's SIGSEGV can be caught on the alternate stack, and an
 * alternate stack of AT_MINSIGSTKSZ (plus what the handler itself uses)
 * holds the whole frame: nothing is written below it.
 */
#include "t.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/resource.h>

static char altstack[64 * 1024] __attribute__((aligned(16)));
static volatile uintptr_t handler_local;
static volatile int handler_flags, handler_eperm;
static sigjmp_buf env;

static int on_alt(uintptr_t p)
{
	return p >= (uintptr_t)altstack && p < (uintptr_t)altstack + sizeof(altstack);
}

static void handler(int sig)
{
	volatile int local = sig;
	stack_t now, other;
	handler_local = (uintptr_t)&local;
	if (sigaltstack(NULL, &now) == 0)
		handler_flags = now.ss_flags;
	memset(&other, 0, sizeof(other));
	other.ss_size = sizeof(altstack);
	other.ss_sp = altstack;
	handler_eperm = sigaltstack(&other, NULL) == -1 && errno == EPERM;
}

static void install(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
}

static void basic(void)
{
	stack_t ss, old;
	CHECK_OK(sigaltstack(NULL, &old));
	CHECK(old.ss_flags & SS_DISABLE);

	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 0;
	CHECK_OK(sigaltstack(&ss, NULL));
	CHECK_OK(sigaltstack(NULL, &old));
	CHECK(old.ss_sp == altstack);
	CHECK_EQ(old.ss_size, sizeof(altstack));
	CHECK_EQ(old.ss_flags, 0);

	install(SA_ONSTACK);
	raise(SIGUSR1);
	CHECK(on_alt(handler_local));
	CHECK(handler_flags & SS_ONSTACK);
	CHECK(handler_eperm);
	/* Back on the main stack, the flag is clear. */
	CHECK_OK(sigaltstack(NULL, &old));
	CHECK(!(old.ss_flags & SS_ONSTACK));

	install(0);
	raise(SIGUSR1);
	CHECK(!on_alt(handler_local));
	CHECK(!(handler_flags & SS_ONSTACK));

	ss.ss_size = 512;        /* below MINSIGSTKSZ */
	CHECK_ERR(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_flags = 0x1234;
	ss.ss_size = sizeof(altstack);
	CHECK_ERR(sigaltstack(&ss, NULL), EINVAL);

	ss.ss_flags = SS_DISABLE;
	CHECK_OK(sigaltstack(&ss, NULL));
	install(SA_ONSTACK);
	raise(SIGUSR1);
	CHECK(!on_alt(handler_local));
}

static void on_segv(int sig)
{
	volatile int local = sig;
	handler_local = (uintptr_t)&local;
	siglongjmp(env, 1);
}

static volatile int depth_limit = 1 << 30;

static int recurse(volatile char *prev, int depth)
{
	volatile char buf[4096];
	buf[0] = prev ? prev[0] + 1 : 0;
	if (depth >= depth_limit)   /* never: only to keep the compiler quiet */
		return 0;
	return recurse(buf, depth + 1) + buf[1];
}

static void overflow(void)
{
	/* In a child with a small stack limit, so the overflow is quick. */
	pid_t pid = t_fork();
	if (pid == 0) {
		struct rlimit rl = { 1 << 20, 1 << 20 };
		CHECK_OK(setrlimit(RLIMIT_STACK, &rl));
		stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
		CHECK_OK(sigaltstack(&ss, NULL));
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_segv;
		sa.sa_flags = SA_ONSTACK;
		CHECK_OK(sigaction(SIGSEGV, &sa, NULL));
		if (sigsetjmp(env, 1) == 0) {
			recurse(NULL, 0);
			_exit(2);
		}
		CHECK(on_alt(handler_local));
		_exit(0);
	}
	t_wait_ok(pid);
}

/* The frame fits in AT_MINSIGSTKSZ: a stack that size plus 256 bytes for the
 * handler's own locals and calls, carved out of a buffer whose bytes
 * below it must stay untouched. */
static void min_size(void)
{
	static unsigned char buf[64 * 1024] __attribute__((aligned(64)));
	size_t min = getauxval(AT_MINSIGSTKSZ), size, i;
	unsigned char *below;
	stack_t ss;

	CHECK(min >= 2048); /* the static MINSIGSTKSZ */
	size = min + 256;
	CHECK(size <= sizeof(buf) / 2);
	below = buf + sizeof(buf) - size;
	memset(buf, 0x5a, sizeof(buf));
	ss.ss_sp = below;
	ss.ss_size = size;
	ss.ss_flags = 0;
	CHECK_OK(sigaltstack(&ss, NULL));
	install(SA_ONSTACK);
	handler_local = 0;
	CHECK_OK(raise(SIGUSR1));
	CHECK((uintptr_t)handler_local >= (uintptr_t)below &&
	      (uintptr_t)handler_local < (uintptr_t)(buf + sizeof(buf)));
	for (i = 0; i < (size_t)(below - buf); i++)
		if (buf[i] != 0x5a)
			break;
	CHECK_EQ(i, (size_t)(below - buf));
	ss.ss_flags = SS_DISABLE;
	CHECK_OK(sigaltstack(&ss, NULL));
}

int main(void)
{
	basic();
	overflow();
	min_size();
	return 0;
}
