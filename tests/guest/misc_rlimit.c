// SPDX-License-Identifier: GPL-2.0
/*
 * misc_rlimit: resource limits. getrlimit/setrlimit/prlimit agree; the
 * soft limit can move freely up to the hard one; soft above hard is
 * EINVAL; an unprivileged process cannot raise its hard limit (EPERM) but
 * may lower it; prlimit reads and sets another process's limits (ESRCH
 * for none); RLIMIT_FSIZE makes a write past it fail with EFBIG (SIGXFSZ
 * ignored) or stop short; RLIMIT_AS makes a big mmap fail with ENOMEM;
 * limits are inherited by children; unknown resources are EINVAL.
 */
#include "t.h"
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>

static void basic(void)
{
	struct rlimit rl, got;
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK(rl.rlim_cur <= rl.rlim_max);
	CHECK_OK(prlimit(0, RLIMIT_NOFILE, NULL, &got));
	CHECK_EQ(got.rlim_cur, rl.rlim_cur);
	CHECK_EQ(got.rlim_max, rl.rlim_max);

	struct rlimit lower = { 64, rl.rlim_max };
	struct rlimit old;
	CHECK_OK(prlimit(0, RLIMIT_NOFILE, &lower, &old));
	CHECK_EQ(old.rlim_cur, rl.rlim_cur);
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &got));
	CHECK_EQ(got.rlim_cur, 64);
	CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));          /* back up, within hard */

	struct rlimit bad = { 100, 50 };
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, &bad), EINVAL);
	CHECK_ERR(getrlimit(999, &got), EINVAL);
	CHECK_ERR(prlimit(999999, RLIMIT_NOFILE, NULL, &got), ESRCH);
}

static void unprivileged(void)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		struct rlimit rl = { 100, 200 };
		CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));
		CHECK_OK(setresuid(65534, 65534, 65534));
		struct rlimit up = { 100, 300 };
		CHECK_ERR(setrlimit(RLIMIT_NOFILE, &up), EPERM);
		struct rlimit soft = { 200, 200 };
		CHECK_OK(setrlimit(RLIMIT_NOFILE, &soft));
		struct rlimit down = { 150, 150 };
		CHECK_OK(setrlimit(RLIMIT_NOFILE, &down));
		CHECK_ERR(setrlimit(RLIMIT_NOFILE, &soft), EPERM);  /* hard is now 150 */
		_exit(0);
	}
	t_wait_ok(pid);
}

static void other_process(void)
{
	int go[2];
	CHECK_OK(pipe(go));
	pid_t pid = t_fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		if (read(go[0], &c, 1) != 0)
			_exit(2);
		struct rlimit got;
		CHECK_OK(getrlimit(RLIMIT_CORE, &got));
		_exit(got.rlim_cur == 4096 ? 0 : 3);
	}
	close(go[0]);
	struct rlimit core = { 4096, 8192 }, got;
	CHECK_OK(prlimit(pid, RLIMIT_CORE, &core, NULL));
	CHECK_OK(prlimit(pid, RLIMIT_CORE, NULL, &got));
	CHECK_EQ(got.rlim_max, 8192);
	close(go[1]);
	t_wait_ok(pid);
}

static void enforced(void)
{
	t_tmpdir();
	pid_t pid = t_fork();
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit fs = { 1000, 1000 };
		CHECK_OK(setrlimit(RLIMIT_FSIZE, &fs));
		int fd = CHECK_OK(open("big", O_CREAT | O_WRONLY | O_TRUNC, 0644));
		char buf[1500];
		memset(buf, 'b', sizeof(buf));
		CHECK_EQ(write(fd, buf, sizeof(buf)), 1000);     /* stops at the limit */
		CHECK_ERR(write(fd, buf, 1), EFBIG);
		CHECK_ERR(ftruncate(fd, 2000), EFBIG);
		close(fd);

		/* Inherited by a grandchild. */
		pid_t gc = t_fork();
		if (gc == 0) {
			struct rlimit r;
			CHECK_OK(getrlimit(RLIMIT_FSIZE, &r));
			_exit(r.rlim_cur == 1000 ? 0 : 1);
		}
		t_wait_ok(gc);

		struct rlimit as = { 256 << 20, 256 << 20 };
		CHECK_OK(setrlimit(RLIMIT_AS, &as));
		void *p = mmap(NULL, 512 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(p == MAP_FAILED && errno == ENOMEM);
		_exit(0);
	}
	t_wait_ok(pid);
}

int main(void)
{
	basic();
	if (geteuid() == 0)
		unprivileged();
	other_process();
	enforced();
	return 0;
}
