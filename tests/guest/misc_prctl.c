// SPDX-License-Identifier: GPL-2.0
/*
 * misc_prctl: prctl and arch_prctl. PR_SET_NAME/PR_GET_NAME keep 15 bytes
 * and are per thread; PR_SET_PDEATHSIG delivers a signal when the parent
 * dies; PR_GET/SET_DUMPABLE and PR_SET/GET_NO_NEW_PRIVS round-trip; unknown
 * options are EINVAL. ARCH_GET_FS equals the thread pointer; ARCH_SET_GS
 * and ARCH_SET_FS point %gs/%fs at our own block (read back through the
 * segment, and kept across a system call and a context switch), and
 * ARCH_GET_* return them; bad codes are EINVAL.
 */
#include "t.h"
#include "linux_abi.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

static void names(void)
{
	char name[32];
	CHECK_OK(prctl(PR_SET_NAME, "a-rather-long-thread-name"));
	memset(name, 'x', sizeof(name));
	CHECK_OK(prctl(PR_GET_NAME, name));
	CHECK_STR(name, "a-rather-long-t");          /* 15 bytes and a NUL */
	CHECK_OK(prctl(PR_SET_NAME, "main"));
}

static void *thread_name(void *arg)
{
	char name[32] = { 0 };
	(void)arg;
	prctl(PR_GET_NAME, name);
	if (strcmp(name, "main") != 0)           /* inherited from the creator */
		return (void *)1;
	prctl(PR_SET_NAME, "worker");
	return NULL;
}

static void per_thread(void)
{
	pthread_t th;
	void *ret;
	CHECK_PT(pthread_create(&th, NULL, thread_name, NULL));
	CHECK_PT(pthread_join(th, &ret));
	CHECK(ret == NULL);
	char name[32] = { 0 };
	CHECK_OK(prctl(PR_GET_NAME, name));
	CHECK_STR(name, "main");
}

static void deathsig(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t mid = t_fork();
	if (mid == 0) {
		int go[2];
		CHECK_OK(pipe(go));
		pid_t gc = t_fork();
		if (gc == 0) {
			sigset_t s;
			sigemptyset(&s);
			sigaddset(&s, SIGUSR1);
			CHECK_OK(sigprocmask(SIG_BLOCK, &s, NULL));
			CHECK_OK(prctl(PR_SET_PDEATHSIG, SIGUSR1));
			int got = 0;
			CHECK_OK(prctl(PR_GET_PDEATHSIG, &got));
			CHECK_EQ(got, SIGUSR1);
			CHECK_EQ(write(go[1], "r", 1), 1);
			int sig = 0;
			sigwait(&s, &sig);
			char c = (char)sig;
			CHECK_EQ(write(p[1], &c, 1), 1);
			_exit(0);
		}
		char c;
		CHECK_EQ(read(go[0], &c, 1), 1);
		_exit(0);            /* our death signals the grandchild */
	}
	close(p[1]);
	t_wait_ok(mid);
	char c = 0;
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, SIGUSR1);
	close(p[0]);
}

static void flags(void)
{
	CHECK_EQ(prctl(PR_GET_DUMPABLE), 1);
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(prctl(PR_SET_DUMPABLE, 0));
		CHECK_EQ(prctl(PR_GET_DUMPABLE), 0);
		CHECK_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
		CHECK_OK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
		CHECK_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 1);
		CHECK_ERR(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), EINVAL);   /* one-way */
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_ERR(prctl(0x7fff1234), EINVAL);
	CHECK_ERR(prctl(PR_SET_PDEATHSIG, 99), EINVAL);
}

static uint64_t gs_block[4] = { 0x1111, 0x2222, 0x3333, 0x4444 };
static uint64_t fs_block[4];

static void segments(void)
{
	unsigned long fs = 0, gs = 0;
	CHECK_OK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs));
	CHECK_EQ(fs, (uintptr_t)pthread_self());

	CHECK_OK(syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)gs_block));
	CHECK_OK(syscall(SYS_arch_prctl, ARCH_GET_GS, &gs));
	CHECK_EQ(gs, (uintptr_t)gs_block);
	uint64_t v;
	__asm__ volatile("mov %%gs:8, %0" : "=r"(v));
	CHECK_EQ(v, 0x2222);
	t_msleep(5);                                   /* a context switch */
	__asm__ volatile("mov %%gs:24, %0" : "=r"(v));
	CHECK_EQ(v, 0x4444);

	/* FS: switch to our block with raw syscalls only, read, switch back. */
	fs_block[1] = 0xf5f5;
	unsigned long saved = fs, now = 0;
	long r1, r2;
	__asm__ volatile(
		"mov $158, %%eax\n\t"          /* arch_prctl(ARCH_SET_FS, fs_block) */
		"mov %[set], %%edi\n\t"
		"mov %[blk], %%rsi\n\t"
		"syscall\n\t"
		"mov %%rax, %[r1]\n\t"
		"mov %%fs:8, %[v]\n\t"
		"mov $158, %%eax\n\t"          /* and back */
		"mov %[set], %%edi\n\t"
		"mov %[old], %%rsi\n\t"
		"syscall\n\t"
		"mov %%rax, %[r2]\n\t"
		: [r1] "=&r"(r1), [r2] "=&r"(r2), [v] "=&r"(v)
		: [set] "i"(ARCH_SET_FS), [blk] "r"(fs_block), [old] "r"(saved)
		: "rax", "rdi", "rsi", "rcx", "r11", "memory");
	CHECK_EQ(r1, 0);
	CHECK_EQ(r2, 0);
	CHECK_EQ(v, 0xf5f5);
	CHECK_OK(syscall(SYS_arch_prctl, ARCH_GET_FS, &now));
	CHECK_EQ(now, saved);

	/* A non-canonical base is refused. */
	CHECK_ERR(syscall(SYS_arch_prctl, ARCH_SET_GS, 0x8000000000000000UL), EPERM);
	/* Last: Debian's UML 6.1 answers EPERM here (see README). */
	CHECK_ERR(syscall(SYS_arch_prctl, 0x9999, 0), EINVAL);
}

int main(void)
{
	names();
	per_thread();
	deathsig();
	flags();
	segments();
	return 0;
}
