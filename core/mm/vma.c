// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces: VMAs (a sorted list per mm), mmap/munmap/mprotect/mremap/
 * brk/madvise, fork's copy-on-write duplicate and exec's reset. Host
 * mappings follow through the backend's queue (host_as_*): munmap and
 * mprotect queue one change per range, never per page.
 */
#include "host.h"
#include "mm.h"
#include "uapi.h"
#include "vfs.h"

int mm_host_map_pte(struct mm *mm, struct vma *v, u64 va, pte_t *pte);
int mm_host_prot(const struct vma *v, pte_t pte);

u64 mm_task_size(void)
{
	return host_caps()->task_size;
}

/* ---- VMA list ------------------------------------------------------------ */

struct vma *mm_find_vma(struct mm *mm, u64 addr)
{
	struct vma *v = mm->cache;

	if (v && v->start <= addr && addr < v->end)
		return v;
	list_for_each_entry(v, &mm->vmas, link) {
		if (v->end > addr) {
			mm->cache = v;
			return v;
		}
	}
	return NULL;
}

static struct vma *vma_alloc(u64 start, u64 end, u32 prot, u32 flags, struct file *f, u64 pgoff)
{
	struct vma *v = kzalloc(sizeof(*v));

	if (!v)
		return NULL;
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->flags = flags;
	v->file = f;
	v->pgoff = pgoff;
	if (f) {
		file_get(f);
		if (f->inode)
			f->inode->mapped++;
	}
	return v;
}

static void vma_free(struct vma *v)
{
	if (v->file) {
		if (v->file->inode)
			v->file->inode->mapped--;
		file_put(v->file);
	}
	kfree(v);
}

static void vma_insert(struct mm *mm, struct vma *nv)
{
	struct vma *v;

	list_for_each_entry(v, &mm->vmas, link) {
		if (v->start >= nv->end) {
			list_add_tail(&nv->link, &v->link);
			return;
		}
	}
	list_add_tail(&nv->link, &mm->vmas);
}

/* Split v at addr (v->start < addr < v->end); v keeps the lower part. */
static int vma_split(struct vma *v, u64 addr)
{
	struct vma *hi = vma_alloc(addr, v->end, v->prot, v->flags, v->file,
				   v->file ? v->pgoff + ((addr - v->start) >> PAGE_SHIFT) : 0);

	if (!hi)
		return -ENOMEM;
	v->end = addr;
	list_add(&hi->link, &v->link);
	return 0;
}

/* Join v with its neighbours when they continue it exactly. */
static void vma_merge(struct mm *mm, struct vma *v)
{
	struct vma *n;

	if (v->link.next != &mm->vmas) {
		n = list_entry(v->link.next, struct vma, link);
		if (n->start == v->end && n->prot == v->prot && n->flags == v->flags &&
		    n->file == v->file &&
		    (!v->file || n->pgoff == v->pgoff + ((v->end - v->start) >> PAGE_SHIFT))) {
			v->end = n->end;
			list_del(&n->link);
			vma_free(n);
		}
	}
	if (v->link.prev != &mm->vmas) {
		n = list_entry(v->link.prev, struct vma, link);
		if (n->end == v->start && n->prot == v->prot && n->flags == v->flags &&
		    n->file == v->file &&
		    (!v->file || v->pgoff == n->pgoff + ((n->end - n->start) >> PAGE_SHIFT))) {
			n->end = v->end;
			list_del(&v->link);
			vma_free(v);
		}
	}
	mm->cache = NULL;
}

/* ---- page-table helpers --------------------------------------------------- */

struct pte_drop_ctx {
	struct mm *mm;
};

static int pte_drop(u64 *slot, u64 key, void *arg)
{
	struct pte_drop_ctx *c = arg;

	if (*slot & PTE_PRESENT) {
		mm_frame_put(pte_pfn(*slot));
		c->mm->rss--;
	}
	*slot = 0;
	return 0;
}

/* Drop the pages of [start, end) and unmap them from the host. */
static int mm_zap(struct mm *mm, u64 start, u64 end)
{
	struct pte_drop_ctx c = { mm };

	radix_walk(&mm->pt, start >> PAGE_SHIFT, end >> PAGE_SHIFT, pte_drop, &c);
	return host_as_unmap(mm->as, start, end - start);
}

