// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks and processes: allocation, the pid space, the global lists that
 * ps, kill -1 and wait walk. Pids are handed out increasingly up to
 * PID_MAX and wrap, skipping any number still used as a thread, process
 * group or session id (Linux's rule).
 */
#include "host.h"
#include "mm.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"

#define PID_MAX 32768
#define KSTACK_SIZE (128 * 1024)

static struct task_table {
	struct task *by_tid[PID_MAX];
	/* Unreaped processes by pid, and how many of them hold each id as
	 * pid, process group or session: pid_alloc and process_by_pid must
	 * stay O(1) with thousands of processes (a fork storm). */
	struct process *by_pid[PID_MAX];
	u16 id_refs[PID_MAX];
	struct list_head processes;   /* all processes, in creation order */
	struct list_head tasks;       /* all tasks */
	int last_pid;
	unsigned nr_processes;
	u64 nr_forks;                 /* pids handed out since boot (/proc/stat) */
} task_table = {
	.processes = LIST_HEAD_INIT(task_table.processes),
	.tasks = LIST_HEAD_INIT(task_table.tasks),
};

static bool pid_used(int pid)
{
	return task_table.by_tid[pid] || task_table.id_refs[pid];
}

static void id_ref(int id, int delta)
{
	if (id > 0 && id < PID_MAX)
		task_table.id_refs[id] = (u16)(task_table.id_refs[id] + delta);
}

void process_set_ids(struct process *p, int pgid, int sid)
{
	id_ref(p->pgid, -1);
	id_ref(p->sid, -1);
	p->pgid = pgid;
	p->sid = sid;
	id_ref(pgid, 1);
	id_ref(sid, 1);
}

int pid_alloc(void)
{
	int i, pid = task_table.last_pid;

	for (i = 0; i < PID_MAX; i++) {
		pid = pid + 1 >= PID_MAX ? 2 : pid + 1;
		if (!pid_used(pid)) {
			task_table.last_pid = pid;
			task_table.nr_forks++;
			return pid;
		}
	}
	return -EAGAIN;
}

void pid_free(int pid)
{
	(void)pid; /* the tid slot is cleared by task_unhash */
}

struct task *task_by_tid(int tid)
{
	if (tid <= 0 || tid >= PID_MAX)
		return NULL;
	return task_table.by_tid[tid];
}

struct process *process_by_pid(int pid)
{
	struct process *p;

	if (pid <= 0 || pid >= PID_MAX)
		return NULL;
	p = task_table.by_pid[pid];
	return p && !(p->flags & PROC_REAPED) ? p : NULL;
}

bool pgid_exists(int pgid)
{
	struct process *p;

	list_for_each_entry(p, &task_table.processes, all_link)
		if (p->pgid == pgid) /* a zombie holds its ids until reaped */
			return true;
	return false;
}

struct process *process_next(struct process *p)
{
	struct list_head *n = p ? p->all_link.next : task_table.processes.next;

	return n == &task_table.processes ? NULL : list_entry(n, struct process, all_link);
}

struct task *task_next(struct task *t)
{
	struct list_head *n = t ? t->all_link.next : task_table.tasks.next;

	return n == &task_table.tasks ? NULL : list_entry(n, struct task, all_link);
}

unsigned proc_count(void)
{
	return task_table.nr_processes;
}

int pid_last(void)
{
	return task_table.last_pid;
}

u64 proc_total_forks(void)
{
	return task_table.nr_forks;
}

struct task *task_alloc(void)
{
	struct task *t = kzalloc(sizeof(*t));
	int tid;

	if (!t)
		return NULL;
	tid = pid_alloc();
	if (tid < 0)
		goto out_free;
	if (host_ctx_create(&t->hctx))
		goto out_free;
	t->kstack_size = KSTACK_SIZE;
	t->kstack = kmalloc(KSTACK_SIZE);
	if (!t->kstack)
		goto out_ctx;
	t->tid = tid;
	task_table.by_tid[tid] = t;
	list_add_tail(&t->all_link, &task_table.tasks);
	list_init(&t->thread_link);
	list_init(&t->run_link);
	sigpending_init(&t->pending);
	t->altstack.flags = SS_DISABLE;
	t->state = TASK_RUNNING;
	t->start_time = time_mono();
	return t;
out_ctx:
	host_ctx_destroy(t->hctx);
out_free:
	kfree(t);
	return NULL;
}

/* exec by a non-leader thread: it takes over the process id as its tid,
 * which the old leader's exit has freed (exec.c). */
void task_set_tid(struct task *t, int tid)
{
	if (task_table.by_tid[t->tid] == t)
		task_table.by_tid[t->tid] = NULL;
	t->tid = tid;
	task_table.by_tid[tid] = t;
}

/* Drop the tid; the task struct itself may live on as a zombie leader. */
void task_unhash(struct task *t)
{
	if (task_table.by_tid[t->tid] == t)
		task_table.by_tid[t->tid] = NULL;
	list_del(&t->all_link);
}

/* Called by the idle loop once a dead task is off its stack. A process
 * leader's struct outlives this until the process is reaped (wait shows
 * its pid), so whichever of the two comes last frees it. */
void task_free(struct task *t)
{
	host_ctx_destroy(t->hctx);
	t->hctx = NULL;
	kfree(t->kstack);
	t->kstack = NULL;
	sigpending_flush(&t->pending);
	if (t->proc && t->proc->leader == t)
		return;
	kfree(t);
}

int task_stack_init(struct task *t, void (*fn)(void *), void *arg)
{
	kctx_init(&t->kctx, t->kstack, t->kstack_size, fn, arg);
	return 0;
}

struct process *process_alloc(int pid)
{
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->refs = 1;
	p->pid = pid;
	list_init(&p->threads);
	list_init(&p->children);
	list_init(&p->sibling);
	sigpending_init(&p->shared_pending);
	wq_init(&p->wait_chld);
	list_init(&p->cpu_timers);
	list_init(&p->posix_timers);
	itimer_cpu_init(p);
	p->dumpable = true;
	list_add_tail(&p->all_link, &task_table.processes);
	task_table.nr_processes++;
	if (pid > 0 && pid < PID_MAX)
		task_table.by_pid[pid] = p;
	id_ref(pid, 1);
	p->start_time = time_mono();
	return p;
}

void process_free(struct process *p)
{
	list_del(&p->all_link);
	task_table.nr_processes--;
	if (p->pid > 0 && p->pid < PID_MAX && task_table.by_pid[p->pid] == p)
		task_table.by_pid[p->pid] = NULL;
	id_ref(p->pid, -1);
	process_set_ids(p, 0, 0);
	sigpending_flush(&p->shared_pending);
	if (p->sighand)
		sighand_put(p->sighand);
	if (p->leader) {
		if (p->leader->kstack)
			p->leader->proc = NULL; /* task_free will free it */
		else
			kfree(p->leader);
	}
	kfree(p);
}

bool proc_is_init(struct process *p)
{
	return p && p->pid == 1;
}
