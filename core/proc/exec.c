// SPDX-License-Identifier: GPL-2.0
/*
 * execve: replace the current process image. Checks everything it can
 * before the point of no return (file type, permission, ELF headers, the
 * interpreter), then swaps the address space and maps the program (ELF64,
 * static or with a PT_INTERP loader; "#!" scripts up to 4 levels), builds
 * the initial stack (argv, envp, auxv with AT_RANDOM...) and resets signal
 * handlers, close-on-exec fds and the FPU. Text pages already in the page
 * cache are mapped eagerly (HOST-FACTS: faults are the expensive part).
 */
#include "kelf.h"
#include "host.h"
#include "mm.h"
#include "task.h"
#include "uaccess.h"
#include "uapi.h"
#include "vfs.h"

#define EXEC_BUF 256
#define EXEC_MAX_DEPTH 4
#define EXEC_MAX_ARG_STRLEN (32 * PAGE_SIZE)
#define EXEC_MAX_PHNUM 512

u64 arch_elf_hwcap(void);

struct exec_args {
	char *strings;      /* argv strings then envp strings, NUL separated */
	size_t len, cap;
	int argc, envc;
	size_t limit;       /* bytes allowed for strings + pointers */
};

static int args_push(struct exec_args *a, const char *s, size_t n)
{
	if (n + 1 > EXEC_MAX_ARG_STRLEN)
		return -E2BIG;
	if (a->len + n + 1 + (size_t)(a->argc + a->envc + 1) * 8 > a->limit)
		return -E2BIG;
	if (a->len + n + 1 > a->cap) {
		size_t cap = MAX(a->cap * 2, a->len + n + 1 + 4096);
		char *ns = kmalloc(cap);

		if (!ns)
			return -ENOMEM;
		if (a->len)
			memcpy(ns, a->strings, a->len);
		kfree(a->strings);
		a->strings = ns;
		a->cap = cap;
	}
	memcpy(a->strings + a->len, s, n);
	a->strings[a->len + n] = 0;
	a->len += n + 1;
	return 0;
}

/* The start of the i-th string. */
static const char *args_nth(const struct exec_args *a, int i)
{
	const char *p = a->strings;

	while (i-- > 0)
		p += strlen(p) + 1;
	return p;
}

static int args_from_user(struct exec_args *a, u64 uvec, bool env)
{
	char *buf;
	int err = 0, n = 0;

	if (!uvec)
		return 0;
	buf = kmalloc(EXEC_MAX_ARG_STRLEN);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		u64 p;
		long len;

		if (copy_from_user(&p, uvec + (u64)n * 8, 8)) {
			err = -EFAULT;
			break;
		}
		if (!p)
			break;
		len = strncpy_from_user(buf, p, EXEC_MAX_ARG_STRLEN);
		if (len < 0) {
			err = len == -ENAMETOOLONG ? -E2BIG : (int)len;
			break;
		}
		err = args_push(a, buf, (size_t)len);
		if (err)
			break;
		if (env)
			a->envc++;
		else
			a->argc++;
		n++;
	}
	kfree(buf);
	return err;
}

static void args_free(struct exec_args *a)
{
	kfree(a->strings);
	a->strings = NULL;
}

/* Replace argv[0] with interp [iarg] path (the "#!" rewrite). */
static int args_script(struct exec_args *a, const char *interp, const char *iarg, const char *path)
{
	struct exec_args n = { .limit = a->limit };
	int i, err;

	err = args_push(&n, interp, strlen(interp));
	n.argc++;
	if (!err && iarg) {
		err = args_push(&n, iarg, strlen(iarg));
		n.argc++;
	}
	if (!err) {
		err = args_push(&n, path, strlen(path));
		n.argc++;
	}
	for (i = 1; !err && i < a->argc + a->envc; i++) {
		const char *s = args_nth(a, i);

		err = args_push(&n, s, strlen(s));
		if (i < a->argc)
			n.argc++;
		else
			n.envc++;
	}
	if (!err && a->argc == 0) {
		/* argv was empty: the env strings start at index 0 */
		for (i = 0; !err && i < a->envc; i++) {
			const char *s = args_nth(a, i);

			err = args_push(&n, s, strlen(s));
			n.envc++;
		}
	}
	if (err) {
		args_free(&n);
		return err;
	}
	args_free(a);
	*a = n;
	return 0;
}

