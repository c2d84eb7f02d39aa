// SPDX-License-Identifier: GPL-2.0
/*
 * SKAS0: the default host backend (core/include/host.h).
 *
 * In a nutshell: every guest address space is a host process traced by the
 * kernel. It contains only the guest's pages (MAP_SHARED ranges of the
 * physmem file), the stub code and a data slot (stub/stub_proto.h). Guest
 * system calls stop the child with PTRACE_SYSEMU (the host never executes
 * them); faults arrive as SIGSEGV signal-delivery-stops and are suppressed.
 * Address-space changes are queued in the data slot and executed by the stub
 * in one stop (HOST-FACTS: batch, never one stop per change).
 *
 * Processes: at boot one "template" child execs the stub ELF (from a memfd,
 * with ADDR_NO_RANDOMIZE so its host stack and vDSO sit above STUB_END) and
 * unmaps everything else. A new address space is a fork of the template; a
 * guest fork is a fork of the parent's process, which carries its mappings
 * over (the caller has write-protected what becomes copy-on-write). Forks are
 * injected as one syscall through the stub's "syscall; int3" gadget, and
 * auto-attached via PTRACE_O_TRACEFORK. PTRACE_O_EXITKILL: no child outlives
 * the kernel; the kernel is their subreaper so none lingers as a zombie.
 *
 * FPU: guest threads of one address space share one host process, so its
 * FPU/vector state belongs to one host_ctx at a time (as->fpu_owner); a
 * switch saves and loads the full XSAVE image with PTRACE_{GET,SET}REGSET.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os.h"
#include "stub/stub_proto.h"

#ifndef PTRACE_SYSEMU
#define PTRACE_SYSEMU 31
#endif
#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif

#define SKAS0_PTRACE_OPTIONS                                                        \
	(PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK |           \
	 PTRACE_O_TRACEEXEC)
#define SKAS0_MAX_SLOTS 16384
#define SKAS0_XSTATE_MAX 16384

struct host_as {
	pid_t pid;
	int slot;
	struct stub_data *data;      /* kernel view of the slot */
	/* The queue lives here, in kernel memory: the data slot is mapped in
	 * the guest's address space and the guest may scribble on it, so it
	 * only ever holds what the kernel copies in right before the stub
	 * runs (and the guest is stopped while the stub runs). */
	uint32_t nops;
	struct stub_op ops[STUB_MAX_OPS];
	struct host_ctx *fpu_owner;  /* whose FPU state is live in the process */
	bool regs_valid;             /* host regs equal last_regs */
	struct user_regs_struct last_regs;
};

struct host_ctx {
	struct host_as *fpu_as;      /* the one address space whose fpu_owner this may be */
	bool fpu_saved;              /* xstate holds this ctx's state */
	size_t xstate_len;
	unsigned char xstate[];      /* skas0.xstate_size bytes */
};

static struct skas0_state {
	struct os_memfile physmem;   /* boot-only */
	struct os_memfile stubmem;   /* boot-only */
	struct host_as tmpl;         /* the template process */
	struct user_regs_struct base_regs; /* valid segment registers, boot-only */
	size_t xstate_size;          /* boot-only; 0: no XSAVE, fxsave images */
	struct host_caps *caps;      /* core's, filled at init and mem_create */
	unsigned char slot_used[SKAS0_MAX_SLOTS];
	int slot_hint;
	int cpu;
} skas0;

extern const char stub_elf_start[], stub_elf_end[];

/* ---- ptrace plumbing ----------------------------------------------------- */

static long skas0_ptrace(long req, pid_t pid, void *addr, void *data)
{
	long r = os_calls.ptrace(req, pid, addr, data);

	return r < 0 ? -errno : r;
}

static int skas0_waitpid(pid_t pid, int *status)
{
	for (;;) {
		pid_t r = os_calls.waitpid(pid, status, __WALL);

		if (r == pid)
			return 0;
		if (r < 0 && errno == EINTR)
			continue;
		return r < 0 ? -errno : -ECHILD;
	}
}

static bool skas0_is_interrupt(int status)
{
	return WIFSTOPPED(status) && (status >> 16) == PTRACE_EVENT_STOP;
}

/* A signal someone on the host sent to the child (kill -USR1, SIGCONT...),
 * not a trap of the code it runs: never the guest's or the stub's business. */
