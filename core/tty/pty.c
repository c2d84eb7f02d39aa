// SPDX-License-Identifier: GPL-2.0
/*
 * Pseudo-terminals (Linux drivers/tty/pty.c, the UNIX98 kind): opening
 * /dev/ptmx makes a pair, the master file and a slave tty /dev/pts/N that
 * devpts (core/fs/devpts/) names while the master is open.
 *
 * The slave is an ordinary struct tty (tty.c: N_TTY, echo, ^C, job
 * control, controlling terminal). Its driver is this file: what the slave
 * writes (after OPOST) goes into a ring the master reads; what the master
 * writes goes through tty_receive into the slave's line discipline. The
 * master has no line discipline of its own (Linux gives it a raw one that
 * passes bytes through), and its termios, window size and foreground
 * group ioctls act on the slave, as Linux's do.
 *
 * Flow control, as Linux: a slave writer blocks while the ring is full; a
 * master writer blocks while the slave's input buffer is full (bytes are
 * never dropped, except echo and the excess of an over-long canonical
 * line, which Linux drops too). Master writers are woken when a slave
 * reader consumes input or asks for more (tty_ops.want_input).
 *
 * Lifetime: the master's close removes /dev/pts/N and hangs the slave up
 * (SIGHUP to its session; its reads give 0, writes and ioctls EIO). The
 * slave's last close makes the master's read give EIO and poll POLLHUP.
 * The pair and its index are freed when both sides are closed.
 */
#include <stdio.h>

#include "pty.h"
#include "tty.h"
#include "uaccess.h"

#define PTY_OBUF 16384          /* slave output the master has not read */

/* TIOCPKT: the first byte of each packet-mode read of the master */
#define TIOCPKT_DATA 0x00
#define TIOCPKT_FLUSHREAD 0x01
#define TIOCPKT_FLUSHWRITE 0x02
#define TIOCPKT_STOP 0x04
#define TIOCPKT_START 0x08
#define TIOCPKT_NOSTOP 0x10
#define TIOCPKT_DOSTOP 0x20

#define TCSETSF2 0x402c542d

struct pty {
	struct tty slave;          /* /dev/pts/N; tty.c owns its state */
	unsigned index;            /* N */
	bool locked;               /* TIOCSPTLCK: opening the slave gives EIO */
	bool master_open;          /* until the master's file is released */
	bool slave_opened;         /* the slave was opened at least once */
	/* slave output the master has not read yet (a ring) */
	u8 obuf[PTY_OBUF];
	size_t ohead, olen;
	/* packet mode (TIOCPKT) */
	bool packet;
	u8 pktstatus;              /* TIOCPKT_* bits not yet read */
	bool dostop;               /* IXON with ^S/^Q, as last reported */
	struct wait_queue mread_wait;   /* master readers: output or status */
	struct wait_queue mwrite_wait;  /* master writers: room in the slave's input */
};

/* One kernel thread, never preempted in kernel code: no locks (task.h). */
static struct pty_state {
	struct pty *ptys[PTY_MAX]; /* by index; NULL: free */
} pty_state;

static const struct tty_ops pty_slave_ops;
static const struct file_ops ptmx_fops;
static const struct file_ops pts_fops;

static struct pty *pty_of(struct tty *tty)
{
	return container_of(tty, struct pty, slave);
}

/* The slave was opened and all its files are closed (Linux's
 * TTY_OTHER_CLOSED on the master). Before the first open it is not. */
static bool pty_slave_closed(struct pty *pty)
{
	return pty->slave_opened && pty->slave.opens == 0;
}

/*
 * How many bytes the slave's line discipline can take now without losing
 * any (tty.c drops input that does not fit its buffer). Raw: each byte
 * adds at most one to the read buffer. Canonical: each byte adds at most
 * one to the read buffer plus the line being edited, and at most one line
 * record. With nothing complete waiting (rlen == 0), a full line still
 * takes bytes: the discipline discards the excess until the newline, as
 * Linux's does, so a writer is never stuck behind its own long line.
 */
