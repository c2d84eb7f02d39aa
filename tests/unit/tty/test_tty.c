// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/tty/tty.c: the N_TTY line discipline and the tty
 * file operations. A fake tty driver records every byte the tty writes
 * (echo and output); input goes in through tty_receive as a console driver
 * would feed it. The current task is a fake (pid = pgid = sid = 100) with a
 * real address space (vma/fault over the fake host), so termios ioctls copy
 * through guest memory as they do for a guest. Signals are recorded by
 * tests/fake/proc_fake.c; sleeping calls a test hook (default: -EINTR).
 */
#include <stdio.h>

#include "unit.h"
#include "host_fake.h"
#include "proc_fake.h"
#include "tty.h"

#define CTRL(c) ((c) & 0x1f)
#define FG_PGRP 42     /* the foreground group of the test tty */
#define PID 100        /* the fake current task: its own session and group */

static struct tty_test_state {
	struct tty tty;
	struct file file;         /* the tty open O_RDWR | O_NONBLOCK */
	struct task *task;
	u64 ubuf;                 /* a guest page for ioctl arguments */
	u8 out[16384];            /* what the driver was given since the last check */
	size_t outlen;
	unsigned set_termios_calls;
	const char *feed_on_sleep; /* typed in when the reader sleeps */
	s64 sleep_deadline;       /* the deadline of the last sleep */
	int sleep_result;         /* what that sleep returns */
} tty_test_state;

#define ST tty_test_state

/* ---- the fake driver -------------------------------------------------------- */

static void drv_write(struct tty *tty, const u8 *buf, size_t len)
{
	assert_ptr_equal(tty, &ST.tty);
	assert_true(ST.outlen + len <= sizeof(ST.out));
	memcpy(ST.out + ST.outlen, buf, len);
	ST.outlen += len;
}

static void drv_set_termios(struct tty *tty)
{
	ST.set_termios_calls++;
}

static const struct tty_ops drv_ops = {
	.write = drv_write,
	.set_termios = drv_set_termios,
};

/* ---- fixture and helpers ------------------------------------------------------ */

static int sleep_hook(int state, s64 deadline, void *arg)
{
	ST.sleep_deadline = deadline;
	if (ST.feed_on_sleep) {
		tty_receive(&ST.tty, (const u8 *)ST.feed_on_sleep, strlen(ST.feed_on_sleep));
		ST.feed_on_sleep = NULL;
		return 0;
	}
	return ST.sleep_result;
}