static bool skas0_is_host_signal(int status)
{
	int sig = WSTOPSIG(status);

	return WIFSTOPPED(status) && (status >> 16) == 0 && sig != SIGTRAP && sig != SIGSEGV &&
	       sig != SIGBUS && sig != SIGILL && sig != SIGFPE && sig != SIGSYS;
}

/* Resume a stub path with PTRACE_CONT and wait for its int3, passing over
 * stale interrupt stops and host signals (suppressed, as ctx_run does) and
 * reporting fork events' new pid in *child. */
static int skas0_cont_to_trap(pid_t pid, pid_t *child)
{
	int status, err;

	err = skas0_ptrace(PTRACE_CONT, pid, 0, 0);
	if (err)
		return err;
	for (;;) {
		err = skas0_waitpid(pid, &status);
		if (err)
			return err;
		if (!WIFSTOPPED(status))
			return -ESRCH;
		if (WSTOPSIG(status) == SIGTRAP && (status >> 16) == 0)
			return 0;
		if ((status >> 16) == PTRACE_EVENT_FORK && child) {
			unsigned long msg = 0;

			err = skas0_ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
			if (err)
				return err;
			*child = (pid_t)msg;
		} else if (!skas0_is_interrupt(status) && !skas0_is_host_signal(status)) {
			fprintf(stderr, "skas0: stub in pid %d stopped with status 0x%x\n", pid,
				status);
			return -EFAULT;
		}
		err = skas0_ptrace(PTRACE_CONT, pid, 0, 0);
		if (err)
			return err;
	}
}

/* Run one host system call inside the stopped process as (its registers are
 * clobbered; the next ctx_run sets the guest's again). */
static long skas0_inject(struct host_as *as, long nr, long a0, long a1, long a2, long a3,
			 long a4, long a5, pid_t *child)
{
	struct user_regs_struct r = skas0.base_regs;
	long err;

	r.rip = STUB_CODE_ADDR + STUB_ENTRY_SYSCALL;
	r.rsp = STUB_STACK_TOP;
	r.rax = (unsigned long)nr;
	r.orig_rax = (unsigned long)-1;
	r.rdi = (unsigned long)a0;
	r.rsi = (unsigned long)a1;
	r.rdx = (unsigned long)a2;
	r.r10 = (unsigned long)a3;
	r.r8 = (unsigned long)a4;
	r.r9 = (unsigned long)a5;
	as->regs_valid = false;
	err = skas0_ptrace(PTRACE_SETREGS, as->pid, 0, &r);
	if (err)
		return err;
	err = skas0_cont_to_trap(as->pid, child);
	if (err)
		return err;
	err = skas0_ptrace(PTRACE_GETREGS, as->pid, 0, &r);
	if (err)
		return err;
	return (long)r.rax;
}

/* ---- data slots ----------------------------------------------------------- */

static int skas0_slot_alloc(void)
{
	int i;

	for (i = 0; i < SKAS0_MAX_SLOTS; i++) {
		int s = (skas0.slot_hint + i) % SKAS0_MAX_SLOTS;

		if (!skas0.slot_used[s]) {
			skas0.slot_used[s] = 1;
			skas0.slot_hint = s + 1;
			return s;
		}
	}
	return -EAGAIN;
}

static void skas0_slot_free(int slot)
{
	skas0.slot_used[slot] = 0;
}

static struct stub_data *skas0_slot_data(int slot)
{
	return (struct stub_data *)((char *)skas0.stubmem.base + (size_t)slot * STUB_DATA_SIZE);
}

static void skas0_slot_reset(int slot)
{
	struct stub_data *d = skas0_slot_data(slot);

	d->magic = STUB_MAGIC;
	d->version = STUB_VERSION;
	d->nops = 0;
	d->done = 0;
	d->err = 0;
}

/* Map the slot's data area into the (stopped) process. */
static int skas0_map_slot(struct host_as *as)
{
	long r = skas0_inject(as, SYS_mmap, STUB_DATA_ADDR, STUB_DATA_SIZE,
			      PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, STUB_FD_STUBMEM,
			      (long)((u64)as->slot * STUB_DATA_SIZE), NULL);

	if (r != (long)STUB_DATA_ADDR) {
		fprintf(stderr, "skas0: mapping the stub data area in pid %d: err=%ld\n", as->pid, r);
		return r < 0 ? (int)r : -EFAULT;
	}
	return 0;
}

