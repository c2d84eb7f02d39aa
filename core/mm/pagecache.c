// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache: a file's pages as frames of guest RAM, so a file mapping
 * maps them directly and reads copy from them. The cache holds one frame
 * reference per page. For tmpfs the cache is the storage itself (no
 * readpage); disk filesystems fill pages through ops->readpage.
 */
#include "mm.h"

static struct pagecache_state {
	u64 nrpages;    /* pages in all caches (/proc/meminfo Cached) */
} pagecache_state;

u64 pc_total_pages(void)
{
	return pagecache_state.nrpages;
}

void pc_init(struct page_cache *pc, const struct page_cache_ops *ops, void *owner)
{
	memset(pc, 0, sizeof(*pc));
	pc->ops = ops;
	pc->owner = owner;
}

int pc_get(struct page_cache *pc, u64 index, bool alloc, pfn_t *out)
{
	u64 *slot = radix_slot(&pc->tree, index, alloc);
	pfn_t pfn;
	int err;

	if (slot && *slot) {
		*out = (pfn_t)(*slot - 1);
		return 0;
	}
	if (!alloc)
		return -ENOENT;
	if (!slot)
		return -ENOMEM;
	if (pc->quota && pc->quota->limit && pc->quota->used >= pc->quota->limit)
		return -ENOSPC;
	err = mm_frame_alloc(&pfn);
	if (err)
		return err;
	if (pc->ops && pc->ops->readpage) {
		err = pc->ops->readpage(pc, index, mm_frame_ptr(pfn));
		if (err) {
			mm_frame_put(pfn);
			return err;
		}
	}
	*slot = (u64)pfn + 1;
	pc->nrpages++;
	pagecache_state.nrpages++;
	if (pc->quota)
		pc->quota->used++;
	*out = pfn;
	return 0;
}

static int pc_drop(u64 *slot, u64 key, void *arg)
{
	struct page_cache *pc = arg;

	mm_frame_put((pfn_t)(*slot - 1));
	*slot = 0;
	pc->nrpages--;
	pagecache_state.nrpages--;
	if (pc->quota)
		pc->quota->used--;
	return 0;
}

void pc_punch(struct page_cache *pc, u64 first, u64 end)
{
	radix_walk(&pc->tree, first, end, pc_drop, pc);
}

void pc_truncate(struct page_cache *pc, u64 first)
{
	pc_punch(pc, first, 1ull << RADIX_KEY_BITS);
}

void pc_destroy(struct page_cache *pc)
{
	pc_truncate(pc, 0);
	radix_free(&pc->tree);
}

long pc_read(struct page_cache *pc, u64 pos, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		u64 idx = (pos + done) >> PAGE_SHIFT;
		size_t off = (pos + done) & (PAGE_SIZE - 1);
		size_t n = MIN(len - done, PAGE_SIZE - off);
		pfn_t pfn;
		int err = pc_get(pc, idx, pc->ops && pc->ops->readpage, &pfn);

		if (err == -ENOENT)
			memset((char *)buf + done, 0, n);
		else if (err)
			return done ? (long)done : err;
		else
			memcpy((char *)buf + done, (char *)mm_frame_ptr(pfn) + off, n);
		done += n;
	}
	return (long)done;
}

long pc_write(struct page_cache *pc, u64 pos, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		u64 idx = (pos + done) >> PAGE_SHIFT;
		size_t off = (pos + done) & (PAGE_SIZE - 1);
		size_t n = MIN(len - done, PAGE_SIZE - off);
		pfn_t pfn;
		int err = pc_get(pc, idx, true, &pfn);

		if (err)
			return done ? (long)done : err;
		memcpy((char *)mm_frame_ptr(pfn) + off, (const char *)buf + done, n);
		done += n;
	}
	return (long)done;
}