static int tty_setup(void **state)
{
	long addr;

	memset(&ST, 0, sizeof(ST));
	fake_host_reset();
	fake_proc_reset();
	if (fake_host_boot() || mm_frames_init(64 * PAGE_SIZE))
		return -1;
	ST.task = fake_task_new(PID);
	if (mm_create(&ST.task->mm))
		return -1;
	addr = mm_mmap(ST.task->mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	if (addr < 0)
		return -1;
	ST.ubuf = (u64)addr;
	fake_set_current(ST.task);
	fake_set_sleep(sleep_hook, NULL);
	ST.sleep_result = -EINTR;
	tty_init(&ST.tty, "tty0", mkdev(4, 0), &drv_ops);
	ST.tty.pgrp = FG_PGRP;
	ST.file.refs = 1;
	ST.file.ops = &tty_fops;
	ST.file.priv = &ST.tty;
	ST.file.flags = O_RDWR | O_NONBLOCK;
	return 0;
}

static void type(const char *s)
{
	tty_receive(&ST.tty, (const u8 *)s, strlen(s));
}

/* read(2) into buf (NUL-terminated after the bytes read). */
static long rd(char *buf, size_t len)
{
	struct iov_iter it;
	s64 pos = 0;
	long r;

	iov_init_kbuf(&it, buf, len);
	r = tty_fops.read(&ST.file, &it, &pos);
	buf[r > 0 ? r : 0] = 0;
	return r;
}

static long wr(const char *s)
{
	struct iov_iter it;
	s64 pos = 0;

	iov_init_kbuf(&it, (void *)s, strlen(s));
	return tty_fops.write(&ST.file, &it, &pos);
}

/* The driver got exactly s since the last check. */
#define expect_out(s) expect_out_(s, sizeof(s) - 1)
static void expect_out_(const char *s, size_t n)
{
	if (ST.outlen != n || memcmp(ST.out, s, n) != 0) {
		char got[256];
		size_t i, k = 0;

		for (i = 0; i < ST.outlen && k + 5 < sizeof(got); i++)
			k += (size_t)snprintf(got + k, sizeof(got) - k,
					      ST.out[i] >= 32 && ST.out[i] < 127 ? "%c" : "\\x%02x",
					      ST.out[i]);
		fail_msg("tty output was \"%s\" (%zu bytes), want %zu bytes", got, ST.outlen, n);
	}
	ST.outlen = 0;
}

static struct termios_k get_termios(void)
{
	struct termios_k t;

	assert_int_equal(tty_ioctl(&ST.tty, &ST.file, TCGETS, ST.ubuf), 0);
	assert_int_equal(mm_copy_from(ST.task->mm, &t, ST.ubuf, sizeof(t)), 0);
	return t;
}

static void set_termios(const struct termios_k *t)
{
	assert_int_equal(mm_copy_to(ST.task->mm, ST.ubuf, t, sizeof(*t)), 0);
	assert_int_equal(tty_ioctl(&ST.tty, &ST.file, TCSETS, ST.ubuf), 0);
}

static void set_raw(u8 vmin, u8 vtime)
{
	struct termios_k t = get_termios();

	t.c_lflag &= ~(u32)ICANON;
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	set_termios(&t);
}

static void expect_signal(size_t i, enum fake_sig_kind kind, int target, int sig)
{
	const struct fake_signal *s = fake_signal_at(i);

	assert_non_null(s);
	assert_int_equal(s->kind, kind);
	assert_int_equal(s->target, target);
	assert_int_equal(s->sig, sig);
}

/* ---- canonical mode ------------------------------------------------------------ */

static void canonical_line_and_echo(void **state)
{
	char buf[64];

	type("hello");
	expect_out("hello");
	assert_int_equal(rd(buf, 63), -EAGAIN); /* no complete line yet */
	type("\r");                             /* ICRNL: Enter ends the line */
	expect_out("\r\n");                     /* the echoed \n through ONLCR */
	assert_int_equal(rd(buf, 63), 6);
	assert_string_equal(buf, "hello\n");
	assert_int_equal(rd(buf, 63), -EAGAIN);
}

static void one_line_per_read(void **state)
{
	char buf[64];

	type("ab\ncd\n");
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "ab\n");
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "cd\n");
	/* a short read leaves the rest of the line for the next one */
	type("abcdef\n");
	assert_int_equal(rd(buf, 2), 2);
	assert_string_equal(buf, "ab");
	assert_int_equal(rd(buf, 63), 5);
	assert_string_equal(buf, "cdef\n");
}

static void erase(void **state)
{
	char buf[64];

	type("abc\177d\r");
	expect_out("abc\b \bd\r\n");
	assert_int_equal(rd(buf, 63), 4);
	assert_string_equal(buf, "abd\n");
	/* nothing to erase: nothing echoed */
	type("\177\177");
	expect_out("");
	/* a control character echoed as ^X takes two columns to erase */
	type("a\001");
	expect_out("a^A");
	type("\177");
	expect_out("\b \b\b \b");
	type("\n");
	assert_int_equal(rd(buf, 63), 2);
	assert_string_equal(buf, "a\n");
}

static void kill_line(void **state)
{
	char buf[64];
	struct termios_k t;

	type("abc\025xy\n");
	expect_out("abc\b \b\b \b\b \bxy\r\n"); /* ECHOKE: erased char by char */
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "xy\n");
	/* without ECHOKE: echo ^U and, with ECHOK, a newline */
	t = get_termios();
	t.c_lflag &= ~(u32)ECHOKE;
	set_termios(&t);
	type("abc\025z\n");
	expect_out("abc^U\r\nz\r\n");
	assert_int_equal(rd(buf, 63), 2);
	assert_string_equal(buf, "z\n");
}