/* ---- ELF checks and loading ---------------------------------------------- */

struct elf_image {
	struct file *file;
	struct elf64_ehdr eh;
	struct elf64_phdr *ph;
	u64 lo, hi;     /* page-aligned span of the PT_LOAD segments */
};

static int elf_read(struct file *f, struct elf_image *img)
{
	size_t phsize;
	unsigned i;
	bool any = false;

	img->file = f;
	if (kernel_read(f, &img->eh, sizeof(img->eh), 0) != sizeof(img->eh))
		return -ENOEXEC;
	if (memcmp(img->eh.e_ident, ELF_MAGIC, 4) != 0 || !arch_elf_ok(&img->eh, sizeof(img->eh)))
		return -ENOEXEC;
	if (img->eh.e_type != ET_EXEC && img->eh.e_type != ET_DYN)
		return -ENOEXEC;
	if (img->eh.e_phentsize != sizeof(struct elf64_phdr) || img->eh.e_phnum == 0 ||
	    img->eh.e_phnum > EXEC_MAX_PHNUM)
		return -ENOEXEC;
	phsize = (size_t)img->eh.e_phnum * sizeof(struct elf64_phdr);
	img->ph = kmalloc(phsize);
	if (!img->ph)
		return -ENOMEM;
	if (kernel_read(f, img->ph, phsize, (s64)img->eh.e_phoff) != (long)phsize)
		return -ENOEXEC;
	img->lo = ~0ull;
	img->hi = 0;
	for (i = 0; i < img->eh.e_phnum; i++) {
		struct elf64_phdr *p = &img->ph[i];

		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_filesz > p->p_memsz || p->p_vaddr + p->p_memsz < p->p_vaddr ||
		    ((p->p_vaddr - p->p_offset) & (PAGE_SIZE - 1)) ||
		    p->p_vaddr + p->p_memsz > mm_task_size())
			return -ENOEXEC;
		img->lo = MIN(img->lo, ALIGN_DOWN(p->p_vaddr, PAGE_SIZE));
		img->hi = MAX(img->hi, ALIGN_UP(p->p_vaddr + p->p_memsz, PAGE_SIZE));
		any = true;
	}
	return any ? 0 : -ENOEXEC;
}

static int elf_prot(u32 pflags)
{
	return ((pflags & PF_R) ? PROT_READ : 0) | ((pflags & PF_W) ? PROT_WRITE : 0) |
	       ((pflags & PF_X) ? PROT_EXEC : 0);
}

/* Map img at bias into mm. Returns 0 and the end of its data in *end. */
static int elf_map(struct mm *mm, struct elf_image *img, u64 bias, u64 *end)
{
	unsigned i;
	long r;

	*end = 0;
	for (i = 0; i < img->eh.e_phnum; i++) {
		struct elf64_phdr *p = &img->ph[i];
		u64 start = bias + p->p_vaddr, pstart = ALIGN_DOWN(start, PAGE_SIZE);
		u64 fend = start + p->p_filesz, mend = start + p->p_memsz;
		int prot = elf_prot(p->p_flags);

		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_filesz) {
			r = mm_mmap(mm, pstart, ALIGN_UP(fend, PAGE_SIZE) - pstart, prot,
				    MAP_PRIVATE | MAP_FIXED, img->file, p->p_offset - (start - pstart));
			if (r < 0)
				return (int)r;
			if (prot & PROT_EXEC)
				mm_populate(mm, pstart, ALIGN_UP(fend, PAGE_SIZE), false);
		}
		if (mend > fend) {
			u64 zend = ALIGN_UP(fend, PAGE_SIZE);
			static const char zeros[PAGE_SIZE];

			/* bss: zero the rest of the last file page - all of it,
			 * as Linux's padzero does: ld.so's first allocations
			 * use the tail of that page and expect zeros - then map
			 * anonymous pages for what is left. */
			if (p->p_filesz && (fend & (PAGE_SIZE - 1)) && (prot & PROT_WRITE))
				mm_copy_to(mm, fend, zeros, zend - fend);
			if (ALIGN_UP(mend, PAGE_SIZE) > zend) {
				r = mm_mmap(mm, zend, ALIGN_UP(mend, PAGE_SIZE) - zend, prot,
					    MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, NULL, 0);
				if (r < 0)
					return (int)r;
			}
		}
		*end = MAX(*end, mend);
		if (prot & PROT_EXEC) {
			mm->start_code = MIN(mm->start_code ? mm->start_code : ~0ull, start);
			mm->end_code = MAX(mm->end_code, fend);
		} else {
			mm->start_data = mm->start_data ? MIN(mm->start_data, start) : start;
			mm->end_data = MAX(mm->end_data, fend);
		}
	}
	return 0;
}

