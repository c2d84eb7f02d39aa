/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest memory (core/mm/). Guest RAM is one memory file of mem= bytes cut
 * into 4 KiB frames (frame.c). Each address space has VMAs (vma.c) and a
 * page table (pagetable.c) mapping virtual pages to frames; the host mirrors
 * them lazily: a page is mapped into the host process when it is faulted in
 * (fault.c), in windows, never one page per stop. File pages live in the
 * page cache (pagecache.c), itself made of frames, so a file mapping maps the
 * cache's frames directly. Fork marks private writable pages copy-on-write
 * and clones the host mappings in one go.
 *
 * Lock order: none (the kernel is one thread; nothing here sleeps except
 * where a comment says so).
 */
#ifndef CORE_MM_H
#define CORE_MM_H

#include "kernel.h"

struct file;
struct inode;
struct host_as;
struct task;
struct process;

/* ---- frames (frame.c) ---- */
typedef u32 pfn_t;
#define PFN_NONE ((pfn_t)~0u)

int mm_frames_init(u64 mem_bytes);
/* A zeroed frame with one reference. -ENOMEM when guest RAM is full. */
int mm_frame_alloc(pfn_t *out);
/* Up to want physically contiguous zeroed frames (at least one), each with
 * one reference; *got says how many. Used to map fault windows in one go. */
int mm_frame_alloc_run(unsigned want, pfn_t *first, unsigned *got);
void mm_frame_get(pfn_t pfn);
void mm_frame_put(pfn_t pfn);
unsigned mm_frame_refs(pfn_t pfn);
void *mm_frame_ptr(pfn_t pfn);
static inline u64 mm_frame_off(pfn_t pfn) { return (u64)pfn << PAGE_SHIFT; }
u64 mm_frames_total(void);
u64 mm_frames_free(void);

/* ---- radix trees (radix.c): 36-bit keys -> u64 values, 0 = empty ---- */
struct radix_node;
struct radix {
	struct radix_node *root;
};
/* The slot for key; NULL if absent (create false) or out of memory. */
u64 *radix_slot(struct radix *r, u64 key, bool create);
/* Visit non-empty slots with first <= key < end in key order; a non-zero
 * return from fn stops the walk and is returned. */
typedef int (*radix_visit_fn)(u64 *slot, u64 key, void *arg);
int radix_walk(struct radix *r, u64 first, u64 end, radix_visit_fn fn, void *arg);
void radix_free(struct radix *r);
#define RADIX_KEY_BITS 36

/* ---- page cache (pagecache.c): file page index -> frame ---- */
struct page_cache;
struct page_cache_ops {
	/* Fill the (zeroed) frame with file data for page index. NULL: the
	 * cache is the storage (tmpfs) and a missing page reads as zeros. */
	int (*readpage)(struct page_cache *pc, u64 index, void *page);
};
/* A bound on the pages several caches hold together: a tmpfs instance's
 * size= (its files' caches point at the super_block's quota). */
struct pc_quota {
	u64 used;               /* pages held */
	u64 limit;              /* 0: none (guest RAM is the bound) */
};
struct page_cache {
	struct radix tree;      /* index -> pfn + 1 */
	u64 nrpages;
	const struct page_cache_ops *ops;
	void *owner;
	struct pc_quota *quota; /* NULL: not counted; set after pc_init */
};
void pc_init(struct page_cache *pc, const struct page_cache_ops *ops, void *owner);
/* The frame for index, or -ENOENT (alloc false) / a new one (alloc true;
 * -ENOMEM when RAM is full, -ENOSPC past the quota). The cache keeps its
 * own reference; the caller takes one if it keeps the frame (mm_frame_get). */
int pc_get(struct page_cache *pc, u64 index, bool alloc, pfn_t *out);
/* Drop pages from index first on (truncate). */
void pc_truncate(struct page_cache *pc, u64 first);
/* Drop the pages with first <= index < end. */
void pc_punch(struct page_cache *pc, u64 first, u64 end);
void pc_destroy(struct page_cache *pc);
/* Copy between the cache and a kernel buffer; holes read as zeros. */
long pc_read(struct page_cache *pc, u64 pos, void *buf, size_t len);
long pc_write(struct page_cache *pc, u64 pos, const void *buf, size_t len);
/* Pages held by all page caches together (/proc/meminfo). */
u64 pc_total_pages(void);

/* ---- page table entries: a radix keyed by virtual page number ---- */
typedef u64 pte_t;
#define PTE_PRESENT 0x1ull   /* backed by a frame (the PTE holds a reference) */
#define PTE_WRITE 0x2ull     /* the guest may write without copying (not COW) */
#define PTE_HOST 0x4ull      /* currently mapped in the host process */
#define PTE_HOST_WRITE 0x8ull /* ...and writable there */
#define PTE_FILE 0x10ull     /* the frame belongs to a page cache */
#define PTE_PFN_SHIFT 12
static inline pfn_t pte_pfn(pte_t p) { return (pfn_t)(p >> PTE_PFN_SHIFT); }
static inline pte_t pte_make(pfn_t pfn, u64 flags) { return ((pte_t)pfn << PTE_PFN_SHIFT) | flags; }

