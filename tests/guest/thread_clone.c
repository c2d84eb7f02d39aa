// SPDX-License-Identifier: GPL-2.0
/*
 * thread_clone: clone(2) flags beneath pthreads, used directly.
 * CLONE_PARENT_SETTID stores the tid in the parent before clone returns;
 * CLONE_CHILD_SETTID stores it in the child's memory; CLONE_CHILD_CLEARTID
 * (and set_tid_address) zero it and futex-wake at thread exit; a
 * CLONE_THREAD child shares the pid; a CLONE_VM child without CLONE_THREAD
 * is its own process that shares memory; a child whose exit signal is not
 * SIGCHLD is waited for only with __WCLONE or __WALL.
 * The clone children use raw syscalls only: they run on our TLS.
 */
#include "t.h"
#include "linux_abi.h"
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>

#define STACK_SIZE (64 * 1024)

static volatile pid_t ptid, ctid, child_tid_seen, child_pid_seen;
static volatile int shared_value;

static int thread_fn(void *arg)
{
	child_tid_seen = (pid_t)syscall(SYS_gettid);
	child_pid_seen = (pid_t)syscall(SYS_getpid);
	shared_value = (int)(intptr_t)arg;
	return 0;   /* the glibc wrapper then calls SYS_exit: this thread only */
}

static void *new_stack(void)
{
	char *s = malloc(STACK_SIZE);
	CHECK(s != NULL);
	return s + STACK_SIZE;
}

static void thread_flags(void)
{
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
		    CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
		    CLONE_CHILD_CLEARTID;
	ptid = 0;
	ctid = -1;
	int tid = CHECK_OK(clone(thread_fn, new_stack(), flags, (void *)77,
				 (pid_t *)&ptid, NULL, (pid_t *)&ctid));
	/* PARENT_SETTID is done before clone returns. */
	CHECK_EQ(ptid, tid);
	/* CHILD_CLEARTID: the word goes to 0 and waiters are woken at exit. */
	for (;;) {
		pid_t v = ctid;
		if (v == 0)
			break;
		long r = syscall(SYS_futex, &ctid, FUTEX_WAIT, v, NULL, NULL, 0);
		CHECK(r == 0 || errno == EAGAIN || errno == EINTR);
	}
	CHECK_EQ(child_tid_seen, tid);
	CHECK_EQ(child_pid_seen, getpid());
	CHECK_EQ(shared_value, 77);
	/* A thread is not a child process. */
	CHECK_ERR(waitpid(tid, NULL, __WALL | WNOHANG), ECHILD);
}

static volatile pid_t tid_word;

static int set_tid_fn(void *arg)
{
	(void)arg;
	tid_word = (pid_t)syscall(SYS_gettid);
	long me = syscall(SYS_set_tid_address, &tid_word);
	/* set_tid_address returns the caller's tid. */
	if (me != tid_word)
		tid_word = -1;
	return 0;
}

static void set_tid_address_on_exit(void)
{
	/* In a throwaway child: glibc's own pointer cannot be put back. */
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(syscall(SYS_set_tid_address, &tid_word), getpid());
		_exit(0);
	}
	t_wait_ok(pid);
	tid_word = 1;
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
		    CLONE_SYSVSEM;
	CHECK_OK(clone(set_tid_fn, new_stack(), flags, NULL));
	for (int i = 0; tid_word != 0; i++) {
		CHECK(tid_word != -1);
		CHECK(i < 2000);
		pid_t v = tid_word;
		struct timespec ts = { 0, 10 * 1000000L };
		if (v != 0 && v != 1)
			syscall(SYS_futex, &tid_word, FUTEX_WAIT, v, &ts, NULL, 0);
		else
			t_msleep(1);
	}
}

static void vm_process(void)
{
	shared_value = 0;
	/* Shares memory but is a separate process, reaped with SIGCHLD. */
	pid_t pid = CHECK_OK(clone(thread_fn, new_stack(), CLONE_VM | SIGCHLD, (void *)91));
	int st = t_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 0);
	CHECK_EQ(shared_value, 91);
	CHECK_EQ(child_pid_seen, pid);
	CHECK_EQ(child_tid_seen, pid);

	/* Exit signal 0: invisible to a plain wait, visible with __WCLONE/__WALL. */
	pid = CHECK_OK(clone(thread_fn, new_stack(), CLONE_VM, (void *)92));
	t_msleep(20);
	CHECK_ERR(waitpid(pid, &st, 0), ECHILD);
	CHECK_EQ(waitpid(pid, &st, __WCLONE), pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(shared_value, 92);

	pid = CHECK_OK(clone(thread_fn, new_stack(), CLONE_VM, (void *)93));
	CHECK_EQ(waitpid(pid, &st, __WALL), pid);
	CHECK_EQ(shared_value, 93);
	/* And a normal child is not a __WCLONE one. */
	pid = t_fork();
	if (pid == 0)
		_exit(0);
	t_msleep(20);
	CHECK_ERR(waitpid(pid, &st, __WCLONE | WNOHANG), ECHILD);
	t_wait_ok(pid);
}

int main(void)
{
	thread_flags();
	set_tid_address_on_exit();
	vm_process();
	return 0;
}