/* Linux's unmap_mapping_range(even_cows) for truncate: a page past the new
 * end of the file must not stay reachable through any mapping, shared or a
 * private copy made from it; the next access faults and gets SIGBUS past
 * EOF or the page cache's page if the file grew back. Walks every task's
 * mm (threads share one: zapping twice is harmless). */
void mm_unmap_file_pages(struct inode *inode, u64 first)
{
	struct task *t;

	if (!inode->mapped)
		return; /* the common case: an O_TRUNC of a file nobody maps */
	for (t = task_next(NULL); t; t = task_next(t)) {
		struct mm *mm = t->mm;
		struct vma *v;

		if (!mm)
			continue;
		list_for_each_entry(v, &mm->vmas, link) {
			u64 pages = (v->end - v->start) >> PAGE_SHIFT, from;

			if (!v->file || v->file->inode != inode || v->pgoff + pages <= first)
				continue;
			from = first > v->pgoff ? first - v->pgoff : 0;
			mm_zap(mm, v->start + (from << PAGE_SHIFT), v->end);
		}
	}
}

/* ---- munmap ------------------------------------------------------------- */

/* For loops over the VMAs that meet [start, end): make v fit inside by
 * splitting off what lies outside. 1: v was the part below start, and the
 * part inside comes next in the list (the caller moves on to it); 0: v now
 * lies inside; -errno. */
static int vma_clip(struct vma *v, u64 start, u64 end)
{
	int err;

	if (v->start < start) {
		err = vma_split(v, start);
		return err ? err : 1;
	}
	return v->end > end ? vma_split(v, end) : 0;
}

static int mm_unmap_range(struct mm *mm, u64 start, u64 end)
{
	struct vma *v, *n;
	int err;

	list_for_each_entry_safe(v, n, &mm->vmas, link) {
		if (v->end <= start || v->start >= end)
			continue;
		err = vma_clip(v, start, end);
		if (err < 0)
			return err;
		if (err) {
			/* the upper part was inserted after v: visit it next */
			n = list_entry(v->link.next, struct vma, link);
			continue;
		}
		list_del(&v->link);
		vma_free(v);
	}
	mm->cache = NULL;
	return mm_zap(mm, start, end);
}

int mm_munmap(struct mm *mm, u64 addr, u64 len)
{
	u64 end;

	if ((addr & ~PAGE_MASK) || len == 0)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = addr + len;
	if (end < addr || end > mm_task_size())
		return -EINVAL;
	return mm_unmap_range(mm, addr, end);
}

/* ---- choosing addresses ------------------------------------------------- */

static bool mm_range_free(struct mm *mm, u64 start, u64 end)
{
	struct vma *v = mm_find_vma(mm, start);

	return !v || v->start >= end;
}

/* Bytes mapped in [start, end). */
static u64 mm_mapped_bytes(struct mm *mm, u64 start, u64 end)
{
	struct vma *v;
	u64 n = 0;

	list_for_each_entry(v, &mm->vmas, link)
		if (v->end > start && v->start < end)
			n += MIN(v->end, end) - MAX(v->start, start);
	return n;
}

/* Linux's may_expand_vm: RLIMIT_AS bounds the address space (ENOMEM). */
static bool mm_may_expand(struct mm *mm, u64 grow)
{
	struct task *t = task_current();
	u64 limit = t ? task_rlimit(t, RLIMIT_AS) : RLIM_INFINITY;

	if (limit == RLIM_INFINITY)
		return true;
	return mm_mapped_bytes(mm, 0, ~0ull) + grow <= limit;
}

long mm_get_unmapped(struct mm *mm, u64 hint, u64 len)
{
	struct vma *v;
	struct list_head *p;
	u64 top = mm->mmap_base, lowest = 0x10000;

	if (len > mm_task_size())
		return -ENOMEM;
	if (hint) {
		hint = ALIGN_UP(hint, PAGE_SIZE);
		if (hint + len > hint && hint + len <= mm_task_size() && hint >= lowest &&
		    mm_range_free(mm, hint, hint + len))
			return (long)hint;
	}
	/* Top-down from mmap_base through the gaps between VMAs. */
	for (p = mm->vmas.prev; p != &mm->vmas; p = p->prev) {
		v = list_entry(p, struct vma, link);
		if (v->start >= top)
			continue;
		if (v->end <= top && top - v->end >= len)
			return (long)(top - len);
		top = v->start;
	}
	if (top >= lowest + len)
		return (long)(top - len);
	return -ENOMEM;
}

