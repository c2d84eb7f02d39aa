// SPDX-License-Identifier: GPL-2.0
/*
 * misc_ids: process and user ids. getpid/getppid agree between parent and
 * child; we run as root (uid, euid, gid, egid 0) in these suites; a child
 * that drops to another uid with setresuid sees new real/effective/saved
 * ids (getresuid), cannot get root back (EPERM), and keeps its gid until
 * setresgid; setuid(0)-style changes from a saved root uid work;
 * setgroups/getgroups round-trip; -1 leaves an id unchanged.
 */
#include "t.h"
#include <grp.h>

int main(void)
{
	pid_t me = getpid();
	CHECK(me > 0);
	CHECK(getppid() > 0);
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(getppid(), me);
		CHECK(getpid() != me);
		_exit(0);
	}
	t_wait_ok(pid);

	if (geteuid() != 0)
		return 0;   /* the rest needs root, as in the VM */
	CHECK_EQ(getuid(), 0);
	CHECK_EQ(getgid(), 0);
	CHECK_EQ(getegid(), 0);

	pid = t_fork();
	if (pid == 0) {
		gid_t groups[3] = { 10, 20, 30 }, got[8];
		CHECK_OK(setgroups(3, groups));
		CHECK_EQ(getgroups(8, got), 3);
		CHECK_EQ(got[1], 20);
		CHECK_ERR(getgroups(1, got), EINVAL);
		CHECK_EQ(getgroups(0, NULL), 3);

		CHECK_OK(setresgid(100, 101, 102));
		gid_t rg, eg, sg;
		CHECK_OK(getresgid(&rg, &eg, &sg));
		CHECK(rg == 100 && eg == 101 && sg == 102);
		CHECK_EQ(getgid(), 100);
		CHECK_EQ(getegid(), 101);

		/* Keep root as the saved uid: we can come back. */
		CHECK_OK(setresuid(1000, 1001, 0));
		uid_t r, e, s;
		CHECK_OK(getresuid(&r, &e, &s));
		CHECK(r == 1000 && e == 1001 && s == 0);
		CHECK_EQ(geteuid(), 1001);
		CHECK_OK(seteuid(0));
		CHECK_EQ(geteuid(), 0);
		CHECK_OK(setresuid(-1, 1002, -1));
		CHECK_OK(getresuid(&r, &e, &s));
		CHECK(r == 1000 && e == 1002 && s == 0);

		/* Drop everything: no way back. */
		CHECK_OK(setresuid(0, 0, 0));     /* allowed: 0 is the saved uid */
		CHECK_OK(setresuid(1000, 1000, 1000));
		CHECK_ERR(setresuid(0, 0, 0), EPERM);
		CHECK_ERR(setuid(0), EPERM);
		CHECK_ERR(seteuid(0), EPERM);
		CHECK_ERR(setgroups(0, NULL), EPERM);
		CHECK_ERR(setresgid(0, 0, 0), EPERM);
		/* Switching among our own ids is allowed. */
		CHECK_OK(setuid(1000));
		CHECK_EQ(getuid(), 1000);
		_exit(0);
	}
	t_wait_ok(pid);
	/* The parent is unaffected. */
	CHECK_EQ(geteuid(), 0);
	return 0;
}
