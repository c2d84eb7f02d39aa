// SPDX-License-Identifier: GPL-2.0
/*
 * misc_caps: capget/capset (raw syscalls). An unknown version is EINVAL
 * with _LINUX_CAPABILITY_VERSION_3 written back, except that a probe
 * without a data pointer succeeds; version 1 fills one word per set,
 * versions 2 and 3 two. Root's effective and permitted sets match
 * /proc/self/status and hold CAP_DAC_OVERRIDE, CAP_SETUID, CAP_SYS_NICE;
 * the inheritable set is empty; after setresuid to nobody all are empty,
 * also as seen by the parent. capget of a negative pid is EINVAL, of a
 * free pid ESRCH. capset of another process is EPERM, raising the
 * permitted set or an effective set beyond it is EPERM, and setting the
 * sets one already has succeeds. (Dropping root's capabilities is not
 * checked: the VM refuses it rather than pretend.)
 */
#include "t.h"
#include <grp.h>
#include <signal.h>
#include <sys/syscall.h>

#define V1 0x19980330
#define V2 0x20071026
#define V3 0x20080522
#define CAP_DAC_OVERRIDE 1
#define CAP_SETUID 7
#define CAP_SYS_NICE 23

struct hdr {
	unsigned version;
	int pid;
};

struct data {
	unsigned effective, permitted, inheritable;
};

static long capget(struct hdr *h, struct data *d)
{
	return syscall(SYS_capget, h, d);
}

static long capset(struct hdr *h, struct data *d)
{
	return syscall(SYS_capset, h, d);
}

static unsigned long long status_caps(const char *key)
{
	char buf[4096];
	int fd = CHECK_OK(open("/proc/self/status", O_RDONLY));
	size_t n = t_read_full(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n] = 0;
	char *p = strstr(buf, key);
	CHECK(p != NULL);
	return strtoull(p + strlen(key), NULL, 16);
}

static unsigned long long both(unsigned lo, unsigned hi)
{
	return (unsigned long long)hi << 32 | lo;
}

static void versions(void)
{
	struct hdr h = { 0x12345678, 0 };
	struct data d[2];
	CHECK_OK(capget(&h, NULL));                 /* a probe */
	CHECK_EQ(h.version, V3);
	h.version = 1;
	CHECK_ERR(capget(&h, d), EINVAL);
	CHECK_EQ(h.version, V3);
	h.version = 1;
	CHECK_ERR(capset(&h, d), EINVAL);
	CHECK_EQ(h.version, V3);

	memset(d, 0xa5, sizeof(d));
	h.version = V1;
	CHECK_OK(capget(&h, d));
	CHECK_EQ(d[1].effective, 0xa5a5a5a5);       /* one word only */
	unsigned lo = d[0].effective;
	h.version = V2;
	CHECK_OK(capget(&h, d));
	CHECK_EQ(d[0].effective, lo);
	CHECK(d[1].effective != 0xa5a5a5a5);
	h.version = V3;
	h.pid = -1;
	CHECK_ERR(capget(&h, d), EINVAL);
}

static void root_sets(void)
{
	struct hdr h = { V3, 0 };
	struct data d[2];
	CHECK_OK(capget(&h, d));
	unsigned long long eff = both(d[0].effective, d[1].effective);
	unsigned long long prm = both(d[0].permitted, d[1].permitted);
	CHECK_EQ(eff, status_caps("CapEff:"));
	CHECK_EQ(prm, status_caps("CapPrm:"));
	CHECK_EQ(both(d[0].inheritable, d[1].inheritable), status_caps("CapInh:"));
	CHECK(eff & (1ull << CAP_DAC_OVERRIDE));
	CHECK(eff & (1ull << CAP_SETUID));
	CHECK(eff & (1ull << CAP_SYS_NICE));

	/* confirming what one has is allowed */
	CHECK_OK(capset(&h, d));
	CHECK_OK(capget(&h, d));
	CHECK_EQ(both(d[0].effective, d[1].effective), eff);

	pid_t pid = t_fork();
	if (pid == 0) {
		struct hdr ch = { V3, 0 };
		struct data cd[2];
		CHECK_OK(setgroups(0, NULL));
		CHECK_OK(setresgid(65534, 65534, 65534));
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_OK(capget(&ch, cd));
		CHECK_EQ(both(cd[0].effective, cd[1].effective), 0);
		CHECK_EQ(both(cd[0].permitted, cd[1].permitted), 0);
		CHECK_EQ(status_caps("CapEff:"), 0);
		/* no way back up */
		cd[0].permitted = cd[0].effective = 1u << CAP_SETUID;
		CHECK_ERR(capset(&ch, cd), EPERM);
		cd[0].permitted = 0;
		CHECK_ERR(capset(&ch, cd), EPERM);  /* effective beyond permitted */
		cd[0].effective = 0;
		CHECK_OK(capset(&ch, cd));
		/* not another process's */
		ch.pid = getppid();
		CHECK_ERR(capset(&ch, cd), EPERM);
		_exit(0);
	}
	t_wait_ok(pid);
	h.pid = pid;
	CHECK_ERR(capget(&h, d), ESRCH);          /* reaped: free */
}

static void other_process(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = t_fork();
	if (pid == 0) {
		close(p[0]);
		CHECK_OK(setgroups(0, NULL));
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_EQ(write(p[1], "x", 1), 1);
		pause();
		_exit(0);
	}
	char c;
	close(p[1]);
	CHECK_EQ(read(p[0], &c, 1), 1);
	struct hdr h = { V3, pid };
	struct data d[2];
	memset(d, 0xff, sizeof(d));
	CHECK_OK(capget(&h, d));
	CHECK_EQ(both(d[0].effective, d[1].effective), 0);
	CHECK_EQ(both(d[0].permitted, d[1].permitted), 0);
	kill(pid, SIGKILL);
	t_wait(pid);
	close(p[0]);
}

int main(void)
{
	versions();
	if (geteuid() != 0)
		return 0;
	root_sets();
	other_process();
	return 0;
}
