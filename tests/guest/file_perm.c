// SPDX-License-Identifier: GPL-2.0
/*
 * file_perm: modes, owners and access checks. umask masks the mode of
 * open(O_CREAT), mkdir and mkfifo and returns the previous mask; chmod and
 * fchmod set all 12 mode bits; root can chown/fchown/lchown to any ids
 * (lchown changes the link, not its target); access() as root passes R/W
 * but X only when some x bit is set. As an unprivileged user (a child
 * after setresuid) permission bits are enforced: EACCES for open and
 * access, EPERM for chmod/chown of another's file.
 */
#include "t.h"
#include <grp.h>

static mode_t mode_of(const char *p)
{
	struct stat st;
	CHECK_OK(lstat(p, &st));
	return st.st_mode & 07777;
}

static void umasks(void)
{
	umask(0);
	CHECK_EQ(umask(077), 0);
	int fd = CHECK_OK(open("u1", O_CREAT | O_WRONLY, 0666));
	close(fd);
	CHECK_EQ(mode_of("u1"), 0600);
	CHECK_OK(mkdir("u2", 0777));
	CHECK_EQ(mode_of("u2"), 0700);
	CHECK_EQ(umask(002), 077);
	CHECK_OK(mkfifo("u3", 0666));
	CHECK_EQ(mode_of("u3"), 0664);
	/* The mask never adds bits. */
	fd = CHECK_OK(open("u4", O_CREAT | O_WRONLY, 0400));
	close(fd);
	CHECK_EQ(mode_of("u4"), 0400);
	umask(022);
}

static void modes(void)
{
	int fd = CHECK_OK(open("m", O_CREAT | O_RDWR, 0644));
	CHECK_OK(chmod("m", 07755));
	CHECK_EQ(mode_of("m"), 07755);
	CHECK_OK(fchmod(fd, 0));
	CHECK_EQ(mode_of("m"), 0);
	/* The open fd still works: permissions are checked at open. */
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_OK(fchmod(fd, 0640));
	CHECK_ERR(chmod("missing", 0644), ENOENT);
	close(fd);
}

static void owners(void)
{
	int fd = CHECK_OK(open("o", O_CREAT | O_RDWR, 0644));
	CHECK_OK(chown("o", 1234, 5678));
	struct stat st;
	CHECK_OK(stat("o", &st));
	CHECK_EQ(st.st_uid, 1234);
	CHECK_EQ(st.st_gid, 5678);
	CHECK_OK(fchown(fd, -1, 42));             /* -1 leaves the uid */
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_uid, 1234);
	CHECK_EQ(st.st_gid, 42);
	close(fd);

	CHECK_OK(symlink("o", "ol"));
	CHECK_OK(lchown("ol", 77, 88));
	CHECK_OK(lstat("ol", &st));
	CHECK_EQ(st.st_uid, 77);
	CHECK_OK(stat("ol", &st));
	CHECK_EQ(st.st_uid, 1234);
	CHECK_OK(chown("o", 0, 0));
}

static void access_checks(void)
{
	int fd = CHECK_OK(open("a", O_CREAT | O_WRONLY, 0644));
	close(fd);
	CHECK_OK(chmod("a", 0));
	/* Root: read and write regardless, execute only with an x bit. */
	CHECK_OK(access("a", R_OK | W_OK));
	CHECK_ERR(access("a", X_OK), EACCES);
	CHECK_OK(chmod("a", 0001));
	CHECK_OK(access("a", X_OK));
	CHECK_ERR(access("missing", F_OK), ENOENT);
	CHECK_ERR(access("a", 0100), EINVAL);

	/* As nobody, the bits count. */
	CHECK_OK(chmod("a", 0640));
	CHECK_OK(chmod(".", 0755));
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setgroups(0, NULL));
		CHECK_OK(setresgid(65534, 65534, 65534));
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_ERR(access("a", R_OK), EACCES);
		CHECK_ERR(open("a", O_RDONLY), EACCES);
		CHECK_ERR(open("new", O_CREAT | O_WRONLY, 0644), EACCES);  /* dir not writable */
		CHECK_ERR(chmod("a", 0777), EPERM);
		CHECK_ERR(chown("a", 65534, 65534), EPERM);
		CHECK_ERR(unlink("a"), EACCES);
		CHECK_OK(access(".", R_OK | X_OK));
		_exit(0);
	}
	t_wait_ok(pid);

	/* The group bits apply to a member of the file's group. */
	CHECK_OK(chown("a", 0, 65534));
	pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setgroups(0, NULL));
		CHECK_OK(setresgid(65534, 65534, 65534));
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_OK(access("a", R_OK));
		CHECK_ERR(access("a", W_OK), EACCES);
		int f = CHECK_OK(open("a", O_RDONLY));
		close(f);
		_exit(0);
	}
	t_wait_ok(pid);
}

int main(void)
{
	t_tmpdir();
	umasks();
	modes();
	owners();
	if (geteuid() == 0)
		access_checks();
	return 0;
}
