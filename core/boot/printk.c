// SPDX-License-Identifier: GPL-2.0
/*
 * printk: the kernel log. Messages go into a ring (dmesg, syslog(2)) and,
 * when their level passes the console loglevel, to the console driver's
 * kernel sink. Before the console exists they wait in the ring and are
 * written when it registers, or to stderr by a panic.
 */
#include <stdio.h>

#include "boot.h"
#include "console.h"
#include "host.h"
#include "task.h"

#define LOG_RING_SIZE (64 * 1024)

static struct printk_state {
	char ring[LOG_RING_SIZE];   /* raw log text */
	size_t head;                /* total bytes ever written */
	size_t flushed;             /* bytes already given to the console */
	int console_level;          /* print levels below this */
	void (*sink)(const char *s, size_t n);
	bool panicking;
	bool at_line_start;
	/* syslog(2): byte positions like head */
	size_t syslog_pos;          /* what SYSLOG_ACTION_READ consumed */
	size_t clear_pos;           /* where SYSLOG_ACTION_CLEAR left READ_ALL */
	int saved_level;            /* CONSOLE_OFF's level to restore, -1: none */
	struct wait_queue readers;  /* SYSLOG_ACTION_READ waiting for text */
} printk_state = { .console_level = 7, .at_line_start = true, .saved_level = -1,
		   .readers = WAIT_QUEUE_INIT(printk_state.readers) };

static void log_append(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printk_state.ring[(printk_state.head + i) % LOG_RING_SIZE] = s[i];
	printk_state.head += n;
	if (n && wq_active(&printk_state.readers))
		wq_wake(&printk_state.readers, 0);
}

static void log_flush(void)
{
	size_t start = printk_state.flushed, end = printk_state.head;

	if (!printk_state.sink)
		return;
	if (end - start > LOG_RING_SIZE)
		start = end - LOG_RING_SIZE;
	while (start < end) {
		size_t off = start % LOG_RING_SIZE;
		size_t n = MIN(end - start, LOG_RING_SIZE - off);

		printk_state.sink(printk_state.ring + off, n);
		start += n;
	}
	printk_state.flushed = end;
}

void printk_set_level(int level)
{
	printk_state.console_level = level;
}

void printk_set_sink(void (*sink)(const char *s, size_t n))
{
	printk_state.sink = sink;
	log_flush();
}

void vprintk(int level, const char *fmt, va_list ap)
{
	char buf[1024];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	if (level >= printk_state.console_level && !printk_state.panicking) {
		/* kept in the ring for dmesg, not shown */
		log_append(buf, (size_t)n);
		printk_state.flushed = printk_state.head;
		return;
	}
	log_append(buf, (size_t)n);
	log_flush();
}

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

/* syslog(2) / dmesg: copy out the ring's last len bytes. */
size_t printk_read_ring(char *buf, size_t len)
{
	size_t avail = MIN(printk_state.head, (size_t)LOG_RING_SIZE);
	size_t n = MIN(len, avail), start = printk_state.head - n, i;

	for (i = 0; i < n; i++)
		buf[i] = printk_state.ring[(start + i) % LOG_RING_SIZE];
	return n;
}

size_t printk_ring_size(void)
{
	return MIN(printk_state.head, (size_t)LOG_RING_SIZE);
}

/* ---- syslog(2) (sys_proc.c) ---- */

/* The oldest position still in the ring. */
static size_t log_tail(void)
{
	return printk_state.head > LOG_RING_SIZE ? printk_state.head - LOG_RING_SIZE : 0;
}

static void log_copy(char *buf, size_t from, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = printk_state.ring[(from + i) % LOG_RING_SIZE];
}

size_t printk_ring_capacity(void)
{
	return LOG_RING_SIZE;
}

/* Bytes SYSLOG_ACTION_READ has not consumed yet. */
size_t printk_syslog_unread(void)
{
	return printk_state.head - MAX(printk_state.syslog_pos, log_tail());
}

/* SYSLOG_ACTION_READ: consume up to len unread bytes; sleeps while there
 * are none. -ERESTARTSYS on a signal. */
long printk_syslog_read(char *buf, size_t len)
{
	size_t from, n;
	int err;

	err = wait_event_interruptible(&printk_state.readers, printk_syslog_unread() != 0);
	if (err)
		return err;
	from = MAX(printk_state.syslog_pos, log_tail());
	n = MIN(len, printk_state.head - from);
	log_copy(buf, from, n);
	printk_state.syslog_pos = from + n;
	return (long)n;
}

/* SYSLOG_ACTION_READ_ALL: the newest whole lines since the last clear that
 * fit in len bytes (Linux's syslog_print_all); clear: then clear. */
size_t printk_syslog_read_all(char *buf, size_t len, bool clear)
{
	size_t from = MAX(printk_state.clear_pos, log_tail()), n;

	if (printk_state.head - from > len) {
		/* start at a line boundary inside the last len bytes */
		size_t p = printk_state.head - len;

		while (p < printk_state.head && printk_state.ring[(p - 1) % LOG_RING_SIZE] != '\n')
			p++;
		from = p;
	}
	n = printk_state.head - from;
	log_copy(buf, from, n);
	if (clear)
		printk_state.clear_pos = printk_state.head;
	return n;
}

void printk_syslog_clear(void)
{
	printk_state.clear_pos = printk_state.head;
}

/* SYSLOG_ACTION_CONSOLE_OFF/ON/LEVEL (Linux: minimum level 1). */
void printk_console_off(void)
{
	if (printk_state.saved_level < 0)
		printk_state.saved_level = printk_state.console_level;
	printk_state.console_level = 1;
}

void printk_console_on(void)
{
	if (printk_state.saved_level >= 0) {
		printk_state.console_level = printk_state.saved_level;
		printk_state.saved_level = -1;
	}
}

void printk_console_level(int level)
{
	printk_state.console_level = level;
	printk_state.saved_level = -1;
}

__noreturn void panic(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (printk_state.panicking) {
		fprintf(stderr, "Kernel panic (nested) - %s\n", buf);
		host_halt(2);
	}
	printk_state.panicking = true;
	printk(LOG_EMERG, "Kernel panic - not syncing: %s\n", buf);
	if (!printk_state.sink)
		fprintf(stderr, "Kernel panic - not syncing: %s\n", buf);
	kernel_halt(2, "panic");
}
