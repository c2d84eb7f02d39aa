// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the host contract suite (host_test.h): guest memory, code and
 * registers; the host seen from outside through /proc (tracees, children,
 * fds, mappings, process states); helper processes that act later; and the
 * kernel log of core/host.c (printk, which the suite provides in place of
 * core/boot/printk.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "host_test.h"

/* ---- guest memory, code, registers -------------------------------------------- */

u64 ht_frame(struct ht_env *env)
{
	u64 off = env->next_frame;

	HT_CHECK_MSG(off + PAGE_SIZE <= env->mem_size, "guest RAM used up");
	env->next_frame += PAGE_SIZE;
	return off;
}

void *ht_mem(struct ht_env *env, u64 off)
{
	return env->mem + off;
}

u64 ht_map_code(struct ht_env *env, struct host_as *as, u64 va, struct ht_code code)
{
	u64 off = ht_frame(env);
	size_t len = (size_t)(code.end - code.start);

	HT_CHECK(len > 0 && len <= PAGE_SIZE);
	memcpy(ht_mem(env, off), code.start, len);
	HT_OK(host_as_map(as, va, PAGE_SIZE, PROT_READ | PROT_EXEC, off));
	return off;
}

void ht_regs(struct arch_regs *r, u64 ip)
{
	/* What arch_start_thread (arch-x86_64/abi/regs.c) gives a new
	 * program: the 64-bit user code and stack selectors of Linux, IF. */
	memset(r, 0, sizeof(*r));
	r->rip = ip;
	r->rsp = 0; /* the snippets use no stack */
	r->cs = 0x33;
	r->ss = 0x2b;
	r->eflags = 0x202;
	r->orig_rax = (u64)-1;
}

int ht_run(struct host_ctx *ctx, struct host_as *as, struct arch_regs *r, struct host_trap *trap)
{
	memset(trap, 0, sizeof(*trap));
	return host_ctx_run(ctx, as, r, trap);
}

void ht_guest_new(struct ht_env *env, struct ht_guest *g, struct ht_code code)
{
	memset(g, 0, sizeof(*g));
	HT_OK(host_as_create(&g->as));
	HT_OK(host_ctx_create(&g->ctx));
	g->code_off = ht_map_code(env, g->as, HT_CODE_VA, code);
	ht_regs(&g->regs, HT_CODE_VA);
}

int ht_guest_run(struct ht_guest *g)
{
	return ht_run(g->ctx, g->as, &g->regs, &g->trap);
}

void ht_guest_free(struct ht_guest *g)
{
	host_as_destroy(g->as);
	host_ctx_destroy(g->ctx);
	g->as = NULL;
	g->ctx = NULL;
}

u64 ht_map_data(struct ht_env *env, struct host_as *as, u64 va, int prot, u64 value)
{
	u64 off = ht_frame(env);

	HT_WORD(env, off) = value;
	HT_OK(host_as_map(as, va, PAGE_SIZE, prot, off));
	return off;
}

const char *ht_ev_name(int ev)
{
	static char buf[32];

	switch (ev) {
	case HOST_EV_SYSCALL: return "HOST_EV_SYSCALL";
	case HOST_EV_FAULT: return "HOST_EV_FAULT";
	case HOST_EV_SIGNAL: return "HOST_EV_SIGNAL";
	case HOST_EV_INTERRUPTED: return "HOST_EV_INTERRUPTED";
	}
	snprintf(buf, sizeof(buf), "%d%s", ev, ev < 0 ? " (-errno)" : "");
	return buf;
}

/* ---- /proc ------------------------------------------------------------------- */

static int ht_pid_cmp(const void *a, const void *b)
{
	return *(const pid_t *)a - *(const pid_t *)b;
}

long ht_status_field(pid_t pid, const char *name)
{
	char path[64], line[256];
	size_t n = strlen(name);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, name, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

/* Processes whose status field `field` equals pid `me`, sorted. */
static int ht_scan(const char *field, pid_t me, pid_t *out, int max)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	HT_CHECK(d != NULL);
	while ((e = readdir(d)) != NULL) {
		pid_t pid = (pid_t)atoi(e->d_name);

		if (pid <= 0 || pid == me)
			continue;
		if (ht_status_field(pid, field) == me && n < max)
			out[n++] = pid;
	}
	closedir(d);
	qsort(out, (size_t)n, sizeof(*out), ht_pid_cmp);
	return n;
}

int ht_tracees(pid_t *out, int max)
{
	return ht_scan("TracerPid", getpid(), out, max);
}

int ht_children(pid_t *out, int max)
{
	return ht_scan("PPid", getpid(), out, max);
}

static pid_t ht_new_tracee(const pid_t *before, int nb)
{
	pid_t after[256];
	int na = ht_tracees(after, 256), i, j, found = 0;
	pid_t pid = 0;

	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && before[j] != after[i]; j++)
			;
		if (j == nb) {
			pid = after[i];
			found++;
		}
	}
	HT_CHECK_MSG(found == 1, "%d new host processes, want 1", found);
	return pid;
}