/* ---- the initial stack --------------------------------------------------- */

static int exec_stack(struct task *t, struct exec_args *a, const char *execfn, u64 *auxv,
		      unsigned nauxv, u64 *spout)
{
	struct mm *mm = t->mm;
	u64 top = mm_task_size(), size = task_rlimit(t, RLIMIT_STACK), p, sp;
	u64 execfn_at, platform_at, random_at, *ptrs;
	size_t nptrs, i;
	u8 rnd[16];
	const char *platform = ARCH_ABI_UTS_MACHINE;
	long r;
	int err = 0;

	if (size == RLIM_INFINITY || size > (256ull << 20))
		size = 256ull << 20;
	if (size < (128ull << 10))
		size = 128ull << 10;
	/* Linux's setup_arg_pages: the stack VMA starts as what the strings,
	 * pointers and auxv take plus 128 KiB, and grows down on faults
	 * (fault_grow_stack) up to RLIMIT_STACK; so [stack] and VmStk read
	 * as natively. The estimate is generous: 64 auxv pairs, alignment. */
	size = MIN(size, ALIGN_UP(a->len + strlen(execfn) + 1 + 16 + 64 +
				  ((size_t)a->argc + a->envc + 3 + 128) * 8 + (128ull << 10),
				  PAGE_SIZE));
	r = mm_mmap(mm, top - size, size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN, NULL, 0);
	if (r < 0)
		return (int)r;
	p = top - 8;
	p -= strlen(execfn) + 1;
	execfn_at = p;
	if (mm_copy_to(mm, p, execfn, strlen(execfn) + 1))
		return -EFAULT;
	p -= a->len;
	if (mm_copy_to(mm, p, a->strings, a->len))
		return -EFAULT;
	mm->arg_start = p;
	mm->arg_end = p + (a->argc ? (u64)(args_nth(a, a->argc) - a->strings) : 0);
	mm->env_start = mm->arg_end;
	mm->env_end = p + a->len;
	p -= strlen(platform) + 1;
	platform_at = p;
	mm_copy_to(mm, p, platform, strlen(platform) + 1);
	p -= 16;
	random_at = p;
	host_getrandom(rnd, sizeof(rnd));
	mm_copy_to(mm, p, rnd, sizeof(rnd));
	p &= ~15ull;

	for (i = 0; i + 1 < nauxv; i += 2) {
		if (auxv[i] == AT_RANDOM)
			auxv[i + 1] = random_at;
		else if (auxv[i] == AT_EXECFN)
			auxv[i + 1] = execfn_at;
		else if (auxv[i] == AT_PLATFORM)
			auxv[i + 1] = platform_at;
	}
	nptrs = 1 + (size_t)a->argc + 1 + (size_t)a->envc + 1 + nauxv;
	sp = (p - nptrs * 8) & ~15ull;
	ptrs = kmalloc(nptrs * 8);
	if (!ptrs)
		return -ENOMEM;
	{
		size_t k = 0;
		u64 s = mm->arg_start;
		int j;

		ptrs[k++] = (u64)a->argc;
		for (j = 0; j < a->argc + a->envc; j++) {
			if (j == a->argc)
				ptrs[k++] = 0;
			ptrs[k++] = s;
			s += strlen(args_nth(a, j)) + 1;
		}
		if (a->envc == 0)
			ptrs[k++] = 0;
		ptrs[k++] = 0;
		memcpy(&ptrs[k], auxv, nauxv * 8);
		if (mm_copy_to(mm, sp, ptrs, nptrs * 8))
			err = -EFAULT;
	}
	kfree(ptrs);
	memcpy(mm->auxv, auxv, MIN(nauxv, ARRAY_SIZE(mm->auxv)) * 8);
	mm->auxv_words = (unsigned)MIN(nauxv, ARRAY_SIZE(mm->auxv));
	mm->start_stack = sp;
	*spout = sp;
	return err;
}

