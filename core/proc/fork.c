// SPDX-License-Identifier: GPL-2.0
/*
 * Process and thread creation: clone/clone3/fork/vfork, and the first
 * process (init). A new process gets a copy-on-write address space (mm_fork:
 * on SKAS0 the host forks the parent's process, so the child starts with
 * its parent's mappings, write-protected); a thread shares its creator's.
 * Limits: a global task cap sized from guest RAM and RLIMIT_NPROC, so a
 * fork bomb gets EAGAIN instead of exhausting the host.
 */
#include "boot.h"
#include "console.h"
#include "host.h"
#include "mm.h"
#include "task.h"
#include "uaccess.h"
#include "uapi.h"
#include "vfs.h"

struct process *process_alloc(int pid);

static struct fork_state {
	unsigned nr_tasks;   /* tasks not yet released: live ones and zombie leaders */
	unsigned max_tasks;  /* boot-only: from guest RAM */
} fork_state;

void fork_task_gone(void)
{
	fork_state.nr_tasks--;
}

static unsigned fork_max_tasks(void)
{
	if (!fork_state.max_tasks) {
		u64 m = mm_frames_total() / 32;

		fork_state.max_tasks = (unsigned)MAX(64, MIN(m, 16384));
	}
	return fork_state.max_tasks;
}

unsigned proc_max_threads(void)
{
	return fork_max_tasks();
}

static unsigned user_process_count(u32 uid)
{
	struct task *t;
	unsigned n = 0;

	for (t = task_next(NULL); t; t = task_next(t))
		if (t->cred.uid == uid && t->state != TASK_DEAD)
			n++;
	return n;
}

/* Where a new task starts: the child's first return to the guest. */
static void fork_child_start(void *arg)
{
	struct task *t = arg;

	if (t->set_child_tid) {
		int tid = t->tid;

		copy_to_user(t->set_child_tid, &tid, sizeof(tid));
	}
	task_user_loop();
}

static int fork_check(u64 flags, int exit_signal)
{
	struct task *cur = task_current();

	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & (CLONE_PARENT | CLONE_THREAD)) && proc_is_init(cur->proc))
		return -EINVAL;
	if (flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
		     CLONE_NEWNET | CLONE_NEWCGROUP)) {
		pr_once(LOG_WARNING, "clone: namespaces are not supported (flags %#llx)\n",
			(unsigned long long)flags);
		return -EINVAL;
	}
	if (exit_signal < 0 || exit_signal > _NSIG)
		return -EINVAL;
	if (fork_state.nr_tasks >= fork_max_tasks())
		return -EAGAIN;
	if (cur->cred.uid != 0 &&
	    user_process_count(cur->cred.uid) >= task_rlimit(cur, RLIMIT_NPROC))
		return -EAGAIN;
	return 0;
}

static int fork_new_process(struct task *cur, struct task *t, u64 flags, int exit_signal)
{
	struct process *p = process_alloc(t->tid), *parent;

	if (!p)
		return -ENOMEM;
	parent = (flags & CLONE_PARENT) ? cur->proc->parent : cur->proc;
	p->leader = t;
	p->parent = parent;
	/* Linux's real_parent is a thread: CLONE_PARENT shares ours. */
	p->parent_tid = (flags & CLONE_PARENT) ? cur->proc->parent_tid : cur->tid;
	p->dumpable = cur->proc->dumpable;
	list_add_tail(&p->sibling, &parent->children);
	process_set_ids(p, cur->proc->pgid, cur->proc->sid);
	p->ctty = cur->proc->ctty;
	memcpy(p->rlim, cur->proc->rlim, sizeof(p->rlim));
	p->exit_signal = exit_signal;
	p->oom_score_adj = cur->proc->oom_score_adj;
	if (flags & CLONE_SIGHAND) {
		p->sighand = cur->proc->sighand;
		p->sighand->refs++;
	} else {
		p->sighand = sighand_alloc();
		if (!p->sighand)
			return -ENOMEM;
		memcpy(p->sighand->action, cur->proc->sighand->action, sizeof(p->sighand->action));
	}
	t->proc = p;
	list_add_tail(&t->thread_link, &p->threads);
	p->nr_threads = p->nr_live = 1;
	return 0;
}

