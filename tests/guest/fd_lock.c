// SPDX-License-Identifier: GPL-2.0
/*
 * fd_lock: file locks. POSIX record locks (fcntl F_SETLK/F_SETLKW/F_GETLK)
 * belong to a process: a child's conflicting F_SETLK fails with EAGAIN,
 * F_GETLK names the holder's pid and range, read locks share, disjoint
 * ranges do not conflict, closing any fd of the file drops the process's
 * locks, F_SETLKW waits for the holder, and a cycle of waiters gets
 * EDEADLK. OFD locks (F_OFD_*) belong to the open file description and
 * conflict even within one process. flock() locks follow the description
 * too, so a forked child shares its parent's.
 */
#include "t.h"
#include <sys/file.h>

static int setlk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(fd, cmd, &fl);
}

static struct flock getlk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	CHECK_OK(fcntl(fd, cmd, &fl));
	return fl;
}

static void posix_locks(int fd)
{
	pid_t me = getpid();
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 100));
	/* Our own locks never conflict with us: relock and change type. */
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 10, 10));
	struct flock fl = getlk(fd, F_GETLK, F_WRLCK, 0, 100);
	CHECK_EQ(fl.l_type, F_UNLCK);

	pid_t pid = t_fork();
	if (pid == 0) {
		/* Not inherited: the parent's lock blocks us. */
		CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, 50, 10), EAGAIN);
		CHECK_ERR(setlk(fd, F_SETLK, F_RDLCK, 99, 1), EAGAIN);
		struct flock g = getlk(fd, F_GETLK, F_RDLCK, 50, 10);
		CHECK_EQ(g.l_type, F_WRLCK);
		CHECK_EQ(g.l_pid, me);
		CHECK_EQ(g.l_start, 0);
		CHECK_EQ(g.l_len, 100);
		CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 100, 50));    /* disjoint */
		_exit(0);
	}
	t_wait_ok(pid);

	/* Read locks share; a write lock still conflicts with them. */
	CHECK_OK(setlk(fd, F_SETLK, F_RDLCK, 0, 100));
	pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setlk(fd, F_SETLK, F_RDLCK, 0, 10));
		CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, 0, 10), EAGAIN);
		_exit(0);
	}
	t_wait_ok(pid);

	/* Closing any descriptor of the file drops all our locks on it. */
	int other = CHECK_OK(open("lockfile", O_RDONLY));
	CHECK_OK(close(other));
	pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 0));     /* len 0: to EOF and beyond */
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_ERR(setlk(fd, 12345, F_WRLCK, 0, 1), EINVAL);
	CHECK_ERR(setlk(fd, F_SETLK, 77, 0, 1), EINVAL);
}

static void blocking(int fd)
{
	int ready[2], got[2];
	CHECK_OK(pipe(ready));
	CHECK_OK(pipe2(got, O_NONBLOCK));
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 10));
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_EQ(write(ready[1], "r", 1), 1);
		CHECK_OK(setlk(fd, F_SETLKW, F_WRLCK, 5, 1));
		CHECK_EQ(write(got[1], "g", 1), 1);
		_exit(0);
	}
	char c;
	CHECK_EQ(read(ready[0], &c, 1), 1);
	t_msleep(30);
	CHECK_ERR(read(got[0], &c, 1), EAGAIN);     /* still waiting */
	CHECK_OK(setlk(fd, F_SETLK, F_UNLCK, 0, 10));
	t_wait_ok(pid);
	CHECK_EQ(read(got[0], &c, 1), 1);
}

static void deadlock(int fd)
{
	int ready[2];
	CHECK_OK(pipe(ready));
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 1));         /* we hold A */
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 1, 1));     /* child holds B */
		CHECK_EQ(write(ready[1], "r", 1), 1);
		int r = setlk(fd, F_SETLKW, F_WRLCK, 0, 1);     /* wants A */
		_exit(r == -1 && errno == EDEADLK ? 1 : r == 0 ? 0 : 2);
	}
	char c;
	CHECK_EQ(read(ready[0], &c, 1), 1);
	t_msleep(30);
	/* Exactly one side closes the cycle and is refused. */
	int r = setlk(fd, F_SETLKW, F_WRLCK, 1, 1);         /* we want B */
	int e = errno;
	if (r == -1)                                      /* let the child have A */
		CHECK_OK(setlk(fd, F_SETLK, F_UNLCK, 0, 1));
	int st = t_wait(pid);
	CHECK(WIFEXITED(st));
	if (r == -1) {
		CHECK_EQ(e, EDEADLK);
		CHECK_EQ(WEXITSTATUS(st), 0);
	} else {
		CHECK_EQ(WEXITSTATUS(st), 1);
	}
	CHECK_OK(setlk(fd, F_SETLK, F_UNLCK, 0, 0));
}

static void ofd_and_flock(void)
{
	int a = CHECK_OK(open("lockfile", O_RDWR));
	int b = CHECK_OK(open("lockfile", O_RDWR));
	CHECK_OK(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 10));
	CHECK_ERR(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1), EAGAIN);
	struct flock fl = getlk(b, F_OFD_GETLK, F_WRLCK, 0, 10);
	CHECK_EQ(fl.l_type, F_WRLCK);
	CHECK_EQ(fl.l_pid, -1);
	CHECK_OK(setlk(a, F_OFD_SETLK, F_UNLCK, 0, 10));
	CHECK_OK(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1));
	CHECK_OK(close(b));                          /* its last fd: lock gone */
	CHECK_OK(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 10));
	close(a);

	a = CHECK_OK(open("lockfile", O_RDWR));
	b = CHECK_OK(open("lockfile", O_RDWR));
	CHECK_OK(flock(a, LOCK_EX));
	CHECK_ERR(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(flock(a, LOCK_EX | LOCK_NB));   /* same description: ours */
		CHECK_ERR(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_OK(flock(a, LOCK_UN));
	CHECK_OK(flock(b, LOCK_SH | LOCK_NB));
	CHECK_ERR(flock(a, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_OK(flock(a, LOCK_SH | LOCK_NB));
	CHECK_ERR(flock(a, 0x40), EINVAL);
	close(a);
	close(b);
}

int main(void)
{
	t_tmpdir();
	int fd = CHECK_OK(open("lockfile", O_CREAT | O_RDWR, 0644));
	t_write_all(fd, "0123456789", 10);
	posix_locks(fd);
	blocking(fd);
	deadlock(fd);
	ofd_and_flock();
	close(fd);
	return 0;
}
