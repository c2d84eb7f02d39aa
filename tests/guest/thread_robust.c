// SPDX-License-Identifier: GPL-2.0
/*
 * thread_robust: robust futex lists. get_robust_list reports the head that
 * set_robust_list registered; a wrong size is EINVAL; a robust mutex held
 * by a thread that exits, or by a process that dies, is handed to the next
 * locker with EOWNERDEAD, which the kernel arranges by walking the list at
 * exit.
 */
#include "t.h"
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "linux_abi.h"

static void list_head(void)
{
	/* In a throwaway child: the libc's own head (glibc registers one per
	 * thread, musl only once a robust mutex is used) cannot be put back. */
	pid_t pid = t_fork();
	if (pid == 0) {
		static struct t_robust_list_head mine = { &mine, 0, NULL };
		struct t_robust_list_head *head = NULL;
		size_t len = 0;
		CHECK_OK(syscall(SYS_set_robust_list, &mine, sizeof(mine)));
		CHECK_OK(syscall(SYS_get_robust_list, 0, &head, &len));
		CHECK(head == &mine);
		CHECK_EQ(len, sizeof(mine));
		CHECK_ERR(syscall(SYS_set_robust_list, &mine, sizeof(mine) + 1), EINVAL);
		CHECK_OK(syscall(SYS_get_robust_list, 0, &head, &len));
		CHECK(head == &mine);                   /* the failed call changed nothing */
		CHECK_ERR(syscall(SYS_get_robust_list, 999999, &head, &len), ESRCH);
		_exit(0);
	}
	t_wait_ok(pid);
}

static pthread_mutex_t *shared_mutex(void)
{
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	pthread_mutexattr_t a;
	CHECK_PT(pthread_mutexattr_init(&a));
	CHECK_PT(pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST));
	CHECK_PT(pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED));
	CHECK_PT(pthread_mutex_init(m, &a));
	return m;
}

static void *lock_and_leave(void *arg)
{
	if (pthread_mutex_lock(arg) != 0)
		return (void *)1;
	return NULL;    /* still holding it */
}

static void owner_thread_dies(void)
{
	pthread_mutex_t *m = shared_mutex();
	pthread_t th;
	void *ret;
	CHECK_PT(pthread_create(&th, NULL, lock_and_leave, m));
	CHECK_PT(pthread_join(th, &ret));
	CHECK(ret == NULL);
	CHECK_EQ(pthread_mutex_lock(m), EOWNERDEAD);
	CHECK_PT(pthread_mutex_consistent(m));
	CHECK_PT(pthread_mutex_unlock(m));
	CHECK_PT(pthread_mutex_lock(m));
	CHECK_PT(pthread_mutex_unlock(m));
	munmap(m, 4096);
}

static void owner_process_dies(void)
{
	pthread_mutex_t *m = shared_mutex();
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_PT(pthread_mutex_lock(m));
		CHECK_EQ(write(p[1], "L", 1), 1);
		pause();
		_exit(0);
	}
	char c;
	CHECK_EQ(read(p[0], &c, 1), 1);
	/* Held by the child now. */
	CHECK_EQ(pthread_mutex_trylock(m), EBUSY);
	CHECK_OK(kill(pid, SIGKILL));
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(pthread_mutex_lock(m), EOWNERDEAD);
	/* Not made consistent: unlocking leaves it unusable. */
	CHECK_PT(pthread_mutex_unlock(m));
	CHECK_EQ(pthread_mutex_lock(m), ENOTRECOVERABLE);
	munmap(m, 4096);
}

int main(void)
{
	list_head();
	owner_thread_dies();
	owner_process_dies();
	return 0;
}