/* ---- the seccomp fence ----------------------------------------------------- */

/* Guest system calls never reach the host: PTRACE_SYSEMU stops them before
 * seccomp runs. The stub's own calls (run under PTRACE_CONT) do. This filter,
 * inherited by every stub process, lets through only what the stub needs -
 * mmap, munmap, mprotect and clone - and only from the stub's code page;
 * anything else kills the process. A tracing bug can therefore never run a
 * guest's system call on the host. */
static int skas0_seccomp(struct host_as *as)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, instruction_pointer) + 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (u32)(STUB_CODE_ADDR >> 32), 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, instruction_pointer)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (u32)STUB_CODE_ADDR, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (u32)(STUB_CODE_ADDR + STUB_CODE_SIZE), 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mmap, 4, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_munmap, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mprotect, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	/* The program goes into the stub's data area, where the stub can
	 * read it; the struct sock_fprog right after it. */
	struct stub_data *d = as->data;
	u64 prog_at = STUB_DATA_ADDR + offsetof(struct stub_data, ops);
	struct {
		u16 len;
		u8 pad[6];
		u64 filter;
	} fprog = { (u16)ARRAY_SIZE(f), { 0 }, prog_at };
	long r;

	_Static_assert(sizeof(f) + sizeof(fprog) <= sizeof(d->ops), "filter fits");
	memcpy(d->ops, f, sizeof(f));
	memcpy((char *)d->ops + sizeof(f), &fprog, sizeof(fprog));
	r = skas0_inject(as, SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0, NULL);
	if (r == 0)
		r = skas0_inject(as, SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0,
				 (long)(prog_at + sizeof(f)), 0, 0, 0, NULL);
	if (r) {
		fprintf(stderr, "skas0: cannot fence the stub with seccomp: err=%ld\n", r);
		return r < 0 ? (int)r : -EINVAL;
	}
	return 0;
}

/* ---- the template process ------------------------------------------------- */

static __attribute__((noreturn)) void skas0_template_child(int elf_fd)
{
	char *argv[] = { "uml-stub", NULL }, *envp[] = { NULL };
	sigset_t all;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	personality(ADDR_NO_RANDOMIZE);
	/* Our own session and process group: host job control and terminal
	 * signals aimed at the user's processes never reach the stubs. */
	setsid();
	/* Move the three files out of the way first: their numbers may be
	 * 3, 4 or 5 already, and dup2 onto one of them would close it. */
	if (dup2(skas0.physmem.fd, 1000) < 0 || dup2(skas0.stubmem.fd, 1001) < 0 ||
	    dup2(elf_fd, 1002) < 0)
		_exit(126);
	if (dup2(1000, STUB_FD_PHYSMEM) < 0 || dup2(1001, STUB_FD_STUBMEM) < 0 || dup2(1002, 5) < 0)
		_exit(126);
	fcntl(5, F_SETFD, FD_CLOEXEC);
	syscall(SYS_close_range, 6, ~0U, 0);
	/* No host stdio either: a stub needs nothing but its two files. */
	close(0);
	close(1);
	close(2);
	/* Stubs never wait for their host children; with SIGCHLD ignored the
	 * host reaps them once the kernel (their tracer) has seen them exit. */
	signal(SIGCHLD, SIG_IGN);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	kill(getpid(), SIGSTOP);
	syscall(SYS_execveat, 5, "", argv, envp, AT_EMPTY_PATH);
	_exit(127);
}

