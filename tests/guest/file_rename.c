// SPDX-License-Identifier: GPL-2.0
/*
 * file_rename: rename and renameat2. A file renamed over another replaces
 * it atomically (the old target's inode lives on only through open fds);
 * renaming onto itself or another link of the same inode does nothing;
 * directories move with their contents and can replace an empty directory
 * but not a non-empty one (ENOTEMPTY); file over directory is EISDIR,
 * directory over file ENOTDIR; a directory cannot move into itself
 * (EINVAL); RENAME_NOREPLACE gives EEXIST and RENAME_EXCHANGE swaps.
 */
#include "t.h"
#include <sys/syscall.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

static void put(const char *path, const char *text)
{
	int fd = CHECK_OK(open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644));
	t_write_all(fd, text, strlen(text));
	close(fd);
}

static void expect(const char *path, const char *text)
{
	char buf[64] = { 0 };
	int fd = CHECK_OK(open(path, O_RDONLY));
	CHECK_OK(read(fd, buf, sizeof(buf) - 1));
	close(fd);
	CHECK_STR(buf, text);
}

static int rename2(const char *a, const char *b, unsigned flags)
{
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static void files(void)
{
	struct stat st_old, st_new;
	put("a", "AAA");
	put("b", "BBB");
	CHECK_OK(stat("a", &st_old));
	int hold = CHECK_OK(open("b", O_RDONLY));

	CHECK_OK(rename("a", "b"));
	CHECK_ERR(access("a", F_OK), ENOENT);
	expect("b", "AAA");
	CHECK_OK(stat("b", &st_new));
	CHECK_EQ(st_new.st_ino, st_old.st_ino);
	/* The replaced file is still readable through the open fd. */
	char buf[4] = { 0 };
	CHECK_EQ(read(hold, buf, 3), 3);
	CHECK_STR(buf, "BBB");
	struct stat st_hold;
	CHECK_OK(fstat(hold, &st_hold));
	CHECK_EQ(st_hold.st_nlink, 0);
	close(hold);

	/* Same name, or two links to one inode: success, nothing changes. */
	CHECK_OK(rename("b", "b"));
	CHECK_OK(link("b", "b2"));
	CHECK_OK(rename("b", "b2"));
	CHECK_OK(access("b", F_OK));
	CHECK_OK(access("b2", F_OK));
	CHECK_OK(unlink("b2"));

	CHECK_ERR(rename("missing", "x"), ENOENT);
	CHECK_ERR(rename("b", "nodir/x"), ENOENT);
	CHECK_ERR(rename("b", ""), ENOENT);
}

static void directories(void)
{
	CHECK_OK(mkdir("d1", 0755));
	put("d1/inner", "in");
	CHECK_OK(rename("d1", "d2"));
	expect("d2/inner", "in");
	CHECK_ERR(access("d1", F_OK), ENOENT);

	CHECK_OK(mkdir("empty", 0755));
	CHECK_OK(rename("d2", "empty"));            /* over an empty dir */
	expect("empty/inner", "in");

	CHECK_OK(mkdir("full", 0755));
	put("full/x", "x");
	CHECK_OK(mkdir("d3", 0755));
	/* POSIX allows EEXIST too; Linux says ENOTEMPTY. */
	CHECK_ERR(rename("d3", "full"), ENOTEMPTY);

	put("file", "f");
	CHECK_ERR(rename("file", "d3"), EISDIR);
	CHECK_ERR(rename("d3", "file"), ENOTDIR);
	CHECK_ERR(rename("d3", "d3/sub"), EINVAL);
	CHECK_OK(mkdir("d3/sub", 0755));
	CHECK_ERR(rename("d3", "d3/sub/deeper"), EINVAL);
	CHECK_ERR(rename("d3/.", "x"), EBUSY);      /* "." or ".." as the last part */

	/* nlink of the parents follows a moved directory's "..". */
	struct stat p1, p2;
	CHECK_OK(stat("d3", &p1));
	CHECK_OK(stat("full", &p2));
	CHECK_OK(rename("d3/sub", "full/sub"));
	struct stat q1, q2;
	CHECK_OK(stat("d3", &q1));
	CHECK_OK(stat("full", &q2));
	CHECK_EQ(q1.st_nlink, p1.st_nlink - 1);
	CHECK_EQ(q2.st_nlink, p2.st_nlink + 1);
}

static void flags(void)
{
	put("x", "XX");
	put("y", "YY");
	CHECK_ERR(rename2("x", "y", RENAME_NOREPLACE), EEXIST);
	expect("y", "YY");
	CHECK_OK(rename2("x", "z", RENAME_NOREPLACE));
	expect("z", "XX");
	CHECK_OK(rename2("z", "y", RENAME_EXCHANGE));
	expect("z", "YY");
	expect("y", "XX");
	CHECK_ERR(rename2("z", "nothere", RENAME_EXCHANGE), ENOENT);
	CHECK_ERR(rename2("z", "y", RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
}

int main(void)
{
	t_tmpdir();
	files();
	directories();
	flags();
	return 0;
}