/* ---- mmap -------------------------------------------------------------- */

/* The flags MAP_SHARED has always ignored silently; MAP_SHARED_VALIDATE
 * refuses any other (Linux's LEGACY_MAP_MASK; no file here has MAP_SYNC). */
#define MAP_LEGACY_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
			 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED | \
			 MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
			 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

/*
 * The mapping type, as do_mmap checks it: a file takes MAP_SHARED,
 * MAP_PRIVATE or MAP_SHARED_VALIDATE (shared, but unknown flags are
 * -EOPNOTSUPP rather than ignored); anonymous memory only the first two.
 */
static int mmap_check_type(int flags, const struct file *f)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
	case MAP_PRIVATE:
		return 0;
	case MAP_SHARED_VALIDATE:
		if (!f)
			return -EINVAL;
		return (flags & ~MAP_LEGACY_MASK) ? -EOPNOTSUPP : 0;
	default:
		return -EINVAL;
	}
}

long mm_mmap(struct mm *mm, u64 addr, u64 len, int prot, int flags, struct file *f, u64 off)
{
	u32 vflags = 0;
	struct vma *v;
	struct file *anon = NULL;
	long start;
	int type = flags & MAP_TYPE, err;

	if (len == 0)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len == 0 || len > mm_task_size())
		return -ENOMEM;
	if (off & ~PAGE_MASK)
		return -EINVAL;
	err = mmap_check_type(flags, f);
	if (err)
		return err;
	if (type != MAP_PRIVATE)
		vflags |= VMA_SHARED;
	if (f) {
		if (!f->ops->mmap)
			return -ENODEV;
		if (!(f->fmode & FMODE_READ))
			return -EACCES;
		if ((vflags & VMA_SHARED) && (prot & PROT_WRITE) && !(f->fmode & FMODE_WRITE))
			return -EACCES;
		if (off + len < off)
			return -EOVERFLOW;
	} else if (vflags & VMA_SHARED) {
		/* Shared anonymous memory is an unlinked tmpfs file (Linux's
		 * shmem_zero_setup), so fork shares its pages. */
		err = tmpfs_anon_file("dev/zero", (s64)len, O_RDWR, &anon);
		if (err)
			return err;
		f = anon;
		off = 0;
	}
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & ~PAGE_MASK) {
			err = -EINVAL;
			goto out;
		}
		if (addr + len < addr || addr + len > mm_task_size() || addr < 0x1000) {
			err = (flags & MAP_FIXED) ? -EPERM : -ENOMEM;
			if (addr + len > mm_task_size())
				err = -ENOMEM;
			goto out;
		}
		if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) &&
		    !mm_range_free(mm, addr, addr + len)) {
			err = -EEXIST;
			goto out;
		}
		/* what MAP_FIXED replaces does not count against RLIMIT_AS */
		if (!mm_may_expand(mm, len - mm_mapped_bytes(mm, addr, addr + len))) {
			err = -ENOMEM;
			goto out;
		}
		err = mm_unmap_range(mm, addr, addr + len);
		if (err)
			goto out;
		start = (long)addr;
	} else {
		if (!mm_may_expand(mm, len)) {
			err = -ENOMEM;
			goto out;
		}
		start = mm_get_unmapped(mm, addr, len);
		if (start < 0) {
			err = (int)start;
			goto out;
		}
	}
	if (flags & MAP_GROWSDOWN)
		vflags |= VMA_GROWSDOWN;
	v = vma_alloc((u64)start, (u64)start + len, (u32)prot & (PROT_READ | PROT_WRITE | PROT_EXEC),
		      vflags, f, off >> PAGE_SHIFT);
	if (!v) {
		err = -ENOMEM;
		goto out;
	}
	if (f) {
		err = f->ops->mmap(f, v);
		if (err) {
			vma_free(v);
			goto out;
		}
	}
	vma_insert(mm, v);
	if (!f)
		vma_merge(mm, v);
	mm->cache = NULL;
	if (anon)
		file_put(anon);
	if (flags & MAP_POPULATE)
		mm_populate(mm, (u64)start, (u64)start + len, true);
	return start;
