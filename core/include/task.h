/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tasks, processes, the scheduler, wait queues and timers (core/proc/).
 *
 * A task is a guest thread; a process is a thread group (Linux's
 * signal_struct plus the process-wide fields of task_struct: parent,
 * children, process group, session). Each task has a kernel stack: system
 * calls are written in the plain blocking style and sleep with
 * wait_event_*(), which switches stacks (kctx). The kernel is one host
 * thread, uniprocessor: kernel code is never preempted; interrupts (host I/O,
 * timers) are handled only in irq_run() at the points sched.c calls it, so
 * no kernel data needs a lock. Guest code is preempted by the timer tick.
 */
#ifndef CORE_TASK_H
#define CORE_TASK_H

#include "kernel.h"
#include "arch.h"
#include "kctx.h"
#include "ksignal.h"

struct mm;
struct files;
struct fs_info;
struct host_ctx;
struct tty;
struct file;

/* ---- timers (timer.c) ---- */
struct ktimer {
	struct list_head link;  /* in the sorted timer list while armed */
	s64 expires;            /* monotonic ns */
	void (*fn)(struct ktimer *t);
	bool armed;
};
void timer_init(struct ktimer *t, void (*fn)(struct ktimer *t));
void timer_arm(struct ktimer *t, s64 expires);
void timer_cancel(struct ktimer *t);
void timers_run(void);
s64 timers_next(void);       /* earliest expiry or S64_MAX */

/* Guest clocks in ns. Monotonic starts near zero at boot. */
s64 time_mono(void);
s64 time_real(void);
s64 time_boot_real(void);    /* realtime at boot */
void time_set_real(s64 ns);  /* clock_settime(CLOCK_REALTIME) */

/* ---- wait queues ---- */
struct wait_queue {
	struct list_head head;
};
struct wait_entry {
	struct list_head link;
	struct task *task;
	/* optional: called instead of waking task (poll, epoll). */
	void (*func)(struct wait_entry *we, unsigned key);
	void *priv;
};
#define WAIT_QUEUE_INIT(name) { LIST_HEAD_INIT((name).head) }
void wq_init(struct wait_queue *wq);
void wq_add(struct wait_queue *wq, struct wait_entry *we);
void wq_del(struct wait_entry *we);
/* key: POLL* bits that became true (0 = any); passed to func entries. */
void wq_wake(struct wait_queue *wq, unsigned key);
static inline bool wq_active(struct wait_queue *wq) { return !list_empty(&wq->head); }

/* ---- the scheduler (sched.c) ---- */
enum task_state {
	TASK_RUNNING,          /* on the run queue or current */
	TASK_INTERRUPTIBLE,    /* sleeping; a signal wakes it */
	TASK_UNINTERRUPTIBLE,  /* sleeping; only the event wakes it */
	TASK_STOPPED,          /* job-control stop */
	TASK_DEAD,             /* exited; the stack is freed by the reaper */
};

struct task *task_current(void);
/* Give up the CPU; returns when this task is picked again. The caller sets
 * its state first (TASK_RUNNING = yield). */
void schedule(void);
void task_wake(struct task *t);       /* make runnable if sleeping */
void task_wake_stopped(struct task *t); /* SIGCONT/SIGKILL of a stopped task */
/* Sleep until woken, a signal is pending (interruptible) or the monotonic
 * deadline passes (S64_MAX: none). 0 woken, -EINTR signal, -ETIMEDOUT. */
int sched_sleep(int state, s64 deadline);
void sched_init(void);
__noreturn void sched_idle_loop(void);
void sched_request_resched(void);
/* The load average (loadavg.c), SCHED_FSHIFT-bit fixed point. */
#define SCHED_FSHIFT 11
#define SCHED_FIXED_1 (1UL << SCHED_FSHIFT)
void sched_loadavg_start(void);
void sched_loadavg(unsigned long avenrun[3]);
/* Run interrupts (host I/O, expired timers, host notes) now. */
void irq_run(void);
unsigned sched_nr_running(void);
/* The time slice t gets per round, ns (its nice weight; SCHED_IDLE least). */
s64 sched_slice(const struct task *t);

