// SPDX-License-Identifier: GPL-2.0
/*
 * file_atime: when a read updates atime, on tmpfs mounts of our own (the
 * host's /tmp may be mounted otherwise). relatime, the default: a read
 * moves atime only while atime <= mtime or ctime or is over a day old, so
 * of two reads after a write only the first does, an atime in the future
 * stays, and an old atime set by utimensat moves once. strictatime: every
 * read does. noatime: none. nodiratime: reading a directory leaves its
 * atime but file reads still count. O_NOATIME: the reader leaves none.
 * /proc/mounts says relatime unless noatime or strictatime.
 */
#include "t.h"
#include <dirent.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#ifndef MS_STRICTATIME
#define MS_STRICTATIME (1 << 24)
#endif
#define LINUX_O_NOATIME 01000000

static struct timespec atime_of(const char *p)
{
	struct stat st;
	CHECK_OK(stat(p, &st));
	return st.st_atim;
}

static int same(struct timespec a, struct timespec b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static void read_once(const char *p, int flags)
{
	char buf[8];
	int fd = CHECK_OK(open(p, O_RDONLY | flags));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 4);
	close(fd);
}

static void list_dir(const char *p)
{
	DIR *d = opendir(p);
	CHECK(d != NULL);
	while (readdir(d))
		;
	closedir(d);
}

static void make(const char *p)
{
	int fd = CHECK_OK(open(p, O_CREAT | O_WRONLY | O_TRUNC, 0644));
	t_write_all(fd, "data", 4);
	close(fd);
	t_msleep(20);
}

static int mounts_say(const char *dir, const char *word)
{
	static char buf[65536];
	int fd = CHECK_OK(open("/proc/mounts", O_RDONLY));
	size_t n = t_read_full(fd, buf, sizeof(buf) - 1);
	buf[n] = 0;
	close(fd);
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		char d[4096], o[1024];
		if (sscanf(l, "%*s %4095s %*s %1023s", d, o) == 2 && !strcmp(d, dir))
			return strstr(o, word) != NULL;
	}
	CHECK(!"mount not listed");
	return 0;
}

static void relatime(const char *m)
{
	char f[300], d[300];
	snprintf(f, sizeof(f), "%s/f", m);
	snprintf(d, sizeof(d), "%s/d", m);
	CHECK(mounts_say(m, "relatime"));
	make(f);
	struct timespec a0 = atime_of(f);
	read_once(f, 0);                        /* atime == mtime: moves */
	struct timespec a1 = atime_of(f);
	CHECK(!same(a0, a1));
	t_msleep(20);
	read_once(f, 0);                        /* now past mtime and ctime: stays */
	CHECK(same(atime_of(f), a1));
	make(f);                                /* a write moves mtime past atime */
	read_once(f, 0);
	CHECK(!same(atime_of(f), a1));

	/* an old atime moves once, then stays */
	struct timespec ts[2] = { { time(NULL) - 3 * 86400, 0 }, { 0, UTIME_OMIT } };
	CHECK_OK(utimensat(AT_FDCWD, f, ts, 0));
	t_msleep(20);
	read_once(f, 0);
	struct timespec a2 = atime_of(f);
	CHECK(a2.tv_sec > ts[0].tv_sec + 86400);
	t_msleep(20);
	read_once(f, 0);
	CHECK(same(atime_of(f), a2));
	/* an atime after mtime and ctime, and less than a day old, stays */
	ts[0].tv_sec = time(NULL) + 3600;
	CHECK_OK(utimensat(AT_FDCWD, f, ts, 0));
	read_once(f, 0);
	CHECK_EQ(atime_of(f).tv_sec, ts[0].tv_sec);

	/* directories: the same rule for getdents */
	CHECK_OK(mkdir(d, 0755));
	t_msleep(20);
	struct timespec d0 = atime_of(d);
	list_dir(d);
	struct timespec d1 = atime_of(d);
	CHECK(!same(d0, d1));
	t_msleep(20);
	list_dir(d);
	CHECK(same(atime_of(d), d1));

	/* O_NOATIME: this reader leaves no trace */
	make(f);
	a0 = atime_of(f);
	read_once(f, LINUX_O_NOATIME);
	CHECK(same(atime_of(f), a0));
}

static void strict(const char *m)
{
	char f[300];
	snprintf(f, sizeof(f), "%s/f", m);
	CHECK(!mounts_say(m, "relatime"));
	CHECK(!mounts_say(m, "noatime"));
	make(f);
	read_once(f, 0);
	struct timespec a1 = atime_of(f);
	t_msleep(20);
	read_once(f, 0);
	CHECK(!same(atime_of(f), a1));
}

static void noatime(const char *m)
{
	char f[300], d[300];
	snprintf(f, sizeof(f), "%s/f", m);
	snprintf(d, sizeof(d), "%s/d", m);
	CHECK(mounts_say(m, "noatime"));
	make(f);
	CHECK_OK(mkdir(d, 0755));
	t_msleep(20);
	struct timespec a0 = atime_of(f), d0 = atime_of(d);
	read_once(f, 0);
	list_dir(d);
	CHECK(same(atime_of(f), a0));
	CHECK(same(atime_of(d), d0));
}

static void nodiratime(const char *m)
{
	char f[300], d[300];
	snprintf(f, sizeof(f), "%s/f", m);
	snprintf(d, sizeof(d), "%s/d", m);
	CHECK(mounts_say(m, "nodiratime"));
	make(f);
	CHECK_OK(mkdir(d, 0755));
	t_msleep(20);
	struct timespec a0 = atime_of(f), d0 = atime_of(d);
	read_once(f, 0);
	list_dir(d);
	CHECK(!same(atime_of(f), a0));
	CHECK(same(atime_of(d), d0));
}

static void on_mount(const char *name, unsigned long flags, void (*check)(const char *))
{
	char m[256];
	snprintf(m, sizeof(m), "%s/%s", t_dir, name);
	CHECK_OK(mkdir(m, 0755));
	CHECK_OK(mount("none", m, "tmpfs", flags, "size=1m"));
	check(m);
	CHECK_OK(umount(m));
}

int main(void)
{
	if (geteuid() != 0)
		return 0;
	t_tmpdir();
	on_mount("rel", 0, relatime);
	on_mount("strict", MS_STRICTATIME, strict);
	on_mount("noa", MS_NOATIME, noatime);
	on_mount("nodir", MS_NODIRATIME, nodiratime);
	return 0;
}
