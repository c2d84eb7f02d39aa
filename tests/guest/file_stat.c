// SPDX-License-Identifier: GPL-2.0
/*
 * file_stat: the stat family. stat, fstat, lstat, newfstatat (with
 * AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH) and statx (the raw syscall: not
 * every libc wraps it) agree on type, mode, size, nlink, inode, device,
 * owner; st_blocks covers the data; statx fills what its mask says; stat of a pipe, a directory and /dev/null report
 * their types; bad flags are EINVAL, bad pointers EFAULT.
 */
#include "t.h"
#include "linux_abi.h"
#include <sys/syscall.h>
#include <sys/sysmacros.h>

static int xstatx(int dfd, const char *path, int flags, unsigned mask, struct t_statx *sx)
{
	return (int)syscall(SYS_statx, dfd, path, flags, mask, sx);
}

static void regular(void)
{
	int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0640));
	CHECK_OK(fchmod(fd, 0640));
	static char data[10000];
	memset(data, 1, sizeof(data));
	t_write_all(fd, data, sizeof(data));

	struct stat a, b, c, d, e;
	CHECK_OK(stat("f", &a));
	CHECK_OK(fstat(fd, &b));
	CHECK_OK(lstat("f", &c));
	CHECK_OK(fstatat(AT_FDCWD, "f", &d, 0));
	CHECK_OK(fstatat(fd, "", &e, AT_EMPTY_PATH));
	const struct stat *all[] = { &b, &c, &d, &e };
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(all[i]->st_ino, a.st_ino);
		CHECK_EQ(all[i]->st_dev, a.st_dev);
		CHECK_EQ(all[i]->st_mode, a.st_mode);
		CHECK_EQ(all[i]->st_size, a.st_size);
		CHECK_EQ(all[i]->st_nlink, a.st_nlink);
	}
	CHECK(S_ISREG(a.st_mode));
	CHECK_EQ(a.st_mode & 07777, 0640);
	CHECK_EQ(a.st_size, 10000);
	CHECK_EQ(a.st_nlink, 1);
	CHECK_EQ(a.st_uid, geteuid());
	CHECK_EQ(a.st_gid, getegid());
	CHECK(a.st_blksize > 0);
	CHECK(a.st_blocks * 512 >= 10000);

	struct t_statx sx;
	memset(&sx, 0, sizeof(sx));
	CHECK_OK(xstatx(AT_FDCWD, "f", 0, STATX_BASIC_STATS, &sx));
	CHECK_EQ(sx.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	CHECK_EQ(sx.stx_ino, a.st_ino);
	CHECK_EQ(sx.stx_size, 10000);
	CHECK_EQ(sx.stx_mode, a.st_mode);
	CHECK_EQ(sx.stx_nlink, 1);
	CHECK_EQ(sx.stx_uid, a.st_uid);
	CHECK_EQ(makedev(sx.stx_dev_major, sx.stx_dev_minor), a.st_dev);
	CHECK_EQ(sx.stx_mtime.tv_sec, a.st_mtim.tv_sec);
	CHECK_EQ(sx.stx_mtime.tv_nsec, a.st_mtim.tv_nsec);
	memset(&sx, 0, sizeof(sx));
	CHECK_OK(xstatx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &sx));
	CHECK(sx.stx_mask & STATX_SIZE);
	CHECK_EQ(sx.stx_size, 10000);
	CHECK_ERR(xstatx(AT_FDCWD, "f", 0, STATX__RESERVED, &sx), EINVAL);
	CHECK_ERR(xstatx(AT_FDCWD, "f", 0x40000000, STATX_BASIC_STATS, &sx), EINVAL);
	close(fd);
}

static void links_and_types(void)
{
	CHECK_OK(symlink("f", "sl"));
	struct stat s, l;
	CHECK_OK(fstatat(AT_FDCWD, "sl", &l, AT_SYMLINK_NOFOLLOW));
	CHECK(S_ISLNK(l.st_mode));
	CHECK_EQ(l.st_size, 1);
	CHECK_OK(fstatat(AT_FDCWD, "sl", &s, 0));
	CHECK(S_ISREG(s.st_mode));
	CHECK(s.st_ino != l.st_ino);
	struct t_statx sx;
	CHECK_OK(xstatx(AT_FDCWD, "sl", AT_SYMLINK_NOFOLLOW, STATX_TYPE, &sx));
	CHECK(S_ISLNK(sx.stx_mode));

	CHECK_OK(stat(".", &s));
	CHECK(S_ISDIR(s.st_mode));
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_OK(fstat(p[0], &s));
	CHECK(S_ISFIFO(s.st_mode));
	close(p[0]);
	close(p[1]);
	CHECK_OK(stat("/dev/null", &s));
	CHECK(S_ISCHR(s.st_mode));
	CHECK_EQ(major(s.st_rdev), 1);
	CHECK_EQ(minor(s.st_rdev), 3);
	CHECK_OK(mkfifo("fifo", 0600));
	CHECK_OK(stat("fifo", &s));
	CHECK(S_ISFIFO(s.st_mode));
}

static void errors(void)
{
	struct stat s;
	CHECK_ERR(stat("missing", &s), ENOENT);
	CHECK_ERR(stat("f/x", &s), ENOTDIR);
	CHECK_ERR(fstat(999, &s), EBADF);
	CHECK_ERR(fstatat(AT_FDCWD, "f", &s, 0x4), EINVAL);
	CHECK_ERR(fstatat(AT_FDCWD, "", &s, 0), ENOENT);
	CHECK_ERR(syscall(SYS_newfstatat, AT_FDCWD, "f", (void *)8, 0), EFAULT);
	CHECK_ERR(syscall(SYS_stat, (void *)8, &s), EFAULT);
}

int main(void)
{
	t_tmpdir();
	regular();
	links_and_types();
	errors();
	return 0;
}