/* ---- the point of no return ---------------------------------------------- */

/* A thread other than the leader execs: it becomes the leader and takes
 * the process id as its thread id (Linux's de_thread exchange). The old
 * leader has exited; its struct, kept for wait, goes now. */
static void exec_become_leader(struct task *t)
{
	struct process *p = t->proc;
	struct task *old = p->leader;
	int old_tid = t->tid;

	if (old == t)
		return;
	task_set_tid(t, p->pid);
	t->start_time = old->start_time;
	/* Children that the old thread forked now have the leader's tid. */
	{
		struct process *c;

		list_for_each_entry(c, &p->children, sibling)
			if (c->parent_tid == old_tid)
				c->parent_tid = p->pid;
	}
	p->leader = t;
	fork_task_gone(); /* the old leader is released (de_thread) */
	if (old->kstack)
		old->proc = NULL; /* still on the dead list: task_free frees it */
	else
		kfree(old);
}

/* Kill the other threads of the group and wait until they are gone
 * (Linux's de_thread). -EINTR if a fatal signal ends the whole group
 * meanwhile. */
static int exec_kill_threads(struct task *t)
{
	struct process *p = t->proc;

	if (p->nr_live > 1) {
		/* Zapped threads see PROC_EXEC and exit alone (exit.c). */
		p->flags |= PROC_EXEC;
		signal_zap_other_threads(t);
		while (p->nr_live > 1)
			sched_sleep(TASK_UNINTERRUPTIBLE, time_mono() + 1000000);
		p->flags &= ~PROC_EXEC;
	}
	if (fatal_signal_pending(t))
		return -EINTR;
	exec_become_leader(t);
	return 0;
}

/* The new image's address space: the one exec_do made in advance, or
 * ours emptied (the host process is reused: cheaper than a new one). */
static int exec_new_mm(struct task *t, struct mm *mm)
{
	int err;

	if (!mm && t->mm->refs == 1)
		return mm_clear(t->mm);
	if (!mm) {
		err = mm_create(&mm);
		if (err)
			return err;
	}
	mm_put(t->mm);
	t->mm = mm;
	return 0;
}

static void exec_release_vfork(struct task *t)
{
	if (t->vfork_parent) {
		t->vfork_parent->vfork_released = true;
		task_wake(t->vfork_parent);
		t->vfork_parent = NULL;
	}
}

static void exec_set_comm(struct task *t, const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	memset(t->comm, 0, sizeof(t->comm));
	strncpy(t->comm, b, sizeof(t->comm) - 1);
}

static int exec_load(struct task *t, struct elf_image *img, struct elf_image *interp,
		     struct exec_args *a, const char *filename, struct mm *new_mm)
{
	struct mm *mm;
	u64 bias = 0, ibias = 0, end, iend, entry, sp = 0, auxv[48];
	unsigned n = 0;
	size_t fplen = host_caps()->fpstate_size;
	void *fp;
	int err;

