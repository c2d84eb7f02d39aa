// SPDX-License-Identifier: GPL-2.0
/*
 * file_memfd: memfd_create and file seals. A memfd is an empty O_RDWR
 * regular file (MFD_CLOEXEC honoured) that read/write/lseek/ftruncate/pread
 * and MAP_SHARED mappings all see alike, also from a forked child; unknown
 * flags and names over 249 bytes are EINVAL. Without MFD_ALLOW_SEALING its
 * seals are F_SEAL_SEAL and adding one is EPERM. With it: F_SEAL_SHRINK
 * refuses ftruncate down, F_SEAL_GROW refuses ftruncate up and writes past
 * the end (a write crossing the end stops at the page before it, or is
 * EPERM when that leaves nothing); F_SEAL_WRITE is EBUSY while a shared
 * writable mapping exists, then makes write EPERM and shared writable
 * mmap EPERM (read-only and private mappings still work); unknown seal bits
 * are EINVAL; after F_SEAL_SEAL no seal can be added (EPERM). F_GET_SEALS
 * on a pipe is EINVAL. /proc/self/fd/N and /proc/self/maps name a memfd
 * "/memfd:NAME (deleted)", also for the longest name.
 */
#include "t.h"
#include <sys/mman.h>

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif

static void plain(void)
{
	char buf[64];
	struct stat st;
	CHECK_ERR(memfd_create("x", 0x100), EINVAL);
	char longname[300];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	CHECK_ERR(memfd_create(longname, 0), EINVAL);

	int fd = CHECK_OK(memfd_create("test", MFD_CLOEXEC));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	CHECK_OK(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(write(fd, "hello memfd", 11), 11);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 11);
	CHECK_EQ(memcmp(buf, "hello memfd", 11), 0);
	CHECK_OK(ftruncate(fd, 8192));
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 8192);

	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK_EQ(memcmp(m, "hello memfd", 11), 0);
	strcpy(m + 4096, "via mmap");
	CHECK_EQ(pread(fd, buf, 8, 4096), 8);
	CHECK_EQ(memcmp(buf, "via mmap", 8), 0);
	pid_t pid = t_fork();
	if (pid == 0) {
		memcpy(m, "child", 5);
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_EQ(pread(fd, buf, 5, 0), 5);
	CHECK_EQ(memcmp(buf, "child", 5), 0);

	CHECK_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_SEAL);
	CHECK_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EPERM);
	CHECK_OK(ftruncate(fd, 100));
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 100);
	munmap(m, 8192);
	close(fd);
}

static void seals(void)
{
	int fd = CHECK_OK(memfd_create("sealed", MFD_ALLOW_SEALING));
	CHECK_EQ(fcntl(fd, F_GET_SEALS), 0);
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	CHECK_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
	CHECK_ERR(ftruncate(fd, 5), EPERM);
	CHECK_OK(ftruncate(fd, 20));
	CHECK_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	CHECK_ERR(ftruncate(fd, 30), EPERM);
	CHECK_OK(ftruncate(fd, 20));                     /* same size: fine */
	CHECK_EQ(pwrite(fd, "ab", 2, 0), 2);
	CHECK_ERR(pwrite(fd, "ab", 2, 20), EPERM);
	CHECK_ERR(pwrite(fd, "abcd", 4, 18), EPERM);

	/* Page-sized pieces below the size are written, then the write stops. */
	int g = CHECK_OK(memfd_create("grow", MFD_ALLOW_SEALING));
	static char big[8192];
	CHECK_OK(ftruncate(g, 5000));
	CHECK_OK(fcntl(g, F_ADD_SEALS, F_SEAL_GROW));
	CHECK_EQ(pwrite(g, big, sizeof(big), 0), 4096);
	CHECK_EQ(pwrite(g, big, 100, 4000), 100);
	CHECK_ERR(pwrite(g, big, 1000, 4500), EPERM);
	close(g);

	char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY);
	munmap(m, 4096);
	CHECK_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	CHECK_ERR(write(fd, "x", 1), EPERM);
	CHECK(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED);
	CHECK_EQ(errno, EPERM);
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK_EQ(m[0], 'a');
	char *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(priv != MAP_FAILED);
	priv[0] = 'z';                                     /* a private copy */
	CHECK_EQ(m[0], 'a');
	CHECK_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE);
	CHECK_ERR(fcntl(fd, F_ADD_SEALS, 0x1000), EINVAL);
	CHECK_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
	CHECK_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE), EPERM);
	munmap(m, 4096);
	munmap(priv, 4096);
	close(fd);

	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(fcntl(p[0], F_GET_SEALS), EINVAL);
	close(p[0]);
	close(p[1]);
}

/* Does /proc/self/maps have a line for addr ending in want? */
static int maps_has(void *addr, const char *want)
{
	char line[512], start[32];
	int found = 0;
	FILE *fp = fopen("/proc/self/maps", "r");
	CHECK(fp != NULL);
	snprintf(start, sizeof(start), "%lx-", (unsigned long)addr);
	while (fgets(line, sizeof(line), fp)) {
		size_t n = strlen(line), w = strlen(want);
		if (n && line[n - 1] == '\n')
			line[--n] = 0;
		if (strncmp(line, start, strlen(start)) == 0 && n >= w &&
		    strcmp(line + n - w, want) == 0)
			found = 1;
	}
	fclose(fp);
	return found;
}

static void names(void)
{
	char link[64], buf[400], want[400], name[250];
	int fd = CHECK_OK(memfd_create("mymem", 0));
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = CHECK_OK(readlink(link, buf, sizeof(buf) - 1));
	buf[n] = 0;
	CHECK_STR(buf, "/memfd:mymem (deleted)");
	CHECK_OK(ftruncate(fd, 4096));
	void *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK(maps_has(m, " /memfd:mymem (deleted)"));
	munmap(m, 4096);
	close(fd);

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	fd = CHECK_OK(memfd_create(name, 0));
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = CHECK_OK(readlink(link, buf, sizeof(buf) - 1));
	buf[n] = 0;
	snprintf(want, sizeof(want), "/memfd:%s (deleted)", name);
	CHECK_STR(buf, want);
	close(fd);
}

int main(void)
{
	plain();
	names();
	seals();
	return 0;
}
