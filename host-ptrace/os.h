/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-side services shared by the ptrace-based backends (skas0, skas3):
 * the overridable host-call table (fault injection, SQLite's aSyscall), the
 * memory files, time, interrupts and host signals. Host-only: #error unless
 * the build defines IN_HOST.
 */
#ifndef HOST_PTRACE_OS_H
#define HOST_PTRACE_OS_H

#ifndef IN_HOST
#error "host-ptrace/os.h is host-side only: core must use core/include/host.h"
#endif

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "host.h"

/* Every host call a backend makes on a path that can fail goes through this
 * table, so tests can make a particular call fail (tests/host/). */
struct os_calls {
	long (*ptrace)(long req, pid_t pid, void *addr, void *data);
	pid_t (*waitpid)(pid_t pid, int *status, int options);
	pid_t (*fork)(void);
	int (*kill)(pid_t pid, int sig);
	void *(*mmap)(void *addr, size_t len, int prot, int flags, int fd, off_t off);
	int (*munmap)(void *addr, size_t len);
	int (*ftruncate)(int fd, off_t len);
	int (*memfd_create)(const char *name, unsigned flags);
};
extern struct os_calls os_calls;

/* Memory files: guest RAM (physmem) and the stub data slots (stubmem). */
struct os_memfile {
	int fd;
	void *base; /* kernel mapping */
	uint64_t size;
};
int os_memfile_create(const char *name, uint64_t size, struct os_memfile *mf);
/* Unmap and close (a boot that failed half way). */
void os_memfile_destroy(struct os_memfile *mf);

/* Pinning (HOST-FACTS: tracer and child on one CPU). cpu -1 = choose. */
int os_pin_cpu(int cpu);

/* Host signals and interrupts (os_irq.c). The backend publishes which child
 * is running so a handler can interrupt it (PTRACE_INTERRUPT). */
int os_irq_init(void);
void os_irq_set_running(pid_t pid);
void os_irq_restore_fds(void);
s64 os_clock_now(int clock);
void os_set_deadline(s64 deadline_ns);
int os_poll(struct host_pollfd *fds, int nfds, s64 timeout_ns);
int os_irq_enable(int fd);
bool os_irq_take(void);
unsigned os_take_notes(void);
int os_getrandom(void *buf, size_t len);
int os_file_read_all(const char *path, void **data, size_t *len);
__attribute__((noreturn)) void os_exit(int status);

#endif
