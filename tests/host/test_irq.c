// SPDX-License-Identifier: GPL-2.0
/*
 * Time, interrupts and host I/O (host.h clock_now, set_deadline, poll,
 * irq_enable, irq_take, take_notes) and the small host services. The
 * guest-facing promise is ctx_run's: a running guest comes back
 * HOST_EV_INTERRUPTED when the deadline passes, a registered fd becomes
 * ready or a note is raised - including when that happened after the
 * kernel last looked (irq_take) but before the guest started, or the
 * kernel would sleep in a busy guest with work pending.
 *
 * Times are measured with generous upper bounds (this runs on shared,
 * noisy machines: HOST-FACTS); lower bounds are exact (never early). A
 * "watchdog" helper sends SIGIO after HT_WATCHDOG_MS, so a lost interrupt
 * fails its test with a message instead of hanging it.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "host_test.h"

#define MS 1000000ll
#define HT_WATCHDOG_MS 3000
#define HT_LATE_MS 2000 /* an interrupt this late is lost, not slow */

static s64 ht_mono(void)
{
	return host_clock_now(1);
}

/* Run the spin snippet until it is interrupted; the time it took (ns).
 * Fails if what stopped it was the watchdog. */
static s64 ht_spin(struct ht_guest *g)
{
	pid_t dog = ht_later_signal(SIGIO, HT_WATCHDOG_MS);
	s64 t0 = ht_mono(), dt;
	int ev;

	ht_regs(&g->regs, HT_CODE_VA);
	ev = ht_guest_run(g);
	dt = ht_mono() - t0;
	ht_reap(dog);
	HT_EV(ev, HOST_EV_INTERRUPTED);
	HT_CHECK_MSG(dt < (s64)HT_WATCHDOG_MS * MS - 100 * MS,
		     "only the watchdog stopped the guest, after %lld ms",
		     (long long)(dt / MS));
	/* stopped inside the loop, registers intact */
	HT_CHECK_MSG(g->regs.rip >= HT_CODE_VA && g->regs.rip < HT_CODE_VA + 16, "rip %#llx",
		     (unsigned long long)g->regs.rip);
	return dt;
}

static int ht_pipe(int p[2])
{
	HT_OK(pipe2(p, O_CLOEXEC));
	return p[0];
}

/* ---- clocks and poll ---------------------------------------------------------- */

static void clock_monotonic(struct ht_env *env)
{
	struct timespec ts = { 0, 20 * MS };
	s64 a, b, c, rt;
	int i;

	a = ht_mono();
	for (i = 0; i < 1000; i++) {
		b = ht_mono();
		HT_CHECK(b >= a);
		a = b;
	}
	nanosleep(&ts, NULL);
	c = ht_mono();
	HT_CHECK_MSG(c - b >= 20 * MS && c - b < HT_LATE_MS * MS, "slept 20 ms: %lld ns",
		     (long long)(c - b));
	/* clock 0 is the wall clock */
	rt = host_clock_now(0);
	HT_CHECK_MSG(rt / 1000000000 - (s64)time(NULL) <= 1 && (s64)time(NULL) - rt / 1000000000 <= 1,
		     "realtime %lld s, time() %lld", (long long)(rt / 1000000000),
		     (long long)time(NULL));
}

static void poll_timeout(struct ht_env *env)
{
	struct host_pollfd pfd;
	int p[2];
	s64 t0, dt;

	pfd.fd = ht_pipe(p);
	pfd.events = POLLIN;
	t0 = ht_mono();
	HT_EQ(host_poll(&pfd, 1, 50 * MS), 0);
	dt = ht_mono() - t0;
	HT_CHECK_MSG(dt >= 50 * MS && dt < HT_LATE_MS * MS, "50 ms poll took %lld ns",
		     (long long)dt);
	HT_EQ(pfd.revents, 0);
	/* no fds at all: a sleep */
	t0 = ht_mono();
	HT_EQ(host_poll(NULL, 0, 30 * MS), 0);
	dt = ht_mono() - t0;
	HT_CHECK_MSG(dt >= 30 * MS && dt < HT_LATE_MS * MS, "30 ms poll took %lld ns",
		     (long long)dt);
	/* 0: just look */
	t0 = ht_mono();
	HT_EQ(host_poll(&pfd, 1, 0), 0);
	HT_CHECK(ht_mono() - t0 < HT_LATE_MS * MS);
}

static void poll_ready(struct ht_env *env)
{
	struct host_pollfd pfd[3];
	int a[2], b[2];
	pid_t w;

	pfd[0] = (struct host_pollfd){ ht_pipe(a), POLLIN, 0 };
	pfd[1] = (struct host_pollfd){ ht_pipe(b), POLLIN, 0 };
	pfd[2] = (struct host_pollfd){ a[1], POLLOUT, 0 };
	HT_EQ(write(b[1], "x", 1), 1);
	HT_EQ(host_poll(pfd, 3, -1), 2);
	HT_EQ(pfd[0].revents, 0);
	HT_EQ(pfd[1].revents, POLLIN);
	HT_EQ(pfd[2].revents, POLLOUT);
	/* a wait with no timeout ends when an fd becomes ready */
	pfd[2].events = 0;
	w = ht_later_write(a[1], 50);
	HT_EQ(host_poll(pfd, 1, -1), 1);
	HT_EQ(pfd[0].revents, POLLIN);
	ht_reap(w);
}

