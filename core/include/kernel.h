/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Basic definitions every core file uses: fixed-width types, list helpers,
 * logging (printk, UML-style boot log) and panic for broken invariants.
 * Core may use the C library's pure parts (string.h, stdlib.h, stdio.h
 * formatting) but never an OS header: the host is reached through host.h.
 */
#ifndef CORE_KERNEL_H
#define CORE_KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "linux_errno.h"

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* A guest virtual address. Guest pointers are never dereferenced directly:
 * they go through uaccess (core/mm/uaccess.c). */
typedef u64 uaddr_t;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((u64)(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((u64)(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noreturn __attribute__((noreturn))
#define __unused __attribute__((unused))

#define S64_MAX INT64_MAX

#undef PAGE_SHIFT
#undef PAGE_SIZE
#undef PAGE_MASK
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

/* Negative errno values travel in pointers nowhere: functions that can fail
 * return int/long and use out-parameters (STYLE rule 15). */
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-4095)

/* ---- intrusive doubly linked list (circular, with a head) ---- */
struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
static inline void list_init(struct list_head *h) { h->next = h->prev = h; }
static inline bool list_empty(const struct list_head *h) { return h->next == h; }
static inline void list_add_between(struct list_head *n, struct list_head *prev,
				    struct list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}
static inline void list_add(struct list_head *n, struct list_head *h)
{
	list_add_between(n, h, h->next);
}
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	list_add_between(n, h->prev, h);
}
static inline void list_del(struct list_head *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}
#define list_entry(p, type, member) container_of(p, type, member)
#define list_first_entry(h, type, member) list_entry((h)->next, type, member)
#define list_for_each(p, h) for ((p) = (h)->next; (p) != (h); (p) = (p)->next)
#define list_for_each_safe(p, n, h) \
	for ((p) = (h)->next, (n) = (p)->next; (p) != (h); (p) = (n), (n) = (p)->next)
#define list_for_each_entry(e, h, member)                              \
	for ((e) = list_entry((h)->next, __typeof__(*(e)), member);   \
	     &(e)->member != (h);                                      \
	     (e) = list_entry((e)->member.next, __typeof__(*(e)), member))
#define list_for_each_entry_reverse_k(e, h, member)                    \
	for ((e) = list_entry((h)->prev, __typeof__(*(e)), member);   \
	     &(e)->member != (h);                                      \
	     (e) = list_entry((e)->member.prev, __typeof__(*(e)), member))
#define list_for_each_entry_safe(e, n, h, member)                      \
	for ((e) = list_entry((h)->next, __typeof__(*(e)), member),   \
	     (n) = list_entry((e)->member.next, __typeof__(*(e)), member); \
	     &(e)->member != (h);                                      \
	     (e) = (n), (n) = list_entry((n)->member.next, __typeof__(*(e)), member))

/* ---- logging: core/boot/printk.c ---- */
/* Levels as Linux's; quiet on the command line hides everything above WARN. */
enum { LOG_EMERG, LOG_ALERT, LOG_CRIT, LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG };
void printk(int level, const char *fmt, ...) __printf(2, 3);
void vprintk(int level, const char *fmt, va_list ap);
#define pr_err(...) printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...) printk(LOG_WARNING, __VA_ARGS__)
#define pr_info(...) printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) printk(LOG_DEBUG, __VA_ARGS__)
/* Log a message only the first time this call site is reached. */
#define pr_once(level, ...)                         \
	do {                                        \
		static bool printed_;               \
		if (!printed_) {                    \
			printed_ = true;            \
			printk(level, __VA_ARGS__); \
		}                                   \
	} while (0)

/* panic: a broken kernel invariant. Halts the VM with a message and a
 * non-zero exit status (STYLE rule 17: never for guest faults). */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);
#define BUG_ON(cond)                                                      \
	do {                                                              \
		if (unlikely(cond))                                       \
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

/* Allocation helpers that zero; a NULL return means -ENOMEM to the caller. */
void *kzalloc(size_t size);
void *kmalloc(size_t size);
void kfree(void *p);
char *kstrdup(const char *s);

#endif