static int skas0_start_template(void)
{
	int elf_fd, status, err, i;
	size_t len = (size_t)(stub_elf_end - stub_elf_start);
	pid_t pid, r;
	struct iovec iov;
	void *xbuf;

	elf_fd = os_calls.memfd_create("uml-stub", MFD_CLOEXEC);
	if (elf_fd < 0)
		return -errno;
	if (write(elf_fd, stub_elf_start, len) != (ssize_t)len) {
		err = -EIO;
		goto out_close;
	}
	pid = os_calls.fork();
	if (pid < 0) {
		err = -errno;
		goto out_close;
	}
	if (pid == 0)
		skas0_template_child(elf_fd);
	close(elf_fd);

	r = os_calls.waitpid(pid, &status, WUNTRACED);
	if (r != pid || !WIFSTOPPED(status)) {
		err = r < 0 ? -errno : -ECHILD;
		fprintf(stderr, "skas0: template child did not stop: err=%d\n", err);
		if (r == pid)
			return err; /* it exited, and that wait reaped it */
		goto out_kill;
	}
	err = (int)skas0_ptrace(PTRACE_SEIZE, pid, 0, (void *)(long)SKAS0_PTRACE_OPTIONS);
	if (err) {
		fprintf(stderr, "skas0: PTRACE_SEIZE: err=%d\n", err);
		goto out_kill;
	}
	kill(pid, SIGCONT);
	/* Step through the group-stop and SIGCONT stops to the exec stop. */
	for (i = 0; i < 16; i++) {
		err = skas0_waitpid(pid, &status);
		if (err) {
			fprintf(stderr, "skas0: waiting for the stub's exec: err=%d\n", err);
			goto out_kill;
		}
		if (!WIFSTOPPED(status)) {
			fprintf(stderr, "skas0: stub exec failed (status 0x%x)\n", status);
			return -ENOEXEC; /* gone, and reaped by that wait */
		}
		if ((status >> 16) == PTRACE_EVENT_EXEC)
			break;
		err = (int)skas0_ptrace(PTRACE_CONT, pid, 0, 0);
		if (err)
			goto out_kill;
	}
	err = -ENOEXEC;
	if (i == 16)
		goto out_kill;

	/* The exec stop is inside execve, whose return would overwrite rax:
	 * run to the int3 at the stub's entry, a clean place to inject from. */
	err = skas0_cont_to_trap(pid, NULL);
	if (err)
		goto out_kill;
	skas0.tmpl.pid = pid;
	err = (int)skas0_ptrace(PTRACE_GETREGS, pid, 0, &skas0.base_regs);
	if (err)
		goto out_kill;
	skas0.tmpl.slot = skas0_slot_alloc();
	skas0.tmpl.data = skas0_slot_data(skas0.tmpl.slot);
	skas0_slot_reset(skas0.tmpl.slot);
	err = skas0_map_slot(&skas0.tmpl);
	if (err)
		goto out_slot;
	/* Nothing of the host process may stay where the guest lives. */
	err = -EFAULT;
	if (skas0_inject(&skas0.tmpl, SYS_munmap, 0, STUB_CODE_ADDR, 0, 0, 0, 0, NULL) ||
	    skas0_inject(&skas0.tmpl, SYS_munmap, STUB_END, STUB_HOST_TOP - STUB_END, 0, 0, 0,
			 0, NULL))
		goto out_slot;

	err = skas0_seccomp(&skas0.tmpl);
	if (err)
		goto out_slot;

	/* How big is this CPU's XSAVE image? */
	xbuf = calloc(1, SKAS0_XSTATE_MAX);
	iov.iov_base = xbuf;
	iov.iov_len = SKAS0_XSTATE_MAX;
	if (skas0_ptrace(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE, &iov) == 0 &&
	    iov.iov_len > 512 + 64) {
		u64 features;

		skas0.xstate_size = iov.iov_len;
		/* Linux's regset puts the XCR0 feature bits in the first word
		 * of the fxsave image's software-reserved bytes (what gdb
		 * reads; not the signal frame's fpx_sw_bytes). */
		memcpy(&features, xbuf + 464, sizeof(features));
		if (!(features & 1))
			features = 3 | 4; /* x87, SSE, AVX: what XSAVE hosts have */
		if (skas0.caps) {
			skas0.caps->fpstate_size = (u32)iov.iov_len;
			skas0.caps->fpstate_features = features;
		}
	} else {
		skas0.xstate_size = 0; /* no XSAVE: fall back to fxsave */
	}
	free(xbuf);
	return 0;
out_close:
	close(elf_fd);
	return err;
out_slot:
	skas0_slot_free(skas0.tmpl.slot);
out_kill:
	/* A failed boot may fall back to another host mode: leave no
	 * stopped, traced or zombie child behind. */
	skas0.tmpl.pid = 0;
	kill(pid, SIGKILL);
	do
		r = os_calls.waitpid(pid, &status, __WALL);
	while ((r < 0 && errno == EINTR) || (r == pid && WIFSTOPPED(status)));
	return err;
}

