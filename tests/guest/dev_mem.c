// SPDX-License-Identifier: GPL-2.0
/*
 * dev_mem: the memory character devices. /dev/null reads EOF and swallows
 * any write whole; /dev/zero reads zeros (also through a private mmap) and
 * accepts writes; /dev/full reads zeros and fails writes with ENOSPC;
 * /dev/urandom and /dev/random give the bytes asked for, and two reads
 * differ; each node is a character device with its Linux major/minor;
 * seeking them succeeds.
 */
#include "t.h"
#include <sys/mman.h>
#include <sys/sysmacros.h>

static void node(const char *path, unsigned maj, unsigned min)
{
	struct stat st;
	CHECK_OK(stat(path, &st));
	CHECK(S_ISCHR(st.st_mode));
	if (major(st.st_rdev) != maj || minor(st.st_rdev) != min)
		t_failf(__FILE__, __LINE__, "%s rdev (got %u:%u, want %u:%u)", path,
			major(st.st_rdev), minor(st.st_rdev), maj, min);
}

static void null_dev(void)
{
	node("/dev/null", 1, 3);
	int fd = CHECK_OK(open("/dev/null", O_RDWR));
	char buf[100];
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	static char big[1 << 20];
	CHECK_EQ(write(fd, big, sizeof(big)), sizeof(big));
	CHECK_EQ(write(fd, buf, 0), 0);
	CHECK_EQ(lseek(fd, 123, SEEK_SET), 0);     /* always 0 for null */
	close(fd);
}

static void zero_dev(void)
{
	node("/dev/zero", 1, 5);
	int fd = CHECK_OK(open("/dev/zero", O_RDWR));
	char buf[10000];
	memset(buf, 0x55, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		if (buf[i])
			t_failf(__FILE__, __LINE__, "/dev/zero byte %zu (got %d, want 0)", i, buf[i]);
	CHECK_EQ(write(fd, "abc", 3), 3);
	/* A private mapping of /dev/zero is plain anonymous memory. */
	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK_EQ(m[0], 0);
	CHECK_EQ(m[8191], 0);
	m[100] = 1;
	munmap(m, 8192);
	close(fd);
}

static void full_dev(void)
{
	node("/dev/full", 1, 7);
	int fd = CHECK_OK(open("/dev/full", O_RDWR));
	char buf[64];
	memset(buf, 1, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK_EQ(buf[0], 0);
	CHECK_EQ(buf[63], 0);
	CHECK_ERR(write(fd, "x", 1), ENOSPC);
	close(fd);
}

static void random_devs(void)
{
	node("/dev/random", 1, 8);
	node("/dev/urandom", 1, 9);
	static const char *const paths[] = { "/dev/urandom", "/dev/random" };
	for (int k = 0; k < 2; k++) {
		int fd = CHECK_OK(open(paths[k], O_RDONLY));
		unsigned char a[64], b[64];
		CHECK_EQ(t_read_full(fd, a, sizeof(a)), sizeof(a));
		CHECK_EQ(t_read_full(fd, b, sizeof(b)), sizeof(b));
		CHECK(memcmp(a, b, sizeof(a)) != 0);
		/* Not all one value. */
		int same = 1;
		for (size_t i = 1; i < sizeof(a); i++)
			same &= a[i] == a[0];
		CHECK(!same);
		close(fd);
	}
	/* A large read from urandom is served in full. */
	int fd = CHECK_OK(open("/dev/urandom", O_RDONLY));
	static char big[100000];
	CHECK_EQ(read(fd, big, sizeof(big)), sizeof(big));
	close(fd);
}

int main(void)
{
	null_dev();
	zero_dev();
	full_dev();
	random_devs();
	return 0;
}
