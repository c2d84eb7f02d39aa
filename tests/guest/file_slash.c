// SPDX-License-Identifier: GPL-2.0
/*
 * file_slash: trailing slashes and the last component of a name, as Linux
 * treats them. "name/" asks for a directory: unlink of a file that way is
 * ENOTDIR, mknod/symlink/link to a new "name/" ENOENT (EEXIST if taken),
 * rename of a non-directory with a slash on either side ENOTDIR, and a
 * symlink followed through "link/" must lead to a directory. open with
 * O_CREAT follows a final symlink (unless O_EXCL or O_NOFOLLOW) and creates
 * its target, also through a chain of links or an absolute one; "name/" or
 * "." with O_CREAT is EISDIR. Opening a socket node is ENXIO.
 */
#include "t.h"

static void name_ops(void)
{
	struct stat st;
	int fd = CHECK_OK(open("file", O_CREAT | O_WRONLY, 0644));
	close(fd);
	CHECK_OK(mkdir("dir", 0755));
	CHECK_OK(symlink("file", "lf"));
	CHECK_OK(symlink("dir", "ld"));

	CHECK_ERR(unlink("file/"), ENOTDIR);
	CHECK_ERR(unlink("dir/"), EISDIR);
	CHECK_ERR(unlink("none/"), ENOENT);
	CHECK_ERR(unlink("lf/"), ENOTDIR);       /* the link itself, not followed */
	CHECK_ERR(unlink("ld/"), ENOTDIR);
	CHECK_ERR(rmdir("file/"), ENOTDIR);
	CHECK_ERR(rmdir("lf/"), ENOTDIR);
	CHECK_ERR(mkdir("file/", 0755), EEXIST);
	CHECK_OK(mkdir("nd/", 0755));            /* a new directory may say so */
	CHECK_OK(rmdir("nd//"));

	CHECK_ERR(mknod("nn/", S_IFIFO | 0644, 0), ENOENT);
	CHECK_ERR(mknod("file/", S_IFIFO | 0644, 0), EEXIST);
	CHECK_ERR(symlink("x", "ns/"), ENOENT);
	CHECK_ERR(symlink("x", "file/"), EEXIST);
	CHECK_ERR(link("file", "nl/"), ENOENT);
	CHECK_ERR(link("file/", "nl"), ENOTDIR);
	CHECK_ERR(link("file", "dir/"), EEXIST);
	CHECK_ERR(access("nn", F_OK), ENOENT);
	CHECK_ERR(access("ns", F_OK), ENOENT);
	CHECK_ERR(access("nl", F_OK), ENOENT);

	CHECK_ERR(rename("file/", "x"), ENOTDIR);
	CHECK_ERR(rename("file", "x/"), ENOTDIR);
	CHECK_ERR(rename("file", "file/"), ENOTDIR);
	CHECK_ERR(rename("none/", "x"), ENOENT);
	CHECK_OK(rename("dir/", "dir2/"));
	CHECK_OK(rename("dir2", "dir/"));
	CHECK_OK(access("file", F_OK));

	CHECK_ERR(stat("lf/", &st), ENOTDIR);
	CHECK_ERR(lstat("lf/", &st), ENOTDIR);   /* "link/" follows the link */
	CHECK_OK(lstat("ld/", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_ERR(open("lf/", O_RDONLY), ENOTDIR);
}

static void create_through_links(void)
{
	char abs[128];
	int fd;

	CHECK_OK(symlink("nowhere", "dangling"));
	CHECK_ERR(open("dangling/", O_CREAT | O_WRONLY, 0644), EISDIR);
	CHECK_ERR(open("file/", O_CREAT | O_RDONLY, 0644), EISDIR);
	CHECK_ERR(open("dir/", O_CREAT | O_RDONLY, 0644), EISDIR);
	CHECK_ERR(open(".", O_CREAT | O_RDONLY, 0644), EISDIR);
	CHECK_ERR(open("ld", O_CREAT | O_RDONLY, 0644), EISDIR);
	CHECK_ERR(open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	CHECK_ERR(open("dangling", O_CREAT | O_NOFOLLOW | O_WRONLY, 0644), ELOOP);
	CHECK_ERR(open("lf", O_CREAT | O_NOFOLLOW | O_RDONLY, 0644), ELOOP);
	CHECK_ERR(access("nowhere", F_OK), ENOENT);

	/* A chain: d2 -> dangling -> nowhere. */
	CHECK_OK(symlink("dangling", "d2"));
	fd = CHECK_OK(open("d2", O_CREAT | O_WRONLY, 0600));
	close(fd);
	CHECK_OK(access("nowhere", F_OK));
	/* Into another directory, and through "..". */
	CHECK_OK(symlink("dir/made", "d3"));
	fd = CHECK_OK(open("d3", O_CREAT | O_WRONLY, 0600));
	close(fd);
	CHECK_OK(access("dir/made", F_OK));
	CHECK_OK(symlink("dir/../made2", "d4"));
	fd = CHECK_OK(open("d4", O_CREAT | O_WRONLY, 0600));
	close(fd);
	CHECK_OK(access("made2", F_OK));
	/* Absolute. */
	snprintf(abs, sizeof(abs), "%s/made3", t_dir);
	CHECK_OK(symlink(abs, "d5"));
	fd = CHECK_OK(open("d5", O_CREAT | O_WRONLY, 0600));
	close(fd);
	CHECK_OK(access("made3", F_OK));
	/* A missing directory on the way, and a loop. */
	CHECK_OK(symlink("nodir/x", "d6"));
	CHECK_ERR(open("d6", O_CREAT | O_WRONLY, 0600), ENOENT);
	CHECK_OK(symlink("loop2", "loop1"));
	CHECK_OK(symlink("loop1", "loop2"));
	CHECK_ERR(open("loop1", O_CREAT | O_WRONLY, 0600), ELOOP);
}

static void socket_node(void)
{
	CHECK_OK(mknod("sock", S_IFSOCK | 0644, 0));
	CHECK_ERR(open("sock", O_RDONLY), ENXIO);
	CHECK_ERR(open("sock", O_RDWR | O_CREAT, 0644), ENXIO);
	int fd = CHECK_OK(open("sock", O_PATH));
	close(fd);
	/* Permission comes first. */
	if (geteuid() != 0)
		return;
	CHECK_OK(chmod("sock", 0));
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_ERR(open("sock", O_RDONLY), EACCES);
		_exit(0);
	}
	t_wait_ok(pid);
}

int main(void)
{
	t_tmpdir();
	CHECK_OK(chmod(t_dir, 0755));
	name_ops();
	create_through_links();
	socket_node();
	return 0;
}
