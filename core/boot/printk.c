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
} printk_state = { .console_level = 7, .at_line_start = true };

static void log_append(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printk_state.ring[(printk_state.head + i) % LOG_RING_SIZE] = s[i];
	printk_state.head += n;
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