/* ---- host_ops: lifetime and memory ---------------------------------------- */

static int skas0_init(const struct host_boot *boot, struct host_caps *caps)
{
	int err;

	err = os_irq_init();
	if (err)
		return err;
	skas0.cpu = os_pin_cpu(boot->cpu);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	err = os_memfile_create("uml-stubmem", (u64)SKAS0_MAX_SLOTS * STUB_DATA_SIZE,
				&skas0.stubmem);
	if (err)
		return err;
	caps->mode = "skas0";
	caps->task_size = STUB_CODE_ADDR;
	caps->map_granule = 4096;
	caps->can_clone_as = true;
	caps->fault_access_known = false;
	caps->fpstate_size = 512;    /* until mem_create has asked the host */
	caps->fpstate_features = 3;  /* x87, SSE */
	skas0.caps = caps;
	return 0;
}

static int skas0_mem_create(u64 size, void **base)
{
	int err = os_memfile_create("uml-physmem", size, &skas0.physmem);

	if (err)
		return err;
	/* The template needs the physmem fd, so it starts after mem_create. */
	err = skas0_start_template();
	if (err) {
		fprintf(stderr, "skas0: cannot start the stub process: err=%d\n", err);
		os_memfile_destroy(&skas0.physmem);
		return err;
	}
	*base = skas0.physmem.base;
	return 0;
}

static int skas0_mem_discard(u64 off, u64 len)
{
	if (fallocate(skas0.physmem.fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)off,
		      (off_t)len) < 0)
		return -errno;
	return 0;
}

static __attribute__((noreturn)) void skas0_halt(int status)
{
	os_exit(status);
}

/* ---- host_ops: address spaces --------------------------------------------- */

static int skas0_fork_of(struct host_as *parent, struct host_as **out)
{
	struct host_as *as;
	pid_t child = 0;
	int status, err;
	long r;

	as = calloc(1, sizeof(*as));
	if (!as)
		return -ENOMEM;
	as->slot = skas0_slot_alloc();
	if (as->slot < 0) {
		err = as->slot;
		goto out_free;
	}
	as->data = skas0_slot_data(as->slot);
	r = skas0_inject(parent, SYS_clone, SIGCHLD, 0, 0, 0, 0, 0, &child);
	if (r <= 0 || child <= 0) {
		err = r < 0 ? (int)r : -EAGAIN;
		goto out_slot;
	}
	as->pid = child;
	/* The auto-attached child starts in a PTRACE_EVENT_STOP. */
	err = skas0_waitpid(child, &status);
	if (err || !WIFSTOPPED(status)) {
		err = err ? err : -ESRCH;
		goto out_kill;
	}
	skas0_slot_reset(as->slot);
	err = skas0_map_slot(as);
	if (err)
		goto out_kill;
	*out = as;
	return 0;
out_kill:
	kill(child, SIGKILL);
	os_calls.waitpid(child, &status, __WALL);
out_slot:
	skas0_slot_free(as->slot);
out_free:
	free(as);
	return err;
}

static int skas0_flush(struct host_as *as);

static int skas0_as_create(struct host_as **out)
{
	return skas0_fork_of(&skas0.tmpl, out);
}

static int skas0_as_clone(struct host_as *parent, struct host_as **out)
{
	int err = skas0_flush(parent);

	if (err)
		return err;
	err = skas0_fork_of(parent, out);
	if (!err)
		(*out)->fpu_owner = NULL; /* holds the forking thread's state */
	return err;
}

static void skas0_as_destroy(struct host_as *as)
{
	int status;

	if (as->fpu_owner && as->fpu_owner->fpu_as == as)
		as->fpu_owner->fpu_as = NULL;
	if (as->pid > 0) {
		kill(as->pid, SIGKILL);
		os_calls.waitpid(as->pid, &status, __WALL);
	}
	skas0_slot_free(as->slot);
	free(as);
}