	err = exec_kill_threads(t);
	if (err) {
		if (new_mm)
			mm_put(new_mm);
		return err;
	}
	err = exec_new_mm(t, new_mm);
	if (err)
		return err;
	exec_release_vfork(t);
	mm = t->mm;
	if (img->eh.e_type == ET_DYN)
		bias = ARCH_PIE_BASE - img->lo;
	err = elf_map(mm, img, bias, &end);
	if (err)
		return err;
	mm->brk_start = mm->brk = ALIGN_UP(end, PAGE_SIZE);
	entry = img->eh.e_entry + bias;
	if (interp) {
		long base = mm_get_unmapped(mm, 0, interp->hi - interp->lo);

		if (base < 0)
			return (int)base;
		ibias = (u64)base - interp->lo;
		err = elf_map(mm, interp, ibias, &iend);
		if (err)
			return err;
		entry = interp->eh.e_entry + ibias;
	}
	mm->exe = img->file;
	file_get(mm->exe);

#define AUX(k, v) do { auxv[n++] = (k); auxv[n++] = (v); } while (0)
	{
		u64 phdr = 0;
		unsigned i;

		for (i = 0; i < img->eh.e_phnum; i++) {
			if (img->ph[i].p_type == PT_PHDR)
				phdr = img->ph[i].p_vaddr + bias;
			else if (!phdr && img->ph[i].p_type == PT_LOAD && img->ph[i].p_offset == 0)
				phdr = img->ph[i].p_vaddr + bias + img->eh.e_phoff;
		}
		AUX(AT_HWCAP, arch_elf_hwcap());
		AUX(AT_PAGESZ, PAGE_SIZE);
		AUX(AT_CLKTCK, 100);
		AUX(AT_PHDR, phdr);
		AUX(AT_PHENT, sizeof(struct elf64_phdr));
		AUX(AT_PHNUM, img->eh.e_phnum);
		AUX(AT_BASE, interp ? ibias + interp->lo : 0);
		AUX(AT_FLAGS, 0);
		AUX(AT_ENTRY, img->eh.e_entry + bias);
		AUX(AT_UID, t->cred.uid);
		AUX(AT_EUID, t->cred.euid);
		AUX(AT_GID, t->cred.gid);
		AUX(AT_EGID, t->cred.egid);
		AUX(AT_SECURE, 0);
		AUX(AT_RANDOM, 0);
		AUX(AT_HWCAP2, 0);
		AUX(AT_EXECFN, 0);
		AUX(AT_PLATFORM, 0);
		AUX(AT_MINSIGSTKSZ, arch_min_sigstksz());
		AUX(AT_NULL, 0);
	}
#undef AUX
	err = exec_stack(t, a, filename, auxv, n, &sp);
	if (err)
		return err;

	/* The new image's process state. */
	if (t->files->refs > 1) {
		struct files *nf = files_dup(t->files);

		if (nf) {
			files_put(t->files);
			t->files = nf;
		}
	}
	files_close_on_exec(t->files);
	if (t->proc->sighand->refs > 1) {
		struct sighand *sh = sighand_alloc();

		if (sh) {
			memcpy(sh->action, t->proc->sighand->action, sizeof(sh->action));
			sighand_put(t->proc->sighand);
			t->proc->sighand = sh;
		}
	}
	signal_flush_handlers(t->proc->sighand);
	/* POSIX timers do not survive exec; interval timers do (Linux). */
	posix_timers_exit(t->proc);
	t->proc->dumpable = true;
	t->personality &= ~PER_READ_IMPLIES_EXEC;
	t->altstack.sp = 0;
	t->altstack.size = 0;
	t->altstack.flags = SS_DISABLE;
	t->proc->did_exec = true;
	t->proc->membarrier_registered = 0; /* a new mm (membarrier_exec_mmap) */
	t->set_child_tid = t->clear_child_tid = 0;
	t->robust_list = 0;
	exec_set_comm(t, filename);
	arch_start_thread(&t->regs, entry, sp);
	/* A new program starts with a clean FPU: nothing of the old image's
	 * vector registers is left (memory permitting; a failure here leaves
	 * the old values, never someone else's). */
	fp = kmalloc(fplen);
	if (fp) {
		arch_fpstate_init(fp, fplen);
		host_ctx_fpstate_set(t->hctx, mm->as, fp, fplen);
		kfree(fp);
	}
	return 0;
}