out:
	if (anon)
		file_put(anon);
	return err;
}

/* ---- mprotect ------------------------------------------------------------ */

/* mprotect changes the host mappings of the pages the host has, one change
 * per run of neighbouring pages that end with the same protection (a
 * copy-on-write page stays read-only): host_as_protect, or host_as_unmap
 * for PROT_NONE, which the host never maps. */
struct reprot_ctx {
	struct mm *mm;
	struct vma *v;
	u64 run_start, run_end;  /* the pending run */
	int run_prot;
};

static int reprot_flush(struct reprot_ctx *c)
{
	u64 len = c->run_end - c->run_start;

	c->run_start = c->run_end;
	if (!len)
		return 0;
	if (c->run_prot == PROT_NONE)
		return host_as_unmap(c->mm->as, c->run_end - len, len);
	return host_as_protect(c->mm->as, c->run_end - len, len, c->run_prot);
}

static int pte_reprot(u64 *slot, u64 key, void *arg)
{
	struct reprot_ctx *c = arg;
	u64 va = key << PAGE_SHIFT;
	int prot, err;

	if (!(*slot & PTE_PRESENT) || !(*slot & PTE_HOST))
		return 0;
	prot = mm_host_prot(c->v, *slot);
	if (va != c->run_end || prot != c->run_prot) {
		err = reprot_flush(c);
		if (err)
			return err;
		c->run_start = c->run_end = va;
		c->run_prot = prot;
	}
	c->run_end = va + PAGE_SIZE;
	if (prot == PROT_NONE)
		*slot &= ~(PTE_HOST | PTE_HOST_WRITE);
	else if (prot & PROT_WRITE)
		*slot |= PTE_HOST_WRITE;
	else
		*slot &= ~PTE_HOST_WRITE;
	return 0;
}

int mm_mprotect(struct mm *mm, u64 addr, u64 len, int prot)
{
	u64 end, a;
	struct vma *v, *n;
	int err;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = addr + len;
	if (end < addr)
		return -ENOMEM;
	if (len == 0)
		return 0;
	/* The whole range must be mapped (ENOMEM otherwise, as Linux). */
	for (a = addr; a < end; ) {
		v = mm_find_vma(mm, a);
		if (!v || v->start > a)
			return -ENOMEM;
		a = v->end;
	}
	list_for_each_entry_safe(v, n, &mm->vmas, link) {
		struct reprot_ctx c;

		if (v->end <= addr || v->start >= end)
			continue;
		if ((prot & PROT_WRITE) && (v->flags & VMA_SHARED) && v->file &&
		    !(v->file->fmode & FMODE_WRITE))
			return -EACCES;
		err = vma_clip(v, addr, end);
		if (err < 0)
			return err;
		if (err) {
			n = list_entry(v->link.next, struct vma, link);
			continue;
		}
		v->prot = (u32)prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
		c = (struct reprot_ctx){ .mm = mm, .v = v };
		err = radix_walk(&mm->pt, v->start >> PAGE_SHIFT, v->end >> PAGE_SHIFT, pte_reprot, &c);
		if (!err)
			err = reprot_flush(&c);
		if (err)
			return err;
	}
	mm->cache = NULL;
	return 0;
}

/* ---- brk ------------------------------------------------------------------ */

long mm_brk(struct mm *mm, u64 brk)
{
	u64 old_end = ALIGN_UP(mm->brk, PAGE_SIZE), new_end;
	struct vma *v;

	if (brk < mm->brk_start)
		return (long)mm->brk;
	new_end = ALIGN_UP(brk, PAGE_SIZE);
	if (new_end < old_end) {
		if (mm_unmap_range(mm, new_end, old_end))
			return (long)mm->brk;
	} else if (new_end > old_end) {
		if (new_end > mm->mmap_base || !mm_range_free(mm, old_end, new_end) ||
		    !mm_may_expand(mm, new_end - old_end))
			return (long)mm->brk;
		v = vma_alloc(old_end, new_end, PROT_READ | PROT_WRITE, VMA_HEAP, NULL, 0);
		if (!v)
			return (long)mm->brk;
		vma_insert(mm, v);
		vma_merge(mm, v);
	}
	mm->brk = brk;
	return (long)brk;
}

