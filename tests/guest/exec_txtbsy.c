// SPDX-License-Identifier: GPL-2.0
/*
 * exec_txtbsy: a running program's file is not writable and a file open
 * for writing cannot run (ETXTBSY both ways), as Linux's i_writecount:
 *  - execve of a binary or a #! script held open for writing fails;
 *  - while a copy of us runs, open(O_WRONLY/O_RDWR) and truncate() of its
 *    file fail, open(O_RDONLY) works; a forked child of the runner keeps
 *    the file busy after the runner exits;
 *  - once nothing runs it, writing works again.
 */
#include "t.h"
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char *self;

/* Copy our own binary to path, executable. */
static void copy_self(const char *path)
{
	char buf[65536];
	int in = CHECK_OK(open(self, O_RDONLY | O_CLOEXEC));
	int out = CHECK_OK(open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755));
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) > 0)
		t_write_all(out, buf, (size_t)n);
	CHECK(n == 0);
	close(in);
	close(out);
}

/* Run path with mode in a child; returns the child's exit status, or
 * 100 + errno if execve failed. */
static int run(const char *path, const char *mode)
{
	pid_t pid = t_fork();
	int st;

	if (pid == 0) {
		char *argv[] = { (char *)path, (char *)mode, NULL };
		execv(path, argv);
		_exit(100 + errno);
	}
	st = t_wait(pid);
	CHECK(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void exec_while_open_for_writing(void)
{
	int fd;

	copy_self("prog");
	fd = CHECK_OK(open("prog", O_WRONLY | O_CLOEXEC));
	CHECK_EQ(run("./prog", "exit7"), 100 + ETXTBSY);
	close(fd);
	CHECK_EQ(run("./prog", "exit7"), 7);
	/* O_RDONLY does not count */
	fd = CHECK_OK(open("prog", O_RDONLY | O_CLOEXEC));
	CHECK_EQ(run("./prog", "exit7"), 7);
	close(fd);

	fd = CHECK_OK(open("script", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755));
	t_write_all(fd, "#!/bin/sh\nexit 9\n", 17);
	CHECK_EQ(run("./script", "x"), 100 + ETXTBSY);
	close(fd);
	CHECK_EQ(run("./script", "x"), 9);
}

/* mode "hold": write our pid on fd 1 (a pipe), then wait to be killed.
 * With "hold-fork", first fork a child that does that, and exit. */
static int hold(bool fork_first)
{
	pid_t me;

	if (fork_first) {
		pid_t pid = fork();
		if (pid != 0)
			return pid > 0 ? 0 : 1;
	}
	me = getpid();
	if (write(1, &me, sizeof(me)) != sizeof(me))
		return 1;
	for (;;)
		pause();
}

static void write_while_running(void)
{
	int p[2], fd, st;
	pid_t pid, runner, held;

	copy_self("busy");
	CHECK_OK(pipe(p));
	pid = t_fork();
	if (pid == 0) {
		char *argv[] = { "busy", "hold", NULL };
		dup2(p[1], 1);
		execv("./busy", argv);
		_exit(100 + errno);
	}
	close(p[1]);
	CHECK_EQ(t_read_full(p[0], &held, sizeof(held)), sizeof(held));
	CHECK_EQ(held, pid);
	CHECK_ERR(open("busy", O_WRONLY), ETXTBSY);
	CHECK_ERR(open("busy", O_RDWR | O_TRUNC), ETXTBSY);
	CHECK_ERR(truncate("busy", 0), ETXTBSY);
	fd = CHECK_OK(open("busy", O_RDONLY));
	close(fd);
	/* renaming over it and unlinking it are fine: the inode stays busy */
	CHECK_OK(link("busy", "busy2"));
	CHECK_ERR(open("busy2", O_WRONLY), ETXTBSY);
	CHECK_OK(unlink("busy2"));
	kill(pid, SIGKILL);
	st = t_wait(pid);
	CHECK(WIFSIGNALED(st));
	close(p[0]);
	/* nothing runs it now */
	fd = CHECK_OK(open("busy", O_WRONLY));
	close(fd);
	CHECK_OK(truncate("busy", 4096));

	/* The runner forks and exits: its child still runs the file. */
	copy_self("busy3");
	CHECK_OK(pipe(p));
	runner = t_fork();
	if (runner == 0) {
		char *argv[] = { "busy3", "hold-fork", NULL };
		dup2(p[1], 1);
		execv("./busy3", argv);
		_exit(100 + errno);
	}
	close(p[1]);
	CHECK_EQ(t_read_full(p[0], &held, sizeof(held)), sizeof(held));
	st = t_wait(runner);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_ERR(open("busy3", O_WRONLY), ETXTBSY);
	CHECK_OK(kill(held, SIGKILL));
	/* it was reparented away from us: wait until the file is free */
	for (int i = 0; i < 500; i++) {
		fd = open("busy3", O_WRONLY);
		if (fd >= 0 || errno != ETXTBSY)
			break;
		t_msleep(10);
	}
	CHECK(fd >= 0);
	close(fd);
	close(p[0]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exit7") == 0)
		return 7;
	if (argc > 1 && strcmp(argv[1], "hold") == 0)
		return hold(false);
	if (argc > 1 && strcmp(argv[1], "hold-fork") == 0)
		return hold(true);
	self = t_self(argv[0]);
	t_tmpdir();
	exec_while_open_for_writing();
	write_while_running();
	return 0;
}
