// SPDX-License-Identifier: GPL-2.0
/*
 * Frames: guest RAM is one memory file (host_mem_create) of mem= bytes,
 * mapped once into the kernel. A frame is a 4 KiB page of it with a
 * reference count. Allocation scans a bitmap from a rotating hint and hands
 * out runs of contiguous frames when asked, so fault windows map with one
 * host call. Fresh frames of the file are zero; a freed frame is marked
 * dirty and zeroed when it is handed out again.
 */
#include "host.h"
#include "mm.h"

static struct frame_state {
	u8 *base;          /* kernel view of the memory file, boot-only */
	u64 nframes;       /* boot-only */
	u32 *refs;         /* per frame */
	u64 *used;         /* bitmap: allocated */
	u64 *dirty;        /* bitmap: freed since last zeroed */
	u64 nfree;
	u64 hint;          /* where the next search starts */
} frame_state;

#define BIT_WORD(n) ((n) / 64)
#define BIT_MASK(n) (1ull << ((n) % 64))

static bool frame_test(u64 *map, u64 n) { return map[BIT_WORD(n)] & BIT_MASK(n); }
static void frame_set(u64 *map, u64 n) { map[BIT_WORD(n)] |= BIT_MASK(n); }
static void frame_clear(u64 *map, u64 n) { map[BIT_WORD(n)] &= ~BIT_MASK(n); }

int mm_frames_init(u64 mem_bytes)
{
	u64 words;
	void *base;
	int err;

	err = host_mem_create(mem_bytes, &base);
	if (err) {
		pr_err("mm: cannot create %llu bytes of guest memory: err=%d\n",
		       (unsigned long long)mem_bytes, err);
		return err;
	}
	frame_state.base = base;
	frame_state.nframes = mem_bytes >> PAGE_SHIFT;
	words = DIV_ROUND_UP(frame_state.nframes, 64);
	frame_state.refs = kzalloc(frame_state.nframes * sizeof(u32));
	frame_state.used = kzalloc(words * sizeof(u64));
	frame_state.dirty = kzalloc(words * sizeof(u64));
	if (!frame_state.refs || !frame_state.used || !frame_state.dirty)
		return -ENOMEM;
	frame_state.nfree = frame_state.nframes;
	return 0;
}

static void frame_take(u64 n)
{
	frame_set(frame_state.used, n);
	frame_state.refs[n] = 1;
	frame_state.nfree--;
	if (frame_test(frame_state.dirty, n)) {
		memset(frame_state.base + (n << PAGE_SHIFT), 0, PAGE_SIZE);
		frame_clear(frame_state.dirty, n);
	}
}

/* First free frame at or after the hint, wrapping; nframes if none. */
static u64 frame_find_free(void)
{
	u64 n = frame_state.nframes, start = frame_state.hint, i;

	for (i = 0; i < n; ) {
		u64 f = (start + i) % n;
		u64 w = frame_state.used[BIT_WORD(f)];

		if (w == ~0ull && f % 64 == 0) {
			i += 64;
			continue;
		}
		if (!(w & BIT_MASK(f)))
			return f;
		i++;
	}
	return n;
}

int mm_frame_alloc(pfn_t *out)
{
	unsigned got;

	return mm_frame_alloc_run(1, out, &got);
}

int mm_frame_alloc_run(unsigned want, pfn_t *first, unsigned *got)
{
	u64 f, n;

	if (!frame_state.nfree)
		return -ENOMEM;
	f = frame_find_free();
	if (f >= frame_state.nframes)
		return -ENOMEM;
	for (n = 0; n < want && f + n < frame_state.nframes && !frame_test(frame_state.used, f + n); n++)
		frame_take(f + n);
	frame_state.hint = f + n;
	*first = (pfn_t)f;
	*got = (unsigned)n;
	return 0;
}

void mm_frame_get(pfn_t pfn)
{
	BUG_ON(pfn >= frame_state.nframes || !frame_state.refs[pfn]);
	frame_state.refs[pfn]++;
}

void mm_frame_put(pfn_t pfn)
{
	BUG_ON(pfn >= frame_state.nframes || !frame_state.refs[pfn]);
	if (--frame_state.refs[pfn])
		return;
	frame_clear(frame_state.used, pfn);
	frame_set(frame_state.dirty, pfn);
	frame_state.nfree++;
}

unsigned mm_frame_refs(pfn_t pfn)
{
	return frame_state.refs[pfn];
}

void *mm_frame_ptr(pfn_t pfn)
{
	return frame_state.base + ((u64)pfn << PAGE_SHIFT);
}

u64 mm_frames_total(void)
{
	return frame_state.nframes;
}

u64 mm_frames_free(void)
{
	return frame_state.nfree;
}
