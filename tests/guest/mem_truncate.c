// SPDX-License-Identifier: GPL-2.0
/*
 * mem_truncate: a file shrunk under its mappings. Pages past the new end
 * leave every mapping, shared or privately copied: touching them is
 * SIGBUS (BUS_ADRERR), and once the file grows back they read as zeros;
 * bytes before the new end are kept; a byte stored through a mapping past
 * EOF in the last page never becomes file data, even when the file grows.
 */
#include "t.h"
#include <fcntl.h>
#include <setjmp.h>
#include <stdbool.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile int bus_code;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)uc;
	bus_code = si->si_code;
	siglongjmp(env, 1);
}

/* Does reading p raise SIGBUS? */
/* noinline: sigsetjmp must not be merged into a caller whose registers
 * the jump back would leave stale. */
static __attribute__((noinline)) bool read_faults(volatile char *p)
{
	bus_code = 0;
	if (sigsetjmp(env, 1) == 0) {
		(void)*p;
		return false;
	}
	return true;
}

static int make_file(const char *name)
{
	char a[12288];
	int fd = CHECK_OK(open(name, O_CREAT | O_RDWR | O_TRUNC, 0644));

	memset(a, 'A', sizeof(a));
	t_write_all(fd, a, sizeof(a));
	return fd;
}

static size_t nonzero(const char *p, size_t from, size_t to)
{
	size_t n = 0;

	for (size_t i = from; i < to; i++)
		n += p[i] != 0;
	return n;
}

static void shared_mapping(void)
{
	int fd = make_file("f");
	char *m = mmap(NULL, 16384, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char c;

	CHECK(m != MAP_FAILED);
	CHECK_EQ(m[4097] + m[8192], 'A' + 'A');
	CHECK_OK(ftruncate(fd, 100));
	CHECK_EQ(m[50], 'A');
	CHECK_EQ(nonzero(m, 100, 4096), 0);
	CHECK(read_faults(m + 5000));
	CHECK_EQ(bus_code, BUS_ADRERR);
	CHECK(read_faults(m + 8192));
	/* a store past EOF in the last page stays out of the file */
	m[200] = 'Z';
	CHECK_OK(ftruncate(fd, 12288));
	CHECK_EQ(pread(fd, &c, 1, 200), 1);
	CHECK_EQ(c, 0);
	CHECK_EQ(nonzero(m, 100, 12288), 0);
	CHECK_EQ(m[99], 'A');
	CHECK_OK(munmap(m, 16384));
	close(fd);
}

static void private_copy(void)
{
	int fd = make_file("p");
	char *pm = mmap(NULL, 12288, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	CHECK(pm != MAP_FAILED);
	pm[5000] = 'B';        /* a private copy of page 1 */
	CHECK_EQ(pm[0], 'A');  /* page 0 from the file */
	CHECK_OK(ftruncate(fd, 100));
	CHECK(read_faults(pm + 5000));
	CHECK_EQ(bus_code, BUS_ADRERR);
	CHECK_OK(ftruncate(fd, 12288));
	CHECK_EQ(pm[5000], 0);
	CHECK_EQ(nonzero(pm, 100, 12288), 0);
	CHECK_EQ(pm[0], 'A');
	CHECK_OK(munmap(pm, 12288));
	close(fd);
}

/* A child that mapped the file sees the shrink its parent made. */
static void other_process(void)
{
	int fd = make_file("c"), ready[2], go[2];
	char *m = mmap(NULL, 12288, PROT_READ, MAP_SHARED, fd, 0);
	pid_t pid;
	char c;

	CHECK(m != MAP_FAILED);
	CHECK_OK(pipe(ready));
	CHECK_OK(pipe(go));
	pid = t_fork();
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		CHECK_EQ(m[8192], 'A');      /* mapped in the child */
		t_write_all(ready[1], "r", 1);
		CHECK_EQ(t_read_full(go[0], &c, 1), 1);
		_exit(read_faults(m + 8192) && bus_code == BUS_ADRERR ? 0 : 1);
	}
	close(ready[1]);
	close(go[0]);
	CHECK_EQ(t_read_full(ready[0], &c, 1), 1);
	CHECK_OK(ftruncate(fd, 4096));
	t_write_all(go[1], "g", 1);
	t_wait_ok(pid);
	close(ready[0]);
	close(go[1]);
	CHECK_OK(munmap(m, 12288));
	close(fd);
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_bus;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGBUS, &sa, NULL));
	t_tmpdir();
	shared_mapping();
	private_copy();
	other_process();
	return 0;
}
