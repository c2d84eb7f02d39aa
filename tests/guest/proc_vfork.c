// SPDX-License-Identifier: GPL-2.0
/*
 * proc_vfork: vfork shares the parent's memory and suspends the parent
 * until the child exits or execs. A store by the child is seen by the
 * parent, the parent resumes only after the child is gone, and a child
 * that execs releases the parent while still running. With SIGCHLD
 * ignored the child is reaped as it exits (wait: ECHILD), and the parent
 * still resumes cleanly, many times over (also through posix_spawn of a
 * program that does not exist).
 */
#include "t.h"
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

static volatile int shared_word;
static char *self;

static void child_writes_parent_memory(void)
{
	shared_word = 1;
	pid_t pid = vfork();
	if (pid == 0) {
		shared_word = 2;
		_exit(5);
	}
	CHECK(pid > 0);
	/* The parent ran only after the child's _exit, and saw its store. */
	CHECK_EQ(shared_word, 2);
	int st = t_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 5);
}

static void parent_waits_for_child(void)
{
	volatile int steps = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		/* Sleeping here would let a non-suspended parent overtake us. */
		struct timespec ts = { 0, 30 * 1000000L };
		nanosleep(&ts, NULL);
		steps = 1;
		_exit(0);
	}
	CHECK_EQ(steps, 1);
	t_wait_ok(pid);
}

static void exec_releases_parent(void)
{
	int p[2];
	CHECK_OK(pipe2(p, O_CLOEXEC));
	pid_t pid = vfork();
	if (pid == 0) {
		/* Exec ourselves with an argument that makes us block on the
		 * pipe; the parent must be running again to close it. The dup
		 * of the read end survives exec, the write end does not. */
		char fdbuf[16];
		int keep = dup(p[0]);
		snprintf(fdbuf, sizeof(fdbuf), "%d", keep);
		char *argv[] = { self, "wait-eof", fdbuf, NULL };
		execv(self, argv);
		_exit(127);
	}
	CHECK(pid > 0);
	/* The child is running the new image, blocked on the pipe; we run. */
	close(p[0]);
	close(p[1]);
	int st = t_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 0);
}

static void auto_reaped_child(void)
{
	char *argv[] = { "/nonexistent-program", NULL };
	pid_t pid;
	int i;

	signal(SIGCHLD, SIG_IGN);
	for (i = 0; i < 50; i++) {
		shared_word = 0;
		pid = vfork();
		if (pid == 0) {
			shared_word = i + 1;
			_exit(3);
		}
		CHECK(pid > 0);
		CHECK_EQ(shared_word, i + 1);
	}
	for (i = 0; i < 20; i++) {
		CHECK_EQ(posix_spawn(&pid, argv[0], NULL, NULL, argv, NULL), ENOENT);
	}
	t_msleep(20);
	CHECK_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
	signal(SIGCHLD, SIG_DFL);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "wait-eof") == 0) {
		char c;
		int fd = atoi(argv[2]);
		/* If the parent stayed suspended we would wait forever: die instead. */
		alarm(5);
		/* Our dup holds no write end; EOF comes when the parent closes it. */
		return read(fd, &c, 1) == 0 ? 0 : 3;
	}
	self = t_self(argv[0]);
	child_writes_parent_memory();
	parent_waits_for_child();
	exec_releases_parent();
	auto_reaped_child();
	return 0;
}
