// SPDX-License-Identifier: GPL-2.0
/*
 * file_link: hard and symbolic links. link adds a name (st_nlink counts
 * them, both names share the inode and data); unlink removes one and the
 * data lives while any name or open fd remains; linking a directory is
 * EPERM and onto an existing name EEXIST. symlink stores any text;
 * readlink returns it without a NUL (truncated to the buffer), lstat
 * reports S_IFLNK with st_size = its length, stat follows it; a dangling
 * link fails stat with ENOENT; readlink on a non-link is EINVAL; a loop of
 * links is ELOOP.
 */
#include "t.h"
#include <sys/syscall.h>

static void hard(void)
{
	int fd = CHECK_OK(open("a", O_CREAT | O_RDWR, 0644));
	t_write_all(fd, "data", 4);
	struct stat s1, s2;
	CHECK_OK(fstat(fd, &s1));
	CHECK_EQ(s1.st_nlink, 1);

	CHECK_OK(link("a", "b"));
	CHECK_OK(stat("b", &s2));
	CHECK_EQ(s2.st_ino, s1.st_ino);
	CHECK_EQ(s2.st_nlink, 2);
	CHECK_OK(fstat(fd, &s1));
	CHECK_EQ(s1.st_nlink, 2);

	CHECK_ERR(link("a", "b"), EEXIST);
	CHECK_ERR(link("missing", "c"), ENOENT);
	CHECK_OK(mkdir("dir", 0755));
	CHECK_ERR(link("dir", "dir2"), EPERM);

	CHECK_OK(unlink("a"));
	CHECK_ERR(unlink("a"), ENOENT);
	CHECK_OK(stat("b", &s2));
	CHECK_EQ(s2.st_nlink, 1);
	CHECK_OK(unlink("b"));
	/* No names left; the open fd still reads the data. */
	CHECK_OK(fstat(fd, &s1));
	CHECK_EQ(s1.st_nlink, 0);
	char buf[8] = { 0 };
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 4);
	CHECK_STR(buf, "data");
	close(fd);

	CHECK_ERR(unlink("dir"), EISDIR);
	CHECK_OK(rmdir("dir"));
}

static void symbolic(void)
{
	int fd = CHECK_OK(open("target", O_CREAT | O_WRONLY, 0600));
	t_write_all(fd, "T", 1);
	close(fd);

	CHECK_OK(symlink("target", "sl"));
	struct stat ls, st;
	CHECK_OK(lstat("sl", &ls));
	CHECK(S_ISLNK(ls.st_mode));
	CHECK_EQ(ls.st_size, 6);
	CHECK_OK(stat("sl", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 1);

	char buf[64];
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(readlink("sl", buf, sizeof(buf)), 6);
	CHECK_EQ(memcmp(buf, "target", 6), 0);
	CHECK_EQ(buf[6], 'x');                       /* no NUL added */
	CHECK_EQ(readlink("sl", buf, 3), 3);         /* silently truncated */
	CHECK_EQ(memcmp(buf, "tar", 3), 0);
	CHECK_ERR(readlink("target", buf, sizeof(buf)), EINVAL);
	CHECK_ERR(readlink("missing", buf, sizeof(buf)), ENOENT);
	CHECK_ERR(syscall(SYS_readlink, "sl", buf, 0), EINVAL);   /* raw: libcs differ */

	/* Any text is allowed, including a long relative path. */
	CHECK_OK(symlink("../x/../y/./z", "odd"));
	CHECK_EQ(readlink("odd", buf, sizeof(buf)), 13);
	CHECK_ERR(symlink("target", "sl"), EEXIST);
	CHECK_ERR(symlink("", "empty"), ENOENT);

	/* Dangling. */
	CHECK_OK(symlink("nothing", "dangle"));
	CHECK_ERR(stat("dangle", &st), ENOENT);
	CHECK_OK(lstat("dangle", &ls));

	/* Loops. */
	CHECK_OK(symlink("loop2", "loop1"));
	CHECK_OK(symlink("loop1", "loop2"));
	CHECK_ERR(stat("loop1", &st), ELOOP);
	CHECK_ERR(open("loop1", O_RDONLY), ELOOP);
	CHECK_OK(symlink("self", "self"));
	CHECK_ERR(open("self", O_RDONLY), ELOOP);

	/* A link to a directory works inside a path; unlink removes the link. */
	CHECK_OK(mkdir("realdir", 0755));
	CHECK_OK(symlink("realdir", "dl"));
	fd = CHECK_OK(open("dl/f", O_CREAT | O_WRONLY, 0600));
	close(fd);
	CHECK_OK(access("realdir/f", F_OK));
	CHECK_ERR(rmdir("dl"), ENOTDIR);
	CHECK_OK(unlink("dl"));
	CHECK_OK(access("realdir/f", F_OK));
	/* A hard link to a symlink links the symlink itself. */
	CHECK_OK(link("sl", "sl2"));
	CHECK_OK(lstat("sl2", &ls));
	CHECK(S_ISLNK(ls.st_mode));
}

int main(void)
{
	t_tmpdir();
	hard();
	symbolic();
	return 0;
}
