// SPDX-License-Identifier: GPL-2.0
/*
 * file_open: open flags and file size. O_CREAT makes a file with
 * mode & ~umask, O_EXCL refuses an existing name (EEXIST, also for a
 * dangling symlink), O_TRUNC empties, O_DIRECTORY insists on a directory
 * (ENOTDIR), O_NOFOLLOW refuses a final symlink (ELOOP), O_PATH gives a
 * descriptor that cannot read (EBADF), O_TMPFILE makes an unnamed file;
 * the lowest free descriptor is used. ftruncate/truncate grow with zeros
 * and shrink; a negative length is EINVAL, as is ftruncate on a read-only fd.
 */
#include "t.h"

static void create_flags(void)
{
	umask(022);
	int fd = CHECK_OK(open("f", O_CREAT | O_WRONLY, 0666));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_mode & 07777, 0644);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 0);
	t_write_all(fd, "content", 7);
	close(fd);

	CHECK_ERR(open("f", O_CREAT | O_EXCL | O_WRONLY, 0600), EEXIST);
	/* O_CREAT alone opens the existing file and keeps its data and mode. */
	fd = CHECK_OK(open("f", O_CREAT | O_RDONLY, 0600));
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 7);
	CHECK_EQ(st.st_mode & 07777, 0644);
	close(fd);

	fd = CHECK_OK(open("f", O_RDWR | O_TRUNC));
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);
	close(fd);

	CHECK_OK(symlink("nowhere", "dangling"));
	CHECK_ERR(open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0600), EEXIST);
	/* Without O_EXCL, O_CREAT follows the link and creates its target. */
	fd = CHECK_OK(open("dangling", O_CREAT | O_WRONLY, 0600));
	close(fd);
	CHECK_OK(access("nowhere", F_OK));

	/* Lowest free descriptor. */
	int a = CHECK_OK(open("f", O_RDONLY));
	int b = CHECK_OK(open("f", O_RDONLY));
	close(a);
	CHECK_EQ(open("f", O_RDONLY), a);
	close(a);
	close(b);
}

static void special_flags(void)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERR(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	int fd = CHECK_OK(open("d", O_RDONLY | O_DIRECTORY));
	close(fd);
	CHECK_ERR(open("d", O_WRONLY), EISDIR);
	CHECK_ERR(open("d", O_RDWR), EISDIR);

	CHECK_OK(symlink("f", "link"));
	CHECK_ERR(open("link", O_RDONLY | O_NOFOLLOW), ELOOP);
	fd = CHECK_OK(open("link", O_RDONLY));
	close(fd);

	fd = CHECK_OK(open("f", O_PATH));
	char c;
	CHECK_ERR(read(fd, &c, 1), EBADF);
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode));
	close(fd);
	fd = CHECK_OK(open("link", O_PATH | O_NOFOLLOW));
	CHECK_OK(fstat(fd, &st));
	CHECK(S_ISLNK(st.st_mode));
	close(fd);

	/* An unnamed file in d: usable, but no name appears. */
	fd = open("d", O_TMPFILE | O_RDWR, 0600);
	if (fd >= 0) {
		t_write_all(fd, "tmp", 3);
		CHECK_OK(fstat(fd, &st));
		CHECK_EQ(st.st_nlink, 0);
		CHECK_EQ(st.st_size, 3);
		close(fd);
	} else {
		/* Only a filesystem without O_TMPFILE support may say so. */
		CHECK_EQ(errno, EOPNOTSUPP);
	}
	CHECK_OK(rmdir("d"));         /* empty: the unnamed file left no entry */
}

static void truncation(void)
{
	int fd = CHECK_OK(open("t", O_CREAT | O_RDWR | O_TRUNC, 0644));
	t_write_all(fd, "abcdef", 6);
	CHECK_OK(ftruncate(fd, 3));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 3);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6);     /* offset is not moved */
	CHECK_OK(ftruncate(fd, 10000));
	char buf[10000];
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 10000);
	CHECK_EQ(memcmp(buf, "abc", 3), 0);
	for (int i = 3; i < 10000; i++)
		if (buf[i])
			t_failf(__FILE__, __LINE__, "byte %d (got %d, want 0)", i, buf[i]);
	/* Data written past the new end is not resurrected by growing again. */
	CHECK_OK(ftruncate(fd, 1));
	CHECK_OK(ftruncate(fd, 3));
	CHECK_EQ(pread(fd, buf, 3, 0), 3);
	CHECK_EQ(memcmp(buf, "a\0\0", 3), 0);

	CHECK_OK(truncate("t", 2));
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 2);
	CHECK_ERR(ftruncate(fd, -1), EINVAL);
	CHECK_ERR(truncate("t", -1), EINVAL);
	CHECK_ERR(truncate("missing", 0), ENOENT);
	CHECK_ERR(truncate(".", 0), EISDIR);
	close(fd);
	fd = CHECK_OK(open("t", O_RDONLY));
	CHECK_ERR(ftruncate(fd, 0), EINVAL);
	close(fd);
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(ftruncate(p[1], 0), EINVAL);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	t_tmpdir();
	create_flags();
	special_flags();
	truncation();
	return 0;
}
