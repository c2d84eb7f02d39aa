// SPDX-License-Identifier: GPL-2.0
/*
 * proc_fork: fork, exit and wait4. The child gets 0 and a fresh pid whose
 * parent is us; exit statuses are truncated to 8 bits; exit_group ends the
 * process; wait4 reaps exactly the child asked for, WNOHANG returns 0 while
 * it runs, and a process with no children gets ECHILD.
 */
#include "t.h"
#include <sys/resource.h>
#include <sys/syscall.h>

static void exit_codes(void)
{
	static const int codes[] = { 0, 1, 42, 255, 256, 257 };

	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		pid_t pid = t_fork();
		if (pid == 0)
			_exit(codes[i]);
		int st = t_wait(pid);
		CHECK(WIFEXITED(st));
		CHECK(!WIFSIGNALED(st));
		CHECK_EQ(WEXITSTATUS(st), codes[i] & 0xff);
	}
	/* exit_group as a raw syscall: same status. */
	pid_t pid = t_fork();
	if (pid == 0)
		syscall(SYS_exit_group, 7);
	int st = t_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 7);
}

static void identity(void)
{
	pid_t me = getpid();
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = t_fork();
	if (pid == 0) {
		close(p[0]);
		pid_t mine = getpid();
		CHECK(mine != me);
		CHECK_EQ(getppid(), me);
		t_write_all(p[1], &mine, sizeof(mine));
		_exit(0);
	}
	close(p[1]);
	pid_t reported = 0;
	CHECK_EQ(t_read_full(p[0], &reported, sizeof(reported)), sizeof(reported));
	CHECK_EQ(reported, pid);
	close(p[0]);
	t_wait_ok(pid);
}

static void wait_specific(void)
{
	int go[2];
	CHECK_OK(pipe(go));
	pid_t slow = t_fork();
	if (slow == 0) {
		char c;
		close(go[1]);
		/* Runs until the parent closes the pipe. */
		if (read(go[0], &c, 1) != 0)
			_exit(2);
		_exit(11);
	}
	close(go[0]);
	pid_t fast = t_fork();
	if (fast == 0)
		_exit(12);

	/* WNOHANG on a running child returns 0 and leaves status alone. */
	int st = -7;
	CHECK_EQ(waitpid(slow, &st, WNOHANG), 0);
	CHECK_EQ(st, -7);

	/* wait4 on the fast one reaps it (and only it), with rusage filled. */
	struct rusage ru;
	memset(&ru, 0xff, sizeof(ru));
	CHECK_EQ(wait4(fast, &st, 0, &ru), fast);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 12);
	CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	CHECK_ERR(waitpid(fast, &st, WNOHANG), ECHILD);
	CHECK_EQ(waitpid(slow, &st, WNOHANG), 0);

	close(go[1]);
	CHECK_EQ(waitpid(-1, &st, 0), slow);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 11);

	/* No children left at all. */
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD);
	CHECK_ERR(wait(NULL), ECHILD);
	/* An invalid option is EINVAL, not ECHILD. */
	CHECK_ERR(waitpid(-1, &st, 0x100), EINVAL);
}

static void many_children(void)
{
	enum { N = 20 };
	pid_t pids[N];
	int seen[N] = { 0 };

	for (int i = 0; i < N; i++) {
		pids[i] = t_fork();
		if (pids[i] == 0)
			_exit(100 + i);
	}
	for (int n = 0; n < N; n++) {
		int st;
		pid_t w = wait(&st);
		CHECK(w > 0);
		int idx = -1;
		for (int i = 0; i < N; i++)
			if (pids[i] == w)
				idx = i;
		CHECK(idx >= 0);
		CHECK_EQ(seen[idx], 0);
		seen[idx] = 1;
		CHECK(WIFEXITED(st));
		CHECK_EQ(WEXITSTATUS(st), 100 + idx);
	}
	CHECK_ERR(wait(NULL), ECHILD);
}

static void zombie_keeps_pid(void)
{
	pid_t pid = t_fork();
	if (pid == 0)
		_exit(3);
	/* Until reaped, the zombie still exists: kill(pid, 0) succeeds. */
	t_msleep(20);
	CHECK_OK(kill(pid, 0));
	int st = t_wait(pid);
	CHECK_EQ(WEXITSTATUS(st), 3);
	CHECK_ERR(kill(pid, 0), ESRCH);
}

int main(void)
{
	exit_codes();
	identity();
	wait_specific();
	many_children();
	zombie_keeps_pid();
	return 0;
}