static size_t pty_input_room(struct pty *pty)
{
	struct tty *t = &pty->slave;
	size_t used;

	if (!(t->termios.c_lflag & ICANON))
		return TTY_BUF - t->rlen;
	if (t->lines.n >= TTY_MAX_LINES - 1)
		return 0;
	used = t->rlen + t->llen;
	if (used >= TTY_BUF)
		return 0;
	return MIN(TTY_BUF - used, (size_t)(TTY_MAX_LINES - 1 - t->lines.n));
}

static void pty_wake_master_writers(struct pty *pty)
{
	if (pty_input_room(pty))
		wq_wake(&pty->mwrite_wait, POLLOUT | POLLWRNORM);
}

static void pty_set_pktstatus(struct pty *pty, u8 clear, u8 set)
{
	if (!pty->packet)
		return;
	pty->pktstatus = (u8)((pty->pktstatus & ~clear) | set);
	wq_wake(&pty->mread_wait, POLLIN | POLLRDNORM | POLLPRI);
}

/* ^S/^Q or TCXONC changed the slave's output state: packet mode says so. */
static void pty_note_flow(struct pty *pty, bool was_stopped)
{
	if (pty->slave.stopped == was_stopped)
		return;
	if (pty->slave.stopped)
		pty_set_pktstatus(pty, TIOCPKT_START, TIOCPKT_STOP);
	else
		pty_set_pktstatus(pty, TIOCPKT_STOP, TIOCPKT_START);
}

/* Drop the slave output the master has not read. */
static void pty_flush_output(struct pty *pty)
{
	pty->ohead = pty->olen = 0;
	wq_wake(&pty->slave.write_wait, POLLOUT | POLLWRNORM);
}

static void pty_free(struct pty *pty)
{
	struct process *q;

	/* Hangup disassociated the session; this catches any stragglers so
	 * no process keeps a pointer to freed memory. */
	for (q = process_next(NULL); q; q = process_next(q))
		if (q->ctty == &pty->slave)
			q->ctty = NULL;
	pty_state.ptys[pty->index] = NULL;
	kfree(pty);
}

/* ---- the slave's driver (tty_ops) ---- */

/* Output of the slave, already through OPOST: into the master's ring.
 * Writers are paced by write_room; only echo and kernel messages can
 * overrun, and their excess is lost as on Linux. */
static void pty_slave_write(struct tty *tty, const u8 *buf, size_t len)
{
	struct pty *pty = pty_of(tty);
	size_t n, tail, first;

	if (!pty->master_open)
		return;
	n = MIN(len, PTY_OBUF - pty->olen);
	if (!n)
		return;
	tail = (pty->ohead + pty->olen) % PTY_OBUF;
	first = MIN(n, PTY_OBUF - tail);
	memcpy(pty->obuf + tail, buf, first);
	memcpy(pty->obuf, buf + first, n - first);
	pty->olen += n;
	wq_wake(&pty->mread_wait, POLLIN | POLLRDNORM);
}

/* tty_write takes at most this much and OPOST may double it (ONLCR). */
static size_t pty_slave_write_room(struct tty *tty)
{
	return (PTY_OBUF - pty_of(tty)->olen) / 2;
}

/* A slave reader (or poller) found nothing: let the master write more. */
static void pty_slave_want_input(struct tty *tty)
{
	pty_wake_master_writers(pty_of(tty));
}

/* The last file on the slave closed (tty.c calls this last: we may free). */
static void pty_slave_close(struct tty *tty)
{
	struct pty *pty = pty_of(tty);

	if (!pty->master_open) {
		pty_free(pty);
		return;
	}
	wq_wake(&pty->mread_wait, POLLHUP | POLLIN);
}

/* Packet mode reports whether ^S/^Q flow control is on (Linux's check:
 * IXON with the standard characters); a mode change may make room. */
static void pty_slave_set_termios(struct tty *tty)
{
	struct pty *pty = pty_of(tty);
	const struct termios_k *t = &tty->termios;
	bool dostop = (t->c_iflag & IXON) && t->c_cc[VSTOP] == 023 && t->c_cc[VSTART] == 021;

	if (dostop != pty->dostop) {
		pty->dostop = dostop;
		pty_set_pktstatus(pty, TIOCPKT_DOSTOP | TIOCPKT_NOSTOP,
				  dostop ? TIOCPKT_DOSTOP : TIOCPKT_NOSTOP);
	}
	pty_wake_master_writers(pty);
}