long proc_clone(u64 flags, u64 newsp, u64 parent_tid, u64 child_tid, u64 tls, int exit_signal)
{
	struct task *cur = task_current(), *t;
	int err, tid;

	err = fork_check(flags, exit_signal);
	if (err)
		return err;
	t = task_alloc();
	if (!t)
		return -EAGAIN;
	fork_state.nr_tasks++;
	tid = t->tid;
	t->cred = cur->cred;
	memcpy(t->comm, cur->comm, sizeof(t->comm));
	t->blocked = cur->blocked;
	t->trap = cur->trap;
	t->nice = cur->nice;
	t->policy = cur->policy;
	t->ioprio = cur->ioprio;
	/* SCHED_RESET_ON_FORK: the child gets no negative nice (nor, on
	 * Linux, a realtime policy, which no task has here) */
	if (cur->sched_reset_on_fork && t->nice < 0)
		t->nice = 0;
	t->no_new_privs = cur->no_new_privs;
	t->personality = cur->personality;
	/* A new thread in the same memory must not share its creator's
	 * alternate stack (Linux: sas_ss_reset for CLONE_VM without VFORK). */
	if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM)
		t->altstack = cur->altstack;
	if (flags & CLONE_VM) {
		t->mm = cur->mm;
		mm_get(t->mm);
		/* The new thread starts with its creator's FPU state. */
		{
			size_t len = host_caps()->fpstate_size;
			void *fp = kmalloc(len);

			if (fp && host_ctx_fpstate_get(cur->hctx, cur->mm->as, fp, len) == 0)
				host_ctx_fpstate_set(t->hctx, t->mm->as, fp, len);
			kfree(fp);
		}
	} else {
		err = mm_fork(cur->mm, &t->mm);
		if (err)
			goto out_task;
	}
	if (flags & CLONE_FILES) {
		t->files = cur->files;
		t->files->refs++;
	} else {
		t->files = files_dup(cur->files);
		if (!t->files) {
			err = -ENOMEM;
			goto out_mm;
		}
	}
	if (flags & CLONE_FS) {
		t->fs = cur->fs;
		t->fs->refs++;
	} else {
		t->fs = fs_info_dup(cur->fs);
		if (!t->fs) {
			err = -ENOMEM;
			goto out_files;
		}
	}
	if (flags & CLONE_THREAD) {
		t->proc = cur->proc;
		list_add_tail(&t->thread_link, &t->proc->threads);
		t->proc->nr_threads++;
		t->proc->nr_live++;
	} else {
		err = fork_new_process(cur, t, flags, exit_signal);
		if (err)
			goto out_fs;
	}
	arch_clone_regs(&t->regs, &cur->regs, newsp, flags & CLONE_SETTLS, tls);
	if (flags & CLONE_CHILD_SETTID)
		t->set_child_tid = child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = child_tid;
	if (flags & CLONE_PARENT_SETTID)
		copy_to_user(parent_tid, &tid, sizeof(tid));
	task_stack_init(t, fork_child_start, t);
	if (flags & CLONE_VFORK) {
		t->vfork_parent = cur;
		cur->vfork_released = false;
	}
	t->state = TASK_INTERRUPTIBLE; /* so task_wake queues it */
	task_wake(t);
	if (flags & CLONE_VFORK) {
		/* The parent borrows nothing back until the child execs or
		 * exits; only a fatal signal ends the wait early (Linux).
		 * The flag is ours, not the child's: a child that exits may
		 * be freed before we run again (auto-reaped, SIGCHLD ignored).
		 * Until it lets go it lives, so leaving early we can still tell
		 * it not to wake us once we are gone. */
		while (!cur->vfork_released) {
			if (sched_sleep(TASK_UNINTERRUPTIBLE, S64_MAX)) {
				if (!cur->vfork_released)
					t->vfork_parent = NULL;
				break;
			}
		}
	}
	return tid;
out_fs:
	fs_info_put(t->fs);
out_files:
	files_put(t->files);
out_mm:
	mm_put(t->mm);
out_task:
	fork_state.nr_tasks--;
	task_unhash(t);
	host_ctx_destroy(t->hctx);
	kfree(t->kstack);
	kfree(t);
	return err;
}

/* ---- system calls ---- */

long sys_clone(u64 flags, u64 newsp, u64 parent_tid, u64 child_tid, u64 tls)
{
	return proc_clone(flags & ~CSIGNAL, newsp, parent_tid, child_tid, tls, (int)(flags & CSIGNAL));
}

struct clone_args_k {
	u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	u64 set_tid, set_tid_size, cgroup;
};

long sys_clone3(u64 uargs, u64 size)
{
	struct clone_args_k a;
	u64 sp = 0;

	if (size < 64 || size > PAGE_SIZE)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	if (copy_from_user(&a, uargs, MIN(size, sizeof(a))))
		return -EFAULT;
	if ((a.flags & CSIGNAL) || a.set_tid || a.set_tid_size || (a.flags & CLONE_PIDFD))
		return -EINVAL;
	if (a.exit_signal > _NSIG)
		return -EINVAL;
	if (a.stack) {
		if (!a.stack_size)
			return -EINVAL;
		sp = a.stack + a.stack_size;
	}
	return proc_clone(a.flags, sp, a.parent_tid, a.child_tid, a.tls, (int)a.exit_signal);
}

long sys_fork(void)
{
	return proc_clone(0, 0, 0, 0, 0, SIGCHLD);
}

