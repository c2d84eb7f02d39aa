// SPDX-License-Identifier: GPL-2.0
/*
 * file_time: file timestamps. utimensat/futimens set atime and mtime to
 * the nanosecond, UTIME_OMIT leaves one alone, UTIME_NOW and a NULL times
 * use the current time; any of these changes ctime to now. A write moves
 * mtime and ctime forward, chmod moves ctime only, a read does not touch
 * mtime. AT_SYMLINK_NOFOLLOW sets a link's own times. Bad nanoseconds are
 * EINVAL.
 */
#include "t.h"
#include <sys/time.h>
#include <time.h>

static struct stat st_of(const char *p)
{
	struct stat st;
	CHECK_OK(lstat(p, &st));
	return st;
}

static time_t now(void)
{
	return time(NULL);
}

int main(void)
{
	t_tmpdir();
	int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0644));
	t_write_all(fd, "x", 1);

	struct timespec ts[2] = { { 1000000000, 123456789 }, { 1100000000, 987654321 } };
	CHECK_OK(utimensat(AT_FDCWD, "f", ts, 0));
	struct stat st = st_of("f");
	CHECK_EQ(st.st_atim.tv_sec, 1000000000);
	CHECK_EQ(st.st_mtim.tv_sec, 1100000000);
	/* Sub-second parts survive on the filesystems we run on. */
	CHECK_EQ(st.st_atim.tv_nsec, 123456789);
	CHECK_EQ(st.st_mtim.tv_nsec, 987654321);
	/* ctime cannot be set: it became "now". */
	time_t t0 = now();
	CHECK(st.st_ctim.tv_sec >= t0 - 2 && st.st_ctim.tv_sec <= t0 + 1);

	/* UTIME_OMIT keeps one, changes the other. */
	struct timespec omit_a[2] = { { 0, UTIME_OMIT }, { 1200000000, 0 } };
	CHECK_OK(futimens(fd, omit_a));
	st = st_of("f");
	CHECK_EQ(st.st_atim.tv_sec, 1000000000);
	CHECK_EQ(st.st_mtim.tv_sec, 1200000000);
	struct timespec omit_m[2] = { { 1300000000, 0 }, { 0, UTIME_OMIT } };
	CHECK_OK(futimens(fd, omit_m));
	st = st_of("f");
	CHECK_EQ(st.st_atim.tv_sec, 1300000000);
	CHECK_EQ(st.st_mtim.tv_sec, 1200000000);

	/* UTIME_NOW and NULL: current time. */
	struct timespec now_m[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
	CHECK_OK(utimensat(AT_FDCWD, "f", now_m, 0));
	st = st_of("f");
	CHECK_EQ(st.st_atim.tv_sec, 1300000000);
	CHECK(st.st_mtim.tv_sec >= t0 - 2);
	CHECK_OK(utimensat(AT_FDCWD, "f", ts, 0));
	CHECK_OK(utimensat(AT_FDCWD, "f", NULL, 0));
	st = st_of("f");
	CHECK(st.st_atim.tv_sec >= t0 - 2);
	CHECK(st.st_mtim.tv_sec >= t0 - 2);
	CHECK_OK(utimes("f", NULL));

	/* Writes move mtime and ctime; reads do not move mtime. */
	CHECK_OK(utimensat(AT_FDCWD, "f", ts, 0));
	char c;
	CHECK_EQ(pread(fd, &c, 1, 0), 1);
	st = st_of("f");
	CHECK_EQ(st.st_mtim.tv_sec, 1100000000);
	CHECK_EQ(pwrite(fd, "y", 1, 0), 1);
	st = st_of("f");
	CHECK(st.st_mtim.tv_sec >= t0 - 2);
	CHECK(st.st_ctim.tv_sec >= t0 - 2);

	/* chmod touches ctime only. */
	CHECK_OK(utimensat(AT_FDCWD, "f", ts, 0));
	struct stat before = st_of("f");
	CHECK_OK(fchmod(fd, 0600));
	st = st_of("f");
	CHECK_EQ(st.st_mtim.tv_sec, 1100000000);
	CHECK(st.st_ctim.tv_sec >= before.st_ctim.tv_sec);

	/* A symlink's own times. */
	CHECK_OK(symlink("f", "sl"));
	CHECK_OK(utimensat(AT_FDCWD, "sl", ts, AT_SYMLINK_NOFOLLOW));
	st = st_of("sl");
	CHECK_EQ(st.st_mtim.tv_sec, 1100000000);

	/* A directory's mtime moves when an entry is added. */
	CHECK_OK(utimensat(AT_FDCWD, ".", ts, 0));
	int g = CHECK_OK(creat("g", 0644));
	close(g);
	st = st_of(".");
	CHECK(st.st_mtim.tv_sec >= t0 - 2);

	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	CHECK_ERR(utimensat(AT_FDCWD, "f", bad, 0), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "missing", ts, 0), ENOENT);
	CHECK_ERR(utimensat(AT_FDCWD, "f", ts, 0x4), EINVAL);
	close(fd);
	return 0;
}
