// SPDX-License-Identifier: GPL-2.0
/*
 * misc_membarrier: membarrier(2) commands (raw syscall). QUERY lists at
 * least GLOBAL, GLOBAL_EXPEDITED, PRIVATE_EXPEDITED and their REGISTER
 * commands; PRIVATE_EXPEDITED is EPERM until the process registers, then
 * works, and GET_REGISTRATIONS (when offered) shows the registrations;
 * exec forgets them. Flags, unknown commands and QUERY with flags are
 * EINVAL. A barrier with a second thread running succeeds.
 */
#include "t.h"
#include <pthread.h>
#include <sys/syscall.h>

#define CMD_QUERY 0
#define CMD_GLOBAL 1
#define CMD_GLOBAL_EXPEDITED 2
#define CMD_REGISTER_GLOBAL_EXPEDITED 4
#define CMD_PRIVATE_EXPEDITED 8
#define CMD_REGISTER_PRIVATE_EXPEDITED 16
#define CMD_GET_REGISTRATIONS 512

static long mb(int cmd, unsigned flags)
{
	return syscall(SYS_membarrier, cmd, flags, 0);
}

static volatile int stop;

static void *spin(void *arg)
{
	(void)arg;
	while (!stop)
		;
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
		CHECK_ERR(mb(CMD_PRIVATE_EXPEDITED, 0), EPERM);
		return 0;
	}
	long mask = CHECK_OK(mb(CMD_QUERY, 0));
	int basic = CMD_GLOBAL | CMD_GLOBAL_EXPEDITED | CMD_REGISTER_GLOBAL_EXPEDITED |
		    CMD_PRIVATE_EXPEDITED | CMD_REGISTER_PRIVATE_EXPEDITED;
	CHECK_EQ(mask & basic, basic);

	CHECK_ERR(mb(CMD_PRIVATE_EXPEDITED, 0), EPERM);
	CHECK_EQ(mb(CMD_GLOBAL, 0), 0);
	CHECK_EQ(mb(CMD_GLOBAL_EXPEDITED, 0), 0);
	CHECK_EQ(mb(CMD_REGISTER_GLOBAL_EXPEDITED, 0), 0);
	CHECK_EQ(mb(CMD_REGISTER_PRIVATE_EXPEDITED, 0), 0);
	CHECK_EQ(mb(CMD_PRIVATE_EXPEDITED, 0), 0);
	if (mask & CMD_GET_REGISTRATIONS) {
		long reg = CHECK_OK(mb(CMD_GET_REGISTRATIONS, 0));
		int want = CMD_REGISTER_GLOBAL_EXPEDITED | CMD_REGISTER_PRIVATE_EXPEDITED;
		CHECK_EQ(reg & want, want);
	}

	pthread_t th;
	CHECK_PT(pthread_create(&th, NULL, spin, NULL));
	CHECK_EQ(mb(CMD_PRIVATE_EXPEDITED, 0), 0);
	CHECK_EQ(mb(CMD_GLOBAL, 0), 0);
	stop = 1;
	CHECK_PT(pthread_join(th, NULL));

	CHECK_ERR(mb(CMD_QUERY, 1), EINVAL);
	CHECK_ERR(mb(CMD_GLOBAL, 1), EINVAL);
	CHECK_ERR(mb(CMD_PRIVATE_EXPEDITED, 5), EINVAL);
	CHECK_ERR(mb(3, 0), EINVAL);
	CHECK_ERR(mb(-1, 0), EINVAL);
	CHECK_ERR(mb(1 << 30, 0), EINVAL);

	pid_t pid = t_fork();
	if (pid == 0) {
		char *self = t_self(argv[0]);
		execl(self, self, "after-exec", (char *)NULL);
		_exit(99);
	}
	t_wait_ok(pid);
	return 0;
}
