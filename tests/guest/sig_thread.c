// SPDX-License-Identifier: GPL-2.0
/*
 * sig_thread: signals in a multithreaded process. tgkill runs the handler
 * in the thread it names; a process-directed signal goes to a thread that
 * does not block it; a thread-directed signal blocked by its target stays
 * pending for that thread only (sigpending differs per thread); new
 * threads inherit the creator's mask; sigwait in one thread takes a
 * process-directed signal blocked everywhere.
 */
#include "t.h"
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/syscall.h>

static pid_t gettid_raw(void) { return (pid_t)syscall(SYS_gettid); }

static volatile pid_t handled_in;
static atomic_int stage;
static pid_t worker_tid;

static void on_usr1(int sig) { (void)sig; handled_in = gettid_raw(); }

static void wait_stage(int s)
{
	for (int i = 0; atomic_load(&stage) < s; i++) {
		CHECK(i < 5000);
		t_msleep(1);
	}
}

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = gettid_raw();
	/* Inherited the creator's mask: SIGUSR1 blocked. */
	sigset_t cur, s;
	CHECK_OK(pthread_sigmask(SIG_SETMASK, NULL, &cur));
	CHECK(sigismember(&cur, SIGUSR1));
	atomic_store(&stage, 1);

	/* Stage 2: main sent us a thread-directed SIGUSR1; it waits for us. */
	wait_stage(2);
	CHECK_OK(sigpending(&s));
	CHECK(sigismember(&s, SIGUSR1));
	handled_in = 0;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	CHECK_OK(pthread_sigmask(SIG_UNBLOCK, &s, NULL));
	CHECK_EQ(handled_in, worker_tid);

	/* Stage 3: we alone accept SIGUSR1; main sends to the process. */
	handled_in = 0;
	atomic_store(&stage, 3);
	while (handled_in == 0)
		t_msleep(1);
	CHECK_EQ(handled_in, worker_tid);

	/* Stage 4: sigwait for a SIGUSR2 that every thread blocks. */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	atomic_store(&stage, 4);
	int sig = 0;
	CHECK_EQ(sigwait(&s, &sig), 0);
	CHECK_EQ(sig, SIGUSR2);
	return NULL;
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, on_usr1);

	/* tgkill to ourselves: the handler runs in this thread. */
	CHECK_OK(syscall(SYS_tgkill, getpid(), gettid_raw(), SIGUSR1));
	CHECK_EQ(handled_in, gettid_raw());

	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	CHECK_OK(pthread_sigmask(SIG_BLOCK, &s, NULL));
	pthread_t th;
	CHECK_PT(pthread_create(&th, NULL, worker, NULL));
	wait_stage(1);

	CHECK_OK(syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1));
	/* Pending for the worker, not for us (no process-wide SIGUSR1). */
	sigset_t pend;
	CHECK_OK(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGUSR1));
	atomic_store(&stage, 2);

	wait_stage(3);
	CHECK_OK(kill(getpid(), SIGUSR1));   /* main blocks it: goes to the worker */

	wait_stage(4);
	CHECK_OK(kill(getpid(), SIGUSR2));
	CHECK_PT(pthread_join(th, NULL));
	CHECK_OK(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGUSR2));
	return 0;
}