pid_t ht_as_create_pid(struct host_as **out)
{
	pid_t before[256];
	int nb = ht_tracees(before, 256);

	HT_OK(host_as_create(out));
	return ht_new_tracee(before, nb);
}

pid_t ht_as_clone_pid(struct host_as *parent, struct host_as **out)
{
	pid_t before[256];
	int nb = ht_tracees(before, 256);

	HT_OK(host_as_clone(parent, out));
	return ht_new_tracee(before, nb);
}

char ht_pid_state(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

int ht_count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	HT_CHECK(d != NULL);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1; /* the directory's own fd */
}

bool ht_maps_mention(const char *name)
{
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/self/maps", "r");

	HT_CHECK(f != NULL);
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, name) != NULL;
	fclose(f);
	return found;
}

size_t ht_leaks(struct ht_env *env)
{
	char buf[256], path[64];
	size_t total = 0;
	pid_t pids[256];
	ssize_t n;
	int i, np, fd;

	HT_CHECK(env->canary >= 0);
	while ((n = read(env->canary, buf, sizeof(buf))) > 0)
		total += (size_t)n;
	/* EOF: no stub process holds the pipe (skas0 closes their stdio). */
	HT_CHECK_MSG(n == 0 || errno == EAGAIN, "the canary pipe: n=%zd errno=%d", n, errno);
	np = ht_tracees(pids, 256);
	for (i = 0; i < np; i++) {
		snprintf(path, sizeof(path), "/proc/%d/comm", (int)pids[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n == 5 && memcmp(buf, "LEAK\n", 5) == 0)
			total++;
	}
	return total;
}

void ht_snapshot(struct ht_snapshot *s)
{
	s->fds = ht_count_fds();
	s->nchildren = ht_children(s->children, 64);
	s->ntracees = ht_tracees(s->tracees, 64);
	s->physmem_mapped = ht_maps_mention("uml-physmem");
}

static void ht_diff_pids(const char *what, const pid_t *a, int na, const pid_t *b, int nb,
			 char *msg, size_t len)
{
	int i, j;

	for (i = 0; i < nb; i++) {
		for (j = 0; j < na && a[j] != b[i]; j++)
			;
		if (j == na)
			snprintf(msg + strlen(msg), len - strlen(msg), " new %s %d (state %c);", what,
				 b[i], ht_pid_state(b[i]) ? ht_pid_state(b[i]) : '-');
	}
}

void ht_check_nothing_left(const char *file, int line, const struct ht_snapshot *s)
{
	struct ht_snapshot now;
	char msg[1024] = "";

	ht_snapshot(&now);
	if (now.fds != s->fds)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg), " %d fds open, were %d;",
			 now.fds, s->fds);
	ht_diff_pids("child", s->children, s->nchildren, now.children, now.nchildren, msg,
		     sizeof(msg));
	ht_diff_pids("tracee", s->tracees, s->ntracees, now.tracees, now.ntracees, msg,
		     sizeof(msg));
	if (now.physmem_mapped != s->physmem_mapped)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
			 " the memory file is %smapped, was %smapped;",
			 now.physmem_mapped ? "" : "not ", s->physmem_mapped ? "" : "not ");
	if (msg[0])
		ht_fail(file, line, "left behind:%s", msg);
}

/* ---- helper processes ------------------------------------------------------------ */

s64 ht_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (s64)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static pid_t ht_later(int ms, int fd, int sig)
{
	pid_t parent = getpid(), pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	HT_CHECK(pid >= 0);
	if (pid == 0) {
		struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		if (fd >= 0 && write(fd, "x", 1) != 1)
			_exit(1);
		if (sig)
			kill(parent, sig);
		_exit(0);
	}
	return pid;
}

pid_t ht_later_write(int fd, int ms)
{
	return ht_later(ms, fd, 0);
}

pid_t ht_later_signal(int sig, int ms)
{
	return ht_later(ms, -1, sig);
}

void ht_reap(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	while (waitpid(pid, &status, __WALL) < 0 && errno == EINTR)
		;
}

/* ---- the kernel log: core/host.c's printk ------------------------------------------- */

static struct ht_log_state {
	char text[16384]; /* everything logged, truncated when full */
	size_t len;
} ht_log;

void vprintk(int level, const char *fmt, va_list ap)
{
	char buf[1024];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	if (ht_log.len + (size_t)n < sizeof(ht_log.text)) {
		memcpy(ht_log.text + ht_log.len, buf, (size_t)n);
		ht_log.len += (size_t)n;
		ht_log.text[ht_log.len] = 0;
	}
	if (getenv("HT_VERBOSE"))
		fprintf(stderr, "    log<%d>: %s", level, buf);
}

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

bool ht_logged(const char *s)
{
	return strstr(ht_log.text, s) != NULL;
}
