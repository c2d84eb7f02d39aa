// SPDX-License-Identifier: GPL-2.0
/*
 * procfs_self: a process's own /proc entries. /proc/self links to our pid;
 * stat has "pid (comm) state ppid pgrp session" and the thread count;
 * status has Name, State, Tgid, Pid, PPid, Threads; cmdline is argv with
 * NULs (empty arguments kept); comm follows PR_SET_NAME; maps has our code
 * (r-xp, our path) and [stack]; fd/ lists open descriptors and readlink
 * gives their paths (pipe:[N] for pipes); exe and cwd link to the binary
 * and the working directory; a child's stat shows S while blocked, T when
 * stopped and Z as a zombie.
 */
#include "t.h"
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>

static char *self;

static size_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		t_failf(__FILE__, __LINE__, "open %s (got %s, want success)", path, t_errname(errno));
	size_t n = t_read_full(fd, buf, size - 1);
	buf[n] = 0;
	close(fd);
	return n;
}

/* The value after "Key:\t" in a status file, or NULL. */
static const char *field(const char *text, const char *key, char *out, size_t size)
{
	size_t kl = strlen(key);
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (strncmp(l, key, kl) == 0 && l[kl] == ':') {
			const char *v = l + kl + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			size_t n = strcspn(v, "\n");
			if (n >= size)
				n = size - 1;
			memcpy(out, v, n);
			out[n] = 0;
			return out;
		}
	}
	return NULL;
}

static char state_of(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	slurp(path, buf, sizeof(buf));
	const char *rp = strrchr(buf, ')');
	CHECK(rp != NULL && rp[1] == ' ');
	return rp[2];
}

static void stat_and_status(void)
{
	char buf[4096], link[64], v[256], want[64];
	ssize_t n = CHECK_OK(readlink("/proc/self", link, sizeof(link) - 1));
	link[n] = 0;
	snprintf(want, sizeof(want), "%d", (int)getpid());
	CHECK_STR(link, want);

	CHECK_OK(prctl(PR_SET_NAME, "procfs-test"));
	slurp("/proc/self/stat", buf, sizeof(buf));
	int pid, ppid, pgrp, sid;
	char comm[64], state;
	CHECK_EQ(sscanf(buf, "%d (%63[^)]) %c %d %d %d", &pid, comm, &state, &ppid, &pgrp, &sid), 6);
	CHECK_EQ(pid, getpid());
	CHECK_STR(comm, "procfs-test");
	CHECK_EQ(state, 'R');                 /* we are running, reading it */
	CHECK_EQ(ppid, getppid());
	CHECK_EQ(pgrp, getpgrp());
	CHECK_EQ(sid, getsid(0));
	/* Field 20 is num_threads. */
	const char *p = strrchr(buf, ')') + 2;
	for (int i = 3; i < 20; i++)
		p = strchr(p, ' ') + 1;
	CHECK_EQ(atoi(p), 1);

	slurp("/proc/self/status", buf, sizeof(buf));
	CHECK(field(buf, "Name", v, sizeof(v)));
	CHECK_STR(v, "procfs-test");
	CHECK(field(buf, "State", v, sizeof(v)));
	CHECK_EQ(v[0], 'R');
	CHECK(field(buf, "Pid", v, sizeof(v)));
	CHECK_EQ(atoi(v), getpid());
	CHECK(field(buf, "Tgid", v, sizeof(v)));
	CHECK_EQ(atoi(v), getpid());
	CHECK(field(buf, "PPid", v, sizeof(v)));
	CHECK_EQ(atoi(v), getppid());
	CHECK(field(buf, "Threads", v, sizeof(v)));
	CHECK_EQ(atoi(v), 1);
	CHECK(field(buf, "Uid", v, sizeof(v)));
	CHECK_EQ(atoi(v), getuid());

	slurp("/proc/self/comm", buf, sizeof(buf));
	CHECK_STR(buf, "procfs-test\n");
}

static int check_cmdline(int argc, char **argv)
{
	char buf[4096];
	size_t n = slurp("/proc/self/cmdline", buf, sizeof(buf));
	size_t want = 0;
	for (int i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;
		CHECK(want + l <= n);
		CHECK_EQ(memcmp(buf + want, argv[i], l), 0);
		want += l;
	}
	CHECK_EQ(n, want);
	return 0;
}

