// SPDX-License-Identifier: GPL-2.0
/*
 * misc_sysinfo: small system calls. sysinfo gives a positive uptime,
 * totalram >= freeram > 0 in mem_unit units, at least one process, and a
 * count that grows with a child; getrandom fills the buffer (GRND_NONBLOCK
 * and GRND_RANDOM too), two calls differ, a zero length returns 0, unknown
 * flags are EINVAL and a bad buffer EFAULT; umask returns the previous
 * mask and keeps only 0777; sched_yield and getpriority/setpriority work;
 * an unknown syscall number is ENOSYS.
 */
#include "t.h"
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sched.h>

static void sys_info(void)
{
	struct sysinfo si;
	memset(&si, 0, sizeof(si));
	CHECK_OK(sysinfo(&si));
	CHECK((long)si.uptime >= 0);
	CHECK(si.mem_unit >= 1);
	CHECK(si.totalram > 0);
	CHECK(si.freeram > 0 && si.freeram <= si.totalram);
	CHECK((unsigned long long)si.totalram * si.mem_unit >= (16ULL << 20));
	CHECK(si.procs >= 1);

	int go[2];
	CHECK_OK(pipe(go));
	pid_t pid = t_fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		_exit(read(go[0], &c, 1) == 0 ? 0 : 1);
	}
	struct sysinfo after;
	CHECK_OK(sysinfo(&after));
	/* Other processes come and go natively; ours is one more than zero. */
	CHECK(after.procs >= 2);
	close(go[1]);
	t_wait_ok(pid);
	CHECK_ERR(syscall(SYS_sysinfo, (void *)8), EFAULT);
}

static void random_bytes(void)
{
	unsigned char a[64], b[64];
	CHECK_EQ(getrandom(a, sizeof(a), 0), sizeof(a));
	CHECK_EQ(getrandom(b, sizeof(b), GRND_NONBLOCK), sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	CHECK_EQ(getrandom(b, 16, GRND_RANDOM | GRND_NONBLOCK) > 0, 1);
	CHECK_EQ(getrandom(a, 0, 0), 0);
	static unsigned char big[1 << 16];
	CHECK_EQ(getrandom(big, sizeof(big), 0), sizeof(big));
	CHECK_ERR(getrandom(a, sizeof(a), 0x1000), EINVAL);
	CHECK_ERR(syscall(SYS_getrandom, (void *)8, 16, 0), EFAULT);
}

static void masks_and_misc(void)
{
	mode_t old = umask(0);
	CHECK_EQ(umask(07777), 0);
	CHECK_EQ(umask(old), 0777);        /* only the permission bits are kept */

	CHECK_OK(sched_yield());
	errno = 0;
	int prio = getpriority(PRIO_PROCESS, 0);
	CHECK(prio != -1 || errno == 0);
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setpriority(PRIO_PROCESS, 0, 5));
		errno = 0;
		CHECK_EQ(getpriority(PRIO_PROCESS, 0), 5);
		_exit(0);
	}
	t_wait_ok(pid);
	CHECK_ERR(syscall(100000), ENOSYS);
	CHECK_ERR(syscall(-1L), ENOSYS);
}

int main(void)
{
	sys_info();
	random_bytes();
	masks_and_misc();
	return 0;
}
