// SPDX-License-Identifier: GPL-2.0
/*
 * file_setid: where set-user-id and set-group-id bits come from and when
 * they go. mkdir keeps only the permission and sticky bits of its mode
 * (07777 with umask 0 gives 01777); a directory is setgid only when its
 * parent is, and new files and directories in a setgid directory take the
 * directory's group. A write, truncate, ftruncate or O_TRUNC by a user
 * without CAP_FSETID clears S_ISUID, and S_ISGID when group-exec is set;
 * a zero-length write clears nothing; root's writes keep both bits.
 */
#include "t.h"
#include <grp.h>

static mode_t mode_of(const char *p)
{
	struct stat st;
	CHECK_OK(lstat(p, &st));
	return st.st_mode & 07777;
}

static gid_t gid_of(const char *p)
{
	struct stat st;
	CHECK_OK(lstat(p, &st));
	return st.st_gid;
}

static void mkdir_modes(void)
{
	umask(0);
	CHECK_OK(mkdir("d1", 07777));
	CHECK_EQ(mode_of("d1"), 01777);
	CHECK_OK(mkdir("d2", 06755));
	CHECK_EQ(mode_of("d2"), 0755);
	/* chmod may set them on a directory */
	CHECK_OK(chmod("d2", 02755));
	CHECK_EQ(mode_of("d2"), 02755);
	umask(022);
}

static void setgid_inherit(void)
{
	CHECK_OK(mkdir("sg", 0777));
	CHECK_OK(chown("sg", 0, 4321));
	CHECK_OK(chmod("sg", 02777));
	CHECK_OK(mkdir("sg/sub", 0755));
	CHECK_EQ(mode_of("sg/sub"), 02755);
	CHECK_EQ(gid_of("sg/sub"), 4321);
	int fd = CHECK_OK(open("sg/f", O_CREAT | O_WRONLY, 0644));
	close(fd);
	CHECK_EQ(mode_of("sg/f"), 0644);      /* files get the group, not the bit */
	CHECK_EQ(gid_of("sg/f"), 4321);
	CHECK_OK(mkfifo("sg/p", 0644));
	CHECK_EQ(gid_of("sg/p"), 4321);
	/* a plain directory passes neither on */
	CHECK_OK(mkdir("plain", 0755));
	CHECK_OK(mkdir("plain/sub", 0755));
	CHECK_EQ(mode_of("plain/sub"), 0755);
	CHECK_EQ(gid_of("plain/sub"), getegid());
}

static void make(const char *name, mode_t mode)
{
	int fd = CHECK_OK(open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644));
	t_write_all(fd, "data", 4);
	close(fd);
	CHECK_OK(chmod(name, mode));
}

/* In a child as nobody, run what on name and return the mode left. */
static void as_nobody(const char *name, int what)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setgroups(0, NULL));
		CHECK_OK(setresgid(65534, 65534, 65534));
		CHECK_OK(setresuid(65534, 65534, 65534));
		int fd;
		switch (what) {
		case 0:
			fd = CHECK_OK(open(name, O_WRONLY));
			CHECK_EQ(write(fd, "x", 1), 1);
			close(fd);
			break;
		case 1:
			fd = CHECK_OK(open(name, O_WRONLY));
			CHECK_EQ(write(fd, "", 0), 0);
			close(fd);
			break;
		case 2:
			CHECK_OK(truncate(name, 1));
			break;
		case 3:
			fd = CHECK_OK(open(name, O_WRONLY));
			CHECK_OK(ftruncate(fd, 2));
			close(fd);
			break;
		case 4:
			fd = CHECK_OK(open(name, O_WRONLY | O_TRUNC));
			close(fd);
			break;
		}
		_exit(0);
	}
	t_wait_ok(pid);
}

static void write_clears(void)
{
	CHECK_OK(chmod(".", 0777));
	make("w", 06777);
	as_nobody("w", 0);
	CHECK_EQ(mode_of("w"), 0777);

	make("z", 06777);
	as_nobody("z", 1);                    /* nothing written: nothing cleared */
	CHECK_EQ(mode_of("z"), 06777);

	make("t", 06777);
	as_nobody("t", 2);
	CHECK_EQ(mode_of("t"), 0777);
	make("ft", 06777);
	as_nobody("ft", 3);
	CHECK_EQ(mode_of("ft"), 0777);
	make("ot", 06777);
	as_nobody("ot", 4);
	CHECK_EQ(mode_of("ot"), 0777);

	/* setgid without group-exec stays for a member of the file's group */
	make("g", 02666);
	CHECK_OK(chown("g", 0, 65534));
	as_nobody("g", 0);
	CHECK_EQ(mode_of("g"), 02666);
	make("u", 04666);
	as_nobody("u", 0);
	CHECK_EQ(mode_of("u"), 0666);

	/* root has CAP_FSETID: its writes and truncates keep the bits */
	make("r", 06777);
	int fd = CHECK_OK(open("r", O_WRONLY | O_APPEND));
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_OK(ftruncate(fd, 1));
	close(fd);
	CHECK_EQ(mode_of("r"), 06777);
}

int main(void)
{
	t_tmpdir();
	mkdir_modes();
	if (geteuid() != 0)
		return 0;
	setgid_inherit();
	write_clears();
	return 0;
}