/* n_tty's isig: the master in packet mode reads FLUSHREAD|FLUSHWRITE
 * (the output it has not read yet stays, as on Linux 6.x). */
static void pty_slave_signal_flush(struct tty *tty)
{
	pty_set_pktstatus(pty_of(tty), 0, TIOCPKT_FLUSHREAD | TIOCPKT_FLUSHWRITE);
}

static const struct tty_ops pty_slave_ops = {
	.signal_flush = pty_slave_signal_flush,
	.write = pty_slave_write,
	.want_input = pty_slave_want_input,
	.write_room = pty_slave_write_room,
	.close = pty_slave_close,
	.set_termios = pty_slave_set_termios,
};

/* ---- the slave's files: tty_fops, plus hangup and packet-mode notes ---- */

static int pts_open_file(struct pty *pty, struct file *f)
{
	int err;

	if (pty->locked || !pty->master_open)
		return -EIO;
	err = tty_open_file(&pty->slave, f);
	if (err)
		return err;
	f->ops = &pts_fops;
	pty->slave_opened = true;
	return 0;
}

/* open of a 136:N node (devpts, or one made with mknod). */
static int pts_dev_open(struct inode *inode, struct file *f)
{
	u32 idx = dev_minor(inode->rdev);
	struct pty *pty = idx < PTY_MAX ? pty_state.ptys[idx] : NULL;

	if (!pty)
		return -ENXIO;
	return pts_open_file(pty, f);
}

/* After hangup (master closed) a file on the slave reads end-of-file and
 * fails everything else with EIO, as Linux's hung_up_tty_fops. */
static long pts_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct tty *t = f->priv;
	long r;

	if (t->hung_up)
		return 0;
	r = tty_fops.read(f, to, pos);
	if (r > 0)
		pty_wake_master_writers(pty_of(t));
	return r;
}

static long pts_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	struct tty *t = f->priv;

	if (t->hung_up)
		return -EIO;
	return tty_fops.write(f, from, pos);
}

static unsigned pts_poll(struct file *f, struct poll_table *pt)
{
	struct tty *t = f->priv;

	if (t->hung_up)
		return POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM;
	return tty_fops.poll(f, pt);
}

static long pts_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct tty *t = f->priv;
	struct pty *pty = pty_of(t);
	bool was_stopped = t->stopped;
	long r;

	if (t->hung_up)
		return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
	r = tty_ioctl(t, f, cmd, arg);
	if (r)
		return r;
	/* flushes the master can see in packet mode */
	if (cmd == TCFLSH && arg != TCIFLUSH) {
		pty_flush_output(pty);
		pty_set_pktstatus(pty, 0, TIOCPKT_FLUSHWRITE);
	}
	if ((cmd == TCFLSH && arg != TCOFLUSH) || cmd == TCSETSF || cmd == TCSETSF2) {
		pty_set_pktstatus(pty, 0, TIOCPKT_FLUSHREAD);
		pty_wake_master_writers(pty);
	}
	pty_note_flow(pty, was_stopped);
	return r;
}

static void pts_release(struct file *f)
{
	tty_fops.release(f); /* may free the pair: nothing after this */
}

static const struct file_ops pts_fops = {
	.open = pts_dev_open,
	.read = pts_read,
	.write = pts_write,
	.poll = pts_poll,
	.ioctl = pts_ioctl,
	.release = pts_release,
};

/* ---- the master ---- */

static int ptmx_open(struct inode *inode, struct file *f)
{
	struct pty *pty;
	char name[16];
	unsigned i;
	int err;

	for (i = 0; i < PTY_MAX && pty_state.ptys[i]; i++)
		;
	if (i == PTY_MAX)
		return -ENOSPC; /* Linux: kernel.pty.max reached */
	pty = kzalloc(sizeof(*pty));
	if (!pty)
		return -ENOMEM;
	snprintf(name, sizeof(name), "pts/%u", i);
	tty_init(&pty->slave, name, mkdev(PTY_SLAVE_MAJOR, i), &pty_slave_ops);
	/* Linux's pts defaults (tty_std_termios): no IUTF8 or HUPCL, 0x0 */
	pty->slave.termios.c_iflag = ICRNL | IXON;
	pty->slave.termios.c_cflag = B38400 | CS8 | CREAD;
	memset(&pty->slave.winsize, 0, sizeof(pty->slave.winsize));
	pty->index = i;
	pty->locked = true; /* until unlockpt */
	pty->master_open = true;
	pty->dostop = true;
	wq_init(&pty->mread_wait);
	wq_init(&pty->mwrite_wait);
	err = devpts_pty_new(i);
	if (err) {
		kfree(pty);
		return err;
	}
	pty_state.ptys[i] = pty;
	f->priv = pty;
	f->ops = &ptmx_fops;
	return 0;
}

