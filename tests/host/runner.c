// SPDX-License-Identifier: GPL-2.0
/*
 * The runner of the host contract suite: every test of every suite
 * (generated table ht_suites) against every compiled host backend
 * (registry_host), each test in its own child process. The runner probes
 * each backend once (probe has no side effects) to decide what to skip, then
 * forks per test; a booted test's child selects and boots the backend itself
 * (ht_boot), exactly as kernel_main would.
 *
 * The runner is a child subreaper: whatever a test leaves running - a stub
 * that PTRACE_O_EXITKILL failed to kill, a helper - is reparented to it when
 * the test's process is gone, and fails that test ("outlived the test").
 *
 *   host_tests                  everything
 *   host_tests -l               list backends and tests
 *   host_tests [BACKEND:]GLOB   e.g. skas0:run_*, 'batch_*', skeleton:
 *   host_tests -x skas0:run_ud2 one test in this process (gdb)
 *   host_tests -v ...           show notes and the kernel log of core/host.c
 * Exit status: 0 if nothing failed (skips are fine), 1 otherwise, 2 usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host_test.h"

#define HT_TEST_TIMEOUT_MS 30000  /* a test normally takes milliseconds */
#define HT_LEFTOVER_WAIT_MS 3000  /* how long SIGKILLed stubs may take to go */
#define HT_EXIT_SKIP 77

/* Backends whose host calls go through host-ptrace/os.h's os_calls table,
 * which the fault-injection tests override (STYLE 25). */
static const char *const ht_os_calls_backends[] = { "skas0", NULL };

static struct ht_runner_state {
	bool verbose;                   /* -v */
	bool no_fork;                   /* -x */
	int npatterns;
	char **patterns;                /* [BACKEND:]GLOB */
	int passed, failed, skipped;
	int refused;                    /* not run: the backend's probe refuses here */
	char failures[4096];            /* names of failed tests, for the summary */
} runner;

/* ---- messages from a test (in its child) ------------------------------------ */

void ht_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	fflush(stdout);
	_exit(1); /* not exit: a sanitizer's leak report would bury this one */
}

