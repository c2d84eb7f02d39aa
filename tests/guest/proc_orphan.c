// SPDX-License-Identifier: GPL-2.0
/*
 * proc_orphan: reparenting. When a parent exits, its running child is
 * handed to init (or to the nearest child subreaper): getppid() changes
 * away from the dead parent to a live process, and the new parent, not us,
 * reaps it. With PR_SET_CHILD_SUBREAPER set on us, the orphan comes to us
 * and we can wait for it.
 */
#include "t.h"
#include <signal.h>
#include <sys/prctl.h>

/* Child forks a grandchild and exits; the grandchild reports its parent
 * before and after over the pipe. Returns the grandchild's pid. */
static pid_t orphan(int report_fd, int go_rd, int go_wr)
{
	pid_t mid = t_fork();
	if (mid == 0) {
		int ready[2];
		char c;
		CHECK_OK(pipe(ready));
		pid_t gc = t_fork();
		if (gc == 0) {
			pid_t before = getppid(), after;
			/* Tell the middle process it may exit now. */
			t_write_all(ready[1], "r", 1);
			close(go_wr);
			/* Wait until the middle process has exited and been reaped. */
			if (read(go_rd, &c, 1) != 1)
				_exit(2);
			after = getppid();
			pid_t me = getpid();
			t_write_all(report_fd, &me, sizeof(me));
			t_write_all(report_fd, &before, sizeof(before));
			t_write_all(report_fd, &after, sizeof(after));
			_exit(0);
		}
		if (read(ready[0], &c, 1) != 1)
			_exit(2);
		_exit(0);
	}
	t_wait_ok(mid);
	return mid;
}

static void to_init(void)
{
	int rep[2], go[2];
	CHECK_OK(pipe(rep));
	CHECK_OK(pipe(go));
	pid_t mid = orphan(rep[1], go[0], go[1]);
	close(rep[1]);
	close(go[0]);
	CHECK_EQ(write(go[1], "x", 1), 1);
	close(go[1]);

	pid_t gc = 0, before = 0, after = 0;
	CHECK_EQ(t_read_full(rep[0], &gc, sizeof(gc)), sizeof(gc));
	CHECK_EQ(t_read_full(rep[0], &before, sizeof(before)), sizeof(before));
	CHECK_EQ(t_read_full(rep[0], &after, sizeof(after)), sizeof(after));
	close(rep[0]);
	CHECK_EQ(before, mid);
	CHECK(after != mid);
	CHECK(after != getpid());
	CHECK(after > 0);
	/* The grandchild is not ours to reap. */
	CHECK_ERR(waitpid(gc, NULL, 0), ECHILD);
	/* Its new parent is alive (init, or a subreaper above us). */
	CHECK_OK(kill(after, 0));
	int sub = -1;
	CHECK_OK(prctl(PR_GET_CHILD_SUBREAPER, &sub));
	CHECK_EQ(sub, 0);
}

static void to_subreaper(void)
{
	int rep[2], go[2];
	CHECK_OK(prctl(PR_SET_CHILD_SUBREAPER, 1));
	int sub = 0;
	CHECK_OK(prctl(PR_GET_CHILD_SUBREAPER, &sub));
	CHECK_EQ(sub, 1);

	CHECK_OK(pipe(rep));
	CHECK_OK(pipe(go));
	pid_t mid = orphan(rep[1], go[0], go[1]);
	close(rep[1]);
	close(go[0]);
	CHECK_EQ(write(go[1], "x", 1), 1);
	close(go[1]);
	pid_t gc = 0, before = 0, after = 0;
	CHECK_EQ(t_read_full(rep[0], &gc, sizeof(gc)), sizeof(gc));
	CHECK_EQ(t_read_full(rep[0], &before, sizeof(before)), sizeof(before));
	CHECK_EQ(t_read_full(rep[0], &after, sizeof(after)), sizeof(after));
	close(rep[0]);
	CHECK_EQ(before, mid);
	CHECK_EQ(after, getpid());
	/* The orphan is now our child. */
	t_wait_ok(gc);
	CHECK_OK(prctl(PR_SET_CHILD_SUBREAPER, 0));
}

int main(void)
{
	to_init();
	to_subreaper();
	return 0;
}
