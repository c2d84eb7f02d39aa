/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host interface: the only way core/ reaches the host. One const ops
 * struct per host backend (host-ptrace/ for skas0, host-skas3/, the skeleton),
 * chosen once at boot by exact name or by probing (core/boot/host_select.c).
 * Core calls the host_* wrappers in core/host.c, which validate alignment and
 * ranges once and dispatch; a NULL optional op makes the wrapper return -ENOSYS.
 *
 * Model (DESIGN.md "Host interface"): guest RAM is one memory file created by
 * mem_create; core/mm owns frames and page tables and asks the backend to map
 * ranges of that file into address spaces (host_as). A guest thread's
 * registers run in an address space through ctx_run until the next event.
 * Changes to an address space are queued and applied in one go by as_flush or,
 * implicitly, by the next ctx_run on that address space.
 *
 * Threading: every op is called from the single kernel thread. Only the
 * backend's own signal handlers run asynchronously; they touch nothing but
 * the backend's pending flags.
 */
#ifndef CORE_HOST_H
#define CORE_HOST_H

#include "kernel.h"
#include "arch.h"

struct host_as;  /* an address space: opaque to core */
struct host_ctx; /* per guest thread host state (e.g. FPU residency): opaque */

/* What ctx_run stopped for. Exhaustive (gVisor's Switch, in C). */
enum host_event {
	HOST_EV_SYSCALL = 0,  /* regs hold a system call entry; result goes via arch_set_return */
	HOST_EV_FAULT,        /* memory access fault: trap->addr, trap->access, trap->code */
	HOST_EV_SIGNAL,       /* a synchronous trap other than a fault (SIGILL, SIGFPE, SIGTRAP, ...) */
	HOST_EV_INTERRUPTED,  /* host_kick, a timer deadline or host I/O stopped the task */
};

/* Access bits for HOST_EV_FAULT. 0 means the backend cannot tell (SKAS0 on
 * x86 cannot see the page-fault error code): core treats it as a read and
 * relies on a write re-faulting with SEGV_ACCERR. */
#define HOST_ACCESS_READ 1
#define HOST_ACCESS_WRITE 2
#define HOST_ACCESS_EXEC 4

struct host_trap {
	int signo;       /* guest signal number (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) */
	int code;        /* si_code as the host reported it (SEGV_MAPERR, ...) */
	u64 addr;        /* faulting address (si_addr) */
	int access;      /* HOST_ACCESS_* for faults, 0 if unknown */
	u64 trapno;      /* x86 trap number when known, else 0 */
};

/* Fixed for the life of the VM once init has returned (gVisor's capabilities). */
struct host_caps {
	const char *mode;    /* "skas0", "skas3", "tt": printed in the boot log */
	u64 task_size;       /* guest user addresses are [0, task_size) */
	u64 map_granule;     /* smallest unit as_map accepts (PAGE_SIZE) */
	bool can_clone_as;   /* as_clone duplicates host mappings (fast fork) */
	bool fault_access_known; /* trap->access is always filled */
	/* Size of a context's FPU/vector state image (ctx_fpstate_get/set)
	 * and the state components it holds, in the arch's terms (x86: 512
	 * for the fxsave image alone; with XSAVE, the fxsave image followed by
	 * the XSAVE header and extended state in XSAVE's standard form, and
	 * the XCR0 feature bits). Valid after mem_create. */
	u32 fpstate_size;
	u64 fpstate_features;
};

/* Notes raised by host signals, collected by take_notes. */
#define HOST_NOTE_TERMINATE 1u   /* SIGTERM, SIGINT or SIGHUP to the kernel process */
#define HOST_NOTE_PARENT_DIED 2u /* the process that started us went away */

/* Poll registration: core/irq.c keeps the table, the backend waits. */
struct host_pollfd {
	int fd;
	short events;  /* POLLIN/POLLOUT (Linux values; identical on the host) */
	short revents;
};

struct host_boot {
	u64 mem_size;      /* mem= in bytes, page aligned */
	int cpu;           /* CPU to pin the VM to, -1 for the backend's choice, -2 no pinning */
};

struct host_ops {
	/* --- lifetime ------------------------------------------------------- */
	/* Called once by boot after probe succeeded. Fills caps. May print boot
	 * log lines. Errors: -errno from the host (the VM cannot start). */
	int (*init)(const struct host_boot *boot, struct host_caps *caps);
	/* Tear down every address space and restore host state, then exit the
	 * host process with status. Called by the halt path; never returns. */
	__noreturn void (*halt)(int status);

	/* --- guest physical memory ----------------------------------------- */
	/* Create the memory file of size bytes (sparse) and map it writable into
	 * the kernel. *base receives the kernel's view. Called once, at boot.
	 * -ENOMEM if the host cannot reserve the address range. */
	int (*mem_create)(u64 size, void **base);
	/* Give the host back the pages of [off, off+len) (contents become zero).
	 * Optional: a NULL op means core zeroes frames itself. */
	int (*mem_discard)(u64 off, u64 len);