/* ---- mremap ------------------------------------------------------------- */

struct pte_move_ctx {
	struct mm *mm;
	s64 delta;
	int err;
};

static int pte_move(u64 *slot, u64 key, void *arg)
{
	struct pte_move_ctx *c = arg;
	u64 *dst = radix_slot(&c->mm->pt, (u64)((s64)key + c->delta), true);

	if (!dst) {
		c->err = -ENOMEM;
		return 1;
	}
	*dst = *slot & ~(PTE_HOST | PTE_HOST_WRITE);
	*slot = 0;
	return 0;
}

/* Move [old, old + oldlen), which lies inside v, to newstart as a VMA of
 * newlen bytes. The pages go with it; the host forgets the old range.
 * With keep (MREMAP_DONTUNMAP) the old VMA stays, empty. */
static long mremap_move(struct mm *mm, struct vma *v, u64 old, u64 oldlen, u64 newstart,
			u64 newlen, bool keep)
{
	struct pte_move_ctx c = { mm, (s64)(newstart >> PAGE_SHIFT) - (s64)(old >> PAGE_SHIFT), 0 };
	struct vma *nv;

	if (v->start < old) {
		if (vma_split(v, old))
			return -ENOMEM;
		v = list_entry(v->link.next, struct vma, link);
	}
	if (v->end > old + oldlen && vma_split(v, old + oldlen))
		return -ENOMEM;
	nv = v;
	if (keep) {
		nv = vma_alloc(v->start, v->end, v->prot, v->flags, v->file, v->pgoff);
		if (!nv)
			return -ENOMEM;
	}
	radix_walk(&mm->pt, old >> PAGE_SHIFT, (old + oldlen) >> PAGE_SHIFT, pte_move, &c);
	if (c.err) {
		if (keep)
			vma_free(nv);
		return c.err;
	}
	host_as_unmap(mm->as, old, oldlen);
	if (!keep)
		list_del(&v->link);
	nv->start = newstart;
	nv->end = newstart + newlen;
	vma_insert(mm, nv);
	mm->cache = NULL;
	return (long)newstart;
}

long mm_mremap(struct mm *mm, u64 old, u64 oldlen, u64 newlen, int flags, u64 newaddr)
{
	bool move_always = flags & (MREMAP_FIXED | MREMAP_DONTUNMAP);
	struct vma *v;
	u64 newstart;
	long r;
	int err;

	if (old & ~PAGE_MASK)
		return -EINVAL;
	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if (move_always && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	oldlen = ALIGN_UP(oldlen, PAGE_SIZE);
	newlen = ALIGN_UP(newlen, PAGE_SIZE);
	if (newlen == 0)
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && oldlen != newlen)
		return -EINVAL;
	if (flags & MREMAP_FIXED) {
		if ((newaddr & ~PAGE_MASK) || newlen > mm_task_size() ||
		    newaddr > mm_task_size() - newlen)
			return -EINVAL;
		if (newaddr < old + oldlen && old < newaddr + newlen)
			return -EINVAL; /* the ranges overlap */
	}
	v = mm_find_vma(mm, old);
	if (!v || v->start > old)
		return -EFAULT;
	/* Linux's order (mremap_to): clear the target, give up the tail
	 * that a shrink drops, then resize. Each unmap may split or free
	 * VMAs, v among them: look it up again after. */
	if (flags & MREMAP_FIXED) {
		err = mm_unmap_range(mm, newaddr, newaddr + newlen);
		if (err)
			return err;
	}
	if (newlen < oldlen) {
		err = mm_unmap_range(mm, old + newlen, old + oldlen);
		if (err)
			return err;
		oldlen = newlen;
	}
	if (!move_always && newlen <= oldlen)
		return (long)old;
	v = mm_find_vma(mm, old);
	if (!v || v->start > old)
		return -EFAULT;
	if (oldlen == 0)
		return -EINVAL; /* duplicating a shared mapping is not supported */
	if (old + oldlen > v->end)
		return -EFAULT; /* not across VMAs */
	if (newlen > oldlen && !mm_may_expand(mm, newlen - oldlen))
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		newstart = newaddr;
	} else {
		/* Grow in place when the VMA ends here and the space is free. */
		if (!move_always && old + oldlen == v->end && old + newlen <= mm_task_size() &&
		    mm_range_free(mm, v->end, old + newlen)) {
			v->end = old + newlen;
			return (long)old;
		}
		if (!(flags & MREMAP_MAYMOVE))
			return -ENOMEM;
		/* new_address is only a hint, and only with DONTUNMAP */
		r = mm_get_unmapped(mm, (flags & MREMAP_DONTUNMAP) ? newaddr : 0, newlen);
		if (r < 0)
			return r;
		newstart = (u64)r;
	}
	return mremap_move(mm, v, old, oldlen, newstart, newlen, flags & MREMAP_DONTUNMAP);
}

