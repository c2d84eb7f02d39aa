// SPDX-License-Identifier: GPL-2.0
/*
 * procfs text files, seq_file style: the entry's show function writes the
 * whole file into a growing buffer at open, and read/lseek work on that
 * snapshot, so partial reads and seeks see one consistent text (SEEK_END
 * is EINVAL, as for Linux's seq files, whose size is unknown). As with
 * Linux's seq_file, a read that starts again at offset 0 after the first
 * (lseek(fd, 0) and read: how procps polls /proc/stat and /proc/meminfo)
 * regenerates the text. Writes go whole to the entry's write function.
 */
#include <stdio.h>

#include "procfs.h"

#define PROCFS_BUF_MIN 1024
#define PROCFS_WRITE_MAX PAGE_SIZE

/* The open file's state (f->priv). */
struct procfs_open {
	struct procfs_buf buf;
	bool generated;  /* buf holds a snapshot */
	bool consumed;   /* a read happened since: a read at 0 regenerates */
};

static bool buf_reserve(struct procfs_buf *b, size_t more)
{
	size_t cap;
	char *n;

	if (b->failed)
		return false;
	if (b->len + more + 1 <= b->cap)
		return true;
	cap = b->cap ? b->cap : PROCFS_BUF_MIN;
	while (cap < b->len + more + 1)
		cap *= 2;
	n = kmalloc(cap);
	if (!n) {
		b->failed = true;
		return false;
	}
	if (b->data)
		memcpy(n, b->data, b->len);
	kfree(b->data);
	b->data = n;
	b->cap = cap;
	return true;
}

void procfs_write_bytes(struct procfs_buf *b, const void *data, size_t len)
{
	if (!buf_reserve(b, len))
		return;
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = 0;
}

void procfs_puts(struct procfs_buf *b, const char *s)
{
	procfs_write_bytes(b, s, strlen(s));
}

void procfs_printf(struct procfs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Try in the room there is; grow to the exact size and redo if short. */
	if (!buf_reserve(b, 128))
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		if (!buf_reserve(b, (size_t)n))
			return;
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void procfs_pad_to(struct procfs_buf *b, size_t line_start, size_t col)
{
	static const char spaces[] = "                                                  ";

	while (!b->failed && b->len - line_start < col) {
		size_t n = MIN(col - (b->len - line_start), sizeof(spaces) - 1);

		procfs_write_bytes(b, spaces, n);
	}
}

void procfs_put_escaped(struct procfs_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			procfs_printf(b, "\\%03o", (unsigned char)*s);
		else
			procfs_write_bytes(b, s, 1);
	}
}

static void buf_free(struct procfs_buf *b)
{
	kfree(b->data);
	memset(b, 0, sizeof(*b));
}

static int seq_generate(struct file *f)
{
	struct procfs_open *o = f->priv;
	const struct procfs_node *n = f->inode->priv;
	int err;

	buf_free(&o->buf);
	err = n->ent->show(&o->buf, n);
	if (!err && o->buf.failed)
		err = -ENOMEM;
	if (err) {
		buf_free(&o->buf);
		return err;
	}
	o->generated = true;
	o->consumed = false;
	return 0;
}

/* Permission beyond the mode bits happens here: sysctl's read-only
 * files refuse writers outright, and PROCFS_PTRACE files (environ, auxv,
 * maps) need ptrace access, as Linux checks at open. */
static int seq_open(struct inode *inode, struct file *f)
{
	const struct procfs_node *n = inode->priv;
	struct procfs_open *o;
	int err;

	if (f->fmode & FMODE_WRITE) {
		if (!n->ent->write && (n->ent->flags & PROCFS_SYSCTL))
			return -EACCES; /* sysctl checks its own modes, root included */
		if (n->ent->write && !(n->ent->flags & PROCFS_SYSCTL) && n->pid &&
		    !procfs_process(n))
			return -ESRCH;
	}
	if ((n->ent->flags & PROCFS_PTRACE) && n->pid) {
		struct task *t = procfs_res_task(n);

		if (t && !procfs_may_ptrace(t))
			return -EACCES;
	}
	o = kzalloc(sizeof(*o));
	if (!o)
		return -ENOMEM;
	f->priv = o;
	if ((f->fmode & FMODE_READ) && n->ent->show) {
		err = seq_generate(f);
		if (err) {
			kfree(o);
			f->priv = NULL;
			return err;
		}
	}
	return 0;
}

static void seq_release(struct file *f)
{
	struct procfs_open *o = f->priv;

	if (!o)
		return;
	buf_free(&o->buf);
	kfree(o);
	f->priv = NULL;
}

/* A read past the end returns 0 (EOF); a short copy (a guest fault
 * midway) returns what was copied, as any read does. */
static long seq_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct procfs_open *o = f->priv;
	size_t n, got;

	if (*pos < 0)
		return -EINVAL;
	if (!to->count)
		return 0; /* seq_read_iter: before regenerating anything */
	if (*pos == 0 && o->consumed) {
		int err = seq_generate(f);

		if (err)
			return err;
	}
	o->consumed = true;
	if (!o->generated || (u64)*pos >= o->buf.len)
		return 0;
	n = MIN(to->count, o->buf.len - (size_t)*pos);
	got = iov_copy_to(to, o->buf.data + *pos, n);
	if (got == 0 && n)
		return -EFAULT;
	*pos += (s64)got;
	return (long)got;
}

/* Writes reach the entry whole (one page at most), whatever the file
 * position: every writable procfs file takes one value per write. Files
 * without a write function answer as Linux's do: EINVAL for per-process
 * files, EIO for the global ones. */
static long seq_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	const struct procfs_node *n = f->inode->priv;
	size_t len = MIN(from->count, PROCFS_WRITE_MAX);
	char *kbuf;
	long ret;

	if (!n->ent->write)
		return (n->ent->flags & PROCFS_EIO_WRITE) ? -EIO : -EINVAL;
	kbuf = kmalloc(len + 1);
	if (!kbuf)
		return -ENOMEM;
	if (iov_copy_from(from, kbuf, len) != len) {
		kfree(kbuf);
		return -EFAULT;
	}
	kbuf[len] = 0;
	ret = n->ent->write(n, kbuf, len);
	kfree(kbuf);
	if (ret > 0)
		*pos += ret;
	return ret;
}

static s64 seq_llseek(struct file *f, s64 off, int whence)
{
	s64 pos;

	switch (whence) {
	case SEEK_SET:
		pos = off;
		break;
	case SEEK_CUR:
		pos = f->pos + off;
		break;
	default: /* SEEK_END too: Linux's seq_lseek has no end to seek from */
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->pos = pos;
	return pos;
}

const struct file_ops procfs_seq_fops = {
	.splice_read = true,
	.open = seq_open,
	.release = seq_release,
	.read = seq_read,
	.write = seq_write,
	.llseek = seq_llseek,
};
