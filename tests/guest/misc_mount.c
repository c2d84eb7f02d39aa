// SPDX-License-Identifier: GPL-2.0
/*
 * misc_mount: mount and umount (as root). A tmpfs mounted on a fresh
 * directory hides what was there, takes files, shows up in /proc/mounts
 * with its options and reports TMPFS_MAGIC from statfs; it cannot be
 * unmounted while a process has its cwd there (EBUSY) but can after; then
 * the old contents are back. Bad calls: unknown fs type ENODEV, missing
 * mount point ENOENT, umount of a non-mount EINVAL, as a non-root user
 * EPERM.
 */
#include "t.h"
#include <sys/mount.h>
#include <sys/vfs.h>

#define TMPFS_MAGIC_NUM 0x01021994

static int in_mounts(const char *dir, const char *type, const char *opt)
{
	static char buf[65536];
	int fd = CHECK_OK(open("/proc/mounts", O_RDONLY));
	size_t n = t_read_full(fd, buf, sizeof(buf) - 1);
	buf[n] = 0;
	close(fd);
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		char d[4096], t[64], o[1024];
		if (sscanf(l, "%*s %4095s %63s %1023s", d, t, o) == 3 && !strcmp(d, dir) &&
		    !strcmp(t, type) && (!opt || strstr(o, opt)))
			return 1;
	}
	return 0;
}

int main(void)
{
	if (geteuid() != 0)
		return 0;
	t_tmpdir();
	char mnt[256];
	snprintf(mnt, sizeof(mnt), "%s/mnt", t_dir);
	CHECK_OK(mkdir(mnt, 0755));
	int fd = CHECK_OK(creat("mnt/underneath", 0644));
	close(fd);

	CHECK_OK(mount("none", mnt, "tmpfs", MS_NOSUID, "size=1m,mode=0750"));
	CHECK_ERR(access("mnt/underneath", F_OK), ENOENT);
	struct stat st;
	CHECK_OK(stat(mnt, &st));
	CHECK_EQ(st.st_mode & 0777, 0750);
	fd = CHECK_OK(open("mnt/new", O_CREAT | O_WRONLY, 0644));
	t_write_all(fd, "on tmpfs", 8);
	close(fd);
	CHECK(in_mounts(mnt, "tmpfs", "nosuid"));
	struct statfs sfs;
	CHECK_OK(statfs(mnt, &sfs));
	CHECK_EQ(sfs.f_type, TMPFS_MAGIC_NUM);
	CHECK(sfs.f_blocks > 0);

	/* The size limit is enforced. */
	fd = CHECK_OK(open("mnt/fill", O_CREAT | O_WRONLY, 0644));
	static char chunk[65536];
	ssize_t w = 0;
	long total = 0;
	while ((w = write(fd, chunk, sizeof(chunk))) > 0)
		total += w;
	CHECK_EQ(errno, ENOSPC);
	CHECK(total <= (1 << 20));
	close(fd);

	/* Busy while a process sits in it. */
	int go[2], ready[2];
	CHECK_OK(pipe(go));
	CHECK_OK(pipe(ready));
	pid_t pid = t_fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		CHECK_OK(chdir(mnt));
		CHECK_EQ(write(ready[1], "r", 1), 1);
		_exit(read(go[0], &c, 1) == 0 ? 0 : 1);
	}
	close(go[0]);
	char c;
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_ERR(umount(mnt), EBUSY);
	close(go[1]);
	t_wait_ok(pid);
	CHECK_OK(umount(mnt));
	CHECK(!in_mounts(mnt, "tmpfs", NULL));
	CHECK_OK(access("mnt/underneath", F_OK));
	CHECK_ERR(access("mnt/new", F_OK), ENOENT);

	CHECK_ERR(mount("none", mnt, "no-such-fs-type", 0, NULL), ENODEV);
	CHECK_ERR(mount("none", "missing-dir", "tmpfs", 0, NULL), ENOENT);
	CHECK_ERR(umount(mnt), EINVAL);
	CHECK_OK(chmod(t_dir, 0755));      /* so the lookup itself is allowed */
	pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_ERR(mount("none", mnt, "tmpfs", 0, NULL), EPERM);
		_exit(0);
	}
	t_wait_ok(pid);
	return 0;
}