	/* --- address spaces (as_*) ----------------------------------------- */
	/* A new, empty address space. -ENOMEM/-EAGAIN when the host refuses
	 * another process; the caller fails the guest fork/exec with it. */
	int (*as_create)(struct host_as **out);
	/* Optional (caps.can_clone_as): a new address space whose host mappings
	 * equal parent's after parent's queue is flushed. The caller has already
	 * write-protected what must become copy-on-write. */
	int (*as_clone)(struct host_as *parent, struct host_as **out);
	/* Release; pending changes are dropped. Never fails. */
	void (*as_destroy)(struct host_as *as);
	/* Queue: map [va, va+len) to memory-file offset off with prot (PROT_*).
	 * Replaces what was there. va, len, off page aligned (the wrapper checks). */
	int (*as_map)(struct host_as *as, u64 va, u64 len, int prot, u64 off);
	/* Queue: unmap [va, va+len). */
	int (*as_unmap)(struct host_as *as, u64 va, u64 len);
	/* Queue: change protection of [va, va+len). */
	int (*as_protect)(struct host_as *as, u64 va, u64 len, int prot);
	/* Apply the queue now. Returns the first failing change's -errno; the
	 * address space is then in an unknown state and the caller kills the
	 * guest process that owns it. */
	int (*as_flush)(struct host_as *as);

	/* --- execution contexts (ctx_*) ------------------------------------ */
	int (*ctx_create)(struct host_ctx **out);
	void (*ctx_destroy)(struct host_ctx *ctx);
	/* Flush as's queue, run regs in as until the next event, store the
	 * registers back into regs and fill trap for FAULT/SIGNAL. Returns an
	 * enum host_event, or -errno if the address space died on the host
	 * (killed from outside): the caller kills the guest process. May block
	 * for as long as the guest runs; returns HOST_EV_INTERRUPTED early when
	 * a timer deadline passes, host I/O is ready, or a note is raised. */
	int (*ctx_run)(struct host_ctx *ctx, struct host_as *as, struct arch_regs *regs,
		       struct host_trap *trap);
	/* FPU/vector state of ctx: len must be caps->fpstate_size bytes, in
	 * the layout caps describes (what the arch's signal frame holds). get
	 * reads it from the host if live there; set is what the guest sees
	 * next (-EINVAL if the host refuses the image, e.g. reserved bits). */
	int (*ctx_fpstate_get)(struct host_ctx *ctx, struct host_as *as, void *buf, size_t len);
	int (*ctx_fpstate_set)(struct host_ctx *ctx, struct host_as *as, const void *buf,
			       size_t len);

	/* --- time, interrupts, I/O readiness -------------------------------- */
	/* Nanoseconds on a host clock (CLOCK_REALTIME or CLOCK_MONOTONIC). */
	s64 (*clock_now)(int clock);
	/* Ask to be interrupted (ctx_run returns INTERRUPTED) once monotonic
	 * time reaches deadline_ns; S64_MAX cancels. Cheap when unchanged. */
	void (*set_deadline)(s64 deadline_ns);
	/* Wait until an fd in fds is ready, a note is raised, or timeout_ns passes
	 * (-1: no timeout, 0: just look). Fills revents; returns the number of
	 * ready fds. Called when no guest task can run, and to collect I/O. */
	int (*poll)(struct host_pollfd *fds, int nfds, s64 timeout_ns);
	/* Make fd raise an interrupt when it becomes ready while a guest runs
	 * (O_ASYNC + F_SETSIG or equivalent). -EINVAL if fd cannot do that
	 * (a regular file); the caller then polls it another way. */
	int (*irq_enable)(int fd);
	/* True (and cleared) if an interrupt arrived since the last call. */
	bool (*irq_take)(void);
	/* HOST_NOTE_* bits raised since the last call, cleared. */
	unsigned (*take_notes)(void);

	/* --- small host services --------------------------------------------- */
	/* Fill buf from the host's random source. */
	int (*getrandom)(void *buf, size_t len);
	/* Read a whole host file the user named (initrd=). *data is kmalloc'd;
	 * -errno from the host (ENOENT, EACCES, ...). */
	int (*file_read_all)(const char *path, void **data, size_t *len);
};

/* A host backend as registered in the build-generated table. */
struct host_backend {
	const char *name;   /* mode= name: "skas0", "skas3", "tt", "skeleton" */
	const char *help;   /* one line for --help */
	/* 0 if usable on this host; otherwise -errno and why[] says what is
	 * missing ("/proc/mm...not found"). Never has side effects. */
	int (*probe)(char *why, size_t whylen);
	const struct host_ops *ops;
};

/* ---- wrappers (core/host.c): validate once, then dispatch ---- */
int host_select(const char *mode); /* boot: probe, log, pick; -ENOENT unknown name */
const struct host_caps *host_caps(void);
int host_init(const struct host_boot *boot);
__noreturn void host_halt(int status);
int host_mem_create(u64 size, void **base);
int host_mem_discard(u64 off, u64 len);
int host_as_create(struct host_as **out);
int host_as_clone(struct host_as *parent, struct host_as **out);
void host_as_destroy(struct host_as *as);
int host_as_map(struct host_as *as, u64 va, u64 len, int prot, u64 off);
int host_as_unmap(struct host_as *as, u64 va, u64 len);
int host_as_protect(struct host_as *as, u64 va, u64 len, int prot);
int host_as_flush(struct host_as *as);
int host_ctx_create(struct host_ctx **out);
void host_ctx_destroy(struct host_ctx *ctx);
int host_ctx_run(struct host_ctx *ctx, struct host_as *as, struct arch_regs *regs,
		 struct host_trap *trap);
int host_ctx_fpstate_get(struct host_ctx *ctx, struct host_as *as, void *buf, size_t len);
int host_ctx_fpstate_set(struct host_ctx *ctx, struct host_as *as, const void *buf, size_t len);
s64 host_clock_now(int clock);
void host_set_deadline(s64 deadline_ns);
int host_poll(struct host_pollfd *fds, int nfds, s64 timeout_ns);
int host_irq_enable(int fd);
bool host_irq_take(void);
unsigned host_take_notes(void);
int host_getrandom(void *buf, size_t len);
int host_file_read_all(const char *path, void **data, size_t *len);



#endif