/* ---- madvise / msync ------------------------------------------------------ */

int mm_madvise(struct mm *mm, u64 addr, u64 len, int advice)
{
	u64 end, a;
	struct vma *v;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = addr + len;
	if (end < addr)
		return -EINVAL;
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
		break;
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_REMOVE:
		/* Drop the pages: anonymous memory reads zero again, private
		 * file pages come back from the file. */
		for (a = addr; a < end; ) {
			v = mm_find_vma(mm, a);
			if (!v || v->start >= end)
				break;
			if (v->start > a)
				a = v->start;
			mm_zap(mm, a, MIN(end, v->end));
			a = v->end;
		}
		break;
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
		for (a = addr; a < end; ) {
			v = mm_find_vma(mm, a);
			if (!v || v->start >= end)
				return -ENOMEM;
			u32 bit = (advice == MADV_DONTFORK || advice == MADV_DOFORK) ? VMA_DONTFORK
										      : VMA_WIPEONFORK;
			if (advice == MADV_DONTFORK || advice == MADV_WIPEONFORK)
				v->flags |= bit;
			else
				v->flags &= ~bit;
			a = v->end;
		}
		break;
	default:
		return -EINVAL;
	}
	/* Linux reports ENOMEM for holes in the range. */
	for (a = addr; a < end; ) {
		v = mm_find_vma(mm, a);
		if (!v || v->start > a)
			return -ENOMEM;
		a = v->end;
	}
	return 0;
}

