/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Signals (core/proc/signal.c: generation, core/proc/signal_deliver.c:
 * delivery at return to the guest, job control). Linux semantics: per-thread
 * and shared pending sets, realtime signals queued in order, default actions
 * (terminate, core, stop, continue, ignore), SA_RESTART and the ERESTART*
 * rules for interrupted system calls. Frames are built by the arch
 * (arch_signal_setup_frame).
 */
#ifndef CORE_SIGNAL_H
#define CORE_SIGNAL_H

#include "kernel.h"

struct task;
struct process;

#define SIGMASK(sig) (1ULL << ((sig) - 1))
#define SIG_KERNEL_ONLY_MASK (SIGMASK(9) | SIGMASK(19)) /* SIGKILL, SIGSTOP */

/* The sigaction as the kernel keeps it (arch-independent). */
struct k_sigaction {
	u64 handler;  /* SIG_DFL, SIG_IGN or a guest address */
	u64 flags;    /* SA_* */
	u64 restorer;
	u64 mask;
};

struct sighand {
	int refs;
	struct k_sigaction action[64];
};

/* siginfo as the kernel keeps it; the arch writes the guest layout. */
struct ksiginfo {
	int signo;
	int errno_;
	int code;
	int pid;      /* sender, or the child for SIGCHLD */
	u32 uid;
	int status;   /* SIGCHLD */
	u64 addr;     /* faults */
	u64 value;    /* sigqueue / timers */
	int timerid, overrun;
	u64 utime, stime;
	int fd;       /* SIGIO */
	long band;
	int trapno;
	u32 timer_seq;  /* SI_TIMER from a POSIX timer: its arming (posix_timer.c), else 0 */
};

struct sigqueue {
	struct list_head link;
	struct ksiginfo info;
};

struct sigpending {
	u64 set;
	struct list_head queue;
};

struct sigaltstack_k {
	u64 sp;
	u32 flags;
	u64 size;
};

/* sigaltstack(2) for t at user stack pointer sp (sys_signal.c); also
 * rt_sigreturn's restore. 0 or -EPERM/-EINVAL/-ENOMEM. */
int signal_set_altstack(struct task *t, const struct sigaltstack_k *ss, u64 sp);

void sigpending_init(struct sigpending *p);
void sigpending_flush(struct sigpending *p);

/* Generation. 0 or -errno (-EAGAIN queue full for rt signals). */
int signal_send(struct task *t, int sig, const struct ksiginfo *info);     /* to a thread */
int signal_send_process(struct process *p, int sig, const struct ksiginfo *info);
int signal_send_pgrp(int pgid, int sig, const struct ksiginfo *info);
/* A synchronous fault: unblocks and un-ignores sig if needed (force_sig). */
void signal_force(struct task *t, int sig, const struct ksiginfo *info);
/* exec: kill the other threads of t's group, not the group (PROC_EXEC). */
void signal_zap_other_threads(struct task *t);
/* kill(2) permission and target selection. */
int signal_kill(int pid, int sig, const struct ksiginfo *info);
void signal_info_user(struct ksiginfo *info, int sig, int code);

bool signal_pending(struct task *t);  /* deliverable now (unblocked) */
bool fatal_signal_pending(struct task *t);
/* Called on every return to the guest: delivers pending signals (frames,
 * default actions, stops). ret is the syscall result if in a syscall. */
void signal_deliver(struct task *t);
/* Dequeue one unblocked-by-mask signal (sigtimedwait, signalfd). */
int signal_dequeue(struct task *t, u64 mask, struct ksiginfo *info);
/* Notify the parent (SIGCHLD) and waiters of a change in child p. */
void signal_notify_parent(struct process *p, int why, int status);
bool signal_notify_parent_reap(struct process *p, int why, int status);
bool proc_pgrp_orphaned(int pgid);
/* Job control: continue a stopped group (SIGCONT). */
void signal_continue_group(struct process *p);
bool signal_ignored(struct task *t, int sig);
/* Would sig sent to t now be discarded at once (ignored and not blocked)? */
bool signal_dropped(struct task *t, int sig);
void signal_discard(struct process *p, int sig);
/* Recompute whether a task should wake for signals after a mask change. */
void signal_recalc(struct task *t);
/* Exec: reset handlers to default (keeping SIG_IGN), per Linux. */
void signal_flush_handlers(struct sighand *sh);
struct sighand *sighand_alloc(void);
void sighand_put(struct sighand *sh);

/* Wait status words (waitpid). */
#define W_EXITCODE(ret, sig) (((ret) & 0xff) << 8 | ((sig) & 0x7f))
#define W_STOPCODE(sig) ((sig) << 8 | 0x7f)
#define W_CONTINUED 0xffff
#define W_COREDUMP 0x80
#define WIFSIGNALED_K(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)

#endif
