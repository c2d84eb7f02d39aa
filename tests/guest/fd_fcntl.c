// SPDX-License-Identifier: GPL-2.0
/*
 * fd_fcntl: descriptor and status flags. F_GETFD/F_SETFD hold only
 * FD_CLOEXEC; F_GETFL reports the access mode and status flags, F_SETFL
 * changes O_APPEND and O_NONBLOCK but silently not the access mode or
 * creation flags; O_NONBLOCK makes an empty pipe read EAGAIN; F_DUPFD and
 * F_DUPFD_CLOEXEC take the lowest free fd at or above the argument (EINVAL
 * beyond the limit); unknown commands are EINVAL and bad fds EBADF.
 * On x86_64 open, openat and creat add O_LARGEFILE to the file's flags
 * (raw syscalls: musl's wrapper adds it itself), but not O_PATH opens and
 * not pipes. F_SETOWN/F_GETOWN and their _EX forms (glibc's F_GETOWN is
 * F_GETOWN_EX underneath): pid, process group, thread; bad type EINVAL,
 * a pid that names nothing ESRCH.
 */
#include "t.h"
#include <sys/resource.h>
#include <sys/syscall.h>

#define LARGEFILE 0100000 /* glibc's O_LARGEFILE is 0 on 64-bit */

static void largefile(void)
{
	int fd = CHECK_OK(syscall(SYS_open, "lf", O_CREAT | O_WRONLY | O_APPEND, 0644));
	CHECK_EQ(fcntl(fd, F_GETFL), 0x8401);     /* O_WRONLY|O_APPEND|O_LARGEFILE */
	close(fd);
	fd = CHECK_OK(syscall(SYS_openat, AT_FDCWD, "lf", O_RDONLY));
	CHECK_EQ(fcntl(fd, F_GETFL), LARGEFILE);
	close(fd);
	fd = CHECK_OK(syscall(SYS_creat, "lf2", 0644));
	CHECK_EQ(fcntl(fd, F_GETFL), O_WRONLY | LARGEFILE);
	close(fd);
	fd = CHECK_OK(syscall(SYS_openat, AT_FDCWD, "lf", O_PATH));
	CHECK_EQ(fcntl(fd, F_GETFL), O_PATH);
	close(fd);
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(fcntl(p[0], F_GETFL), O_RDONLY);
	CHECK_EQ(fcntl(p[1], F_GETFL), O_WRONLY);
	close(p[0]);
	close(p[1]);
}

static void owner(void)
{
	struct f_owner_ex o;
	int p[2];
	pid_t gone;

	CHECK_OK(pipe(p));
	CHECK_EQ(fcntl(p[0], F_GETOWN), 0);
	CHECK_OK(fcntl(p[0], F_SETOWN, getpid()));
	CHECK_EQ(fcntl(p[0], F_GETOWN), getpid());
	CHECK_EQ(syscall(SYS_fcntl, p[0], F_GETOWN), getpid());
	CHECK_OK(fcntl(p[0], F_GETOWN_EX, &o));
	CHECK_EQ(o.type, F_OWNER_PID);
	CHECK_EQ(o.pid, getpid());
	CHECK_OK(fcntl(p[0], F_SETOWN, -getpgrp()));
	CHECK_OK(fcntl(p[0], F_GETOWN_EX, &o));
	CHECK_EQ(o.type, F_OWNER_PGRP);
	CHECK_EQ(o.pid, getpgrp());
	o.type = F_OWNER_TID;
	o.pid = (pid_t)syscall(SYS_gettid);
	CHECK_OK(fcntl(p[1], F_SETOWN_EX, &o));
	memset(&o, 0, sizeof(o));
	CHECK_OK(fcntl(p[1], F_GETOWN_EX, &o));
	CHECK_EQ(o.type, F_OWNER_TID);
	CHECK_EQ(o.pid, (pid_t)syscall(SYS_gettid));
	o.type = 7;
	CHECK_ERR(fcntl(p[1], F_SETOWN_EX, &o), EINVAL);
	gone = t_fork();
	if (gone == 0)
		_exit(0);
	t_wait_ok(gone);
	o.type = F_OWNER_PID;
	o.pid = gone;
	CHECK_ERR(fcntl(p[1], F_SETOWN_EX, &o), ESRCH);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	owner();
	t_tmpdir();
	int fd = CHECK_OK(open("f", O_CREAT | O_WRONLY | O_TRUNC, 0644));

	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_OK(fcntl(fd, F_SETFD, 0xfe));      /* other bits ignored */
	CHECK_EQ(fcntl(fd, F_GETFD), 0);

	int fl = CHECK_OK(fcntl(fd, F_GETFL));
	CHECK_EQ(fl & O_ACCMODE, O_WRONLY);
	CHECK(!(fl & (O_CREAT | O_TRUNC)));       /* creation flags are not kept */
	CHECK_OK(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDWR));
	fl = CHECK_OK(fcntl(fd, F_GETFL));
	CHECK_EQ(fl & O_ACCMODE, O_WRONLY);       /* access mode unchanged */
	CHECK(fl & O_APPEND);
	CHECK(fl & O_NONBLOCK);
	CHECK_OK(fcntl(fd, F_SETFL, 0));
	fl = CHECK_OK(fcntl(fd, F_GETFL));
	CHECK(!(fl & (O_APPEND | O_NONBLOCK)));

	int ro = CHECK_OK(open("f", O_RDONLY));
	CHECK_EQ(fcntl(ro, F_GETFL) & O_ACCMODE, O_RDONLY);
	int rw = CHECK_OK(open("f", O_RDWR));
	CHECK_EQ(fcntl(rw, F_GETFL) & O_ACCMODE, O_RDWR);

	/* O_NONBLOCK via F_SETFL on a pipe. */
	int p[2];
	CHECK_OK(pipe(p));
	char c;
	CHECK_EQ(fcntl(p[0], F_GETFL) & O_NONBLOCK, 0);
	CHECK_OK(fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK));
	CHECK_ERR(read(p[0], &c, 1), EAGAIN);
	CHECK_EQ(write(p[1], "z", 1), 1);
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, 'z');

	/* F_DUPFD: lowest free at or above the argument. */
	CHECK_EQ(fcntl(fd, F_DUPFD, 50), 50);
	CHECK_EQ(fcntl(fd, F_DUPFD, 50), 51);
	CHECK_EQ(fcntl(50, F_GETFD), 0);
	CHECK_EQ(fcntl(fd, F_DUPFD_CLOEXEC, 50), 52);
	CHECK_EQ(fcntl(52, F_GETFD), FD_CLOEXEC);
	close(51);
	CHECK_EQ(fcntl(fd, F_DUPFD, 0) < 50, 1);
	CHECK_EQ(fcntl(fd, F_DUPFD, 51), 51);

	struct rlimit rl;
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK_ERR(fcntl(fd, F_DUPFD, (int)rl.rlim_cur), EINVAL);
	CHECK_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);

	CHECK_ERR(fcntl(fd, 12345), EINVAL);
	CHECK_ERR(fcntl(999, F_GETFD), EBADF);
	CHECK_ERR(fcntl(999, F_GETFL), EBADF);
	CHECK_ERR(fcntl(-1, F_DUPFD, 0), EBADF);
	largefile();
	return 0;
}
