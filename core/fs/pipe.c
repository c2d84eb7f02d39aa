// SPDX-License-Identifier: GPL-2.0
/*
 * Pipes and FIFOs. A pipe is a 64 KiB ring with reader/writer counts and
 * two wait queues. Linux semantics: reads return what is there (EOF when no
 * writer is left), writes of at most PIPE_BUF bytes are atomic, larger ones
 * may be split, writing with no reader gives SIGPIPE and EPIPE, and a
 * signal after a partial transfer returns the partial count. FIFO opens
 * wait for the other end (O_NONBLOCK: readers go on, writers get ENXIO).
 */
#include "uaccess.h"
#include "vfs.h"

#define PIPE_DEF_SIZE (64 * 1024)
#define PIPE_BUF_K 4096
#define PIPE_MAX_SIZE (1024 * 1024)

struct pipe {
	u8 *buf;
	size_t size;          /* capacity */
	size_t head;          /* read position */
	size_t len;           /* bytes buffered */
	int readers, writers;
	unsigned r_opens, w_opens; /* open generations, from 1 (Linux's r/w_counter):
				      wake blocked opens, POLLHUP (f->pipe_wgen) */
	bool anon;            /* pipe(2), not a FIFO node: opens never wait (Linux's is_pipe) */
	struct wait_queue rwait, wwait;
};

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->size = PIPE_DEF_SIZE;
	p->r_opens = p->w_opens = 1;
	p->buf = kmalloc(p->size);
	if (!p->buf) {
		kfree(p);
		return NULL;
	}
	wq_init(&p->rwait);
	wq_init(&p->wwait);
	return p;
}

void pipe_free_inode(struct inode *inode)
{
	struct pipe *p = inode->pipe;

	kfree(p->buf);
	kfree(p);
	inode->pipe = NULL;
}

static long pipe_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct pipe *p = f->inode->pipe;
	size_t done = 0;
	int err;

	if (!to->count)
		return 0; /* "Null read succeeds" (pipe_read) */
	for (;;) {
		if (p->len) {
			while (p->len && to->count) {
				size_t chunk = MIN(p->len, p->size - p->head), got;

				chunk = MIN(chunk, to->count);
				got = iov_copy_to(to, p->buf + p->head, chunk);
				p->head = (p->head + got) % p->size;
				p->len -= got;
				done += got;
				if (got < chunk) {
					if (!done)
						return -EFAULT;
					break;
				}
			}
			if (p->len == 0)
				p->head = 0;
			wq_wake(&p->wwait, POLLOUT | POLLWRNORM);
			inode_touch(f->inode, ATTR_ATIME);
			return (long)done;
		}
		if (!p->writers)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&p->rwait, p->len || !p->writers);
		if (err)
			return err;
	}
}

static long pipe_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	struct pipe *p = f->inode->pipe;
	size_t total = from->count, done = 0;
	int err;

	if (total == 0)
		return 0;
	for (;;) {
		size_t room;

		if (!p->readers) {
			signal_send(task_current(), SIGPIPE, NULL);
			return done ? (long)done : -EPIPE;
		}
		room = p->size - p->len;
		/* small writes go in whole or not at all */
		if (room && (total > PIPE_BUF_K || room >= from->count)) {
			while (room && from->count) {
				size_t tail = (p->head + p->len) % p->size;
				size_t chunk = MIN(room, p->size - tail), got;

				chunk = MIN(chunk, from->count);
				got = iov_copy_from(from, p->buf + tail, chunk);
				p->len += got;
				room -= got;
				done += got;
				if (got < chunk) {
					wq_wake(&p->rwait, POLLIN | POLLRDNORM);
					return done ? (long)done : -EFAULT;
				}
			}
			wq_wake(&p->rwait, POLLIN | POLLRDNORM);
			inode_touch(f->inode, ATTR_MTIME | ATTR_CTIME);
			if (!from->count)
				return (long)done;
		}
		if (f->flags & O_NONBLOCK)
			return done ? (long)done : -EAGAIN;
		err = wait_event_interruptible(&p->wwait, !p->readers ||
					       p->size - p->len >= MIN(from->count, (size_t)PIPE_BUF_K));
		if (err)
			return done ? (long)done : err;
	}
}

