/* SPDX-License-Identifier: GPL-2.0 */
/*
 * t.h: the check macros every tests/guest program uses.
 *
 * A guest test is one static program that checks one behaviour family and
 * exits 0 (printing at most "ok") when Linux semantics hold. A failed check
 * prints "FAIL <file>:<line>: <what> (got X, want Y)" to stderr and exits 1,
 * from whichever process or thread failed; parents check their children's
 * exit status with t_wait_ok(), so a child's failure fails the test.
 * Header-only on purpose: each test links alone, with no shared object.
 */
#ifndef GUEST_T_H
#define GUEST_T_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Filled by t_tmpdir(); removed on success and on a failure in the main process. */
static char t_dir[64];
static pid_t t_main_pid;

static const char *t_errname(int e)
{
	/* Own table: strerrorname_np is glibc-only and the tests also build with musl. */
	static const struct { int e; const char *n; } names[] = {
		{0, "0"}, {EPERM, "EPERM"}, {ENOENT, "ENOENT"}, {ESRCH, "ESRCH"},
		{EINTR, "EINTR"}, {EIO, "EIO"}, {ENXIO, "ENXIO"}, {E2BIG, "E2BIG"},
		{ENOEXEC, "ENOEXEC"}, {EBADF, "EBADF"}, {ECHILD, "ECHILD"},
		{EAGAIN, "EAGAIN"}, {ENOMEM, "ENOMEM"}, {EACCES, "EACCES"},
		{EFAULT, "EFAULT"}, {EBUSY, "EBUSY"}, {EEXIST, "EEXIST"},
		{EXDEV, "EXDEV"}, {ENODEV, "ENODEV"}, {ENOTDIR, "ENOTDIR"},
		{EISDIR, "EISDIR"}, {EINVAL, "EINVAL"}, {ENFILE, "ENFILE"},
		{EMFILE, "EMFILE"}, {ENOTTY, "ENOTTY"}, {ETXTBSY, "ETXTBSY"},
		{EFBIG, "EFBIG"}, {ENOSPC, "ENOSPC"}, {ESPIPE, "ESPIPE"},
		{EROFS, "EROFS"}, {EMLINK, "EMLINK"}, {EPIPE, "EPIPE"},
		{ERANGE, "ERANGE"}, {EDEADLK, "EDEADLK"}, {ENAMETOOLONG, "ENAMETOOLONG"},
		{ENOSYS, "ENOSYS"}, {ENOTEMPTY, "ENOTEMPTY"}, {ELOOP, "ELOOP"},
		{ENOMSG, "ENOMSG"}, {EOVERFLOW, "EOVERFLOW"}, {ENOTSOCK, "ENOTSOCK"},
		{EDESTADDRREQ, "EDESTADDRREQ"}, {EMSGSIZE, "EMSGSIZE"},
		{EPROTOTYPE, "EPROTOTYPE"}, {ENOPROTOOPT, "ENOPROTOOPT"},
		{EOPNOTSUPP, "EOPNOTSUPP"}, {EAFNOSUPPORT, "EAFNOSUPPORT"},
		{EADDRINUSE, "EADDRINUSE"}, {EADDRNOTAVAIL, "EADDRNOTAVAIL"},
		{ECONNRESET, "ECONNRESET"}, {EISCONN, "EISCONN"},
		{ENOTCONN, "ENOTCONN"}, {ETIMEDOUT, "ETIMEDOUT"},
		{ECONNREFUSED, "ECONNREFUSED"}, {EALREADY, "EALREADY"},
		{EINPROGRESS, "EINPROGRESS"}, {EOWNERDEAD, "EOWNERDEAD"},
		{ENOTRECOVERABLE, "ENOTRECOVERABLE"}, {EPROTONOSUPPORT, "EPROTONOSUPPORT"},
		{ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT"}, {ENOBUFS, "ENOBUFS"},
		{ECANCELED, "ECANCELED"}, {ENODATA, "ENODATA"}, {EILSEQ, "EILSEQ"},
	};
	static char buf[16];
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].n;
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

static int t_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

static void t_cleanup(void)
{
	if (t_dir[0] && getpid() == t_main_pid) {
		if (chdir("/") == 0)
			nftw(t_dir, t_rm_one, 16, FTW_DEPTH | FTW_PHYS);
		t_dir[0] = 0;
	}
}

/* Prints the failure line and ends this process (all its threads). */
__attribute__((format(printf, 3, 4), noreturn))
static void t_failf(const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	int n;
	va_list ap;
	const char *base = strrchr(file, '/');

	n = snprintf(msg, sizeof(msg), "FAIL %s:%d: ", base ? base + 1 : file, line);
	va_start(ap, fmt);
	n += vsnprintf(msg + n, sizeof(msg) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(msg) - 2)
		n = sizeof(msg) - 2;
	msg[n++] = '\n';
	/* One write(2): unbuffered, so a child's line is not lost or doubled at _exit. */
	if (write(2, msg, n) < 0)
		n = 0;
	t_cleanup();
	_exit(1);
}

#define CHECK(cond) do { \
	if (!(cond)) \
		t_failf(__FILE__, __LINE__, "%s (got false, want true)", #cond); \
} while (0)

#define CHECK_EQ(a, b) do { \
	long long t_a_ = (long long)(a), t_b_ = (long long)(b); \
	if (t_a_ != t_b_) \
		t_failf(__FILE__, __LINE__, "%s == %s (got %lld, want %lld)", \
			#a, #b, t_a_, t_b_); \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *t_a_ = (a), *t_b_ = (b); \
	if (strcmp(t_a_, t_b_) != 0) \
		t_failf(__FILE__, __LINE__, "%s == %s (got \"%s\", want \"%s\")", \
			#a, #b, t_a_, t_b_); \
} while (0)

/* expr must fail with -1 and errno e. */
#define CHECK_ERR(expr, e) do { \
	errno = 0; \
	long long t_r_ = (long long)(expr); \
	int t_e_ = errno; \
	if (t_r_ != -1 || t_e_ != (e)) \
		t_failf(__FILE__, __LINE__, "%s fails (got %lld %s, want -1 %s)", \
			#expr, t_r_, t_errname(t_e_), t_errname(e)); \
} while (0)

/* expr must not return -1; evaluates to its value. */
#define CHECK_OK(expr) ({ \
	errno = 0; \
	long long t_r_ = (long long)(expr); \
	if (t_r_ == -1) \
		t_failf(__FILE__, __LINE__, "%s (got -1 %s, want success)", \
			#expr, t_errname(errno)); \
	t_r_; \
})

/* A pthread-style call returning 0 or an error number. */
#define CHECK_PT(expr) do { \
	int t_r_ = (expr); \
	if (t_r_ != 0) \
		t_failf(__FILE__, __LINE__, "%s (got %s, want 0)", #expr, t_errname(t_r_)); \
} while (0)

/* Wait for pid and return its raw wait status. */
#define t_wait(pid) ({ \
	int t_st_ = 0; \
	pid_t t_p_ = (pid); \
	pid_t t_w_; \
	do { t_w_ = waitpid(t_p_, &t_st_, 0); } while (t_w_ == -1 && errno == EINTR); \
	if (t_w_ != t_p_) \
		t_failf(__FILE__, __LINE__, "waitpid(%d) (got %d %s, want %d)", \
			(int)t_p_, (int)t_w_, t_errname(errno), (int)t_p_); \
	t_st_; \
})