static void word_erase(void **state)
{
	char buf[64];

	type("one two  \027three\n");
	expect_out("one two  \b \b\b \b\b \b\b \b\b \bthree\r\n");
	assert_int_equal(rd(buf, 63), 10);
	assert_string_equal(buf, "one three\n");
	/* only with IEXTEN */
	{
		struct termios_k t = get_termios();

		t.c_lflag &= ~(u32)IEXTEN;
		set_termios(&t);
	}
	type("a b\027\n");
	assert_int_equal(rd(buf, 63), 5);
	assert_string_equal(buf, "a b\027\n");
}

static void eof(void **state)
{
	char buf[64];

	/* ^D ends a partial line without adding a character */
	type("abc\004");
	expect_out("abc");
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "abc");
	/* on an empty line it reads as end of file, once */
	type("\004");
	assert_int_equal(rd(buf, 63), 0);
	assert_int_equal(rd(buf, 63), -EAGAIN);
	type("x\n");
	assert_int_equal(rd(buf, 63), 2);
	assert_string_equal(buf, "x\n");
}

/* A zero-byte read returns 0 at once and consumes nothing, not even an
 * end-of-file record (n_tty_read loops while there is room); blocking, it
 * does not sleep. */
static void zero_length_read(void **state)
{
	char buf[8];

	assert_int_equal(rd(buf, 0), 0);
	type("\004");
	assert_int_equal(rd(buf, 0), 0);
	assert_int_equal(rd(buf, 7), 0);       /* the EOF is still there, once */
	assert_int_equal(rd(buf, 7), -EAGAIN);
	ST.file.flags &= ~(u32)O_NONBLOCK;
	set_raw(1, 0);
	assert_int_equal(rd(buf, 0), 0);
	assert_int_equal(fake_sleeps(), 0);
}

static void echo_modes(void **state)
{
	char buf[64];
	struct termios_k t;

	type("\001\033\t");
	expect_out("^A^[\t"); /* ECHOCTL; a tab echoes as itself */
	type("\n");
	expect_out("\r\n");
	rd(buf, 63);

	t = get_termios();
	t.c_lflag &= ~(u32)ECHOCTL;
	set_termios(&t);
	type("\001");
	expect_out("\001");
	type("\n");
	rd(buf, 63);
	ST.outlen = 0;

	/* ECHO off (a password prompt): nothing echoed, the line still works */
	t.c_lflag &= ~(u32)ECHO;
	set_termios(&t);
	type("secret\n");
	expect_out("");
	assert_int_equal(rd(buf, 63), 7);
	assert_string_equal(buf, "secret\n");
	/* ECHONL echoes the newline alone */
	t.c_lflag |= ECHONL;
	set_termios(&t);
	type("pw\n");
	expect_out("\r\n");
}

static void input_cr_nl_mapping(void **state)
{
	char buf[64];
	struct termios_k t = get_termios();

	t.c_iflag &= ~(u32)ICRNL;
	set_termios(&t);
	type("a\rb\n");
	assert_int_equal(rd(buf, 63), 4);
	assert_string_equal(buf, "a\rb\n");

	t.c_iflag |= IGNCR;
	set_termios(&t);
	type("a\rb\n");
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "ab\n");

	t.c_iflag &= ~(u32)IGNCR;
	t.c_iflag |= INLCR;
	set_termios(&t);
	type("a\n"); /* \n becomes \r: no end of line */
	assert_int_equal(rd(buf, 63), -EAGAIN);
	type("\004");
	assert_int_equal(rd(buf, 63), 2);
	assert_string_equal(buf, "a\r");
}

static void long_line_is_capped(void **state)
{
	static char line[5001], buf[8192];

	memset(line, 'a', 5000);
	type(line);
	ST.outlen = 0;
	type("\n");
	/* 4095 characters and the newline, as Linux */
	assert_int_equal(rd(buf, sizeof(buf) - 1), TTY_BUF);
	assert_int_equal(buf[TTY_BUF - 2], 'a');
	assert_int_equal(buf[TTY_BUF - 1], '\n');
}