/* Block until cond or a signal (-ERESTARTSYS) or the deadline (-ETIMEDOUT). */
#define wait_event_deadline(wq, cond, state, deadline)                      \
	({                                                                  \
		struct wait_entry we_ = { .task = task_current() };        \
		int ret_ = 0;                                               \
		wq_add((wq), &we_);                                         \
		while (!(cond)) {                                           \
			ret_ = sched_sleep((state), (deadline));           \
			if (ret_ == -EINTR) {                               \
				ret_ = -ERESTARTSYS;                        \
				break;                                      \
			}                                                   \
			if (ret_ == -ETIMEDOUT && (cond)) {                \
				ret_ = 0;                                   \
				break;                                      \
			}                                                   \
			if (ret_ == -ETIMEDOUT)                             \
				break;                                      \
			ret_ = 0;                                           \
		}                                                           \
		wq_del(&we_);                                               \
		ret_;                                                       \
	})
#define wait_event_interruptible(wq, cond) \
	wait_event_deadline(wq, cond, TASK_INTERRUPTIBLE, S64_MAX)

/* ---- CPU clocks and their timers (cputimer.c) ---- */
#define CPUCLOCK_PROF 0   /* user + system time (Linux's clock ids) */
#define CPUCLOCK_VIRT 1   /* user time */
#define CPUCLOCK_SCHED 2  /* time on the CPU: the same as PROF here */
struct process;
struct cpu_timer {
	struct list_head link;   /* in proc->cpu_timers while armed */
	struct process *proc;    /* whose clock; NULL once it is gone */
	struct task *thread;     /* a thread's clock, NULL: the whole process's */
	int clock;               /* CPUCLOCK_* */
	s64 expires;             /* on that clock, ns */
	bool armed;
	void (*fn)(struct cpu_timer *ct);
};
u64 cputime_thread(struct task *t, int clock);
u64 cputime_process(struct process *p, int clock);
s64 cpu_timer_now(const struct cpu_timer *ct);
void cpu_timer_arm(struct cpu_timer *ct, s64 expires);
void cpu_timer_cancel(struct cpu_timer *ct);
void cpu_timers_run(struct task *t);      /* fire what t's running made expire */
s64 cpu_timers_next(struct task *t);      /* monotonic deadline while t runs, or S64_MAX */
void cpu_timers_thread_exit(struct task *t);
void cpu_timers_process_exit(struct process *p);
/* ITIMER_VIRTUAL (which 0) and ITIMER_PROF (1), in ns. */
void itimer_cpu_init(struct process *p);
void itimer_cpu_set(struct process *p, int which, s64 value, s64 interval, s64 *ovalue,
		    s64 *ointerval);
void itimer_cpu_get(struct process *p, int which, s64 *value, s64 *interval);
/* ITIMER_REAL re-arms when its SIGALRM is dequeued (sys_time.c). */
void itimer_real_dequeued(struct process *p);
/* POSIX timers (posix_timer.c). */
bool posix_timer_deliver(struct task *t, struct ksiginfo *info);
void posix_timers_exit(struct process *p);

/* ---- credentials ---- */
struct cred {
	u32 uid, euid, suid, fsuid;
	u32 gid, egid, sgid, fsgid;
	u32 ngroups;
	u32 groups[32];
};

/* ---- processes (thread groups) ---- */
struct rlimit64 {
	u64 cur, max;
};

#define PROC_STOPPED 0x1        /* group is in a job-control stop */
#define PROC_STOP_REPORT 0x2    /* stop not yet reported to wait */
#define PROC_CONT_REPORT 0x4    /* continue not yet reported to wait */
#define PROC_EXITING 0x8        /* group exit in progress */
#define PROC_ZOMBIE 0x10        /* all threads gone, waiting to be reaped */
#define PROC_REAPED 0x20
#define PROC_EXEC 0x40          /* a thread execs: the others exit alone */

/* /proc/<pid>/io counters (Linux's task_io_accounting): bytes and calls
 * of the read and write families. Storage bytes stay 0: every file here
 * is in memory, like tmpfs. */
struct task_io {
	u64 rchar, wchar, syscr, syscw;
};

