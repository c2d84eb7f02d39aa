// SPDX-License-Identifier: GPL-2.0
/*
 * exec_script: #! scripts. The kernel runs the interpreter named on the
 * first line with argv = { interpreter, [the rest of the line as ONE
 * argument], script path as passed to execve, original argv[1..] }. Checked
 * with /bin/sh (busybox in the VM) and with ourselves as the interpreter;
 * a script whose interpreter is itself a script; errors ENOENT for a
 * missing interpreter and EACCES for a script without an x bit.
 */
#include "t.h"

static char *self;

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = CHECK_OK(open(path, O_CREAT | O_TRUNC | O_WRONLY, mode));
	t_write_all(fd, text, strlen(text));
	CHECK_OK(close(fd));
	CHECK_OK(chmod(path, mode));
}

static int run(const char *path, char *const argv[])
{
	char *envp[] = { "PATH=/bin:/usr/bin", NULL };
	pid_t pid = t_fork();
	if (pid == 0) {
		execve(path, argv, envp);
		_exit(errno == ENOENT ? 125 : 127);
	}
	int st = t_wait(pid);
	CHECK(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void shell_script(void)
{
	char buf[256];
	char path[300];

	snprintf(path, sizeof(path), "%s/s.sh", t_dir);
	write_file(path, "#!/bin/sh\necho \"$0|$1|$2|$#\" > out.txt\nexit 7\n", 0755);
	char *argv[] = { "ignored-argv0", "one", "two words", NULL };
	CHECK_EQ(run(path, argv), 7);
	int fd = CHECK_OK(open("out.txt", O_RDONLY));
	ssize_t n = CHECK_OK(read(fd, buf, sizeof(buf) - 1));
	close(fd);
	buf[n] = 0;
	char want[400];
	/* $0 is the script path as given to execve, not the old argv[0]. */
	snprintf(want, sizeof(want), "%s|one|two words|2\n", path);
	CHECK_STR(buf, want);

	/* A space after #! and trailing blanks are allowed; relative path too. */
	write_file("t2", "#! /bin/sh  \nexit 9\n", 0700);
	char *argv2[] = { "t2", NULL };
	CHECK_EQ(run("t2", argv2), 9);
}

/* Interpreter mode: we were started by the kernel for script "selfscript". */
static int as_interpreter(int argc, char **argv)
{
	CHECK_EQ(argc, 5);
	CHECK_STR(argv[0], self);
	CHECK_STR(argv[1], "opt with  spaces");
	CHECK_STR(argv[2], "./selfscript");
	CHECK_STR(argv[3], "x");
	CHECK_STR(argv[4], "y");
	return 33;
}

static void self_interpreter(void)
{
	char line[4200];
	snprintf(line, sizeof(line), "#!%s opt with  spaces\nnot shell\n", self);
	write_file("selfscript", line, 0755);
	char *argv[] = { "whatever", "x", "y", NULL };
	CHECK_EQ(run("./selfscript", argv), 33);

	/* Nested: inner's interpreter is a script; Linux follows a few levels. */
	write_file("inner", "#!/bin/sh\nexit $(( $# + 50 ))\n", 0755);
	snprintf(line, sizeof(line), "#!%s/inner\n", t_dir);
	write_file("outer", line, 0755);
	char *argv3[] = { "outer", "a", NULL };
	/* sh runs inner with args: outer-path, a  => $# == 2. */
	CHECK_EQ(run("./outer", argv3), 52);
}

static void errors(void)
{
	char *argv[] = { "s", NULL };
	char *envp[] = { NULL };

	write_file("noint", "#!/nonexistent/interp\n", 0755);
	CHECK_ERR(execve("noint", argv, envp), ENOENT);
	write_file("nox", "#!/bin/sh\nexit 0\n", 0644);
	CHECK_ERR(execve("nox", argv, envp), EACCES);
	/* The interpreter must itself be executable. */
	write_file("notexec", "data\n", 0644);
	char line[300];
	snprintf(line, sizeof(line), "#!%s/notexec\n", t_dir);
	write_file("badint", line, 0755);
	CHECK_ERR(execve("badint", argv, envp), EACCES);
}

int main(int argc, char **argv)
{
	self = t_self(argv[0]);
	if (argc >= 2 && strcmp(argv[1], "opt with  spaces") == 0)
		return as_interpreter(argc, argv);
	t_tmpdir();
	shell_script();
	self_interpreter();
	errors();
	return 0;
}