/* A note (SIGTERM to the kernel) ends a poll with no timeout. */
static void poll_woken_by_note(struct ht_env *env)
{
	struct host_pollfd pfd;
	pid_t k = ht_later_signal(SIGTERM, 50);
	int p[2];
	s64 t0 = ht_mono(), dt;

	pfd = (struct host_pollfd){ ht_pipe(p), POLLIN, 0 };
	HT_EQ(host_poll(&pfd, 1, 5000 * MS), 0);
	dt = ht_mono() - t0;
	ht_reap(k);
	HT_CHECK_MSG(dt >= 40 * MS && dt < HT_LATE_MS * MS, "woken after %lld ms",
		     (long long)(dt / MS));
	HT_EQ(host_take_notes(), HOST_NOTE_TERMINATE);
	/* taken: a note raised before the poll makes it return at once */
	raise(SIGHUP);
	t0 = ht_mono();
	HT_EQ(host_poll(&pfd, 1, 5000 * MS), 0);
	HT_CHECK(ht_mono() - t0 < HT_LATE_MS * MS);
	HT_EQ(host_take_notes(), HOST_NOTE_TERMINATE);
}

/* ---- interrupts and notes --------------------------------------------------------- */

static void irq_pipe(struct ht_env *env)
{
	int p[2];

	ht_pipe(p);
	HT_OK(host_irq_enable(p[0]));
	host_irq_take();
	HT_CHECK(!host_irq_take());
	HT_EQ(write(p[1], "x", 1), 1);
	HT_CHECK(host_irq_take());
	HT_CHECK(!host_irq_take());
	/* still readable data: the fd is left for the kernel to read */
	HT_EQ(read(p[0], (char[1]){ 0 }, 1), 1);
}

static void irq_regular_file(struct ht_env *env)
{
	char path[] = "/tmp/ht-irq-XXXXXX";
	int fd = mkstemp(path);

	HT_CHECK(fd >= 0);
	unlink(path);
	HT_EQ(host_irq_enable(fd), -EINVAL);
	fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	HT_EQ(host_irq_enable(fd), -EINVAL);
	HT_EQ(host_irq_enable(1000), -EBADF);
}

/* A registered fd that becomes ready while the guest spins stops it. */
static void irq_interrupts_guest(struct ht_env *env)
{
	struct ht_guest g;
	int p[2];
	pid_t w;
	s64 dt;

	ht_guest_new(env, &g, HT_GUEST(spin));
	ht_pipe(p);
	HT_OK(host_irq_enable(p[0]));
	host_irq_take();
	w = ht_later_write(p[1], 100);
	dt = ht_spin(&g);
	ht_reap(w);
	HT_CHECK_MSG(dt >= 90 * MS, "interrupted after %lld ms, the write was at 100",
		     (long long)(dt / MS));
	HT_CHECK(host_irq_take());
	ht_guest_free(&g);
}

/* Ready after the kernel's last irq_take but before ctx_run: the guest
 * must not start a busy loop as if nothing happened. */
static void irq_pending_before_run(struct ht_env *env)
{
	struct ht_guest g;
	int p[2];

	ht_guest_new(env, &g, HT_GUEST(spin));
	ht_pipe(p);
	HT_OK(host_irq_enable(p[0]));
	host_irq_take();
	HT_EQ(write(p[1], "x", 1), 1);
	ht_spin(&g);
	HT_CHECK(host_irq_take());
	ht_guest_free(&g);
}

static void notes_sigterm(struct ht_env *env)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	unsigned i;

	HT_EQ(host_take_notes(), 0);
	for (i = 0; i < 3; i++) {
		raise(sigs[i]);
		HT_EQ(host_take_notes(), HOST_NOTE_TERMINATE);
		HT_EQ(host_take_notes(), 0);
	}
}

/* SIGTERM to the kernel while a guest spins: INTERRUPTED and the note. */
static void notes_interrupt_guest(struct ht_env *env)
{
	struct ht_guest g;
	pid_t k;

	ht_guest_new(env, &g, HT_GUEST(spin));
	k = ht_later_signal(SIGTERM, 100);
	ht_spin(&g);
	ht_reap(k);
	HT_EQ(host_take_notes(), HOST_NOTE_TERMINATE);
	ht_guest_free(&g);
}

/* ---- the deadline --------------------------------------------------------------- */

/* Interrupted once the deadline passes, never before; again for the next. */
static void deadline_interrupts(struct ht_env *env)
{
	struct ht_guest g;
	s64 t0;
	int i;

	ht_guest_new(env, &g, HT_GUEST(spin));
	for (i = 0; i < 3; i++) {
		t0 = ht_mono();
		host_set_deadline(t0 + 50 * MS);
		ht_spin(&g);
		HT_CHECK_MSG(ht_mono() - t0 >= 50 * MS, "round %d: interrupted %lld ns early", i,
			     (long long)(t0 + 50 * MS - ht_mono()));
		HT_CHECK(host_irq_take());
	}
	ht_guest_free(&g);
}