struct process {
	int refs;
	int pid;                      /* = tgid */
	struct task *leader;
	struct list_head threads;     /* tasks, via task->thread_link */
	int nr_threads;
	int nr_live;                  /* threads not yet dead */
	struct process *parent;
	struct list_head children;
	struct list_head sibling;     /* in parent->children */
	struct list_head all_link;    /* in the global process list */
	int pgid, sid;
	struct tty *ctty;
	struct sigpending shared_pending;
	struct sighand *sighand;
	unsigned flags;               /* PROC_* */
	int exit_status;              /* wait status word once exiting */
	int group_exit_code;
	int stop_sig;                 /* signal that stopped the group */
	int stop_count;               /* threads yet to stop */
	struct wait_queue wait_chld;  /* parent's wait4 sleeps here */
	struct rlimit64 rlim[16];
	struct ktimer itimer_real;
	s64 itimer_real_interval;
	struct list_head cpu_timers;  /* armed timers on our CPU clocks (cputimer.c) */
	struct cpu_timer itimer_cpu[2]; /* ITIMER_VIRTUAL, ITIMER_PROF */
	s64 itimer_cpu_incr[2];
	struct list_head posix_timers; /* timer_create's (posix_timer.c) */
	int posix_timer_next_id;
	int parent_tid;               /* the thread that forked us: its exit sends pdeath signals */
	bool dumpable;                /* PR_SET_DUMPABLE (Linux keeps it in the mm) */
	s64 start_time;               /* monotonic ns */
	u64 utime, stime, cutime, cstime; /* ns; dead threads', waited-for children's */
	/* more usage (getrusage, wait4): dead threads' counts, then those of
	 * the children we waited for (added at reap, as Linux) */
	u64 nvcsw, nivcsw, minflt;
	u64 cnvcsw, cnivcsw, cminflt;
	struct task_io dead_io;       /* summed from threads that exited */
	u64 maxrss, cmaxrss;          /* peak resident pages (sampled by the task loop) */
	bool subreaper;
	bool did_exec;
	int exit_signal;              /* sent to the parent at exit (SIGCHLD) */
	int oom_score_adj;            /* -1000 (never) .. 1000, /proc/<pid>/oom_score_adj */
	bool oom_victim;              /* killed by the OOM killer, not gone yet */
	unsigned membarrier_registered; /* MEMBARRIER_CMD_REGISTER_* done; exec clears */
};

/* ---- tasks ---- */
struct restart_block {
	long (*fn)(struct restart_block *rb);
	u64 arg[6];
};

struct task {
	int tid;
	struct process *proc;
	struct mm *mm;
	struct files *files;
	struct fs_info *fs;
	struct cred cred;
	char comm[16];
	struct list_head thread_link;
	struct list_head all_link;

	/* scheduling (sched.c) */
	int state;
	struct list_head run_link;    /* on the run queue when runnable */
	bool on_runq;
	struct kctx kctx;
	void *kstack;
	size_t kstack_size;
	s64 slice_end;
	struct ktimer sleep_timer;
	bool timed_out;
	bool woken;

	/* user context */
	struct arch_regs regs;
	struct arch_trapinfo trap;    /* last trap that became a signal (arch_trap_note) */
	struct host_ctx *hctx;
	bool in_syscall;              /* regs are at a syscall (restart possible) */

	/* signals (signal.c) */
	u64 blocked;
	u64 real_blocked;             /* the mask before sigtimedwait unblocked its set */
	u64 saved_sigmask;
	bool restore_sigmask;         /* sigsuspend/ppoll: restore after delivery */
	struct sigpending pending;
	struct sigaltstack_k altstack;
	int pdeath_sig;

	/* clone/exit */
	u64 set_child_tid, clear_child_tid;
	u64 robust_list, robust_len;
	struct task *vfork_parent;    /* woken when we exec or exit */
	bool vfork_released;          /* parent side: our vfork child let go */
	int exit_code;                /* status word for a thread's own exit */
	struct restart_block restart;
	s64 start_time;
	u64 utime, stime;             /* ns */
	s64 run_start;                /* when it last entered the guest */
	s64 sys_start;                /* when its current stint in the kernel began */
	int nice;                     /* -20..19 (setpriority; scales the time slice) */
	int policy;                   /* SCHED_NORMAL/BATCH/IDLE (sys_sched.c) */
	bool sched_reset_on_fork;     /* SCHED_RESET_ON_FORK: children start plain */
	u16 ioprio;                   /* ioprio_set's value; 0 is IOPRIO_CLASS_NONE */
	bool no_new_privs;            /* PR_SET_NO_NEW_PRIVS: one way, inherited */
	u32 personality;              /* personality(2), inherited */
	unsigned long nvcsw, nivcsw;
	u64 minflt;                   /* page faults resolved (no I/O ones here) */
	struct task_io io;
	u64 syscalls;
};

