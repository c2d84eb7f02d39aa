// SPDX-License-Identifier: GPL-2.0
/*
 * file_dir: directories. mkdir applies mode & ~umask and fails with EEXIST
 * (also for a file of that name) and ENOENT (missing parent); rmdir fails
 * with ENOTEMPTY, ENOTDIR, EINVAL for ".", and ENOENT once gone; a
 * directory's st_nlink is 2 plus its subdirectories. getdents64 lists
 * exactly ".", ".." and the created names with the right d_type, across
 * several small calls (EINVAL for a buffer too small for one entry),
 * and lseek back to 0 restarts it; opendir/readdir agree.
 */
#include "t.h"
#include <dirent.h>
#include <stdint.h>
#include <sys/syscall.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static void make_remove(void)
{
	umask(027);
	CHECK_OK(mkdir("d", 0777));
	struct stat st;
	CHECK_OK(stat("d", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0750);
	CHECK_EQ(st.st_nlink, 2);
	umask(022);

	CHECK_ERR(mkdir("d", 0755), EEXIST);
	CHECK_ERR(mkdir("no/such", 0755), ENOENT);
	int fd = CHECK_OK(creat("file", 0644));
	close(fd);
	CHECK_ERR(mkdir("file", 0755), EEXIST);
	CHECK_ERR(mkdir("file/sub", 0755), ENOTDIR);

	CHECK_OK(mkdir("d/s1", 0755));
	CHECK_OK(mkdir("d/s2", 0755));
	fd = CHECK_OK(creat("d/f", 0644));
	close(fd);
	CHECK_OK(stat("d", &st));
	CHECK_EQ(st.st_nlink, 4);                /* ".", "..", and two subdirs' ".." */

	CHECK_ERR(rmdir("d"), ENOTEMPTY);
	CHECK_ERR(rmdir("d/f"), ENOTDIR);
	CHECK_ERR(rmdir("d/s1/."), EINVAL);
	CHECK_OK(rmdir("d/s1"));
	CHECK_ERR(rmdir("d/s1"), ENOENT);
	CHECK_OK(stat("d", &st));
	CHECK_EQ(st.st_nlink, 3);
	/* A trailing slash is fine for directories. */
	CHECK_OK(rmdir("d/s2/"));
}

static const char *names[] = { "alpha", "beta", "a-much-longer-name-to-vary-the-record-size",
	"dir1", "link" };

static int name_index(const char *n)
{
	if (!strcmp(n, ".")) return 10;
	if (!strcmp(n, "..")) return 11;
	for (int i = 0; i < 5; i++)
		if (!strcmp(n, names[i]))
			return i;
	return -1;
}

static void listing(void)
{
	CHECK_OK(mkdir("L", 0755));
	for (int i = 0; i < 3; i++) {
		char p[128];
		snprintf(p, sizeof(p), "L/%s", names[i]);
		int fd = CHECK_OK(creat(p, 0644));
		close(fd);
	}
	CHECK_OK(mkdir("L/dir1", 0755));
	CHECK_OK(symlink("alpha", "L/link"));

	int dfd = CHECK_OK(open("L", O_RDONLY | O_DIRECTORY));
	for (int pass = 0; pass < 2; pass++) {
		int seen[12] = { 0 }, total = 0;
		/* A small buffer forces several calls. */
		char buf[96] __attribute__((aligned(8)));
		long n;
		while ((n = syscall(SYS_getdents64, dfd, buf, sizeof(buf))) > 0) {
			for (long off = 0; off < n;) {
				struct linux_dirent64 *d = (void *)(buf + off);
				int idx = name_index(d->d_name);
				if (idx < 0)
					t_failf(__FILE__, __LINE__, "unexpected entry \"%s\"", d->d_name);
				seen[idx]++;
				total++;
				CHECK(d->d_ino != 0);
				unsigned char want = idx == 3 || idx >= 10 ? DT_DIR :
					idx == 4 ? DT_LNK : DT_REG;
				/* DT_UNKNOWN is allowed by the ABI; no tested fs uses it. */
				CHECK_EQ(d->d_type, want);
				off += d->d_reclen;
			}
		}
		CHECK_EQ(n, 0);
		CHECK_EQ(total, 7);
		for (int i = 0; i < 5; i++)
			CHECK_EQ(seen[i], 1);
		CHECK_EQ(seen[10], 1);
		CHECK_EQ(seen[11], 1);
		CHECK_EQ(lseek(dfd, 0, SEEK_SET), 0);
	}
	char tiny[8];
	CHECK_ERR(syscall(SYS_getdents64, dfd, tiny, sizeof(tiny)), EINVAL);
	int fd = CHECK_OK(open("L/alpha", O_RDONLY));
	char buf[256];
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	close(fd);
	close(dfd);

	/* The libc view. */
	DIR *dir = opendir("L");
	CHECK(dir != NULL);
	int count = 0;
	struct dirent *de;
	while ((de = readdir(dir)) != NULL) {
		CHECK(name_index(de->d_name) >= 0);
		count++;
	}
	CHECK_EQ(count, 7);
	closedir(dir);

	/* Removed entries disappear from a fresh listing. */
	CHECK_OK(unlink("L/beta"));
	dir = opendir("L");
	count = 0;
	while ((de = readdir(dir)) != NULL) {
		CHECK(strcmp(de->d_name, "beta") != 0);
		count++;
	}
	CHECK_EQ(count, 6);
	closedir(dir);
}

int main(void)
{
	t_tmpdir();
	make_remove();
	listing();
	return 0;
}
