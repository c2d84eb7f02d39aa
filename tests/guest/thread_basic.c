// SPDX-License-Identifier: GPL-2.0
/*
 * thread_basic: pthreads (clone with CLONE_VM|CLONE_THREAD|CLONE_SETTLS|
 * CLONE_CHILD_CLEARTID underneath). Threads share the pid but each has its
 * own tid; join returns the thread's value; many threads update shared
 * memory; mutex/condvar hand-offs work; exit() from any thread ends the
 * whole group; and a main thread that leaves with pthread_exit lets the
 * others run on, the process exiting 0 when the last one returns.
 */
#include "t.h"
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>

static pid_t gettid_raw(void) { return (pid_t)syscall(SYS_gettid); }

static void *report_ids(void *arg)
{
	pid_t *out = arg;
	out[0] = getpid();
	out[1] = gettid_raw();
	return (void *)0x1234;
}

static void ids(void)
{
	pid_t got[2] = { 0, 0 };
	pthread_t th;
	void *ret = NULL;

	CHECK_EQ(gettid_raw(), getpid());      /* main thread: tid == pid */
	CHECK_PT(pthread_create(&th, NULL, report_ids, got));
	CHECK_PT(pthread_join(th, &ret));
	CHECK(ret == (void *)0x1234);
	CHECK_EQ(got[0], getpid());
	CHECK(got[1] != getpid());
	CHECK(got[1] > 0);
}

static atomic_int counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long plain_counter;

static void *bump(void *arg)
{
	(void)arg;
	for (int i = 0; i < 10000; i++) {
		atomic_fetch_add(&counter, 1);
		pthread_mutex_lock(&lock);
		plain_counter++;
		pthread_mutex_unlock(&lock);
	}
	pthread_exit((void *)7);
}

static void many(void)
{
	enum { N = 8 };
	pthread_t th[N];
	for (int i = 0; i < N; i++)
		CHECK_PT(pthread_create(&th[i], NULL, bump, NULL));
	for (int i = 0; i < N; i++) {
		void *ret;
		CHECK_PT(pthread_join(th[i], &ret));
		CHECK(ret == (void *)7);
	}
	CHECK_EQ(atomic_load(&counter), N * 10000);
	CHECK_EQ(plain_counter, N * 10000);
}

static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int turn;

static void *pong(void *arg)
{
	(void)arg;
	for (int i = 0; i < 200; i++) {
		pthread_mutex_lock(&lock);
		while (turn != 1)
			pthread_cond_wait(&cond, &lock);
		turn = 0;
		pthread_cond_signal(&cond);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void ping_pong(void)
{
	pthread_t th;
	CHECK_PT(pthread_create(&th, NULL, pong, NULL));
	for (int i = 0; i < 200; i++) {
		pthread_mutex_lock(&lock);
		turn = 1;
		pthread_cond_signal(&cond);
		while (turn != 0)
			pthread_cond_wait(&cond, &lock);
		pthread_mutex_unlock(&lock);
	}
	CHECK_PT(pthread_join(th, NULL));
}

static void *exit_group_from_thread(void *arg)
{
	(void)arg;
	t_msleep(10);
	exit(5);
}

static int leader_pipe = -1;
static char *self;

static void *outlive_leader(void *arg)
{
	(void)arg;
	t_msleep(30);
	/* The leader has gone (a zombie until we finish); we still run. */
	t_write_all(leader_pipe, "alive", 5);
	return NULL;
}

static void group_exit(void)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		pthread_t th;
		CHECK_PT(pthread_create(&th, NULL, exit_group_from_thread, NULL));
		for (;;)
			pause();
	}
	int st = t_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 5);

	/* The leader leaves first. In a freshly exec'd image: a libc may not
	 * expect the main thread of a forked child to exit (musl 1.2.3 hangs). */
	int p[2];
	CHECK_OK(pipe(p));
	pid = t_fork();
	if (pid == 0) {
		char fd[16];
		close(p[0]);
		snprintf(fd, sizeof(fd), "%d", p[1]);
		char *argv[] = { self, "leader-exit", fd, NULL };
		execv(self, argv);
		_exit(127);
	}
	close(p[1]);
	char buf[8] = { 0 };
	CHECK_EQ(t_read_full(p[0], buf, sizeof(buf)), 5);
	CHECK_STR(buf, "alive");
	st = t_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 0);
}

static void *detached(void *arg)
{
	atomic_store((atomic_int *)arg, 1);
	return NULL;
}

static void detach(void)
{
	static atomic_int done;
	pthread_attr_t attr;
	pthread_t th;
	CHECK_PT(pthread_attr_init(&attr));
	CHECK_PT(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED));
	CHECK_PT(pthread_attr_setstacksize(&attr, 256 * 1024));
	CHECK_PT(pthread_create(&th, &attr, detached, &done));
	for (int i = 0; i < 200 && !atomic_load(&done); i++)
		t_msleep(5);
	CHECK_EQ(atomic_load(&done), 1);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "leader-exit") == 0) {
		pthread_t th;
		leader_pipe = atoi(argv[2]);
		CHECK_PT(pthread_create(&th, NULL, outlive_leader, NULL));
		pthread_exit(NULL);
	}
	self = t_self(argv[0]);
	ids();
	many();
	ping_pong();
	group_exit();
	detach();
	return 0;
}