static int skas0_flush(struct host_as *as)
{
	struct stub_data *d = as->data;
	struct user_regs_struct r;
	int err;

	if (as->nops == 0)
		return 0;
	d->magic = STUB_MAGIC;
	d->version = STUB_VERSION;
	memcpy(d->ops, as->ops, as->nops * sizeof(as->ops[0]));
	d->nops = as->nops;
	r = skas0.base_regs;
	r.rip = STUB_CODE_ADDR + STUB_ENTRY_RUN_OPS;
	r.rsp = STUB_STACK_TOP;
	r.orig_rax = (unsigned long)-1;
	d->done = 0;
	d->err = 0;
	as->regs_valid = false;
	err = (int)skas0_ptrace(PTRACE_SETREGS, as->pid, 0, &r);
	if (!err)
		err = skas0_cont_to_trap(as->pid, NULL);
	if (!err && d->err) {
		uint32_t done = d->done < as->nops ? d->done : 0;
		struct stub_op *op = &as->ops[done];
		int64_t e = d->err;

		fprintf(stderr, "skas0_flush: op %u/%u kind %u at 0x%llx len 0x%llx: err=%lld\n",
			done, as->nops, op->kind, (unsigned long long)op->addr,
			(unsigned long long)op->len, (long long)e);
		err = e < 0 && e > -4096 ? (int)e : -EFAULT;
	}
	as->nops = 0;
	d->nops = 0;
	return err;
}

/* Append one change, merging it with the previous one when they continue
 * each other (the common case: fault-around and munmap of whole VMAs). */
static int skas0_queue(struct host_as *as, uint32_t kind, u64 va, u64 len, int prot, u64 off)
{
	struct stub_op *last;
	int err;

	if (as->nops) {
		last = &as->ops[as->nops - 1];
		if (last->kind == kind && last->prot == (uint32_t)prot &&
		    last->addr + last->len == va &&
		    (kind != STUB_OP_MMAP || last->off + last->len == off)) {
			last->len += len;
			return 0;
		}
	}
	if (as->nops == STUB_MAX_OPS) {
		err = skas0_flush(as);
		if (err)
			return err;
	}
	as->ops[as->nops++] = (struct stub_op){ kind, (uint32_t)prot, va, len, off };
	return 0;
}

static int skas0_as_map(struct host_as *as, u64 va, u64 len, int prot, u64 off)
{
	return skas0_queue(as, STUB_OP_MMAP, va, len, prot, off);
}

static int skas0_as_unmap(struct host_as *as, u64 va, u64 len)
{
	return skas0_queue(as, STUB_OP_MUNMAP, va, len, 0, 0);
}

static int skas0_as_protect(struct host_as *as, u64 va, u64 len, int prot)
{
	return skas0_queue(as, STUB_OP_MPROTECT, va, len, prot, 0);
}

/* ---- host_ops: contexts ---------------------------------------------------- */

static int skas0_ctx_create(struct host_ctx **out)
{
	struct host_ctx *ctx = calloc(1, sizeof(*ctx) + MAX(skas0.xstate_size, 512));

	if (!ctx)
		return -ENOMEM;
	*out = ctx;
	return 0;
}

static void skas0_ctx_destroy(struct host_ctx *ctx)
{
	/* An exited thread must not stay the FPU owner of an address space
	 * its siblings (or a vfork parent) still run in. */
	if (ctx->fpu_as && ctx->fpu_as->fpu_owner == ctx)
		ctx->fpu_as->fpu_owner = NULL;
	free(ctx);
}

static int skas0_fpu_save(struct host_as *as, struct host_ctx *ctx)
{
	struct iovec iov = { ctx->xstate, skas0.xstate_size };
	int err;

	if (skas0.xstate_size) {
		err = (int)skas0_ptrace(PTRACE_GETREGSET, as->pid, (void *)NT_X86_XSTATE, &iov);
		ctx->xstate_len = iov.iov_len;
	} else {
		err = (int)skas0_ptrace(PTRACE_GETFPREGS, as->pid, 0, ctx->xstate);
		ctx->xstate_len = 512;
	}
	if (!err)
		ctx->fpu_saved = true;
	return err;
}