void ht_skip(const char *fmt, ...)
{
	va_list ap;

	printf("skip: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	_exit(HT_EXIT_SKIP);
}

void ht_note(const char *fmt, ...)
{
	va_list ap;

	if (!runner.verbose)
		return;
	printf("note: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* ---- booting a backend, as kernel_main does ------------------------------------ */

static void ht_boot(struct ht_env *env)
{
	struct host_boot boot = { .mem_size = HT_MEM_SIZE, .cpu = -1 };
	int p[2], out, err_fd, err;
	void *base = NULL;
	char buf[2048];
	ssize_t n;

	HT_OK(host_select(env->backend->name));
	HT_OK(host_init(&boot));
	env->caps = host_caps();
	/* Stub processes inherit fds 0-2 from the process that forks the first
	 * of them (skas0: in mem_create). Make their stdout and stderr a pipe
	 * we can read (the canary): a backend that keeps them must not let a
	 * guest's write(1, ...) through. skas0 closes them in its stubs. */
	HT_OK(pipe2(p, O_CLOEXEC | O_NONBLOCK));
	fflush(stdout);
	fflush(stderr);
	out = fcntl(1, F_DUPFD_CLOEXEC, 10);
	err_fd = fcntl(2, F_DUPFD_CLOEXEC, 10);
	HT_CHECK(out >= 0 && err_fd >= 0);
	dup2(p[1], 1);
	dup2(p[1], 2);
	err = host_mem_create(HT_MEM_SIZE, &base);
	fflush(stderr);
	dup2(out, 1);
	dup2(err_fd, 2);
	close(out);
	close(err_fd);
	close(p[1]);
	/* What the backend itself printed meanwhile is not the guest's. */
	while ((n = read(p[0], buf, sizeof(buf) - 1)) > 0) {
		buf[n] = 0;
		fprintf(stderr, "(backend said: %s)\n", buf);
	}
	HT_EQ(err, 0);
	HT_CHECK(base != NULL);
	env->mem = base;
	env->mem_size = HT_MEM_SIZE;
	env->next_frame = 0;
	env->canary = p[0];
}

/* ---- choosing and skipping ---------------------------------------------------- */

static bool ht_uses_os_calls(const struct host_backend *b)
{
	int i;

	for (i = 0; ht_os_calls_backends[i]; i++)
		if (strcmp(ht_os_calls_backends[i], b->name) == 0)
			return true;
	return false;
}

/* Why t cannot run on b here, or NULL. probe_err/why: b's probe result. */
static const char *ht_skip_reason(const struct host_backend *b, const struct ht_test *t,
				  int probe_err, const char *why, char *buf, size_t len)
{
	if (t->only && strcmp(t->only, b->name) != 0)
		return "";	/* not about this backend: not even listed */
	if ((t->needs & (HT_BOOTED | HT_PROBE_OK)) && probe_err) {
		snprintf(buf, len, "probe refuses here: %s (err=%d)", why, probe_err);
		return buf;
	}
	if ((t->needs & HT_REFUSED) && !probe_err)
		return "";	/* about refusing backends: this one works */
	if ((t->needs & HT_FPU) && (!b->ops->ctx_fpstate_get || !b->ops->ctx_fpstate_set))
		return "no ctx_fpstate_get/set";
	if ((t->needs & HT_OS_CALLS) && !ht_uses_os_calls(b))
		return "its host calls do not go through host-ptrace's os_calls";
	return NULL;
}

static bool ht_selected(const char *backend, const char *test)
{
	int i;

	if (runner.npatterns == 0)
		return true;
	for (i = 0; i < runner.npatterns; i++) {
		const char *p = runner.patterns[i], *colon = strchr(p, ':');

		if (colon) {
			if (strncmp(p, backend, (size_t)(colon - p)) != 0 ||
			    backend[colon - p] != 0)
				continue;
			p = colon + 1;
		}
		if (!*p || fnmatch(p, test, 0) == 0)
			return true;
	}
	return false;
}

/* ---- running one test ------------------------------------------------------- */

static __attribute__((noreturn)) void ht_child(const struct host_backend *b,
					       const struct ht_test *t)
{
	struct ht_env env = { .backend = b, .canary = -1 };

	if (t->needs & HT_BOOTED) {
		ht_boot(&env);
		if ((t->needs & HT_CLONE) && !env.caps->can_clone_as)
			ht_skip("caps.can_clone_as is false");
	}
	t->fn(&env);
	if (runner.no_fork)
		printf("  ok    %s:%s\n", b ? b->name : "registry", t->name);
	fflush(stdout);
	fflush(stderr);
	exit(0);
}

/* Reap what the test left behind (reparented to us, the subreaper). Returns
 * how many processes were still alive after HT_LEFTOVER_WAIT_MS. */
static int ht_reap_leftovers(const char *label)
{
	s64 until = ht_now_ms() + HT_LEFTOVER_WAIT_MS;
	pid_t kids[64];
	int n, i, status, left = 0;

	for (;;) {
		while (waitpid(-1, &status, WNOHANG | __WALL) > 0)
			;
		n = ht_children(kids, 64);
		if (n == 0)
			return left;
		if (ht_now_ms() >= until)
			break;
		usleep(2000);
	}
	for (i = 0; i < n; i++) {
		char comm[64] = "?", path[64];
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/comm", kids[i]);
		f = fopen(path, "r");
		if (f) {
			if (fgets(comm, sizeof(comm), f))
				comm[strcspn(comm, "\n")] = 0;
			fclose(f);
		}
		printf("    FAIL %s: pid %d (%s, state %c) outlived the test\n", label,
			kids[i], comm, ht_pid_state(kids[i]));
		kill(kids[i], SIGKILL);
		left++;
	}
	while (waitpid(-1, &status, __WALL) > 0)
		;
	return left;
}

/* Copy what the test's process wrote to our stdout, each line indented
 * under the test. *partial: a line not finished yet. */
static void ht_relay(int fd, char *partial, size_t *plen, size_t cap)
{
	char buf[4096];
	ssize_t n;
	size_t i;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < (size_t)n; i++) {
			if (*plen < cap - 1)
				partial[(*plen)++] = buf[i];
			if (buf[i] == '\n') {
				partial[*plen] = 0;
				printf("    %s", partial);
				*plen = 0;
			}
		}
	}
}

/* 0 pass, 1 fail, HT_EXIT_SKIP skip. The test's stdout and stderr come
 * through a pipe (ht_relay); stub processes it starts do not hold it
 * (ht_boot gives them the canary), so EOF is not awaited: the process's
 * exit (pidfd) ends the test. */
static int ht_run_forked(const struct host_backend *b, const struct ht_test *t,
			 const char *label)
{
	char partial[1024];
	size_t plen = 0;
	struct pollfd pfd[2];
	int status, pidfd, r, out[2];
	s64 until = ht_now_ms() + HT_TEST_TIMEOUT_MS;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (pipe2(out, O_CLOEXEC) < 0) {
		perror("host_tests: pipe2");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("host_tests: fork");
		return 1;
	}
	if (pid == 0) {
		dup2(out[1], 1);
		dup2(out[1], 2);
		setvbuf(stdout, NULL, _IOLBF, 0);
		ht_child(b, t);
	}
	close(out[1]);
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	pfd[0] = (struct pollfd){ pidfd, POLLIN, 0 };
	pfd[1] = (struct pollfd){ out[0], POLLIN, 0 };
	for (;;) {
		s64 left = until - ht_now_ms();

		if (left <= 0) {
			printf("    FAIL %s: timed out after %d s\n", label,
			       HT_TEST_TIMEOUT_MS / 1000);
			kill(pid, SIGKILL);
			break;
		}
		r = poll(pfd, 2, (int)MIN(left, 100));
		ht_relay(out[0], partial, &plen, sizeof(partial));
		if (r > 0 && (pfd[0].revents & POLLIN))
			break;
		if (pidfd < 0 && waitpid(pid, &status, WNOHANG) == pid)
			goto reaped;
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("host_tests: waitpid");
		status = 1 << 8;
	}
reaped:
	ht_relay(out[0], partial, &plen, sizeof(partial));
	if (plen) {
		partial[plen] = 0;
		printf("    %s\n", partial);
	}
	close(out[0]);
	if (pidfd >= 0)
		close(pidfd);
	r = 0;
	if (WIFSIGNALED(status)) {
		printf("    FAIL %s: died from signal %d (%s)\n", label, WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
		r = 1;
	} else if (WEXITSTATUS(status) == HT_EXIT_SKIP) {
		r = HT_EXIT_SKIP;
	} else if (WEXITSTATUS(status) != 0) {
		r = 1;
	}
	if (ht_reap_leftovers(label))
		r = 1;
	return r;
}

static void ht_one(const struct host_backend *b, const struct ht_test *t)
{
	char label[128];
	s64 t0 = ht_now_ms();
	int r;

	snprintf(label, sizeof(label), "%s:%s", b ? b->name : "registry", t->name);
	if (runner.no_fork) {
		ht_child(b, t); /* exits */
	}
	r = ht_run_forked(b, t, label);
	if (r == 0) {
		runner.passed++;
		printf("  ok    %-40s %5lld ms\n", label, (long long)(ht_now_ms() - t0));
	} else if (r == HT_EXIT_SKIP) {
		runner.skipped++;
		printf("  SKIP  %s\n", label);
	} else {
		runner.failed++;
		printf("  FAIL  %s\n", label);
		if (strlen(runner.failures) + strlen(label) + 3 < sizeof(runner.failures)) {
			strcat(runner.failures, "  ");
			strcat(runner.failures, label);
			strcat(runner.failures, "\n");
		}
	}
	fflush(stdout);
}

/* ---- the matrix -------------------------------------------------------------- */

#define for_each_test(s, t)                                                   \
	for (size_t si_ = 0; ((s) = ht_suites[si_]) != NULL; si_++)           \
		for (size_t ti_ = 0; ti_ < (s)->ntests && ((t) = &(s)->tests[ti_]); ti_++)

static void ht_run_backend(const struct host_backend *b)
{
	const struct ht_suite *s;
	const struct ht_test *t;
	char why[128] = "", buf[256];
	int probe_err = b->probe(why, sizeof(why)), nskip = 0;
	const char *first_skip = NULL;

	printf("== %s: probe %s...%s (err=%d)\n", b->name, why, probe_err ? "refused" : "ok",
	       probe_err);
	for_each_test(s, t) {
		const char *reason;

		if (t->needs & HT_ONCE)
			continue;
		reason = ht_skip_reason(b, t, probe_err, why, buf, sizeof(buf));
		if (reason && !*reason)
			continue;
		if (!ht_selected(b->name, t->name))
			continue;
		if (reason) {
			/* A refused probe skips most of the suite: say it once. */
			if ((t->needs & (HT_BOOTED | HT_PROBE_OK)) && probe_err) {
				runner.refused++;
				nskip++;
				first_skip = first_skip ? first_skip : t->name;
				if (runner.verbose)
					printf("  SKIP  %s:%s -- %s\n", b->name, t->name, reason);
			} else {
				runner.skipped++;
				printf("  SKIP  %s:%s -- %s\n", b->name, t->name, reason);
			}
			continue;
		}
		ht_one(b, t);
	}
	if (nskip && !runner.verbose)
		printf("  SKIP  %s: the %d tests that need a working backend (%s...) -- probe "
		       "refuses here: %s (err=%d)\n",
		       b->name, nskip, first_skip, why, probe_err);
}

static void ht_list(void)
{
	const struct ht_suite *s;
	const struct ht_test *t;
	int i;

	printf("backends:");
	for (i = 0; registry_host[i]; i++)
		printf(" %s", registry_host[i]->name);
	printf("\n");
	for_each_test(s, t)
		printf("  %-8s %-34s%s%s%s%s\n", s->name, t->name,
		       t->needs & HT_ONCE ? " [once]" : "", t->needs & HT_REFUSED ? " [refused]" : "",
		       t->only ? " only " : "", t->only ? t->only : "");
}

static void usage(void)
{
	printf("usage: host_tests [-l] [-v] [-x] [[BACKEND:]TEST-GLOB]...\n"
	       "  BACKEND: skas0, skas3, skeleton (compiled in) or registry (backend-independent)\n"
	       "  TEST-GLOB: shell pattern for test names (run_*, batch_many); empty: all\n"
	       "  -l  list   -v  verbose (notes, kernel log)   -x  one test, no fork (gdb)\n");
}

int main(int argc, char **argv)
{
	const struct ht_suite *s;
	const struct ht_test *t;
	int i, first;

	for (first = 1; first < argc && argv[first][0] == '-'; first++) {
		if (strcmp(argv[first], "-l") == 0) {
			ht_list();
			return 0;
		} else if (strcmp(argv[first], "-v") == 0) {
			runner.verbose = true;
			setenv("HT_VERBOSE", "1", 1);
		} else if (strcmp(argv[first], "-x") == 0) {
			runner.no_fork = true;
		} else {
			usage();
			return strcmp(argv[first], "-h") == 0 ? 0 : 2;
		}
	}
	runner.patterns = argv + first;
	runner.npatterns = argc - first;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		perror("host_tests: PR_SET_CHILD_SUBREAPER (leftover checks are weaker)");

	printf("== registry\n");
	for_each_test(s, t)
		if ((t->needs & HT_ONCE) && ht_selected("registry", t->name))
			ht_one(NULL, t);
	for (i = 0; registry_host[i]; i++)
		ht_run_backend(registry_host[i]);

	printf("host_tests: %d passed, %d failed, %d skipped; %d not run on backends whose probe "
	       "refuses here\n",
	       runner.passed, runner.failed, runner.skipped, runner.refused);
	if (runner.failed)
		printf("failed:\n%s", runner.failures);
	if (runner.passed + runner.failed == 0) {
		fprintf(stderr, "host_tests: no test ran; try -l\n");
		return runner.skipped + runner.refused ? 0 : 2;
	}
	return runner.failed ? 1 : 0;
}