/* ---- signals and flow control ----------------------------------------------------- */

static void isig_to_foreground_group(void **state)
{
	char buf[64];

	type("abc\003");
	expect_out("abc^C");
	assert_int_equal(fake_nsignals(), 1);
	expect_signal(0, FAKE_SIG_PGRP, FG_PGRP, SIGINT);
	/* the partial line was flushed */
	type("x\n");
	assert_int_equal(rd(buf, 63), 2);
	assert_string_equal(buf, "x\n");
	type("\034\032");
	assert_int_equal(fake_nsignals(), 3);
	expect_signal(1, FAKE_SIG_PGRP, FG_PGRP, SIGQUIT);
	expect_signal(2, FAKE_SIG_PGRP, FG_PGRP, SIGTSTP);
}

static void isig_variants(void **state)
{
	char buf[64];
	struct termios_k t = get_termios();

	/* NOFLSH keeps the input */
	t.c_lflag |= NOFLSH;
	set_termios(&t);
	type("ab\003cd\n");
	assert_int_equal(rd(buf, 63), 5);
	assert_string_equal(buf, "abcd\n");
	assert_int_equal(fake_nsignals(), 1);
	/* no foreground group: nobody to signal */
	ST.tty.pgrp = 0;
	type("\003");
	assert_int_equal(fake_nsignals(), 1);
	/* ISIG off: ^C is data */
	ST.tty.pgrp = FG_PGRP;
	t.c_lflag &= ~(u32)ISIG;
	set_termios(&t);
	type("a\003\n");
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "a\003\n");
	assert_int_equal(fake_nsignals(), 1);
}

static void lnext_quotes(void **state)
{
	char buf[64];

	type("\026\003\026\177\n");
	assert_int_equal(fake_nsignals(), 0);
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "\003\177\n");
}

static void ixon_stops_output(void **state)
{
	char buf[8];

	type("\023");
	assert_true(ST.tty.stopped);
	assert_int_equal(wr("blocked"), -EAGAIN);
	expect_out("");
	type("\021");
	assert_false(ST.tty.stopped);
	assert_int_equal(wr("go"), 2);
	expect_out("go");
	/* neither is input */
	type("\n");
	assert_int_equal(rd(buf, 7), 1);
}

/* ---- output processing ------------------------------------------------------------ */

static void output_processing(void **state)
{
	struct termios_k t;

	assert_int_equal(wr("a\nb"), 3);
	expect_out("a\r\nb"); /* ONLCR */
	t = get_termios();
	t.c_oflag &= ~(u32)ONLCR;
	set_termios(&t);
	assert_int_equal(wr("a\nb"), 3);
	expect_out("a\nb");
	t.c_oflag |= OCRNL;
	set_termios(&t);
	wr("x\ry");
	expect_out("x\ny");
	t.c_oflag &= ~(u32)OCRNL;
	t.c_oflag |= ONOCR | ONLCR;
	set_termios(&t);
	wr("\n\rz\r"); /* \r at column 0 is dropped, after z it is kept */
	expect_out("\r\nz\r");
	t.c_oflag |= OLCUC;
	set_termios(&t);
	wr("abc");
	expect_out("ABC");
	/* OPOST off: nothing is processed */
	t.c_oflag &= ~(u32)OPOST;
	set_termios(&t);
	wr("a\nb");
	expect_out("a\nb");
}

/* ---- raw mode -------------------------------------------------------------------- */

static void raw_vmin1(void **state)
{
	char buf[64];

	set_raw(1, 0);
	assert_int_equal(ST.set_termios_calls, 1); /* the driver heard about it */
	type("ab\177");
	expect_out("ab^?");                        /* echoed, not edited */
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "ab\177");
	type("\r");                                /* still ICRNL */
	assert_int_equal(rd(buf, 63), 1);
	assert_string_equal(buf, "\n");
	assert_int_equal(rd(buf, 63), -EAGAIN);
}