/* ---- address spaces ---- */
#define VMA_SHARED 0x1     /* MAP_SHARED: writes reach the file/object */
#define VMA_GROWSDOWN 0x2  /* the stack */
#define VMA_HEAP 0x4       /* brk area */
#define VMA_DONTFORK 0x8   /* MADV_DONTFORK */
#define VMA_WIPEONFORK 0x10

struct vma {
	struct list_head link; /* in mm->vmas, sorted by start */
	u64 start, end;
	u32 prot;              /* PROT_* */
	u32 flags;             /* VMA_* */
	struct file *file;     /* holds a reference; NULL for anonymous private */
	u64 pgoff;             /* file offset of start, in pages */
};

struct mm {
	int refs;
	struct host_as *as;
	struct list_head vmas;
	struct vma *cache;            /* last vma found */
	struct radix pt;              /* vpn -> pte_t */
	u64 brk_start, brk;
	u64 start_stack, arg_start, arg_end, env_start, env_end;
	u64 start_code, end_code, start_data, end_data;
	u64 mmap_base;                /* top-down allocation starts here */
	u64 rss;                      /* present pages */
	u64 auxv[64];                 /* AT_* pairs as given to the program */
	unsigned auxv_words;
	u64 fault_next;               /* fault-around: where a sequential fault would be */
	unsigned fault_window;        /* ...and how many pages it maps */
	struct file *exe;             /* /proc/pid/exe */
};

int mm_create(struct mm **out);
/* The child's copy for fork: private writable pages become copy-on-write. */
int mm_fork(struct mm *parent, struct mm **out);
void mm_get(struct mm *mm);
void mm_put(struct mm *mm);
struct vma *mm_find_vma(struct mm *mm, u64 addr); /* first vma with end > addr */

/* Resolve a fault at addr. access is HOST_ACCESS_* (0 = unknown), code the
 * host's si_code. 0: fixed; -EFAULT: deliver SIGSEGV with *si_code;
 * -ENOMEM: out of guest memory; -EIO: backing store failed (SIGBUS). */
int mm_fault(struct mm *mm, u64 addr, int access, int code, int *si_code);

/* Syscall-level operations (vma.c); addresses page-aligned by the caller. */
long mm_mmap(struct mm *mm, u64 addr, u64 len, int prot, int flags, struct file *f, u64 off);
int mm_munmap(struct mm *mm, u64 addr, u64 len);
int mm_mprotect(struct mm *mm, u64 addr, u64 len, int prot);
long mm_mremap(struct mm *mm, u64 old, u64 oldlen, u64 newlen, int flags, u64 newaddr);
long mm_brk(struct mm *mm, u64 brk);
int mm_madvise(struct mm *mm, u64 addr, u64 len, int advice);
int mm_msync(struct mm *mm, u64 addr, u64 len, int flags);
/* A file shrinks (truncate): unmap its pages from index first on from every
 * address space, private copies too, so the next access faults again. */
void mm_unmap_file_pages(struct inode *inode, u64 first);
/* Pick a free range of len bytes at or below hint (top-down), -ENOMEM. */
long mm_get_unmapped(struct mm *mm, u64 hint, u64 len);
/* Map pages that are already resident around [start,end) (exec, MAP_POPULATE). */
int mm_populate(struct mm *mm, u64 start, u64 end, bool alloc);
/* Replace the whole address space (execve): drop every mapping. */
int mm_clear(struct mm *mm);

/* Kernel access to a guest address space (uaccess.c). All return -EFAULT
 * when any byte is not accessible; partial variants return bytes done. */
int mm_copy_from(struct mm *mm, void *dst, u64 src, size_t n);
int mm_copy_to(struct mm *mm, u64 dst, const void *src, size_t n);
size_t mm_copy_from_partial(struct mm *mm, void *dst, u64 src, size_t n);
size_t mm_copy_to_partial(struct mm *mm, u64 dst, const void *src, size_t n);
/* The frame behind a user address (faulting it in for write if asked). */
int mm_user_frame(struct mm *mm, u64 addr, bool write, pfn_t *pfn);

u64 mm_task_size(void);

/* The OOM killer (oom.c): guest RAM is exhausted while t faults. Picks the
 * process with the highest badness (RSS, weighted by oom_score_adj), kills
 * it, and returns; the fault is retried once memory is freed. */
void mm_oom(struct task *t);
long mm_oom_badness(struct process *p);

#endif