/* ---- the walk from path to image ---------------------------------------- */

static int exec_open(int dirfd, const char *path, unsigned lookup, struct file **out)
{
	struct path p;
	struct file *f;
	int err;

	err = path_lookup(dirfd, path, lookup, &p);
	if (err)
		return err;
	if (!S_ISREG(p.dentry->inode->mode)) {
		path_put(&p);
		return S_ISDIR(p.dentry->inode->mode) ? -EACCES : -EACCES;
	}
	if ((p.mnt->flags & MS_NOEXEC) || vfs_permission(p.dentry->inode, MAY_EXEC) ||
	    !(p.dentry->inode->mode & 0111)) {
		path_put(&p);
		return -EACCES;
	}
	err = vfs_open(&p, O_RDONLY, &f);
	path_put(&p);
	if (err)
		return err;
	/* Linux's do_open_execat: a file open for writing cannot run. The
	 * program's own file stays denied while its mm holds it (mm->exe). */
	err = file_deny_write(f);
	if (err) {
		file_put(f);
		return err;
	}
	*out = f;
	return 0;
}

/* Parse "#!interp [arg]" in buf (len bytes). */
static int exec_parse_shebang(char *buf, size_t len, char **interp, char **arg)
{
	char *p = buf + 2, *end = memchr(buf, '\n', len);

	if (!end)
		end = buf + len; /* Linux accepts a truncated first line */
	*end = 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end)
		return -ENOEXEC;
	*interp = p;
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	*arg = NULL;
	if (p < end) {
		*p++ = 0;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end) {
			char *q = end;

			while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
				q--;
			*q = 0;
			*arg = p;
		}
	}
	return 0;
}

static int exec_do(int dirfd, const char *path, struct exec_args *a, unsigned lookup)
{
	struct task *t = task_current();
	struct elf_image img = { 0 }, interp = { 0 };
	char buf[EXEC_BUF + 1], *filename = kstrdup(path), *ipath = NULL;
	struct file *f = NULL, *fi = NULL;
	struct mm *new_mm = NULL;
	int err, depth;
	long n;

	if (!filename)
		return -ENOMEM;
	for (depth = 0; ; depth++) {
		char *in, *iarg;

		err = exec_open(dirfd, filename, lookup, &f);
		if (err)
			goto out;
		n = kernel_read(f, buf, EXEC_BUF, 0);
		if (n < 0) {
			err = (int)n;
			goto out;
		}
		buf[n] = 0;
		if (n < 2 || buf[0] != '#' || buf[1] != '!')
			break;
		if (depth >= EXEC_MAX_DEPTH) {
			err = -ELOOP;
			goto out;
		}
		err = exec_parse_shebang(buf, (size_t)n, &in, &iarg);
		if (err)
			goto out;
		err = args_script(a, in, iarg, filename);
		if (err)
			goto out;
		kfree(filename);
		filename = kstrdup(in);
		file_put(f);
		f = NULL;
		dirfd = AT_FDCWD;
		lookup = LOOKUP_FOLLOW;
		if (!filename) {
			err = -ENOMEM;
			goto out;
		}
	}
	err = elf_read(f, &img);
	if (err)
		goto out;
	{
		unsigned i;

		for (i = 0; i < img.eh.e_phnum; i++) {
			struct elf64_phdr *p = &img.ph[i];

			if (p->p_type != PT_INTERP)
				continue;
			if (p->p_filesz < 2 || p->p_filesz > PATH_MAX_K) {
				err = -ENOEXEC;
				goto out;
			}
			ipath = kmalloc(p->p_filesz + 1);
			if (!ipath) {
				err = -ENOMEM;
				goto out;
			}
			if (kernel_read(f, ipath, p->p_filesz, (s64)p->p_offset) != (long)p->p_filesz) {
				err = -ENOEXEC;
				goto out;
			}
			ipath[p->p_filesz] = 0;
			err = exec_open(AT_FDCWD, ipath, LOOKUP_FOLLOW, &fi);
			if (err)
				goto out;
			err = elf_read(fi, &interp);
			if (err) {
				err = err == -ENOEXEC ? -ELIBBAD : err;
				goto out;
			}
			break;
		}
	}
	/* An address space shared with another process (a vfork parent)
	 * cannot be reused: make the new one while failing is still allowed
	 * (Linux's bprm_mm_init also comes before the point of no return). */
	if (t->mm->refs > t->proc->nr_live) {
		err = mm_create(&new_mm);
		if (err)
			goto out;
	}
	/* Past here the old image is gone: failures kill the process. */
	err = exec_load(t, &img, fi ? &interp : NULL, a, filename, new_mm);
	if (err) {
		if (!fatal_signal_pending(t))
			pr_err("execve: %s failed after the point of no return: err=%d\n",
			       filename, err);
		signal_force(t, SIGKILL, NULL);
		err = 0;
	}
out:
	if (f)
		file_put(f);
	if (fi) {
		/* The interpreter (ld.so) may be written once it is loaded: only
		 * the program's file is held, as in Linux. */
		file_allow_write(fi);
		file_put(fi);
	}
	kfree(img.ph);
	kfree(interp.ph);
	kfree(ipath);
	kfree(filename);
	return err;
}

