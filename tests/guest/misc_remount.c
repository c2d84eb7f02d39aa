// SPDX-License-Identifier: GPL-2.0
/*
 * misc_remount: mount options and states beyond misc_mount (as root). A
 * read-only tmpfs refuses every change with EROFS; remounting it rw works,
 * and back to ro is EBUSY while a file is open for writing. umount2: bad
 * flags EINVAL, MNT_EXPIRE EBUSY when busy, else EAGAIN then done;
 * MNT_DETACH of a busy mount leaves its open files working. UMOUNT_NOFOLLOW
 * does not follow a symlink to the mount. Mounts stack; a bind mount can
 * be made read-only alone, and a file bound on a file is what open (also
 * with O_CREAT) reaches. tmpfs options: bad ones EINVAL; size= and
 * nr_inodes= are limits (ENOSPC), statfs and /proc/mounts report them,
 * fallocate past the size fails whole. A tmpfs is ENOTDIR on a file.
 */
#include "t.h"
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/vfs.h>

static char mnt[256];

/* The /proc/mounts options of the mount on dir, or "" if none. */
static const char *mount_opts(const char *dir)
{
	static char buf[65536], opts[1024];
	int fd = CHECK_OK(open("/proc/mounts", O_RDONLY));
	size_t n = t_read_full(fd, buf, sizeof(buf) - 1);

	buf[n] = 0;
	close(fd);
	opts[0] = 0;
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		char d[4096], o[1024];
		if (sscanf(l, "%*s %4095s %*s %1023s", d, o) == 2 && !strcmp(d, dir))
			snprintf(opts, sizeof(opts), "%s", o);
	}
	return opts;
}

static void bad_calls(void)
{
	int fd = CHECK_OK(creat("file", 0644));
	close(fd);
	CHECK_ERR(mount("none", "file", "tmpfs", 0, NULL), ENOTDIR);
	CHECK_ERR(umount(mnt), EINVAL);
	CHECK_ERR(umount("missing"), ENOENT);
	CHECK_ERR(umount2(mnt, 0x100), EINVAL);
	CHECK_ERR(umount2(mnt, MNT_EXPIRE | MNT_FORCE), EINVAL);
	CHECK_ERR(umount2(mnt, MNT_EXPIRE | MNT_DETACH), EINVAL);
	CHECK_ERR(mount("none", mnt, "tmpfs", 0, "size=abc"), EINVAL);
	CHECK_ERR(mount("none", mnt, "tmpfs", 0, "bogus=1"), EINVAL);
	CHECK_ERR(mount("none", mnt, "tmpfs", 0, "mode=999"), EINVAL);
	CHECK_ERR(mount("none", mnt, "tmpfs", 0, "size"), EINVAL);
}

static void read_only(void)
{
	struct statfs sfs;
	int fd;

	CHECK_OK(mount("none", mnt, "tmpfs", MS_RDONLY, "size=64k"));
	CHECK(!strncmp(mount_opts(mnt), "ro,", 3));
	CHECK_OK(statfs(mnt, &sfs));
	CHECK(sfs.f_flags & ST_RDONLY);
	CHECK_ERR(creat("mnt/x", 0644), EROFS);
	CHECK_ERR(mkdir("mnt/d", 0755), EROFS);
	CHECK_ERR(mknod("mnt/p", S_IFIFO | 0644, 0), EROFS);
	CHECK_ERR(symlink("a", "mnt/l"), EROFS);
	CHECK_ERR(access("mnt", W_OK), EROFS);
	CHECK_ERR(chmod("mnt", 0700), EROFS);
	CHECK_ERR(utimes("mnt", NULL), EROFS);

	CHECK_OK(mount(NULL, mnt, NULL, MS_REMOUNT, NULL));
	CHECK(!strncmp(mount_opts(mnt), "rw,", 3));
	fd = CHECK_OK(creat("mnt/x", 0644));
	CHECK_ERR(mount(NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL), EBUSY);
	CHECK_EQ(write(fd, "a", 1), 1);
	close(fd);
	CHECK_OK(mount(NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL));
	CHECK_ERR(open("mnt/x", O_WRONLY), EROFS);
	CHECK_ERR(unlink("mnt/x"), EROFS);
	CHECK_ERR(truncate("mnt/x", 0), EROFS);
	fd = CHECK_OK(open("mnt/x", O_RDONLY));
	CHECK_ERR(ftruncate(fd, 0), EINVAL);
	close(fd);
	CHECK_OK(mount(NULL, mnt, NULL, MS_REMOUNT, NULL));
	CHECK_OK(umount(mnt));
}

