// SPDX-License-Identifier: GPL-2.0
/*
 * iov_iter: a cursor over guest iovecs (or one kernel buffer) for read and
 * write paths. Copies go page by page through uaccess, so a bad guest
 * address gives a short count, which the syscall turns into a partial
 * result or EFAULT (Linux's rule: EFAULT only if nothing was transferred).
 */
#include "uaccess.h"
#include "vfs.h"

#define IOV_MAX_K 1024

void iov_init_user(struct iov_iter *it, const struct kiovec *iov, unsigned nr, size_t count)
{
	memset(it, 0, sizeof(*it));
	it->mm = task_current()->mm;
	it->iov = iov;
	it->nr = nr;
	it->count = count;
}

void iov_init_ubuf(struct iov_iter *it, u64 buf, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->mm = task_current()->mm;
	it->one.base = buf;
	it->one.len = len;
	it->iov = &it->one;
	it->nr = 1;
	it->count = len;
}

void iov_init_kbuf(struct iov_iter *it, void *buf, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->kernel = true;
	it->one.base = (u64)(uintptr_t)buf;
	it->one.len = len;
	it->iov = &it->one;
	it->nr = 1;
	it->count = len;
}

void iov_advance(struct iov_iter *it, size_t n)
{
	while (n && it->idx < it->nr) {
		size_t left = it->iov[it->idx].len - it->off, step = MIN(left, n);

		it->off += step;
		it->count -= step;
		n -= step;
		if (it->off == it->iov[it->idx].len) {
			it->idx++;
			it->off = 0;
		}
	}
}

static size_t iov_copy(struct iov_iter *it, void *kbuf, size_t n, bool to_user)
{
	size_t done = 0;

	n = MIN(n, it->count);
	while (done < n && it->idx < it->nr) {
		const struct kiovec *v = &it->iov[it->idx];
		size_t step = MIN(v->len - it->off, n - done), got;
		u64 addr = v->base + it->off;

		if (step == 0) {
			it->idx++;
			it->off = 0;
			continue;
		}
		if (it->kernel) {
			if (to_user)
				memcpy((void *)(uintptr_t)addr, (char *)kbuf + done, step);
			else
				memcpy((char *)kbuf + done, (void *)(uintptr_t)addr, step);
			got = step;
		} else if (to_user) {
			got = mm_copy_to_partial(it->mm, addr, (char *)kbuf + done, step);
		} else {
			got = mm_copy_from_partial(it->mm, (char *)kbuf + done, addr, step);
		}
		iov_advance(it, got);
		done += got;
		if (got < step)
			break;
	}
	return done;
}

size_t iov_copy_to(struct iov_iter *it, const void *src, size_t n)
{
	return iov_copy(it, (void *)src, n, true);
}

size_t iov_copy_from(struct iov_iter *it, void *dst, size_t n)
{
	return iov_copy(it, dst, n, false);
}

size_t iov_zero(struct iov_iter *it, size_t n)
{
	static const char zeros[PAGE_SIZE];
	size_t done = 0;

	while (done < n) {
		size_t step = MIN(n - done, sizeof(zeros)), got = iov_copy_to(it, zeros, step);

		done += got;
		if (got < step)
			break;
	}
	return done;
}

int iov_import(u64 uiov, unsigned nr, struct kiovec **out, size_t *total)
{
	struct kiovec *v;
	size_t sum = 0;
	unsigned i;

	if (nr > IOV_MAX_K)
		return -EINVAL;
	v = kmalloc(sizeof(*v) * (nr ? nr : 1));
	if (!v)
		return -ENOMEM;
	if (nr && copy_from_user(v, uiov, sizeof(*v) * nr)) {
		kfree(v);
		return -EFAULT;
	}
	for (i = 0; i < nr; i++) {
		if ((s64)v[i].len < 0) {
			kfree(v);
			return -EINVAL;
		}
		/* Linux caps the total at MAX_RW_COUNT, truncating, not failing. */
		if (sum + v[i].len > 0x7ffff000ull)
			v[i].len = 0x7ffff000ull - sum;
		sum += v[i].len;
	}
	*out = v;
	*total = sum;
	return 0;
}
