// SPDX-License-Identifier: GPL-2.0
/*
 * proc_session: process groups and sessions. setpgid creates and joins
 * groups; getpgid/getsid report them; setsid makes a new session and group
 * led by the caller and fails with EPERM for a group leader; setpgid fails
 * with ESRCH (not us or our child), EPERM (other session, session leader,
 * no such group in our session), EACCES (child already exec'd), EINVAL.
 */
#include "t.h"
#include <signal.h>

static char *self;

/* A child that blocks until fd reaches EOF (the parent closes the write end). */
static pid_t blocked_child(int fds[2], int do_setsid)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		char c;
		close(fds[1]);
		if (do_setsid)
			CHECK_EQ(setsid(), getpid());
		_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
	}
	return pid;
}

static void groups(void)
{
	int go[2];
	CHECK_OK(pipe(go));
	pid_t a = blocked_child(go, 0), b = blocked_child(go, 0);
	close(go[0]);
	CHECK_EQ(getpgid(a), getpgrp());
	CHECK_EQ(getpgid(0), getpgrp());
	CHECK_OK(setpgid(a, 0));          /* pgid 0 means "pid" */
	CHECK_EQ(getpgid(a), a);
	CHECK_OK(setpgid(b, a));          /* join an existing group */
	CHECK_EQ(getpgid(b), a);
	CHECK_EQ(getsid(a), getsid(0));   /* still our session */
	CHECK_OK(setpgid(b, getpgrp())); /* and back */
	CHECK_EQ(getpgid(b), getpgrp());

	CHECK_ERR(setpgid(a, -1), EINVAL);
	/* A group id that names no group in our session. */
	CHECK_ERR(setpgid(b, 4000000), EPERM);
	/* Our parent is neither us nor our child. */
	CHECK_ERR(setpgid(getppid(), 0), ESRCH);
	close(go[1]);
	t_wait_ok(a);
	t_wait_ok(b);
	/* Reaped: no such process any more. */
	CHECK_ERR(getpgid(a), ESRCH);
	CHECK_ERR(getsid(a), ESRCH);
	CHECK_ERR(setpgid(a, 0), ESRCH);
}

static void sessions(void)
{
	/* A group leader cannot start a session. */
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setpgid(0, 0));
		CHECK_ERR(setsid(), EPERM);
		_exit(0);
	}
	t_wait_ok(pid);

	/* A non-leader can; it then leads both a session and a group. */
	pid = t_fork();
	if (pid == 0) {
		pid_t old_sid = getsid(0);
		if (getpgrp() == getpid())
			_exit(3);
		CHECK_EQ(setsid(), getpid());
		CHECK_EQ(getsid(0), getpid());
		CHECK_EQ(getpgrp(), getpid());
		CHECK(getsid(0) != old_sid);
		/* Now a group (and session) leader. */
		CHECK_ERR(setsid(), EPERM);
		CHECK_ERR(setpgid(0, getppid()), EPERM);
		_exit(0);
	}
	t_wait_ok(pid);

	/* Seen from outside: a session leader child cannot be moved. */
	int go[2];
	CHECK_OK(pipe(go));
	int ready[2];
	CHECK_OK(pipe(ready));
	pid = t_fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		CHECK_EQ(setsid(), getpid());
		CHECK_EQ(write(ready[1], "s", 1), 1);
		_exit(read(go[0], &c, 1) == 0 ? 0 : 1);
	}
	close(go[0]);
	char c;
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(getsid(pid), pid);
	CHECK_EQ(getpgid(pid), pid);
	CHECK_ERR(setpgid(pid, pid), EPERM);
	CHECK_ERR(setpgid(pid, getpgrp()), EPERM);
	close(go[1]);
	t_wait_ok(pid);
}

static void after_exec(void)
{
	int go[2];
	CHECK_OK(pipe(go));
	int ready[2];
	CHECK_OK(pipe2(ready, O_CLOEXEC));
	pid_t pid = t_fork();
	if (pid == 0) {
		char fd[16];
		close(go[1]);
		snprintf(fd, sizeof(fd), "%d", go[0]);
		char *argv[] = { self, "wait-eof", fd, NULL };
		execv(self, argv);
		_exit(127);
	}
	close(go[0]);
	/* The close-on-exec end reaches EOF once the exec has happened. */
	close(ready[1]);
	CHECK_EQ(read(ready[0], &(char){0}, 1), 0);
	CHECK_ERR(setpgid(pid, pid), EACCES);
	close(go[1]);
	t_wait_ok(pid);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "wait-eof") == 0) {
		char c;
		alarm(5);
		return read(atoi(argv[2]), &c, 1) == 0 ? 0 : 3;
	}
	self = t_self(argv[0]);
	groups();
	sessions();
	after_exec();
	return 0;
}
