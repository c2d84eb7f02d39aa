// SPDX-License-Identifier: GPL-2.0
/*
 * sig_fault: signals from hardware faults. An access to unmapped memory is
 * SIGSEGV/SEGV_MAPERR and a write to read-only memory SIGSEGV/SEGV_ACCERR,
 * both with si_addr the faulting address; integer divide by zero (and
 * INT_MIN / -1) is SIGFPE/FPE_INTDIV; ud2 is SIGILL/ILL_ILLOPN; int3 is
 * SIGTRAP; touching a file mapping past EOF is SIGBUS/BUS_ADRERR. Without a
 * handler, or with the signal blocked, the fault kills the process.
 */
#include "t.h"
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(env, 1);
}

static void catch_all(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		CHECK_OK(sigaction(sigs[i], &sa, NULL));
}

#define EXPECT_FAULT(stmt, sig, code) do { \
	got_sig = got_code = 0; \
	got_addr = NULL; \
	if (sigsetjmp(env, 1) == 0) { \
		stmt; \
		t_failf(__FILE__, __LINE__, "%s (got no signal, want %d)", #stmt, sig); \
	} \
	CHECK_EQ(got_sig, sig); \
	CHECK_EQ(got_code, code); \
} while (0)

static volatile int zero = 0, seven = 7, minus_one = -1, int_min = INT_MIN;
static volatile int sink;
/* Through a variable, so the compiler cannot see the bad pointer. */
static volatile uintptr_t low_addr = 8;

static void segv(void)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK_OK(munmap(p + 4096, 4096));
	EXPECT_FAULT(sink = *(volatile char *)(p + 4096 + 123), SIGSEGV, SEGV_MAPERR);
	CHECK(got_addr == p + 4096 + 123);
	EXPECT_FAULT(*(volatile char *)(p + 4096 + 7) = 1, SIGSEGV, SEGV_MAPERR);
	CHECK(got_addr == p + 4096 + 7);

	CHECK_OK(mprotect(p, 4096, PROT_READ));
	EXPECT_FAULT(*(volatile char *)(p + 99) = 1, SIGSEGV, SEGV_ACCERR);
	CHECK(got_addr == p + 99);
	/* Reading is still allowed. */
	sink = *(volatile char *)p;

	EXPECT_FAULT(sink = *(volatile int *)low_addr, SIGSEGV, SEGV_MAPERR);
	CHECK(got_addr == (void *)8);
	munmap(p, 4096);
}

static void arith_and_traps(void)
{
	EXPECT_FAULT(sink = seven / zero, SIGFPE, FPE_INTDIV);
	EXPECT_FAULT(sink = int_min / minus_one, SIGFPE, FPE_INTDIV);
	EXPECT_FAULT(__asm__ volatile("ud2"), SIGILL, ILL_ILLOPN);
	EXPECT_FAULT(__asm__ volatile("int3"), SIGTRAP, SI_KERNEL);
}

static void bus(void)
{
	t_tmpdir();
	int fd = CHECK_OK(open("small", O_CREAT | O_RDWR, 0600));
	t_write_all(fd, "abc", 3);
	char *p = mmap(NULL, 3 * 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[0], 'a');
	CHECK_EQ(p[4095], 0);               /* rest of the last page is zero */
	EXPECT_FAULT(sink = p[4096 + 5], SIGBUS, BUS_ADRERR);
	CHECK(got_addr == p + 4096 + 5);
	/* Growing the file makes the page valid. */
	CHECK_OK(ftruncate(fd, 2 * 4096));
	CHECK_EQ(p[4096 + 5], 0);
	munmap(p, 3 * 4096);
	close(fd);
}

static void unhandled(int block)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		if (block) {
			sigset_t s;
			sigemptyset(&s);
			sigaddset(&s, SIGSEGV);
			sigprocmask(SIG_BLOCK, &s, NULL);
		} else {
			signal(SIGSEGV, SIG_DFL);
		}
		sink = *(volatile int *)low_addr;
		_exit(0);
	}
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGSEGV);
}

int main(void)
{
	catch_all();
	segv();
	arith_and_traps();
	bus();
	unhandled(0);
	unhandled(1);    /* the handler is installed but the signal is blocked */
	return 0;
}