static long ptm_read_data(struct pty *pty, struct iov_iter *to)
{
	size_t done = 0;

	if (pty->packet) {
		u8 z = TIOCPKT_DATA;

		if (iov_copy_to(to, &z, 1) != 1)
			return -EFAULT;
		done = 1;
	}
	while (pty->olen && to->count) {
		size_t n = MIN(MIN(pty->olen, PTY_OBUF - pty->ohead), to->count);
		size_t got = iov_copy_to(to, pty->obuf + pty->ohead, n);

		pty->ohead = (pty->ohead + got) % PTY_OBUF;
		pty->olen -= got;
		done += got;
		if (got < n)
			break;
	}
	if (!done)
		return -EFAULT;
	wq_wake(&pty->slave.write_wait, POLLOUT | POLLWRNORM);
	return (long)done;
}

/* What the slave wrote; in packet mode a status byte alone, or 0 then
 * data. EIO once the slave has been closed and the ring is empty. */
static long ptm_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct pty *pty = f->priv;
	int err;

	if (!to->count)
		return 0; /* the master is a tty too: n_tty_read reads nothing */
	for (;;) {
		if (pty->packet && pty->pktstatus) {
			u8 cs = pty->pktstatus;

			if (iov_copy_to(to, &cs, 1) != 1)
				return -EFAULT;
			pty->pktstatus = 0;
			return 1;
		}
		if (pty->olen)
			return ptm_read_data(pty, to);
		if (pty_slave_closed(pty))
			return -EIO;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&pty->mread_wait,
					       pty->olen || pty_slave_closed(pty) ||
					       (pty->packet && pty->pktstatus));
		if (err)
			return err;
	}
}

/* Input for the slave: through its line discipline, as typed. */
static long ptm_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	struct pty *pty = f->priv;
	struct tty *t = &pty->slave;
	size_t done = 0;
	u8 buf[512];
	int err;

	while (from->count) {
		size_t n = MIN(MIN(pty_input_room(pty), sizeof(buf)), from->count), got;
		bool was_stopped = t->stopped;

		if (!n) {
			if (f->flags & O_NONBLOCK)
				return done ? (long)done : -EAGAIN;
			err = wait_event_interruptible(&pty->mwrite_wait, pty_input_room(pty) > 0);
			if (err)
				return done ? (long)done : err;
			continue;
		}
		got = iov_copy_from(from, buf, n);
		if (!got)
			return done ? (long)done : -EFAULT;
		tty_receive(t, buf, got);
		pty_note_flow(pty, was_stopped);
		done += got;
	}
	return (long)done;
}