long sys_vfork(void)
{
	return proc_clone(CLONE_VM | CLONE_VFORK, 0, 0, 0, 0, SIGCHLD);
}

/* ---- the first process ---- */

static const char *const init_candidates[] = { "/sbin/init", "/etc/init", "/bin/init", "/bin/sh" };

static int init_try(const char *path)
{
	const struct boot_config *cfg = boot_config();
	char *argv[BOOT_MAX_INIT_ARGS + 2], *envp[BOOT_MAX_INIT_ARGS + 3];
	int i, n = 0, e = 0;

	argv[n++] = (char *)path;
	for (i = 0; i < cfg->nr_init_args; i++)
		argv[n++] = (char *)cfg->init_args[i];
	argv[n] = NULL;
	envp[e++] = "HOME=/";
	envp[e++] = "TERM=linux";
	for (i = 0; i < cfg->nr_init_env; i++)
		envp[e++] = (char *)cfg->init_env[i];
	envp[e] = NULL;
	return proc_execve(path, argv, envp);
}

static void init_start(void *arg)
{
	const struct boot_config *cfg = boot_config();
	struct file *con;
	struct path p;
	unsigned i;
	int err;

	(void)arg;
	if (console_open_for_init(&con) == 0) {
		file_get(con);
		file_get(con);
		fd_install(con, 0, false);
		fd_install(con, 1, false);
		fd_install(con, 2, false);
	} else {
		pr_warn("Warning: unable to open an initial console.\n");
	}
	/* Linux: an initramfs's rdinit (/init) first, unless init= says otherwise. */
	if (!cfg->init && path_lookup(AT_FDCWD, cfg->rdinit, LOOKUP_FOLLOW, &p) == 0) {
		path_put(&p);
		pr_info("Run %s as init process\n", cfg->rdinit);
		err = init_try(cfg->rdinit);
		if (!err)
			goto run;
		pr_warn("Failed to execute %s (error %d)\n", cfg->rdinit, err);
	}
	if (cfg->init) {
		pr_info("Run %s as init process\n", cfg->init);
		err = init_try(cfg->init);
		if (!err)
			goto run;
		panic("Requested init %s failed (error %d).", cfg->init, err);
	}
	for (i = 0; i < ARRAY_SIZE(init_candidates); i++) {
		if (init_try(init_candidates[i]) == 0) {
			pr_info("Run %s as init process\n", init_candidates[i]);
			goto run;
		}
	}
	panic("No working init found.  Try passing init= option to kernel.");
run:
	task_user_loop();
}

int proc_spawn_init(const char *path, char *const argv[], char *const envp[])
{
	struct task *t = task_alloc();
	struct process *p;
	int i, err;

	(void)path;
	(void)argv;
	(void)envp;
	if (!t)
		return -ENOMEM;
	fork_state.nr_tasks++;
	p = process_alloc(t->tid);
	if (!p)
		return -ENOMEM;
	p->leader = t;
	p->parent = p; /* init is its own parent for reparenting purposes */
	p->exit_signal = SIGCHLD;
	p->sighand = sighand_alloc();
	for (i = 0; i < 16; i++)
		p->rlim[i].cur = p->rlim[i].max = RLIM_INFINITY;
	p->rlim[RLIMIT_STACK].cur = 8ULL << 20;
	p->rlim[RLIMIT_CORE].cur = 0;
	p->rlim[RLIMIT_NOFILE].cur = 1024;
	p->rlim[RLIMIT_NOFILE].max = 1024 * 1024;
	p->rlim[RLIMIT_NPROC].cur = p->rlim[RLIMIT_NPROC].max = fork_max_tasks() / 2;
	p->rlim[RLIMIT_SIGPENDING].cur = p->rlim[RLIMIT_SIGPENDING].max = fork_max_tasks() / 2;
	p->rlim[RLIMIT_MEMLOCK].cur = p->rlim[RLIMIT_MEMLOCK].max = 8ULL << 20;
	p->rlim[RLIMIT_MSGQUEUE].cur = p->rlim[RLIMIT_MSGQUEUE].max = 819200;
	p->rlim[RLIMIT_NICE].cur = p->rlim[RLIMIT_NICE].max = 0;
	p->rlim[RLIMIT_RTPRIO].cur = p->rlim[RLIMIT_RTPRIO].max = 0;
	t->proc = p;
	list_add_tail(&t->thread_link, &p->threads);
	p->nr_threads = p->nr_live = 1;
	memcpy(t->comm, "swapper", 8);
	err = mm_create(&t->mm);
	if (err)
		return err;
	t->files = files_alloc();
	t->fs = fs_info_alloc();
	if (!p->sighand || !t->files || !t->fs)
		return -ENOMEM;
	task_stack_init(t, init_start, NULL);
	t->state = TASK_INTERRUPTIBLE;
	task_wake(t);
	return 0;
}
