// SPDX-License-Identifier: GPL-2.0
/*
 * fd_lock_owner: who owns a lock and when it goes away. POSIX locks: the
 * threads of a process are one owner; a child's locks go when it exits; an
 * F_SETLKW waiter is interrupted by a handler without SA_RESTART (EINTR),
 * and one killed by SIGKILL leaves the holder's lock as it was. OFD locks
 * conflict with the same process's POSIX locks, need l_pid 0 (EINVAL),
 * survive the POSIX close rule and a close of one dup, and go with the
 * last fd. flock locks are independent of fcntl locks, shared by dups
 * (closing one keeps the lock), released when the last fd of the holding
 * description closes (waking a blocked flock), and flock on a bad fd is
 * EBADF.
 */
#include "t.h"
#include <pthread.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/time.h>

static int fd;

static int setlk(int f, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(f, cmd, &fl);
}

static void *thread_lock(void *arg)
{
	(void)arg;
	return (void *)(long)setlk(fd, F_SETLK, F_WRLCK, 0, 10);
}

static void on_alrm(int sig) { (void)sig; }

/* A child asks for [start,start+1) and must get EAGAIN (1) or the lock (0). */
static void child_try(off_t start, int want_conflict)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		if (want_conflict)
			CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, start, 1), EAGAIN);
		else
			CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, start, 1));
		_exit(0);
	}
	t_wait_ok(pid);
}

static void posix_owner(void)
{
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 10));
	pthread_t t;
	void *r;
	CHECK_PT(pthread_create(&t, NULL, thread_lock, NULL));
	CHECK_PT(pthread_join(t, &r));
	CHECK_EQ((long)r, 0);

	/* Interrupted wait: the timer repeats, so one signal lands in the wait. */
	pid_t pid = t_fork();
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alrm;
		CHECK_OK(sigaction(SIGALRM, &sa, NULL));
		struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
		CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
		CHECK_ERR(setlk(fd, F_SETLKW, F_WRLCK, 0, 1), EINTR);
		_exit(0);
	}
	t_wait_ok(pid);

	/* A waiter killed while waiting: our lock is unchanged. */
	pid = t_fork();
	if (pid == 0) {
		setlk(fd, F_SETLKW, F_WRLCK, 0, 1);
		_exit(3);
	}
	t_msleep(20);
	CHECK_OK(kill(pid, SIGKILL));
	int st = t_wait(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	child_try(0, 1);
	child_try(9, 1);
	CHECK_OK(setlk(fd, F_SETLK, F_UNLCK, 0, 0));

	/* A child's lock goes with the child. */
	pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 100, 1));
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 100, 1));
	child_try(100, 1);
	CHECK_OK(setlk(fd, F_SETLK, F_UNLCK, 0, 0));
}

static void ofd(void)
{
	int a = CHECK_OK(open("lockfile", O_RDWR));
	int b = CHECK_OK(open("lockfile", O_RDWR));
	CHECK_OK(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 10));
	CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, 0, 1), EAGAIN);  /* our own POSIX lock */
	struct flock bad = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1 };
	CHECK_ERR(fcntl(b, F_OFD_SETLK, &bad), EINVAL);

	int other = CHECK_OK(open("lockfile", O_RDONLY));
	close(other);                                      /* POSIX close rule: not for OFD */
	CHECK_ERR(setlk(b, F_OFD_SETLK, F_WRLCK, 0, 1), EAGAIN);
	int d = CHECK_OK(dup(a));
	close(a);                                          /* the dup holds the description */
	CHECK_ERR(setlk(b, F_OFD_SETLK, F_WRLCK, 0, 1), EAGAIN);
	close(d);                                          /* last fd: released */
	CHECK_OK(setlk(b, F_OFD_SETLK, F_WRLCK, 0, 1));
	close(b);
}

static void flocks(void)
{
	int a = CHECK_OK(open("lockfile", O_RDWR));
	int b = CHECK_OK(open("lockfile", O_RDONLY));
	CHECK_OK(flock(a, LOCK_EX));
	CHECK_OK(setlk(b, F_SETLK, F_RDLCK, 0, 0));        /* fcntl locks are another world */
	CHECK_OK(setlk(b, F_SETLK, F_UNLCK, 0, 0));
	CHECK_ERR(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);

	int d = CHECK_OK(dup(a));
	close(a);
	CHECK_ERR(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	CHECK_OK(flock(d, LOCK_UN));
	CHECK_OK(flock(b, LOCK_SH | LOCK_NB));
	CHECK_OK(flock(b, LOCK_UN));
	CHECK_OK(flock(d, LOCK_EX | LOCK_NB));

	/* A blocked flock is woken when the holder's description closes. */
	int ready[2], got[2];
	CHECK_OK(pipe(ready));
	CHECK_OK(pipe2(got, O_NONBLOCK));
	pid_t pid = t_fork();
	if (pid == 0) {
		close(d);                                  /* only the parent holds it now */
		CHECK_EQ(write(ready[1], "r", 1), 1);
		CHECK_OK(flock(b, LOCK_SH));
		CHECK_EQ(write(got[1], "g", 1), 1);
		_exit(0);
	}
	char c;
	CHECK_EQ(read(ready[0], &c, 1), 1);
	t_msleep(30);
	CHECK_ERR(read(got[0], &c, 1), EAGAIN);            /* still waiting */
	close(d);
	t_wait_ok(pid);
	CHECK_EQ(read(got[0], &c, 1), 1);
	close(b);
	CHECK_ERR(flock(d, LOCK_SH), EBADF);
}

int main(void)
{
	t_tmpdir();
	fd = CHECK_OK(open("lockfile", O_CREAT | O_RDWR, 0644));
	t_write_all(fd, "0123456789", 10);
	posix_owner();
	ofd();
	flocks();
	close(fd);
	return 0;
}