static unsigned ptm_poll(struct file *f, struct poll_table *pt)
{
	struct pty *pty = f->priv;
	unsigned mask = 0;

	poll_wait(f, &pty->mread_wait, pt);
	poll_wait(f, &pty->mwrite_wait, pt);
	if (pty->olen)
		mask |= POLLIN | POLLRDNORM;
	if (pty->packet && pty->pktstatus)
		mask |= POLLPRI | POLLIN | POLLRDNORM;
	if (pty_slave_closed(pty))
		mask |= POLLHUP;
	if (pty_input_room(pty))
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

/* TIOCGPTPEER: open the slave without knowing its path (and without a
 * race against a rename of /dev/pts). Linux opens the devpts node; when
 * devpts is not mounted we still give a working file, without a path. */
static long ptm_open_peer(struct pty *pty, u64 uflags)
{
	unsigned flags = (unsigned)uflags & (O_ACCMODE | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	struct path p;
	struct file *f;
	int err;

	if (pty->locked)
		return -EIO;
	f = file_alloc(&pts_fops, flags & ~O_CLOEXEC);
	if (!f)
		return -ENOMEM;
	if (devpts_node_path(pty->index, &p) == 0) {
		f->path = p; /* takes the references */
		f->inode = p.dentry->inode;
		inode_get(f->inode);
	} else {
		f->inode = anon_inode_alloc(S_IFCHR | 0620);
		if (!f->inode) {
			f->ops = NULL;
			file_put(f);
			return -ENOMEM;
		}
		f->inode->rdev = pty->slave.rdev;
	}
	err = pts_open_file(pty, f);
	if (err) {
		f->ops = NULL; /* not opened: no release */
		file_put(f);
		return err;
	}
	f->flags &= ~O_NOCTTY;
	return fd_install(f, 0, flags & O_CLOEXEC);
}

static int ptm_put_int(u64 arg, int v)
{
	return put_user(v, arg) ? -EFAULT : 0;
}

static long ptm_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct pty *pty = f->priv;
	struct tty *t = &pty->slave;
	int v;

	switch (cmd) {
	case TIOCGPTN:
		return ptm_put_int(arg, (int)pty->index);
	case TIOCSPTLCK:
		if (get_user(v, arg))
			return -EFAULT;
		pty->locked = v != 0;
		return 0;
	case TIOCGPTLCK:
		return ptm_put_int(arg, pty->locked);
	case TIOCGPTPEER:
		return ptm_open_peer(pty, arg);
	case TIOCPKT:
		if (get_user(v, arg))
			return -EFAULT;
		if (v && !pty->packet)
			pty->pktstatus = 0;
		pty->packet = v != 0;
		return 0;
	case TIOCGPKT:
		return ptm_put_int(arg, pty->packet);
	case TIOCSIG:
		/* the signal characters' signals, without the characters */
		if (arg != SIGINT && arg != SIGQUIT && arg != SIGTSTP)
			return -EINVAL;
		if (t->pgrp > 0)
			signal_send_pgrp(t->pgrp, (int)arg, NULL);
		return 0;
	/* The slave's foreground group and session, for whoever holds the
	 * master (tmux, screen): no need to have the slave as ctty. */
	case TIOCGPGRP:
		return ptm_put_int(arg, t->pgrp);
	case TIOCGSID:
		if (!t->session)
			return -ENOTTY;
		return ptm_put_int(arg, t->session);
	/* The master's own queues: input is what the slave wrote. */
	case FIONREAD:
		return ptm_put_int(arg, (int)pty->olen);
	case TIOCOUTQ:
		return ptm_put_int(arg, 0); /* written bytes went to the slave at once */
	case TCFLSH:
		if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH)
			pty_flush_output(pty);
		return 0;
	case TCXONC: case TCSBRK: case TCSBRKP: case TIOCSBRK: case TIOCCBRK:
		return 0;
	case TIOCNOTTY:
		return -ENOTTY; /* the master is never a controlling terminal */
	case TIOCSTI: {
		u8 c;

		/* into the master's own input, which is the ring */
		if (task_current()->cred.euid != 0)
			return -EPERM;
		if (copy_from_user(&c, arg, 1))
			return -EFAULT;
		pty_slave_write(t, &c, 1);
		return 0;
	}
	default:
		/* termios, window size, TIOCSCTTY, TIOCSPGRP...: the slave's,
		 * as Linux's tty_pair_get_tty does for a master */
		return tty_ioctl(t, f, cmd, arg);
	}
}

static void ptm_release(struct file *f)
{
	struct pty *pty = f->priv;

	pty->master_open = false;
	pty->olen = 0;
	devpts_pty_kill(pty->index);
	tty_hangup(&pty->slave);
	if (pty->slave.opens == 0)
		pty_free(pty);
}

static const struct file_ops ptmx_fops = {
	.open = ptmx_open,
	.read = ptm_read,
	.write = ptm_write,
	.poll = ptm_poll,
	.ioctl = ptm_ioctl,
	.release = ptm_release,
};

int pty_init(void)
{
	int err;

	err = chrdev_register(PTY_MASTER_MAJOR, PTY_MASTER_MINOR, 1, "ptmx", &ptmx_fops);
	if (err)
		return err;
	return chrdev_register(PTY_SLAVE_MAJOR, 0, PTY_MAX, "pts", &pts_fops);
}