static void umount_flags(void)
{
	char sub[300], c;
	int fd;

	snprintf(sub, sizeof(sub), "%s/sub", mnt);
	CHECK_OK(mount("none", mnt, "tmpfs", 0, NULL));
	CHECK_OK(mkdir(sub, 0755));
	CHECK_OK(mount("none", sub, "tmpfs", 0, NULL));
	CHECK_ERR(umount(mnt), EBUSY);            /* a mount below it */
	CHECK_ERR(rmdir(sub), EBUSY);
	CHECK_ERR(rename(sub, "mnt/other"), EBUSY);
	CHECK_OK(umount(sub));

	fd = CHECK_OK(creat("mnt/x", 0644));
	t_write_all(fd, "a", 1);
	close(fd);
	fd = CHECK_OK(open("mnt/x", O_RDONLY));
	CHECK_ERR(umount(mnt), EBUSY);            /* an open file */
	CHECK_ERR(umount2(mnt, MNT_EXPIRE), EBUSY);
	CHECK_OK(umount2(mnt, MNT_DETACH));
	CHECK_EQ(read(fd, &c, 1), 1);             /* still works, detached */
	CHECK_EQ(c, 'a');
	close(fd);
	CHECK_ERR(access("mnt/x", F_OK), ENOENT);
	CHECK_ERR(umount(mnt), EINVAL);

	CHECK_OK(mount("none", mnt, "tmpfs", 0, NULL));
	CHECK_ERR(umount2(mnt, MNT_EXPIRE), EAGAIN);
	CHECK_OK(umount2(mnt, MNT_EXPIRE));

	CHECK_OK(mount("none", mnt, "tmpfs", 0, NULL));
	CHECK_OK(symlink(mnt, "lnk"));
	CHECK_ERR(umount2("lnk", UMOUNT_NOFOLLOW), EINVAL);
	CHECK_OK(umount2("lnk", 0));
}

static void stacking_and_bind(void)
{
	struct stat st;
	int fd;

	CHECK_OK(mount("none", mnt, "tmpfs", 0, "mode=0700"));
	CHECK_OK(mount("none", mnt, "tmpfs", 0, "mode=0711"));
	CHECK_OK(stat(mnt, &st));
	CHECK_EQ(st.st_mode & 0777, 0711);
	CHECK_OK(umount(mnt));
	CHECK_OK(stat(mnt, &st));
	CHECK_EQ(st.st_mode & 0777, 0700);
	CHECK_OK(umount(mnt));
	CHECK_OK(stat(mnt, &st));
	CHECK_EQ(st.st_mode & 0777, 0755);

	CHECK_OK(mkdir("src", 0755));
	fd = CHECK_OK(creat("src/inside", 0644));
	close(fd);
	CHECK_OK(mount("src", mnt, NULL, MS_BIND, NULL));
	CHECK_OK(access("mnt/inside", F_OK));
	CHECK_OK(mount(NULL, mnt, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
	CHECK_ERR(creat("mnt/y", 0644), EROFS);
	fd = CHECK_OK(creat("src/y", 0644));     /* the original stays writable */
	close(fd);
	CHECK_OK(access("mnt/y", F_OK));
	CHECK_OK(umount(mnt));

	/* A file on a file; a directory on a file is ENOTDIR. */
	fd = CHECK_OK(creat("target", 0644));
	close(fd);
	CHECK_OK(mount("src/inside", "target", NULL, MS_BIND, NULL));
	fd = CHECK_OK(open("target", O_CREAT | O_WRONLY | O_TRUNC, 0644));
	t_write_all(fd, "via bind", 8);
	close(fd);
	CHECK_OK(stat("src/inside", &st));
	CHECK_EQ(st.st_size, 8);
	CHECK_OK(umount("target"));
	CHECK_OK(stat("target", &st));
	CHECK_EQ(st.st_size, 0);
	CHECK_ERR(mount("src", "target", NULL, MS_BIND, NULL), ENOTDIR);
}

static void limits(void)
{
	static char chunk[8192];
	struct statfs sfs;
	long total = 0;
	ssize_t w;
	int fd;

	CHECK_OK(mount("none", mnt, "tmpfs", 0, "size=64k,nr_inodes=3"));
	CHECK(strstr(mount_opts(mnt), ",size=64k,nr_inodes=3"));
	CHECK_OK(statfs(mnt, &sfs));
	CHECK_EQ(sfs.f_blocks, 16);
	CHECK_EQ(sfs.f_bfree, 16);
	CHECK_EQ(sfs.f_files, 3);
	CHECK_EQ(sfs.f_ffree, 2);                 /* the root is one */

	fd = CHECK_OK(creat("mnt/a", 0644));
	while ((w = write(fd, chunk, sizeof(chunk))) > 0)
		total += w;
	CHECK_EQ(errno, ENOSPC);
	CHECK_EQ(total, 65536);
	CHECK_OK(statfs(mnt, &sfs));
	CHECK_EQ(sfs.f_bfree, 0);
	CHECK_OK(ftruncate(fd, 4096));
	CHECK_OK(statfs(mnt, &sfs));
	CHECK_EQ(sfs.f_bfree, 15);
	CHECK_OK(ftruncate(fd, 1 << 20));         /* a hole takes no space */
	CHECK_ERR(fallocate(fd, 0, 0, 1 << 20), ENOSPC);
	CHECK_OK(statfs(mnt, &sfs));
	CHECK_EQ(sfs.f_bfree, 15);                /* nothing kept from it */
	close(fd);

	fd = CHECK_OK(creat("mnt/b", 0644));
	close(fd);
	CHECK_ERR(creat("mnt/c", 0644), ENOSPC);  /* out of inodes */
	CHECK_ERR(mkdir("mnt/d", 0755), ENOSPC);
	CHECK_OK(unlink("mnt/b"));
	CHECK_OK(mkdir("mnt/d", 0755));
	CHECK_OK(umount(mnt));
}

int main(void)
{
	if (geteuid() != 0)
		return 0;
	t_tmpdir();
	snprintf(mnt, sizeof(mnt), "%s/mnt", t_dir);
	CHECK_OK(mkdir(mnt, 0755));
	bad_calls();
	read_only();
	umount_flags();
	stacking_and_bind();
	limits();
	return 0;
}