static unsigned pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = f->inode->pipe;
	unsigned mask = 0;

	if (f->fmode & FMODE_READ)
		poll_wait(f, &p->rwait, pt);
	if (f->fmode & FMODE_WRITE)
		poll_wait(f, &p->wwait, pt);
	if ((f->fmode & FMODE_READ)) {
		if (p->len)
			mask |= POLLIN | POLLRDNORM;
		/* No writer: a hang-up, unless none has come since this
		 * reader opened without waiting for one (Linux's f_pipe). */
		if (!p->writers && f->pipe_wgen != p->w_opens)
			mask |= POLLHUP;
	}
	if (f->fmode & FMODE_WRITE) {
		if (p->size - p->len >= PIPE_BUF_K)
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct pipe *p = f->inode->pipe;

	if (cmd == FIONREAD) {
		int n = (int)p->len;

		return copy_to_user(arg, &n, sizeof(n)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->inode->pipe;

	if (!p)
		return;
	if (f->fmode & FMODE_READ)
		p->readers--;
	if (f->fmode & FMODE_WRITE)
		p->writers--;
	wq_wake(&p->rwait, POLLIN | POLLHUP);
	wq_wake(&p->wwait, POLLOUT | POLLERR);
	if (!p->readers && !p->writers) {
		/* the last opener drops the data (Linux frees the buffer) */
		p->len = 0;
		p->head = 0;
	}
}

long pipe_set_size(struct file *f, unsigned long size)
{
	struct pipe *p = f->inode ? f->inode->pipe : NULL;
	u8 *nb;
	size_t i;

	if (!p)
		return -EBADF;
	if (size < PAGE_SIZE)
		size = PAGE_SIZE;
	size = 1ul << (64 - __builtin_clzll(size - 1)); /* round up to a power of 2 */
	if (size > PIPE_MAX_SIZE)
		return task_current()->cred.euid == 0 && size <= 16 * PIPE_MAX_SIZE ? (long)size : -EPERM;
	if (size < p->len)
		return -EBUSY;
	nb = kmalloc(size);
	if (!nb)
		return -ENOMEM;
	for (i = 0; i < p->len; i++)
		nb[i] = p->buf[(p->head + i) % p->size];
	kfree(p->buf);
	p->buf = nb;
	p->size = size;
	p->head = 0;
	wq_wake(&p->wwait, POLLOUT);
	return (long)size;
}

long pipe_get_size(struct file *f)
{
	struct pipe *p = f->inode ? f->inode->pipe : NULL;

	return p ? (long)p->size : -EBADF;
}

static const struct file_ops pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

int pipe_create(struct file **rd, struct file **wr, unsigned flags)
{
	struct inode *inode = anon_inode_alloc(S_IFIFO | 0600);
	struct file *r, *w;

	if (!inode)
		return -ENFILE;
	inode->pipe = pipe_alloc();
	if (!inode->pipe) {
		inode_put(inode);
		return -ENFILE;
	}
	/* Reopening the pipe through /proc/<pid>/fd/N is a FIFO open, as on Linux. */
	inode->fops = &fifo_fops;
	r = file_alloc(&pipe_fops, O_RDONLY | (flags & O_NONBLOCK));
	w = file_alloc(&pipe_fops, O_WRONLY | (flags & O_NONBLOCK));
	if (!r || !w) {
		kfree(r);
		kfree(w);
		inode_put(inode);
		return -ENFILE;
	}
	r->inode = inode;
	w->inode = inode;
	inode_get(inode);
	r->anon_name = w->anon_name = "pipe";
	inode->pipe->anon = true;
	inode->pipe->readers = inode->pipe->writers = 1;
	*rd = r;
	*wr = w;
	return 0;
}

/* Opening a FIFO node. */
static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe *p = inode->pipe;
	unsigned gen;
	int err = 0;

	if (!p) {
		p = inode->pipe = pipe_alloc();
		if (!p)
			return -ENOMEM;
	}
	f->ops = &pipe_fops;
	switch (f->flags & O_ACCMODE) {
	case O_RDONLY:
		p->readers++;
		p->r_opens++;
		wq_wake(&p->wwait, 0);
		if (!p->writers && (f->flags & O_NONBLOCK) && !p->anon)
			f->pipe_wgen = p->w_opens; /* no POLLHUP until a writer came */
		if (!p->writers && !(f->flags & O_NONBLOCK) && !p->anon) {
			gen = p->w_opens;
			err = wait_event_interruptible(&p->rwait, p->writers || p->w_opens != gen);
		}
		if (err)
			p->readers--;
		break;
	case O_WRONLY:
		if (!p->readers && (f->flags & O_NONBLOCK) && !p->anon)
			return -ENXIO;
		p->writers++;
		p->w_opens++;
		wq_wake(&p->rwait, 0);
		if (!p->readers && !p->anon) {
			gen = p->r_opens;
			err = wait_event_interruptible(&p->wwait, p->readers || p->r_opens != gen);
		}
		if (err)
			p->writers--;
		break;
	default:
		p->readers++;
		p->writers++;
		p->r_opens++;
		p->w_opens++;
		wq_wake(&p->rwait, 0);
		wq_wake(&p->wwait, 0);
		break;
	}
	return err;
}

const struct file_ops fifo_fops = {
	.open = fifo_open,
};
