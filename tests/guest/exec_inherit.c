// SPDX-License-Identifier: GPL-2.0
/*
 * exec_inherit: what survives execve. Close-on-exec descriptors (O_CLOEXEC,
 * FD_CLOEXEC, dup3 O_CLOEXEC) are closed, the others stay open with their
 * offset and status flags; caught signals reset to SIG_DFL while ignored
 * ones stay ignored; the blocked mask and pending signals are kept; pid,
 * ppid, cwd, umask and rlimits are kept; the alternate signal stack is
 * dropped; the thread name becomes the file's basename.
 */
#include "t.h"
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>

enum { FD_KEEP = 20, FD_CLOEXEC_FCNTL = 22, FD_CLOEXEC_DUP3 = 23 };

static void on_usr1(int sig) { (void)sig; }

static int after_exec(char **argv)
{
	/* argv: self "after" ppid cwd o_cloexec_fd */
	CHECK_EQ(getppid(), atoi(argv[2]));
	char cwd[4096];
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK_STR(cwd, argv[3]);

	CHECK_EQ(fcntl(FD_KEEP, F_GETFD), 0);
	CHECK_EQ(lseek(FD_KEEP, 0, SEEK_CUR), 3);
	CHECK(fcntl(FD_KEEP, F_GETFL) & O_APPEND);
	CHECK_ERR(fcntl(atoi(argv[4]), F_GETFD), EBADF);
	CHECK_ERR(fcntl(FD_CLOEXEC_FCNTL, F_GETFD), EBADF);
	CHECK_ERR(fcntl(FD_CLOEXEC_DUP3, F_GETFD), EBADF);

	struct sigaction sa;
	CHECK_OK(sigaction(SIGUSR1, NULL, &sa));
	CHECK(sa.sa_handler == SIG_DFL);
	CHECK_OK(sigaction(SIGUSR2, NULL, &sa));
	CHECK(sa.sa_handler == SIG_IGN);

	sigset_t set;
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &set));
	CHECK(sigismember(&set, SIGTERM));
	CHECK(!sigismember(&set, SIGUSR1));
	CHECK_OK(sigpending(&set));
	CHECK(sigismember(&set, SIGTERM));

	CHECK_EQ(umask(0), 027);
	struct rlimit rl;
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK_EQ(rl.rlim_cur, 200);

	stack_t ss;
	CHECK_OK(sigaltstack(NULL, &ss));
	CHECK(ss.ss_flags & SS_DISABLE);

	char name[17] = { 0 };
	CHECK_OK(prctl(PR_GET_NAME, name));
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	CHECK_EQ(strncmp(name, base, 15), 0);

	/* The pending SIGTERM must not kill us: discard it by ignoring. */
	signal(SIGTERM, SIG_IGN);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "after") == 0)
		return after_exec(argv);

	char *self = t_self(argv[0]);
	t_tmpdir();
	pid_t pid = t_fork();
	if (pid == 0) {
		int fd = CHECK_OK(open("f", O_CREAT | O_RDWR | O_APPEND, 0600));
		t_write_all(fd, "abc", 3);
		CHECK_EQ(dup2(fd, FD_KEEP), FD_KEEP);
		int cloexec_fd = CHECK_OK(open("f", O_RDONLY | O_CLOEXEC));
		CHECK_EQ(fcntl(cloexec_fd, F_GETFD), FD_CLOEXEC);
		CHECK_EQ(dup2(fd, FD_CLOEXEC_FCNTL), FD_CLOEXEC_FCNTL);
		CHECK_OK(fcntl(FD_CLOEXEC_FCNTL, F_SETFD, FD_CLOEXEC));
		CHECK_EQ(dup3(fd, FD_CLOEXEC_DUP3, O_CLOEXEC), FD_CLOEXEC_DUP3);
		CHECK_EQ(fcntl(FD_CLOEXEC_DUP3, F_GETFD), FD_CLOEXEC);

		CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
		CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR);
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		CHECK_OK(sigprocmask(SIG_BLOCK, &set, NULL));
		CHECK_OK(kill(getpid(), SIGTERM));     /* stays pending */

		umask(027);
		struct rlimit rl = { 200, 200 };
		CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
		rl.rlim_cur = 200;
		CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));

		static char altstack[65536];
		stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
		CHECK_OK(sigaltstack(&ss, NULL));
		CHECK_OK(prctl(PR_SET_NAME, "before-exec"));

		char ppid[16], cfd[16];
		snprintf(ppid, sizeof(ppid), "%d", (int)getppid());
		snprintf(cfd, sizeof(cfd), "%d", cloexec_fd);
		char *nargv[] = { self, "after", ppid, t_dir, cfd, NULL };
		execv(self, nargv);
		_exit(127);
	}
	t_wait_ok(pid);
	return 0;
}