static int skas0_fpu_load(struct host_as *as, struct host_ctx *ctx)
{
	struct iovec iov = { ctx->xstate, ctx->xstate_len };

	if (skas0.xstate_size)
		return (int)skas0_ptrace(PTRACE_SETREGSET, as->pid, (void *)NT_X86_XSTATE, &iov);
	return (int)skas0_ptrace(PTRACE_SETFPREGS, as->pid, 0, ctx->xstate);
}

/* Make ctx's FPU state the live one in as's process. A ctx that never saved
 * state adopts what is live (a forked child inherits its parent's FPU). */
static int skas0_fpu_switch(struct host_ctx *ctx, struct host_as *as)
{
	int err;

	if (as->fpu_owner == ctx)
		return 0;
	if (as->fpu_owner) {
		err = skas0_fpu_save(as, as->fpu_owner);
		if (err)
			return err;
		as->fpu_owner->fpu_as = NULL;
	}
	if (ctx->fpu_saved) {
		err = skas0_fpu_load(as, ctx);
		if (err)
			return err;
	}
	/* Owning one address space at a time keeps ctx_destroy's cleanup
	 * complete (after exec, or a vfork child's, the old one lives on). */
	if (ctx->fpu_as && ctx->fpu_as != as && ctx->fpu_as->fpu_owner == ctx)
		ctx->fpu_as->fpu_owner = NULL;
	as->fpu_owner = ctx;
	ctx->fpu_as = as;
	return 0;
}

/* The x86 trap behind a synchronous host signal. The host kernel does not
 * put it in an x86 siginfo, but its traps map to signals one way (Linux's
 * arch/x86/kernel/traps.c and fault.c), so it follows from signo/code. */
static u64 skas0_trapno(int signo, int code)
{
	switch (signo) {
	case SIGSEGV:
		return code == SI_KERNEL ? 13 : 14;      /* #GP, #PF */
	case SIGBUS:
		return code == BUS_ADRALN ? 17 : 14;     /* #AC, #PF past EOF */
	case SIGILL:
		return 6;                                /* #UD */
	case SIGFPE:
		/* #DE for integer division; SIMD exceptions otherwise (#XM:
		 * x87 ones, #MF, are masked by default on x86_64). */
		return code == FPE_INTDIV ? 0 : code == FPE_INTOVF ? 4 : 19;
	case SIGTRAP:
		return code == SI_KERNEL ? 3 : 1;        /* int3, #DB */
	default:
		return 0;
	}
}

static int skas0_trap_info(struct host_as *as, struct host_trap *trap)
{
	siginfo_t si;
	int err = (int)skas0_ptrace(PTRACE_GETSIGINFO, as->pid, 0, &si);

	if (err)
		return err;
	trap->signo = si.si_signo;
	trap->code = si.si_code;
	trap->addr = (u64)(unsigned long)si.si_addr;
	trap->access = 0; /* the x86 error code is not in the siginfo */
	trap->trapno = skas0_trapno(si.si_signo, si.si_code);
	return 0;
}

static int skas0_ctx_run(struct host_ctx *ctx, struct host_as *as, struct arch_regs *regs,
			 struct host_trap *trap)
{
	struct user_regs_struct *ur = (struct user_regs_struct *)regs;
	int status, err, sig;

	_Static_assert(sizeof(*ur) == sizeof(*regs), "arch_regs is user_regs_struct");
	err = skas0_flush(as);
	if (err)
		return err;
	err = skas0_fpu_switch(ctx, as);
	if (err)
		return err;
	if (!as->regs_valid || memcmp(&as->last_regs, ur, sizeof(*ur)) != 0) {
		err = (int)skas0_ptrace(PTRACE_SETREGS, as->pid, 0, ur);
		if (err)
			return err;
	}
	for (;;) {
		os_irq_set_running(as->pid);
		err = (int)skas0_ptrace(PTRACE_SYSEMU, as->pid, 0, 0);
		if (!err)
			err = skas0_waitpid(as->pid, &status);
		os_irq_set_running(0);
		if (err)
			return err;
		if (!WIFSTOPPED(status)) {
			as->pid = -1; /* gone: killed from outside */
			return -ESRCH;
		}
		sig = WSTOPSIG(status);
		if (sig == (SIGTRAP | 0x80) || skas0_is_interrupt(status))
			break;
		if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
		    sig == SIGTRAP || sig == SIGSYS) {
			err = skas0_trap_info(as, trap);
			if (err)
				return err;
			break;
		}
		/* A signal someone on the host sent to the child: not the
		 * guest's business. Suppress it and go on. */
	}
	err = (int)skas0_ptrace(PTRACE_GETREGS, as->pid, 0, ur);
	if (err)
		return err;
	as->last_regs = *ur;
	as->regs_valid = true;
	if (sig == (SIGTRAP | 0x80))
		return HOST_EV_SYSCALL;
	if (skas0_is_interrupt(status))
		return HOST_EV_INTERRUPTED;
	if ((sig == SIGSEGV && (trap->code == SEGV_MAPERR || trap->code == SEGV_ACCERR)) ||
	    (sig == SIGBUS && trap->code == BUS_ADRERR))
		return HOST_EV_FAULT;
	return HOST_EV_SIGNAL;
}

