/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The console (drivers/console.c): con0 is /dev/tty0 and /dev/console, a
 * tty whose host side is a pair of channels. The kernel log goes to it too.
 */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include "kernel.h"

struct boot_config;
struct file;

int console_init(const struct boot_config *cfg);
/* Open /dev/console for init's stdio. */
int console_open_for_init(struct file **out);
/* Restore the host terminal (every exit path calls it). */
void console_shutdown(void);

void printk_set_sink(void (*sink)(const char *s, size_t n));
void printk_set_level(int level);
size_t printk_read_ring(char *buf, size_t len);
size_t printk_ring_size(void);
/* syslog(2)'s operations on the log (core/boot/printk.c). */
size_t printk_ring_capacity(void);
size_t printk_syslog_unread(void);
long printk_syslog_read(char *buf, size_t len);
size_t printk_syslog_read_all(char *buf, size_t len, bool clear);
void printk_syslog_clear(void);
void printk_console_off(void);
void printk_console_on(void);
void printk_console_level(int level);

#endif
