// SPDX-License-Identifier: GPL-2.0
/*
 * misc_uname: system identification. uname says sysname "Linux" and
 * machine "x86_64", with a release of the form N.N...; nodename matches
 * gethostname and /proc/sys/kernel/hostname, release matches osrelease;
 * domainname matches /proc/sys/kernel/domainname; sethostname and
 * setdomainname of a name over 64 bytes are EINVAL, sethostname by nobody
 * EPERM (the names are never changed: natively that would rename the
 * host); a bad uname pointer is EFAULT.
 */
#include "t.h"
#include <sys/syscall.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname u;
	memset(&u, 0, sizeof(u));
	CHECK_OK(uname(&u));
	CHECK_STR(u.sysname, "Linux");
	CHECK_STR(u.machine, "x86_64");
	int maj = -1, min = -1;
	CHECK_EQ(sscanf(u.release, "%d.%d", &maj, &min), 2);
	CHECK(maj >= 2 && min >= 0);
	CHECK(u.version[0] != 0);

	char host[256];
	CHECK_OK(gethostname(host, sizeof(host)));
	CHECK_STR(host, u.nodename);
	int fd = CHECK_OK(open("/proc/sys/kernel/hostname", O_RDONLY));
	char buf[300] = { 0 };
	CHECK_OK(read(fd, buf, sizeof(buf) - 1));
	close(fd);
	buf[strcspn(buf, "\n")] = 0;
	CHECK_STR(buf, u.nodename);

	fd = CHECK_OK(open("/proc/sys/kernel/osrelease", O_RDONLY));
	memset(buf, 0, sizeof(buf));
	CHECK_OK(read(fd, buf, sizeof(buf) - 1));
	close(fd);
	buf[strcspn(buf, "\n")] = 0;
	CHECK_STR(buf, u.release);

	char longname[100];
	memset(longname, 'h', sizeof(longname));
	CHECK_ERR(sethostname(longname, sizeof(longname)), EINVAL);
	CHECK_ERR(syscall(SYS_uname, (void *)8), EFAULT);
	CHECK_ERR(setdomainname(longname, sizeof(longname)), EINVAL);

	/* Only CAP_SYS_ADMIN may rename: nobody gets EPERM. */
	pid_t pid = t_fork();
	if (pid == 0) {
		CHECK_OK(setresuid(65534, 65534, 65534));
		CHECK_ERR(sethostname(u.nodename, strlen(u.nodename)), EPERM);
		_exit(0);
	}
	t_wait_ok(pid);

	/* The domain name is reported the same way in both places. */
	fd = CHECK_OK(open("/proc/sys/kernel/domainname", O_RDONLY));
	memset(buf, 0, sizeof(buf));
	CHECK_OK(read(fd, buf, sizeof(buf) - 1));
	close(fd);
	buf[strcspn(buf, "\n")] = 0;
	CHECK_STR(buf, u.domainname);
	return 0;
}
