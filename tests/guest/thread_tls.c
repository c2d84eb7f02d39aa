// SPDX-License-Identifier: GPL-2.0
/*
 * thread_tls: thread-local storage through the FS base (CLONE_SETTLS and
 * arch_prctl). Every thread starts from the .tdata image and a zeroed
 * .tbss, its writes are its own, each thread's FS base is distinct and
 * equals its thread pointer, and the main thread's values survive the others.
 */
#include "t.h"
#include "linux_abi.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/syscall.h>

static __thread int tdata = 42;
static __thread long tbss;
static __thread char tarray[256] = "initial";

struct seen {
	int tdata_at_start;
	long tbss_at_start;
	char tarray_at_start[16];
	uintptr_t fs;
	uintptr_t self;
	void *addr;
	int tdata_at_end;
};

static void *worker(void *arg)
{
	struct seen *s = arg;
	s->tdata_at_start = tdata;
	s->tbss_at_start = tbss;
	memcpy(s->tarray_at_start, tarray, sizeof(s->tarray_at_start));
	unsigned long fs = 0;
	syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
	s->fs = fs;
	s->self = (uintptr_t)pthread_self();
	s->addr = &tdata;
	/* Distinct writes per thread; yield so the others interleave. */
	tdata = (int)(intptr_t)s->addr & 0xffff;
	tbss = -1;
	strcpy(tarray, "changed");
	for (int i = 0; i < 5; i++)
		sched_yield();
	s->tdata_at_end = tdata;
	CHECK_EQ(tdata, (int)(intptr_t)s->addr & 0xffff);
	return NULL;
}

int main(void)
{
	enum { N = 4 };
	pthread_t th[N];
	struct seen seen[N];

	tdata = 1;
	tbss = 2;
	strcpy(tarray, "main");
	memset(seen, 0, sizeof(seen));
	for (int i = 0; i < N; i++)
		CHECK_PT(pthread_create(&th[i], NULL, worker, &seen[i]));
	for (int i = 0; i < N; i++)
		CHECK_PT(pthread_join(th[i], NULL));

	for (int i = 0; i < N; i++) {
		CHECK_EQ(seen[i].tdata_at_start, 42);
		CHECK_EQ(seen[i].tbss_at_start, 0);
		CHECK_STR(seen[i].tarray_at_start, "initial");
		CHECK(seen[i].fs != 0);
		CHECK_EQ(seen[i].fs, seen[i].self);
		CHECK(seen[i].addr != (void *)&tdata);
		for (int j = 0; j < i; j++) {
			CHECK(seen[i].fs != seen[j].fs);
			CHECK(seen[i].addr != seen[j].addr);
		}
	}
	/* The main thread's copies are untouched. */
	CHECK_EQ(tdata, 1);
	CHECK_EQ(tbss, 2);
	CHECK_STR(tarray, "main");
	unsigned long fs = 0;
	CHECK_OK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs));
	CHECK_EQ(fs, (uintptr_t)pthread_self());
	return 0;
}
