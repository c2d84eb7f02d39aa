// SPDX-License-Identifier: GPL-2.0
/*
 * exec_basic: execve of a static binary (ourselves, with a mode argument).
 * argv and envp arrive exactly as passed, empty strings and all; the pid
 * survives exec, including an exec from a non-main thread; and the errors:
 * ENOENT, ENOTDIR, EACCES (no x bit, a directory), ENOEXEC (x bit but not
 * an executable format), EFAULT.
 */
#include "t.h"
#include <pthread.h>
#include <sys/syscall.h>

extern char **environ;
static char *self;

static int child_args(int argc, char **argv)
{
	static const char *want_argv[] = { "name0", "args", "a b", "", "last" };
	static const char *want_env[] = { "FOO=bar", "EMPTY=", "X=1" };
	CHECK_EQ(argc, 5);
	for (int i = 0; i < 5; i++)
		CHECK_STR(argv[i], want_argv[i]);
	CHECK(argv[5] == NULL);
	int n = 0;
	while (environ[n])
		n++;
	CHECK_EQ(n, 3);
	for (int i = 0; i < 3; i++)
		CHECK_STR(environ[i], want_env[i]);
	CHECK_STR(getenv("FOO"), "bar");
	return 42;
}

static void args_and_env(void)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		char *argv[] = { "name0", "args", "a b", "", "last", NULL };
		char *envp[] = { "FOO=bar", "EMPTY=", "X=1", NULL };
		execve(self, argv, envp);
		_exit(127);
	}
	int st = t_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 42);
}

static void *exec_thread(void *arg)
{
	char pidbuf[16];
	snprintf(pidbuf, sizeof(pidbuf), "%d", (int)getpid());
	char *argv[] = { self, "pid", pidbuf, NULL };
	(void)arg;
	execv(self, argv);
	_exit(126);
}

static void exec_keeps_pid(void)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		char pidbuf[16];
		snprintf(pidbuf, sizeof(pidbuf), "%d", (int)getpid());
		char *argv[] = { self, "pid", pidbuf, NULL };
		execv(self, argv);
		_exit(127);
	}
	t_wait_ok(pid);

	/* A non-main thread execs: the new image keeps the process id and runs
	 * as a single thread whose tid is that id. */
	pid = t_fork();
	if (pid == 0) {
		pthread_t th;
		CHECK_PT(pthread_create(&th, NULL, exec_thread, NULL));
		for (;;)
			pause();
	}
	t_wait_ok(pid);
}

static void errors(void)
{
	char *argv[] = { "x", NULL };
	char *envp[] = { NULL };

	t_tmpdir();
	CHECK_ERR(execve("/nonexistent/prog", argv, envp), ENOENT);
	CHECK_ERR(execve("missing", argv, envp), ENOENT);
	CHECK_ERR(execve("", argv, envp), ENOENT);

	int fd = CHECK_OK(open("plain", O_CREAT | O_WRONLY, 0644));
	t_write_all(fd, "hello world\n", 12);
	close(fd);
	/* Even root needs some execute bit. */
	CHECK_ERR(execve("plain", argv, envp), EACCES);
	CHECK_ERR(execve("plain/sub", argv, envp), ENOTDIR);
	CHECK_OK(chmod("plain", 0755));
	/* Executable, but neither ELF nor #!. */
	CHECK_ERR(execve("plain", argv, envp), ENOEXEC);

	CHECK_OK(mkdir("dir", 0755));
	CHECK_ERR(execve("dir", argv, envp), EACCES);
	CHECK_ERR(syscall(SYS_execve, (char *)8, argv, envp), EFAULT);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "args") == 0)
		return child_args(argc, argv);
	if (argc == 3 && strcmp(argv[1], "pid") == 0) {
		CHECK_EQ(getpid(), atoi(argv[2]));
		CHECK_EQ(syscall(SYS_gettid), getpid());
		return 0;
	}
	self = t_self(argv[0]);
	args_and_env();
	exec_keeps_pid();
	errors();
	return 0;
}