static size_t exec_limit(struct task *t)
{
	u64 s = task_rlimit(t, RLIMIT_STACK);

	if (s == RLIM_INFINITY)
		s = 6ull << 20 << 2;
	return (size_t)MAX(s / 4, 128ull * 1024);
}

int proc_execve(const char *path, char *const kargv[], char *const kenvp[])
{
	struct exec_args a = { .limit = exec_limit(task_current()) };
	int i, err = 0;

	for (i = 0; !err && kargv && kargv[i]; i++, a.argc++)
		err = args_push(&a, kargv[i], strlen(kargv[i]));
	for (i = 0; !err && kenvp && kenvp[i]; i++, a.envc++)
		err = args_push(&a, kenvp[i], strlen(kenvp[i]));
	if (!err)
		err = exec_do(AT_FDCWD, path, &a, LOOKUP_FOLLOW);
	args_free(&a);
	return err;
}

static long exec_syscall(int dirfd, u64 upath, u64 uargv, u64 uenvp, int flags)
{
	struct exec_args a = { .limit = exec_limit(task_current()) };
	unsigned lookup = LOOKUP_FOLLOW;
	char *path;
	int err;

	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = path_from_user(upath, &path);
	if (err == -ENOENT && (flags & AT_EMPTY_PATH)) {
		path = kstrdup("");
		err = path ? 0 : -ENOMEM;
	}
	if (err)
		return err;
	err = args_from_user(&a, uargv, false);
	if (!err && a.argc == 0) {
		/* Linux (5.18+): an empty argv gets "" as argv[0], so programs
		 * that start at argv[1] do not walk into envp. */
		pr_once(LOG_WARNING, "execve: process '%s' launched '%s' with NULL argv: "
			"empty string added\n", task_current()->comm, path);
		err = args_push(&a, "", 0);
		a.argc = 1;
	}
	if (!err)
		err = args_from_user(&a, uenvp, true);
	if (!err)
		err = exec_do(dirfd, path, &a, lookup);
	args_free(&a);
	kfree(path);
	return err;
}

long sys_execve(u64 path, u64 argv, u64 envp)
{
	return exec_syscall(AT_FDCWD, path, argv, envp, 0);
}

long sys_execveat(int dirfd, u64 path, u64 argv, u64 envp, int flags)
{
	return exec_syscall(dirfd, path, argv, envp, flags);
}
