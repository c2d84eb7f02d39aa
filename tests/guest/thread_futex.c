// SPDX-License-Identifier: GPL-2.0
/*
 * thread_futex: the futex syscall, raw. WAIT returns EAGAIN when the word
 * differs and ETIMEDOUT after its timeout; WAKE and CMP_REQUEUE return
 * exactly how many waiters they woke or moved (waiters are counted onto a
 * second word with requeue, so no sleep-based guessing); CMP_REQUEUE checks
 * its value; WAIT_BITSET/WAKE_BITSET match bits; a shared (non-private)
 * futex works across fork in MAP_SHARED memory; bad arguments give
 * EINVAL/EFAULT.
 */
#include "t.h"
#include "linux_abi.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

static long futex(void *uaddr, int op, uint32_t val, const struct timespec *ts,
		  void *uaddr2, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

/* For REQUEUE ops the timeout slot carries nr_requeue. */
#define NR(n) ((const struct timespec *)(uintptr_t)(n))

static void simple(void)
{
	uint32_t w = 5;
	struct timespec ts = { 0, 10 * 1000000L };

	CHECK_ERR(futex(&w, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0), EAGAIN);
	CHECK_ERR(futex(&w, FUTEX_WAIT_PRIVATE, 5, &ts, NULL, 0), ETIMEDOUT);
	CHECK_ERR(futex(&w, FUTEX_WAIT, 5, &ts, NULL, 0), ETIMEDOUT);
	CHECK_EQ(futex(&w, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 0);
	CHECK_EQ(futex(&w, FUTEX_WAKE, 10, NULL, NULL, 0), 0);

	/* WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline: one in the past. */
	struct timespec past;
	clock_gettime(CLOCK_MONOTONIC, &past);
	CHECK_ERR(futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 5, &past, NULL, FUTEX_BITSET_MATCH_ANY),
		  ETIMEDOUT);

	CHECK_ERR(futex(&w, 99, 0, NULL, NULL, 0), ENOSYS);
	CHECK_ERR(futex((char *)&w + 1, FUTEX_WAIT_PRIVATE, 5, &ts, NULL, 0), EINVAL);
	struct timespec bad = { 0, 1000000000L };
	CHECK_ERR(futex(&w, FUTEX_WAIT_PRIVATE, 5, &bad, NULL, 0), EINVAL);
	CHECK_ERR(futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 5, &ts, NULL, 0), EINVAL);
	CHECK_ERR(futex((void *)4096, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0), EFAULT);
}

static uint32_t word1, word2;
static atomic_int woke;

static void *waiter(void *arg)
{
	uint32_t bits = (uint32_t)(uintptr_t)arg;
	long r;
	if (bits)
		r = futex(&word1, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, bits);
	else
		r = futex(&word1, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	if (r != 0)
		t_failf(__FILE__, __LINE__, "futex wait (got %ld %s, want 0)", r, t_errname(errno));
	atomic_fetch_add(&woke, 1);
	return NULL;
}

/* Move all waiters from word1 to word2 until n have been counted. */
static void gather(int n)
{
	int moved = 0;
	for (int tries = 0; moved < n; tries++) {
		CHECK(tries < 2000);
		long r = futex(&word1, FUTEX_CMP_REQUEUE_PRIVATE, 0, NR(100), &word2, 0);
		CHECK(r >= 0);
		moved += r;
		if (moved < n)
			t_msleep(1);
	}
	CHECK_EQ(moved, n);
}

static void wake_counts(void)
{
	enum { N = 4 };
	pthread_t th[N];
	for (int i = 0; i < N; i++)
		CHECK_PT(pthread_create(&th[i], NULL, waiter, NULL));
	gather(N);
	CHECK_EQ(atomic_load(&woke), 0);
	/* CMP_REQUEUE refuses when the word is not what we say. */
	CHECK_ERR(futex(&word2, FUTEX_CMP_REQUEUE_PRIVATE, 0, NR(1), &word1, 1), EAGAIN);
	CHECK_EQ(futex(&word2, FUTEX_WAKE_PRIVATE, 3, NULL, NULL, 0), 3);
	CHECK_EQ(futex(&word2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 1);
	CHECK_EQ(futex(&word2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 0);
	for (int i = 0; i < N; i++)
		CHECK_PT(pthread_join(th[i], NULL));
	CHECK_EQ(atomic_load(&woke), N);

	/* Plain REQUEUE: wake 1, move the other to word2, then wake it there. */
	atomic_store(&woke, 0);
	for (int i = 0; i < 2; i++)
		CHECK_PT(pthread_create(&th[i], NULL, waiter, NULL));
	gather(2);
	CHECK_EQ(futex(&word2, FUTEX_REQUEUE_PRIVATE, 1, NR(1), &word1, 0), 2);
	CHECK_EQ(futex(&word1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 1);
	for (int i = 0; i < 2; i++)
		CHECK_PT(pthread_join(th[i], NULL));
	CHECK_EQ(atomic_load(&woke), 2);
}

static void bitsets(void)
{
	pthread_t th;
	atomic_store(&woke, 0);
	CHECK_PT(pthread_create(&th, NULL, waiter, (void *)(uintptr_t)0x1));
	/* Wait until the waiter is queued: a wake with its bit reports 1. */
	long r = 0;
	for (int tries = 0; r == 0; tries++) {
		CHECK(tries < 2000);
		/* The wrong bit never wakes it. */
		CHECK_EQ(futex(&word1, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0x2), 0);
		r = futex(&word1, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0x1);
		if (r == 0)
			t_msleep(1);
	}
	CHECK_EQ(r, 1);
	CHECK_PT(pthread_join(th, NULL));
	CHECK_EQ(atomic_load(&woke), 1);
}

static void shared_across_fork(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(w != MAP_FAILED);
	*w = 0;
	pid_t pid = t_fork();
	if (pid == 0)
		_exit(futex(w, FUTEX_WAIT, 0, NULL, NULL, 0) == 0 ? 0 : 1);
	/* Poll with wakes until one reports the child; the word stays 0. */
	long r = 0;
	for (int tries = 0; r == 0; tries++) {
		CHECK(tries < 2000);
		/* A private wake is keyed on our mm: it cannot reach the child. */
		CHECK_EQ(futex(w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0);
		r = futex(w, FUTEX_WAKE, 1, NULL, NULL, 0);
		if (r == 0)
			t_msleep(1);
	}
	CHECK_EQ(r, 1);
	t_wait_ok(pid);
	munmap(w, 4096);
}

int main(void)
{
	simple();
	wake_counts();
	bitsets();
	shared_across_fork();
	return 0;
}
