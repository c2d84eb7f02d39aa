// SPDX-License-Identifier: GPL-2.0
/*
 * mem_protect: mprotect. Writing a page made read-only is SIGSEGV with
 * SEGV_ACCERR at the written address, and the old contents stay readable;
 * PROT_NONE stops reads; restoring PROT_WRITE makes stores work again with
 * the data intact; protecting part of a mapping leaves the rest alone;
 * code copied into a page runs once it is made executable; mprotect of an
 * unaligned address is EINVAL and of an unmapped range ENOMEM.
 */
#include "t.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PG 4096
static sigjmp_buf env;
static void *volatile fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)uc;
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(env, 1);
}

static int write_faults(volatile char *p)
{
	fault_addr = NULL;
	if (sigsetjmp(env, 1) == 0) {
		*p = 'w';
		return 0;
	}
	return fault_addr == (void *)p && fault_code == SEGV_ACCERR;
}

static int read_faults(volatile char *p)
{
	fault_addr = NULL;
	if (sigsetjmp(env, 1) == 0) {
		(void)*p;
		return 0;
	}
	return fault_addr == (void *)p && fault_code == SEGV_ACCERR;
}

static void read_only(void)
{
	char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	memset(p, 'a', 4 * PG);

	CHECK_OK(mprotect(p + PG, 2 * PG, PROT_READ));
	CHECK(write_faults(p + PG));
	CHECK(write_faults(p + 3 * PG - 1));
	CHECK_EQ(p[PG], 'a');                 /* unchanged, readable */
	p[0] = 'b';                           /* neighbours still writable */
	p[3 * PG] = 'c';

	CHECK_OK(mprotect(p + PG, PG, PROT_NONE));
	CHECK(read_faults(p + PG + 5));
	CHECK_EQ(p[2 * PG], 'a');

	CHECK_OK(mprotect(p, 4 * PG, PROT_READ | PROT_WRITE));
	p[PG] = 'd';
	p[2 * PG] = 'e';
	CHECK_EQ(p[0], 'b');
	CHECK_EQ(p[PG + 1], 'a');
	CHECK_EQ(p[3 * PG], 'c');
	munmap(p, 4 * PG);
}

static void on_fork(void)
{
	/* Protection is inherited, and a COW page stays private. */
	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 1;
	CHECK_OK(mprotect(p, PG, PROT_READ));
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK(write_faults(p));
		CHECK_OK(mprotect(p, PG, PROT_READ | PROT_WRITE));
		p[0] = 2;
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_EQ(p[0], 1);
	CHECK(write_faults(p));
	munmap(p, PG);
}

static void exec_page(void)
{
	/* mov $42, %eax ; ret */
	static const unsigned char code[] = { 0xb8, 42, 0, 0, 0, 0xc3 };
	unsigned char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	memcpy(p, code, sizeof(code));
	CHECK_OK(mprotect(p, PG, PROT_READ | PROT_EXEC));
	int (*fn)(void) = (int (*)(void))(uintptr_t)p;
	CHECK_EQ(fn(), 42);
	/* Rewrite it: needs write access back, then exec again. */
	CHECK_OK(mprotect(p, PG, PROT_READ | PROT_WRITE));
	p[1] = 43;
	CHECK_OK(mprotect(p, PG, PROT_READ | PROT_EXEC));
	CHECK_EQ(fn(), 43);
	munmap(p, PG);
}

static void errors(void)
{
	char *p = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	/* Raw: musl's wrapper rounds the address down to a page itself. */
	CHECK_ERR(syscall(SYS_mprotect, p + 1, PG, PROT_READ), EINVAL);
	CHECK_ERR(mprotect(p, PG, 0x1000), EINVAL);
	CHECK_OK(munmap(p + PG, PG));
	CHECK_ERR(mprotect(p, 2 * PG, PROT_READ | PROT_WRITE), ENOMEM);
	CHECK_ERR(mprotect(p + PG, PG, PROT_READ), ENOMEM);
	CHECK_OK(mprotect(p, 0, PROT_READ));     /* empty range: nothing to do */
	munmap(p, PG);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGSEGV, &sa, NULL));
	read_only();
	on_fork();
	exec_page();
	errors();
	return 0;
}