int mm_msync(struct mm *mm, u64 addr, u64 len, int flags)
{
	u64 end, a;
	struct vma *v;

	if ((addr & ~PAGE_MASK) || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	end = addr + ALIGN_UP(len, PAGE_SIZE);
	for (a = addr; a < end; ) {
		v = mm_find_vma(mm, a);
		if (!v || v->start > a)
			return -ENOMEM;
		a = v->end;
	}
	return 0; /* shared mappings write the page cache directly */
}

/* ---- whole address spaces ------------------------------------------------ */

int mm_create(struct mm **out)
{
	struct mm *mm = kzalloc(sizeof(*mm));
	int err;

	if (!mm)
		return -ENOMEM;
	err = host_as_create(&mm->as);
	if (err) {
		kfree(mm);
		return err;
	}
	mm->refs = 1;
	list_init(&mm->vmas);
	mm->mmap_base = mm_task_size() - ARCH_MMAP_BASE_GAP;
	*out = mm;
	return 0;
}

void mm_get(struct mm *mm)
{
	mm->refs++;
}

static void mm_drop_all(struct mm *mm)
{
	struct vma *v, *n;
	struct pte_drop_ctx c = { mm };

	radix_walk(&mm->pt, 0, mm_task_size() >> PAGE_SHIFT, pte_drop, &c);
	radix_free(&mm->pt);
	list_for_each_entry_safe(v, n, &mm->vmas, link) {
		list_del(&v->link);
		vma_free(v);
	}
	mm->cache = NULL;
	mm->rss = 0;
}

void mm_put(struct mm *mm)
{
	if (--mm->refs)
		return;
	mm_drop_all(mm);
	host_as_destroy(mm->as);
	if (mm->exe)
		file_put(mm->exe);
	kfree(mm);
}

int mm_clear(struct mm *mm)
{
	mm_drop_all(mm);
	if (mm->exe) {
		file_put(mm->exe);
		mm->exe = NULL;
	}
	mm->brk = mm->brk_start = 0;
	mm->fault_next = 0;
	return host_as_unmap(mm->as, 0x1000, mm_task_size() - 0x1000);
}

struct fork_ctx {
	struct mm *parent;
	struct mm *child;
	struct vma *v;
	bool cow;
	bool clone;  /* the host process is a copy: keep PTE_HOST bits */
	int err;
};

static int pte_fork(u64 *slot, u64 key, void *arg)
{
	struct fork_ctx *c = arg;
	u64 *dst;

	if (!(*slot & PTE_PRESENT))
		return 0;
	dst = radix_slot(&c->child->pt, key, true);
	if (!dst) {
		c->err = -ENOMEM;
		return 1;
	}
	if (c->cow) {
		/* Write-protect the parent's host mapping of this page; the
		 * backend merges neighbouring pages into one change. Only
		 * mapped pages: mprotect of unmapped host memory fails. */
		if (*slot & PTE_HOST_WRITE) {
			int err = host_as_protect(c->parent->as, key << PAGE_SHIFT, PAGE_SIZE,
						  (int)c->v->prot & ~PROT_WRITE);

			if (err) {
				c->err = err;
				return 1;
			}
		}
		*slot &= ~(PTE_WRITE | PTE_HOST_WRITE);
	}
	mm_frame_get(pte_pfn(*slot));
	*dst = c->clone ? *slot : *slot & ~(PTE_HOST | PTE_HOST_WRITE);
	c->child->rss++;
	return 0;
}

int mm_fork(struct mm *parent, struct mm **out)
{
	struct mm *mm = kzalloc(sizeof(*mm));
	bool clone = host_caps()->can_clone_as;
	struct vma *v;
	int err;

	if (!mm)
		return -ENOMEM;
	mm->refs = 1;
	list_init(&mm->vmas);
	mm->mmap_base = parent->mmap_base;
	mm->brk_start = parent->brk_start;
	mm->brk = parent->brk;
	mm->start_stack = parent->start_stack;
	mm->arg_start = parent->arg_start;
	mm->arg_end = parent->arg_end;
	mm->env_start = parent->env_start;
	mm->env_end = parent->env_end;
	mm->start_code = parent->start_code;
	mm->end_code = parent->end_code;
	mm->start_data = parent->start_data;
	mm->end_data = parent->end_data;
	memcpy(mm->auxv, parent->auxv, sizeof(mm->auxv));
	mm->auxv_words = parent->auxv_words;
	if (parent->exe) {
		mm->exe = parent->exe;
		file_get(mm->exe);
	}
	list_for_each_entry(v, &parent->vmas, link) {
		struct vma *nv;
		struct fork_ctx c = { parent, mm, v, false, clone, 0 };

		if (v->flags & VMA_DONTFORK)
			continue;
		nv = vma_alloc(v->start, v->end, v->prot, v->flags, v->file, v->pgoff);
		if (!nv) {
			err = -ENOMEM;
			goto out_free;
		}
		list_add_tail(&nv->link, &mm->vmas);
		if (v->flags & VMA_WIPEONFORK)
			continue;
		/* Private pages become copy-on-write in both. */
		c.cow = !(v->flags & VMA_SHARED);
		radix_walk(&parent->pt, v->start >> PAGE_SHIFT, v->end >> PAGE_SHIFT, pte_fork, &c);
		if (c.err) {
			err = c.err;
			goto out_free;
		}
	}
	if (clone) {
		/* The host copies the (now write-protected) mappings. */
		err = host_as_clone(parent->as, &mm->as);
		if (err)
			goto out_free;
		/* Ranges the child must not have (DONTFORK, WIPEONFORK). */
		list_for_each_entry(v, &parent->vmas, link)
			if (v->flags & (VMA_DONTFORK | VMA_WIPEONFORK))
				host_as_unmap(mm->as, v->start, v->end - v->start);
	} else {
		err = host_as_create(&mm->as);
		if (err)
			goto out_free;
	}
	*out = mm;
	return 0;
out_free:
	mm_drop_all(mm);
	if (mm->exe)
		file_put(mm->exe);
	kfree(mm);
	return err;
}