/* The image is what the host's ptrace gives: with XSAVE the NT_X86_XSTATE
 * regset (the fxsave image, XSAVE header, extended state in standard form,
 * skas0.xstate_size bytes), else the 512-byte fxsave image. */
static size_t skas0_fpstate_size(void)
{
	return skas0.xstate_size ? skas0.xstate_size : 512;
}

static int skas0_fpstate_get(struct host_ctx *ctx, struct host_as *as, void *buf, size_t len)
{
	struct iovec iov = { buf, len };
	int err;

	if (len != skas0_fpstate_size())
		return -EINVAL;
	err = skas0_fpu_switch(ctx, as);
	if (err)
		return err;
	_Static_assert(sizeof(struct user_fpregs_struct) == 512, "fxsave image");
	if (!skas0.xstate_size)
		return (int)skas0_ptrace(PTRACE_GETFPREGS, as->pid, 0, buf);
	err = (int)skas0_ptrace(PTRACE_GETREGSET, as->pid, (void *)NT_X86_XSTATE, &iov);
	if (!err && iov.iov_len < len)
		memset((char *)buf + iov.iov_len, 0, len - iov.iov_len);
	return err;
}

static int skas0_fpstate_set(struct host_ctx *ctx, struct host_as *as, const void *buf,
			     size_t len)
{
	struct iovec iov = { (void *)buf, len };
	int err;

	if (len != skas0_fpstate_size())
		return -EINVAL;
	err = skas0_fpu_switch(ctx, as);
	if (err)
		return err;
	if (!skas0.xstate_size)
		return (int)skas0_ptrace(PTRACE_SETFPREGS, as->pid, 0, (void *)buf);
	err = (int)skas0_ptrace(PTRACE_SETREGSET, as->pid, (void *)NT_X86_XSTATE, &iov);
	/* The host checks the header (reserved bits, unknown features) and
	 * MXCSR: a bad image is the caller's error, not a dead process. */
	return err == -EFAULT ? -EINVAL : err;
}

static int skas0_probe(char *why, size_t whylen)
{
	snprintf(why, whylen, "PTRACE_SYSEMU");
	return 0;
}

static const struct host_ops skas0_ops = {
	.init = skas0_init,
	.halt = skas0_halt,
	.mem_create = skas0_mem_create,
	.mem_discard = skas0_mem_discard,
	.as_create = skas0_as_create,
	.as_clone = skas0_as_clone,
	.as_destroy = skas0_as_destroy,
	.as_map = skas0_as_map,
	.as_unmap = skas0_as_unmap,
	.as_protect = skas0_as_protect,
	.as_flush = skas0_flush,
	.ctx_create = skas0_ctx_create,
	.ctx_destroy = skas0_ctx_destroy,
	.ctx_run = skas0_ctx_run,
	.ctx_fpstate_get = skas0_fpstate_get,
	.ctx_fpstate_set = skas0_fpstate_set,
	.clock_now = os_clock_now,
	.set_deadline = os_set_deadline,
	.poll = os_poll,
	.irq_enable = os_irq_enable,
	.irq_take = os_irq_take,
	.take_notes = os_take_notes,
	.getrandom = os_getrandom,
	.file_read_all = os_file_read_all,
};

const struct host_backend host_skas0 = {
	.name = "skas0",
	.help = "each address space a ptraced host process (PTRACE_SYSEMU) with a stub",
	.probe = skas0_probe,
	.ops = &skas0_ops,
};