static void cmdline(void)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		char *argv[] = { self, "cmdline", "two words", "", "end", NULL };
		execv(self, argv);
		_exit(127);
	}
	t_wait_ok(pid);
}

static void maps_exe_cwd(void)
{
	static char buf[65536];
	char line_self[64], path[PATH_MAX];
	slurp("/proc/self/maps", buf, sizeof(buf));
	uintptr_t code = (uintptr_t)&maps_exe_cwd, stack = (uintptr_t)&line_self;
	int found_code = 0, found_stack = 0;
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		unsigned long lo, hi;
		char perms[8];
		int off = 0;
		CHECK(sscanf(l, "%lx-%lx %7s %*x %*x:%*x %*u%n", &lo, &hi, perms, &off) >= 3);
		const char *name = l + off;
		while (*name == ' ')
			name++;
		if (code >= lo && code < hi) {
			CHECK_STR(perms, "r-xp");
			CHECK_STR(name, self);
			found_code = 1;
		}
		if (stack >= lo && stack < hi) {
			CHECK_STR(name, "[stack]");
			CHECK_EQ(perms[0], 'r');
			CHECK_EQ(perms[1], 'w');
			found_stack = 1;
		}
	}
	CHECK(found_code);
	CHECK(found_stack);

	ssize_t n = CHECK_OK(readlink("/proc/self/exe", path, sizeof(path) - 1));
	path[n] = 0;
	CHECK_STR(path, self);

	t_tmpdir();
	char real[PATH_MAX];
	CHECK(realpath(".", real) != NULL);
	n = CHECK_OK(readlink("/proc/self/cwd", path, sizeof(path) - 1));
	path[n] = 0;
	CHECK_STR(path, real);
}

static void fds(void)
{
	char path[PATH_MAX], want[PATH_MAX + 8], real[PATH_MAX];
	int fd = CHECK_OK(open("marker", O_CREAT | O_RDWR, 0644));
	CHECK_EQ(dup2(fd, 42), 42);
	CHECK(realpath("marker", real) != NULL);
	ssize_t n = CHECK_OK(readlink("/proc/self/fd/42", path, sizeof(path) - 1));
	path[n] = 0;
	CHECK_STR(path, real);

	int p[2];
	CHECK_OK(pipe(p));
	struct stat st;
	CHECK_OK(fstat(p[0], &st));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	n = CHECK_OK(readlink(path, real, sizeof(real) - 1));
	real[n] = 0;
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	CHECK_STR(real, want);

	DIR *d = opendir("/proc/self/fd");
	CHECK(d != NULL);
	int saw42 = 0, sawpipe = 0, saw_closed = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, "42")) saw42 = 1;
		if (atoi(de->d_name) == p[1] && de->d_name[0] != '.') sawpipe = 1;
		if (!strcmp(de->d_name, "43")) saw_closed = 1;
	}
	closedir(d);
	CHECK(saw42 && sawpipe && !saw_closed);
	/* The link opens the same file. */
	int again = CHECK_OK(open("/proc/self/fd/42", O_RDONLY));
	struct stat a, b;
	CHECK_OK(fstat(again, &a));
	CHECK_OK(fstat(42, &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	close(again);
	close(42);
	close(fd);
	close(p[0]);
	close(p[1]);
}

static void child_states(void)
{
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = t_fork();
	if (pid == 0) {
		char c;
		close(p[1]);
		read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	char s = 0;
	for (int i = 0; i < 500 && (s = state_of(pid)) != 'S'; i++)
		t_msleep(2);
	CHECK_EQ(s, 'S');
	CHECK_OK(kill(pid, SIGSTOP));
	CHECK_EQ(waitpid(pid, NULL, WUNTRACED), pid);
	CHECK_EQ(state_of(pid), 'T');
	CHECK_OK(kill(pid, SIGCONT));
	close(p[1]);
	siginfo_t si;
	CHECK_OK(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	CHECK_EQ(state_of(pid), 'Z');
	t_wait_ok(pid);
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	CHECK_ERR(open(path, O_RDONLY), ENOENT);
}

int main(int argc, char **argv)
{
	self = t_self(argv[0]);
	if (argc >= 2 && strcmp(argv[1], "cmdline") == 0)
		return check_cmdline(argc, argv);
	stat_and_status();
	cmdline();
	maps_exe_cwd();
	fds();
	child_states();
	return 0;
}