static void raw_vmin_waits(void **state)
{
	char buf[64];

	set_raw(3, 0);
	ST.file.flags &= ~(u32)O_NONBLOCK;
	type("ab");
	ST.feed_on_sleep = "c";
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(fake_sleeps(), 1);
	assert_int_equal(ST.sleep_deadline, S64_MAX); /* VTIME 0: no timer */
	/* asking for fewer than VMIN bytes needs only that many */
	type("de");
	assert_int_equal(rd(buf, 2), 2);
	assert_string_equal(buf, "de");
	/* a signal while waiting restarts the call */
	type("f");
	assert_int_equal(rd(buf, 63), -ERESTARTSYS);
}

/* Linux's n_tty_read returns the bytes it has when a non-blocking read
 * finds fewer than VMIN (it copies, then gets -EAGAIN, then returns the
 * count), as POSIX asks of O_NONBLOCK in non-canonical mode. */
static void raw_vmin_nonblocking(void **state)
{
	char buf[64];

	set_raw(3, 0);
	type("ab");
	assert_int_equal(rd(buf, 63), 2);
	assert_string_equal(buf, "ab");
	assert_int_equal(rd(buf, 63), -EAGAIN);
}

static void raw_vmin0_vtime0_polls(void **state)
{
	char buf[64];

	set_raw(0, 0);
	ST.file.flags &= ~(u32)O_NONBLOCK;
	assert_int_equal(rd(buf, 63), 0); /* nothing there: 0 at once */
	assert_int_equal(fake_sleeps(), 0);
	type("q");
	assert_int_equal(rd(buf, 63), 1);
}

static void raw_vtime_times_out(void **state)
{
	char buf[64];

	set_raw(0, 5); /* 0.5 s */
	ST.file.flags &= ~(u32)O_NONBLOCK;
	ST.sleep_result = -ETIMEDOUT;
	assert_int_equal(rd(buf, 63), 0);
	assert_int_equal(fake_sleeps(), 1);
	/* the deadline is on the guest monotonic clock (the fake host's) */
	assert_int_equal(ST.sleep_deadline - time_mono(), 500000000LL);
	fake_clock_advance(123);
	ST.feed_on_sleep = "z";
	assert_int_equal(rd(buf, 63), 1);
	assert_string_equal(buf, "z");
}

static void canon_raw_switches_keep_input(void **state)
{
	char buf[64];
	struct termios_k t;

	/* a partial line becomes readable raw input */
	type("abc");
	set_raw(1, 0);
	assert_int_equal(rd(buf, 63), 3);
	assert_string_equal(buf, "abc");
	/* raw bytes read as one line once canonical again */
	type("xy");
	t = get_termios();
	t.c_lflag |= ICANON;
	set_termios(&t);
	assert_int_equal(rd(buf, 63), 2);
	assert_string_equal(buf, "xy");
	assert_int_equal(rd(buf, 63), -EAGAIN);
}

/* ---- job control, ioctls, hangup ------------------------------------------------------ */

static void open_makes_controlling_tty(void **state)
{
	struct file f = { .refs = 1, .flags = O_RDWR | O_NOCTTY };
	struct process *p = ST.task->proc;

	ST.tty.pgrp = 0;
	assert_int_equal(tty_open_file(&ST.tty, &f), 0);
	assert_null(p->ctty); /* O_NOCTTY */
	f.flags = O_RDWR;
	assert_int_equal(tty_open_file(&ST.tty, &f), 0);
	assert_ptr_equal(p->ctty, &ST.tty);
	assert_int_equal(ST.tty.session, PID);
	assert_int_equal(ST.tty.pgrp, PID);
	assert_int_equal(ST.tty.opens, 2);
	assert_ptr_equal(tty_current_ctty(), &ST.tty);
}

static void background_read_gets_sigttin(void **state)
{
	char buf[8];

	ST.task->proc->ctty = &ST.tty;
	ST.tty.session = PID;
	type("x\n");
	/* our group (PID) is not the foreground group (FG_PGRP) */
	assert_int_equal(rd(buf, 7), -ERESTARTSYS);
	assert_int_equal(fake_nsignals(), 1);
	expect_signal(0, FAKE_SIG_PGRP, PID, SIGTTIN);
	/* in the foreground it reads */
	ST.tty.pgrp = PID;
	assert_int_equal(rd(buf, 7), 2);
}