/* The same deadline set twice (the kernel does, every time around its
 * loop): still one interrupt when it passes. */
static void deadline_set_twice(struct ht_env *env)
{
	struct ht_guest g;
	s64 t0 = ht_mono(), d = t0 + 60 * MS;

	ht_guest_new(env, &g, HT_GUEST(spin));
	host_set_deadline(d);
	host_set_deadline(d);
	ht_spin(&g);
	HT_CHECK(ht_mono() >= d);
	host_irq_take();
	/* passed: setting it again fires at once (it is in the past) */
	host_set_deadline(d);
	ht_spin(&g);
	ht_guest_free(&g);
}

/* A deadline already in the past when set: the guest is interrupted at
 * once, not left to spin. */
static void deadline_passed(struct ht_env *env)
{
	struct ht_guest g;
	s64 dt;

	ht_guest_new(env, &g, HT_GUEST(spin));
	host_irq_take();
	host_set_deadline(ht_mono() - 1 * MS);
	dt = ht_spin(&g);
	HT_CHECK_MSG(dt < HT_LATE_MS * MS, "after %lld ms", (long long)(dt / MS));
	ht_guest_free(&g);
}

/* S64_MAX cancels: nothing fires at the old deadline. */
static void deadline_cancel(struct ht_env *env)
{
	struct ht_guest g;
	int p[2];
	pid_t w;
	s64 dt;

	ht_guest_new(env, &g, HT_GUEST(spin));
	ht_pipe(p);
	HT_OK(host_irq_enable(p[0]));
	host_set_deadline(ht_mono() + 30 * MS);
	host_set_deadline(S64_MAX);
	host_irq_take();
	w = ht_later_write(p[1], 200);
	dt = ht_spin(&g);
	ht_reap(w);
	HT_CHECK_MSG(dt >= 190 * MS, "interrupted after %lld ms: the cancelled deadline fired",
		     (long long)(dt / MS));
	ht_guest_free(&g);
}

/* ---- small services ---------------------------------------------------------------- */

static void getrandom_fills(struct ht_env *env)
{
	unsigned char a[64], b[64], zero[64] = { 0 };

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	HT_OK(host_getrandom(a, sizeof(a)));
	HT_OK(host_getrandom(b, sizeof(b)));
	HT_CHECK(memcmp(a, b, sizeof(a)) != 0);
	HT_CHECK(memcmp(a, zero, sizeof(a)) != 0);
	HT_OK(host_getrandom(a, 0));
}

static void file_read_all(struct ht_env *env)
{
	char path[] = "/tmp/ht-read-XXXXXX";
	static char big[300000];
	void *data = NULL;
	size_t len = 0, i;
	int fd = mkstemp(path), err;

	HT_CHECK(fd >= 0);
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	HT_EQ(write(fd, big, sizeof(big)), sizeof(big));
	close(fd);
	err = host_file_read_all(path, &data, &len);
	if (err == -ENOSYS) {
		unlink(path);
		ht_skip("file_read_all is optional and absent");
	}
	HT_OK(err);
	HT_EQ(len, sizeof(big));
	HT_CHECK(memcmp(data, big, len) == 0);
	free(data);
	unlink(path);
	HT_EQ(host_file_read_all(path, &data, &len), -ENOENT);
	HT_EQ(host_file_read_all("/", &data, &len), -EISDIR);
}

static const struct ht_test tests[] = {
	{ "clock_monotonic", clock_monotonic, HT_BOOTED, NULL },
	{ "poll_timeout", poll_timeout, HT_BOOTED, NULL },
	{ "poll_ready", poll_ready, HT_BOOTED, NULL },
	{ "poll_woken_by_note", poll_woken_by_note, HT_BOOTED, NULL },
	{ "irq_pipe", irq_pipe, HT_BOOTED, NULL },
	{ "irq_regular_file", irq_regular_file, HT_BOOTED, NULL },
	{ "irq_interrupts_guest", irq_interrupts_guest, HT_BOOTED, NULL },
	{ "irq_pending_before_run", irq_pending_before_run, HT_BOOTED, NULL },
	{ "notes_sigterm", notes_sigterm, HT_BOOTED, NULL },
	{ "notes_interrupt_guest", notes_interrupt_guest, HT_BOOTED, NULL },
	{ "deadline_interrupts", deadline_interrupts, HT_BOOTED, NULL },
	{ "deadline_set_twice", deadline_set_twice, HT_BOOTED, NULL },
	{ "deadline_passed", deadline_passed, HT_BOOTED, NULL },
	{ "deadline_cancel", deadline_cancel, HT_BOOTED, NULL },
	{ "getrandom_fills", getrandom_fills, HT_BOOTED, NULL },
	{ "file_read_all", file_read_all, HT_BOOTED, NULL },
};
HT_SUITE(irq, tests);
