/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fork_exec: fork, exec a static program that exits at once, wait. The
 * program exec'd is this binary with the flag --exit (checked first thing in
 * main), so one operation is fork + execve of a ~800 KiB static ELF + its
 * start-up (static glibc: TLS, IRELATIVE relocations) + exit + waitpid.
 */
#include "bench.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char self[PATH_MAX];

static int fork_exec_run(long n, uint64_t *untimed_ns)
{
	char *args[] = { self, "--exit", NULL };
	int status;
	long i;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0)
			return bench_fail("fork");
		if (pid == 0) {
			execve(self, args, environ);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid)
			return bench_fail("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "fork_exec: %s --exit: status %#x\n", self, status);
			return -ECHILD;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct bench b = {
		.name = "fork_exec", .ops_per_iter = 1, .run = fork_exec_run,
	};
	ssize_t len;

	if (argc > 1 && strcmp(argv[1], "--exit") == 0)
		return 0;
	/* Exec ourselves by the path we were started with when it names a file
	 * (no dependence on /proc), else by /proc/self/exe's target. */
	if (strchr(argv[0], '/') && access(argv[0], X_OK) == 0) {
		snprintf(self, sizeof(self), "%s", argv[0]);
	} else {
		len = readlink("/proc/self/exe", self, sizeof(self) - 1);
		if (len <= 0) {
			fprintf(stderr, "fork_exec: cannot find myself: run me by a path\n");
			return 1;
		}
		self[len] = '\0';
	}
	return bench_main(&b, argc, argv);
}
