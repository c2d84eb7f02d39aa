// SPDX-License-Identifier: GPL-2.0
/*
 * fd_lock_range: the byte ranges of POSIX record locks. Unlocking the
 * middle of a write lock splits it (another process may take the middle,
 * not the ends, and F_GETLK reports the first remaining piece exactly);
 * relocking merges, and changing part of it to a read lock leaves a read
 * range others share and a write range F_GETLK reports. l_start is taken
 * from SEEK_CUR and SEEK_END and reported back from the start of the file;
 * a negative l_len locks the bytes before l_start. A range past the
 * largest offset is EOVERFLOW; a bad l_whence, a negative absolute start
 * and F_GETLK of F_UNLCK are EINVAL; a write lock through a read-only fd
 * is EBADF.
 */
#include "t.h"

static int setlk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(fd, cmd, &fl);
}

/* F_GETLK for a write lock over [start, start+len), asked by a child. */
static void child_sees(int fd, off_t start, short type, off_t lstart, off_t llen, pid_t holder)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = 0 };
		CHECK_OK(fcntl(fd, F_GETLK, &fl));
		CHECK_EQ(fl.l_type, type);
		if (type != F_UNLCK) {
			CHECK_EQ(fl.l_start, lstart);
			CHECK_EQ(fl.l_len, llen);
			CHECK_EQ(fl.l_whence, SEEK_SET);
			CHECK_EQ(fl.l_pid, holder);
		}
		_exit(0);
	}
	t_wait_ok(pid);
}

static void split_and_merge(int fd)
{
	pid_t me = getpid();
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 10));
	CHECK_OK(setlk(fd, F_SETLK, F_UNLCK, 3, 4));        /* [0,3) and [7,10) left */
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 3, 4));
		CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, 2, 1), EAGAIN);
		CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, 7, 1), EAGAIN);
		_exit(0);
	}
	t_wait_ok(pid);
	child_sees(fd, 0, F_WRLCK, 0, 3, me);
	child_sees(fd, 3, F_WRLCK, 7, 3, me);

	/* Merge back, then make [0,5) a read lock. */
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 3, 4));
	CHECK_OK(setlk(fd, F_SETLK, F_RDLCK, 0, 5));
	pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setlk(fd, F_SETLK, F_RDLCK, 0, 5));
		CHECK_ERR(setlk(fd, F_SETLK, F_RDLCK, 5, 1), EAGAIN);
		CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, 4, 1), EAGAIN);
		_exit(0);
	}
	t_wait_ok(pid);
	pid = t_fork();
	if (pid == 0) {
		struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
		CHECK_OK(fcntl(fd, F_GETLK, &fl));
		CHECK_EQ(fl.l_type, F_WRLCK);
		CHECK_EQ(fl.l_start, 5);
		CHECK_EQ(fl.l_len, 5);
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_OK(setlk(fd, F_SETLK, F_UNLCK, 0, 0));
	child_sees(fd, 0, F_UNLCK, 0, 0, 0);
}

static void bases(int fd)
{
	pid_t me = getpid();
	CHECK_EQ(lseek(fd, 10, SEEK_SET), 10);              /* position 10, size 10 */
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = -2, .l_len = 1 };
	CHECK_OK(fcntl(fd, F_SETLK, &fl));                  /* [8,9) */
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_END, .l_start = 5, .l_len = 0 };
	CHECK_OK(fcntl(fd, F_SETLK, &fl));                  /* [15,EOF) */
	child_sees(fd, 0, F_WRLCK, 8, 1, me);
	child_sees(fd, 9, F_RDLCK, 15, 0, me);
	CHECK_OK(setlk(fd, F_SETLK, F_UNLCK, 0, 0));

	/* Negative length: [6,10), through a read-only fd. */
	int ro = CHECK_OK(open("lockfile", O_RDONLY));
	CHECK_OK(setlk(ro, F_SETLK, F_RDLCK, 10, -4));
	child_sees(fd, 0, F_RDLCK, 6, 4, me);
	CHECK_ERR(setlk(ro, F_SETLK, F_WRLCK, 0, 1), EBADF);
	CHECK_OK(setlk(ro, F_SETLK, F_UNLCK, 0, 0));
	close(ro);
}

static void errors(int fd)
{
	CHECK_ERR(setlk(fd, F_SETLK, F_RDLCK, 0x7fffffffffffffffLL, 2), EOVERFLOW);
	struct flock b = { .l_type = F_RDLCK, .l_whence = 9 };
	CHECK_ERR(fcntl(fd, F_SETLK, &b), EINVAL);
	CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, -5, 1), EINVAL);
	CHECK_ERR(setlk(fd, F_GETLK, F_UNLCK, 0, 1), EINVAL);
}

int main(void)
{
	t_tmpdir();
	int fd = CHECK_OK(open("lockfile", O_CREAT | O_RDWR, 0644));
	t_write_all(fd, "0123456789", 10);
	split_and_merge(fd);
	bases(fd);
	errors(fd);
	close(fd);
	return 0;
}