static void ioctls(void **state)
{
	struct termios_k t = get_termios();
	struct winsize_k ws;
	int n;

	assert_true(t.c_lflag & ICANON);
	assert_true(t.c_lflag & ECHO);
	assert_true(t.c_iflag & ICRNL);
	assert_true(t.c_oflag & ONLCR);
	assert_int_equal(t.c_cc[VINTR], CTRL('C'));
	assert_int_equal(t.c_cc[VERASE], 0177);
	assert_int_equal(tty_ioctl(&ST.tty, &ST.file, TIOCGWINSZ, ST.ubuf), 0);
	assert_int_equal(mm_copy_from(ST.task->mm, &ws, ST.ubuf, sizeof(ws)), 0);
	assert_int_equal(ws.ws_row, 24);
	assert_int_equal(ws.ws_col, 80);
	ws.ws_row = 50;
	ws.ws_col = 132;
	assert_int_equal(mm_copy_to(ST.task->mm, ST.ubuf, &ws, sizeof(ws)), 0);
	assert_int_equal(tty_ioctl(&ST.tty, &ST.file, TIOCSWINSZ, ST.ubuf), 0);
	assert_int_equal(ST.tty.winsize.ws_col, 132);
	expect_signal(0, FAKE_SIG_PGRP, FG_PGRP, SIGWINCH);
	type("ab\n");
	assert_int_equal(tty_ioctl(&ST.tty, &ST.file, FIONREAD, ST.ubuf), 0);
	assert_int_equal(mm_copy_from(ST.task->mm, &n, ST.ubuf, sizeof(n)), 0);
	assert_int_equal(n, 3);
	/* a bad guest pointer is EFAULT, an unknown ioctl ENOTTY */
	assert_int_equal(tty_ioctl(&ST.tty, &ST.file, TCGETS, 0x1000), -EFAULT);
	assert_int_equal(tty_ioctl(&ST.tty, &ST.file, 0x5499, ST.ubuf), -ENOTTY);
}

static void hangup(void **state)
{
	char buf[8];

	ST.task->proc->ctty = &ST.tty;
	ST.tty.session = PID;
	tty_hangup(&ST.tty);
	/* SIGHUP and SIGCONT to the session leader, SIGHUP to the foreground */
	assert_int_equal(fake_nsignals(), 3);
	expect_signal(0, FAKE_SIG_PROCESS, PID, SIGHUP);
	expect_signal(1, FAKE_SIG_PROCESS, PID, SIGCONT);
	expect_signal(2, FAKE_SIG_PGRP, FG_PGRP, SIGHUP);
	assert_null(ST.task->proc->ctty);
	assert_int_equal(ST.tty.session, 0);
	assert_int_equal(rd(buf, 7), 0);
	assert_int_equal(wr("x"), -EIO);
}

#define T(fn) cmocka_unit_test_setup(fn, tty_setup)
static const struct CMUnitTest tty_tests[] = {
	T(canonical_line_and_echo),
	T(one_line_per_read),
	T(erase),
	T(kill_line),
	T(word_erase),
	T(eof),
	T(zero_length_read),
	T(echo_modes),
	T(input_cr_nl_mapping),
	T(long_line_is_capped),
	T(isig_to_foreground_group),
	T(isig_variants),
	T(lnext_quotes),
	T(ixon_stops_output),
	T(output_processing),
	T(raw_vmin1),
	T(raw_vmin_waits),
	T(raw_vmin_nonblocking),
	T(raw_vmin0_vtime0_polls),
	T(raw_vtime_times_out),
	T(canon_raw_switches_keep_input),
	T(open_makes_controlling_tty),
	T(background_read_gets_sigttin),
	T(ioctls),
	T(hangup),
};

UNIT_SUITE(unit_suite_tty_tty, "core/tty/tty.c", tty_tests, NULL, NULL);