/* ---- capabilities (capability.c), derived from the uids ---- */
#define CAP_FULL_SET 0x000001ffffffffffull /* capabilities 0..40 (CAP_LAST_CAP) */
u64 cap_effective(const struct cred *c);
u64 cap_permitted(const struct cred *c);

/* ---- pids and lookup (task.c) ---- */
struct task *task_by_tid(int tid);
struct process *process_by_pid(int pid);
int pid_alloc(void);
void pid_free(int pid);
/* Iterate processes: for (p = process_next(NULL); p; p = process_next(p)) */
struct process *process_next(struct process *p);
struct task *task_next(struct task *t);
/* Is this pid in use by any process group or session id? */
bool pgid_exists(int pgid);

/* ---- lifecycle (fork.c, exec.c, exit.c) ---- */
/* Create the first user process running path with argv/envp. */
int proc_spawn_init(const char *path, char *const argv[], char *const envp[]);
long proc_clone(u64 flags, u64 newsp, u64 parent_tid, u64 child_tid, u64 tls,
		int exit_signal);
int proc_execve(const char *path, char *const kargv[], char *const kenvp[]);
__noreturn void proc_exit(int code);          /* this thread */
__noreturn void proc_exit_group(int status);  /* whole group; status is a wait word */
void task_free(struct task *t);
/* The per-task main loop: run guest code, handle its events. */
__noreturn void task_user_loop(void);
/* The exit of pid 1 panics, like Linux. */

struct task *task_alloc(void);
void task_unhash(struct task *t);
void task_set_tid(struct task *t, int tid);
struct process *process_alloc(int pid);
void process_free(struct process *p);
/* Set a process's group and session (keeps pid_alloc's accounting). */
void process_set_ids(struct process *p, int pgid, int sid);
void fork_task_gone(void);
/* The current task has exited: never returns (sched.c frees its stack). */
__noreturn void sched_task_dead(struct task *t);
s64 sched_deadline(struct task *t);
bool sched_should_preempt(struct task *t);
s64 time_mono_to_host(s64 t);
int task_stack_init(struct task *t, void (*fn)(void *), void *arg);
void proc_reparent_children(struct process *p);

/* futex.c: wake waiters on a user address (CLONE_CHILD_CLEARTID at exit). */
int futex_wake_addr(struct mm *mm, u64 uaddr, int n);

/* getrusage's numbers (sys_proc.c), as struct rusage's 18 longs. who:
 * RUSAGE_SELF (0), RUSAGE_CHILDREN (-1), RUSAGE_THREAD (1, t) or
 * RUSAGE_BOTH (-2: self and children, what wait4 reports of a child). */
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1
#define RUSAGE_BOTH (-2)
void proc_rusage(struct process *p, struct task *t, int who, s64 ru[18]);

/* Rlimit helpers */
static inline u64 task_rlimit(struct task *t, int res) { return t->proc->rlim[res].cur; }

/* Total and running counts for /proc/loadavg, sysinfo. */
unsigned proc_count(void);
int pid_last(void);             /* the pid handed out last (/proc/loadavg) */
u64 proc_total_forks(void);     /* pids handed out since boot (/proc/stat processes) */
unsigned proc_max_threads(void); /* the task limit fork enforces (threads-max) */

/* uname's node and domain names (sys_proc.c); the setters take kernel
 * strings without NUL, -EINVAL past 64 bytes; callers check privileges. */
const char *proc_hostname(void);
const char *proc_domainname(void);
int proc_set_hostname(const char *name, size_t len);
int proc_set_domainname(const char *name, size_t len);

/* Boot hooks to run in process context right before init execs. */
bool proc_is_init(struct process *p);

#endif