/* A child must have exited 0 (it printed its own FAIL line otherwise). */
#define t_wait_ok(pid) do { \
	int t_s_ = t_wait(pid); \
	if (!WIFEXITED(t_s_) || WEXITSTATUS(t_s_) != 0) \
		t_failf(__FILE__, __LINE__, "child %d status (got 0x%x, want exit 0)", \
			(int)(pid), t_s_); \
} while (0)

/* fork() that fails the test instead of returning -1. */
#define t_fork() ((pid_t)CHECK_OK(fork()))

/* Make and enter a fresh directory under /tmp; removed again at exit. */
static void t_tmpdir(void)
{
	strcpy(t_dir, "/tmp/guest-XXXXXX");
	t_main_pid = getpid();
	if (!mkdtemp(t_dir))
		t_failf(__FILE__, __LINE__, "mkdtemp (got %s, want success)", t_errname(errno));
	if (chdir(t_dir) != 0)
		t_failf(__FILE__, __LINE__, "chdir tmpdir (got %s, want success)", t_errname(errno));
	atexit(t_cleanup);
}

/* Write all of buf or fail; for test setup, not for the behaviour under test. */
static void t_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			t_failf(__FILE__, __LINE__, "write setup (got %zd %s, want %zu)",
				w, t_errname(errno), n);
		p += w;
		n -= w;
	}
}

/* Read exactly n bytes unless EOF comes first; returns the count read. */
static size_t t_read_full(int fd, void *buf, size_t n)
{
	char *p = buf;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			t_failf(__FILE__, __LINE__, "read (got %s, want data)", t_errname(errno));
		if (r == 0)
			break;
		got += r;
	}
	return got;
}

/* Sleep ms milliseconds, resuming after signal handlers. Orders events, never measures. */
static void t_msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Our own absolute path, for re-executing ourselves after a chdir. */
static char *t_self(const char *argv0)
{
	static char path[4096];
	if (!strchr(argv0, '/') || !realpath(argv0, path)) {
		ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
		if (n < 0)
			t_failf(__FILE__, __LINE__, "own path of %s (got %s, want a path)",
				argv0, t_errname(errno));
		path[n] = 0;
	}
	return path;
}

/* Silence "unused" for the helpers a given test does not call. */
static inline void t_unused_helpers(void)
{
	(void)t_write_all; (void)t_read_full; (void)t_msleep; (void)t_tmpdir; (void)t_self;
}

#endif
