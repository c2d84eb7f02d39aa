// SPDX-License-Identifier: GPL-2.0
/*
 * The tty core and the N_TTY line discipline (Linux drivers/tty/n_tty.c,
 * tty_io.c, tty_jobctrl.c, cut to one discipline).
 *
 * Input: tty_receive runs each byte through input processing (ISTRIP,
 * ICRNL/INLCR/IGNCR), flow control (IXON), the signal characters (ISIG:
 * ^C ^\ ^Z to the foreground process group) and, in canonical mode, line
 * editing (ERASE, WERASE, KILL, LNEXT, REPRINT, EOF); completed lines go
 * to the read buffer with a record of each line's length, so a canonical
 * read returns at most one line and an EOF on an empty line reads as 0.
 * Raw mode honours VMIN/VTIME. Echo follows ECHO, ECHOE, ECHOK, ECHOKE,
 * ECHOCTL, ECHONL. Output goes through OPOST (ONLCR, OCRNL, ONOCR, ONLRET).
 * Job control: a background read gets SIGTTIN, a background write with
 * TOSTOP (and settings changes) SIGTTOU, or EIO when the signal is ignored
 * or the group is orphaned, as Linux does.
 */
#include "tty.h"
#include "uaccess.h"

#define CTRL(c) ((c) & 0x1f)

static struct tty_lines *tty_lines_of(struct tty *tty)
{
	return &tty->lines;
}

void tty_init(struct tty *tty, const char *name, u32 rdev, const struct tty_ops *ops)
{
	struct termios_k *t = &tty->termios;

	memset(tty, 0, sizeof(*tty));
	strncpy(tty->name, name, sizeof(tty->name) - 1);
	tty->rdev = rdev;
	tty->ops = ops;
	t->c_iflag = ICRNL | IXON | IUTF8;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = B38400 | CS8 | CREAD | HUPCL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	t->c_cc[VINTR] = CTRL('C');
	t->c_cc[VQUIT] = CTRL('\\');
	t->c_cc[VERASE] = 0177;
	t->c_cc[VKILL] = CTRL('U');
	t->c_cc[VEOF] = CTRL('D');
	t->c_cc[VTIME] = 0;
	t->c_cc[VMIN] = 1;
	t->c_cc[VSTART] = CTRL('Q');
	t->c_cc[VSTOP] = CTRL('S');
	t->c_cc[VSUSP] = CTRL('Z');
	t->c_cc[VREPRINT] = CTRL('R');
	t->c_cc[VDISCARD] = CTRL('O');
	t->c_cc[VWERASE] = CTRL('W');
	t->c_cc[VLNEXT] = CTRL('V');
	tty->winsize.ws_row = 24;
	tty->winsize.ws_col = 80;
	wq_init(&tty->read_wait);
	wq_init(&tty->write_wait);
}

static bool L(struct tty *tty, u32 f) { return tty->termios.c_lflag & f; }
static bool I(struct tty *tty, u32 f) { return tty->termios.c_iflag & f; }
static bool O(struct tty *tty, u32 f) { return tty->termios.c_oflag & f; }
static bool is_cc(struct tty *tty, int idx, u8 c)
{
	return tty->termios.c_cc[idx] != 0 && tty->termios.c_cc[idx] == c;
}

/* ---- output ---- */

/* OPOST processing of buf into the driver. */
static void tty_output(struct tty *tty, const u8 *buf, size_t len)
{
	u8 out[512];
	size_t n = 0, i;

	if (!O(tty, OPOST)) {
		tty->ops->write(tty, buf, len);
		return;
	}
	for (i = 0; i < len; i++) {
		u8 c = buf[i];

		if (n + 2 > sizeof(out)) {
			tty->ops->write(tty, out, n);
			n = 0;
		}
		switch (c) {
		case '\n':
			if (O(tty, ONLRET))
				tty->column = 0;
			if (O(tty, ONLCR)) {
				out[n++] = '\r';
				tty->column = 0;
			}
			out[n++] = '\n';
			break;
		case '\r':
			if (O(tty, ONOCR) && tty->column == 0)
				break;
			if (O(tty, OCRNL)) {
				out[n++] = '\n';
				if (O(tty, ONLRET))
					tty->column = 0;
				break;
			}
			tty->column = 0;
			out[n++] = c;
			break;
		case '\t':
			tty->column = (tty->column | 7) + 1;
			out[n++] = c;
			break;
		case '\b':
			if (tty->column > 0)
				tty->column--;
			out[n++] = c;
			break;
		default:
			if (O(tty, OLCUC) && c >= 'a' && c <= 'z')
				c = (u8)(c - 'a' + 'A');
			if (c >= 32 && c != 0177)
				tty->column++;
			out[n++] = c;
			break;
		}
	}
	if (n)
		tty->ops->write(tty, out, n);
}

void tty_write_kernel(struct tty *tty, const u8 *buf, size_t len)
{
	tty_output(tty, buf, len);
}

static void echo_char(struct tty *tty, u8 c)
{
	if (L(tty, ECHOCTL) && ((c < 32 && c != '\t' && c != '\n') || c == 0177)) {
		u8 s[2] = { '^', (u8)(c ^ 0100) };

		tty_output(tty, s, 2);
	} else {
		tty_output(tty, &c, 1);
	}
}

static void echo_erase(struct tty *tty, u8 c)
{
	static const u8 bs[] = "\b \b";
	int w = 1;

	if (L(tty, ECHOCTL) && ((c < 32 && c != '\t') || c == 0177))
		w = 2;
	while (w--)
		tty_output(tty, bs, 3);
}

/* ---- input buffers ---- */

static void rbuf_put(struct tty *tty, u8 c)
{
	if (tty->rlen >= TTY_BUF)
		return; /* full: Linux drops too */
	tty->rbuf[(tty->rhead + tty->rlen) % TTY_BUF] = c;
	tty->rlen++;
}

static void push_line(struct tty *tty)
{
	struct tty_lines *l = tty_lines_of(tty);
	size_t i, n = tty->llen;

	if (l->n == TTY_MAX_LINES || tty->rlen + n > TTY_BUF)
		n = 0; /* no room: the line is lost, as on Linux with a full buffer */
	for (i = 0; i < n; i++)
		rbuf_put(tty, tty->lbuf[i]);
	if (l->n < TTY_MAX_LINES) {
		l->len[(l->head + l->n) % TTY_MAX_LINES] = n;
		l->n++;
	}
	tty->llen = 0;
	tty->canon_lines = l->n;
	wq_wake(&tty->read_wait, POLLIN | POLLRDNORM);
}

static void flush_input(struct tty *tty)
{
	struct tty_lines *l = tty_lines_of(tty);

	tty->rhead = tty->rlen = 0;
	tty->llen = 0;
	l->head = l->n = 0;
	tty->canon_lines = 0;
}

static void tty_signal(struct tty *tty, int sig)
{
	if (!L(tty, NOFLSH)) {
		flush_input(tty);
		if (tty->ops->signal_flush)
			tty->ops->signal_flush(tty);
	}
	if (tty->pgrp > 0)
		signal_send_pgrp(tty->pgrp, sig, NULL);
}

static void erase_word(struct tty *tty)
{
	/* skip trailing blanks, then the word */
	while (tty->llen && (tty->lbuf[tty->llen - 1] == ' ' || tty->lbuf[tty->llen - 1] == '\t')) {
		tty->llen--;
		if (L(tty, ECHO))
			echo_erase(tty, ' ');
	}
	while (tty->llen && tty->lbuf[tty->llen - 1] != ' ' && tty->lbuf[tty->llen - 1] != '\t') {
		u8 c = tty->lbuf[--tty->llen];

		if (L(tty, ECHO))
			echo_erase(tty, c);
	}
}

static void canon_char(struct tty *tty, u8 c)
{
	if (is_cc(tty, VERASE, c) || (c == '\b' && is_cc(tty, VERASE, 0177) && 0)) {
		if (tty->llen) {
			u8 d = tty->lbuf[--tty->llen];

			if (L(tty, ECHO) && L(tty, ECHOE))
				echo_erase(tty, d);
			else if (L(tty, ECHO))
				echo_char(tty, c);
		}
		return;
	}
	if (L(tty, IEXTEN) && is_cc(tty, VWERASE, c)) {
		erase_word(tty);
		return;
	}
	if (is_cc(tty, VKILL, c)) {
		if (L(tty, ECHO) && L(tty, ECHOKE)) {
			while (tty->llen)
				echo_erase(tty, tty->lbuf[--tty->llen]);
		} else {
			tty->llen = 0;
			if (L(tty, ECHO)) {
				echo_char(tty, c);
				if (L(tty, ECHOK))
					tty_output(tty, (const u8 *)"\n", 1);
			}
		}
		tty->llen = 0;
		return;
	}
	if (L(tty, IEXTEN) && is_cc(tty, VLNEXT, c)) {
		tty->lnext = true;
		if (L(tty, ECHO) && L(tty, ECHOCTL))
			tty_output(tty, (const u8 *)"^\b", 2);
		return;
	}
	if (L(tty, IEXTEN) && is_cc(tty, VREPRINT, c)) {
		if (L(tty, ECHO)) {
			echo_char(tty, c);
			tty_output(tty, (const u8 *)"\n", 1);
			tty_output(tty, tty->lbuf, tty->llen);
		}
		return;
	}
	if (is_cc(tty, VEOF, c)) {
		push_line(tty); /* no character: an empty line reads as EOF */
		return;
	}
	if (c == '\n' || is_cc(tty, VEOL, c) || is_cc(tty, VEOL2, c)) {
		if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
			echo_char(tty, c);
		if (tty->llen < TTY_BUF)
			tty->lbuf[tty->llen++] = c;
		push_line(tty);
		return;
	}
	/* Keep room for the newline that ends the line (Linux: 4095 + \n). */
	if (tty->llen < TTY_BUF - 1) {
		tty->lbuf[tty->llen++] = c;
		if (L(tty, ECHO))
			echo_char(tty, c);
	}
}

static void n_tty_char(struct tty *tty, u8 c)
{
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (tty->lnext) {
		tty->lnext = false;
		if (L(tty, ICANON)) {
			if (L(tty, ECHO) && L(tty, ECHOCTL))
				tty_output(tty, (const u8 *)"\b", 1);
			if (tty->llen < TTY_BUF - 1)
				tty->lbuf[tty->llen++] = c;
			if (L(tty, ECHO))
				echo_char(tty, c);
		} else {
			rbuf_put(tty, c);
		}
		return;
	}
	if (I(tty, IXON)) {
		if (is_cc(tty, VSTOP, c)) {
			tty->stopped = true;
			return;
		}
		if (is_cc(tty, VSTART, c)) {
			tty->stopped = false;
			wq_wake(&tty->write_wait, POLLOUT);
			return;
		}
		if (tty->stopped && I(tty, IXANY)) {
			tty->stopped = false;
			wq_wake(&tty->write_wait, POLLOUT);
		}
	}
	if (c == '\r') {
		if (I(tty, IGNCR))
			return;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ISIG)) {
		int sig = is_cc(tty, VINTR, c) ? SIGINT : is_cc(tty, VQUIT, c) ? SIGQUIT :
			  is_cc(tty, VSUSP, c) ? SIGTSTP : 0;

		if (sig) {
			if (L(tty, ECHO))
				echo_char(tty, c);
			tty_signal(tty, sig);
			return;
		}
	}
	if (L(tty, ICANON)) {
		canon_char(tty, c);
		return;
	}
	rbuf_put(tty, c);
	if (L(tty, ECHO))
		echo_char(tty, c);
	wq_wake(&tty->read_wait, POLLIN | POLLRDNORM);
}

void tty_receive(struct tty *tty, const u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		n_tty_char(tty, buf[i]);
}

static bool tty_readable(struct tty *tty)
{
	if (L(tty, ICANON))
		return tty_lines_of(tty)->n > 0;
	return tty->rlen > 0;
}

bool tty_wants_input(struct tty *tty)
{
	return !tty_readable(tty) && wq_active(&tty->read_wait);
}

/* ---- job control ---- */

static bool sig_blocked_or_ignored(struct task *t, int sig)
{
	return (t->blocked & SIGMASK(sig)) || signal_ignored(t, sig);
}

/* Linux's tty_check_change / job_control: is the caller allowed? */
static int tty_job_check(struct tty *tty, int sig)
{
	struct task *t = task_current();
	struct process *p = t->proc;

	if (p->ctty != tty || !tty->pgrp || p->pgid == tty->pgrp)
		return 0;
	if (sig == SIGTTOU && sig_blocked_or_ignored(t, SIGTTOU))
		return 0;
	if (sig == SIGTTIN && sig_blocked_or_ignored(t, SIGTTIN))
		return -EIO;
	if (proc_pgrp_orphaned(p->pgid))
		return -EIO;
	signal_send_pgrp(p->pgid, sig, NULL);
	return -ERESTARTSYS;
}

/* ---- file operations ---- */

static long tty_read_canon(struct tty *tty, struct iov_iter *to)
{
	struct tty_lines *l = tty_lines_of(tty);
	size_t *rec = &l->len[l->head];
	size_t n = MIN(*rec, to->count), i, got;
	u8 tmp[TTY_BUF] = { 0 };

	for (i = 0; i < n; i++)
		tmp[i] = tty->rbuf[(tty->rhead + i) % TTY_BUF];
	/* "^D" on an empty line: consume the record, read 0 */
	got = iov_copy_to(to, tmp, n);
	if (got < n && !got && n)
		return -EFAULT;
	tty->rhead = (tty->rhead + got) % TTY_BUF;
	tty->rlen -= got;
	*rec -= got;
	if (*rec == 0) {
		l->head = (l->head + 1) % TTY_MAX_LINES;
		l->n--;
		tty->canon_lines = l->n;
	}
	return (long)got;
}

static long tty_read_raw(struct tty *tty, struct iov_iter *to)
{
	size_t n = MIN(tty->rlen, to->count), i, got;
	u8 tmp[TTY_BUF] = { 0 };

	for (i = 0; i < n; i++)
		tmp[i] = tty->rbuf[(tty->rhead + i) % TTY_BUF];
	got = iov_copy_to(to, tmp, n);
	if (!got && n)
		return -EFAULT;
	tty->rhead = (tty->rhead + got) % TTY_BUF;
	tty->rlen -= got;
	return (long)got;
}

static long tty_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct tty *tty = f->priv;
	s64 deadline = S64_MAX;
	int err;

	err = tty_job_check(tty, SIGTTIN);
	if (err)
		return err;
	if (!to->count)
		return 0; /* n_tty_read's loop runs while there is room */
	for (;;) {
		if (tty_readable(tty)) {
			if (L(tty, ICANON))
				return tty_read_canon(tty, to);
			if (!(tty->termios.c_cc[VMIN] > 1 && tty->rlen < MIN((size_t)tty->termios.c_cc[VMIN], to->count) &&
			      deadline != -1))
				return tty_read_raw(tty, to);
		}
		if (tty->hung_up || tty->input_eof) {
			if (!L(tty, ICANON) && tty->rlen)
				return tty_read_raw(tty, to);
			return 0;
		}
		if (tty->ops->want_input) {
			tty->ops->want_input(tty);
			if (tty_readable(tty))
				continue;
			if (tty->input_eof)
				continue;
		}
		if (!L(tty, ICANON)) {
			u8 vmin = tty->termios.c_cc[VMIN], vtime = tty->termios.c_cc[VTIME];

			if (vmin == 0 && vtime == 0)
				return tty->rlen ? tty_read_raw(tty, to) : 0;
			if (vtime && deadline == S64_MAX && (vmin == 0 || tty->rlen))
				deadline = time_mono() + (s64)vtime * 100000000LL;
		}
		if (f->flags & O_NONBLOCK) {
			/* n_tty_read copies what is there before it would wait:
			 * fewer than VMIN bytes are a short read, not EAGAIN */
			if (!L(tty, ICANON) && tty->rlen)
				return tty_read_raw(tty, to);
			return -EAGAIN;
		}
		{
			struct wait_entry we = { .task = task_current() };

			wq_add(&tty->read_wait, &we);
			err = sched_sleep(TASK_INTERRUPTIBLE, deadline);
			wq_del(&we);
		}
		if (err == -EINTR)
			return -ERESTARTSYS;
		if (err == -ETIMEDOUT) {
			if (tty->rlen)
				return tty_read_raw(tty, to);
			return 0;
		}
		if (!L(tty, ICANON) && tty->rlen && tty->termios.c_cc[VTIME] && tty->termios.c_cc[VMIN])
			deadline = time_mono() + (s64)tty->termios.c_cc[VTIME] * 100000000LL;
		err = tty_job_check(tty, SIGTTIN);
		if (err)
			return err;
	}
}

static long tty_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	struct tty *tty = f->priv;
	size_t done = 0;
	u8 buf[1024];
	int err;

	if (tty->hung_up)
		return -EIO;
	if (L(tty, TOSTOP)) {
		err = tty_job_check(tty, SIGTTOU);
		if (err)
			return err;
	}
	while (from->count) {
		size_t n = MIN(from->count, sizeof(buf)), got;

		if (tty->stopped || (tty->ops->write_room && tty->ops->write_room(tty) == 0)) {
			if (f->flags & O_NONBLOCK)
				return done ? (long)done : -EAGAIN;
			err = wait_event_interruptible(&tty->write_wait,
						       tty->hung_up || (!tty->stopped &&
						       (!tty->ops->write_room || tty->ops->write_room(tty))));
			if (err)
				return done ? (long)done : err;
			if (tty->hung_up)
				return done ? (long)done : -EIO;
		}
		if (tty->ops->write_room)
			n = MIN(n, tty->ops->write_room(tty));
		got = iov_copy_from(from, buf, n);
		if (!got)
			return done ? (long)done : -EFAULT;
		tty_output(tty, buf, got);
		done += got;
	}
	return (long)done;
}

static unsigned tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty *tty = f->priv;
	unsigned mask = 0;

	poll_wait(f, &tty->read_wait, pt);
	poll_wait(f, &tty->write_wait, pt);
	if (!tty_readable(tty) && tty->ops->want_input)
		tty->ops->want_input(tty);
	if (tty_readable(tty) || tty->input_eof)
		mask |= POLLIN | POLLRDNORM;
	if (tty->hung_up)
		mask |= POLLHUP | POLLIN | POLLRDNORM;
	if (!tty->stopped && (!tty->ops->write_room || tty->ops->write_room(tty)))
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

int tty_open_file(struct tty *tty, struct file *f)
{
	struct process *p = task_current()->proc;

	f->priv = tty;
	f->ops = &tty_fops;
	tty->opens++;
	if (!(f->flags & O_NOCTTY) && !tty->noctty && p->sid == p->pid && !p->ctty && !tty->session) {
		p->ctty = tty;
		tty->session = p->sid;
		tty->pgrp = p->pgid;
	}
	return 0;
}

static void tty_release(struct file *f)
{
	struct tty *tty = f->priv;

	if (--tty->opens == 0 && tty->ops->close)
		tty->ops->close(tty);
}

static void tty_disassociate(struct tty *tty)
{
	struct process *q;

	for (q = process_next(NULL); q; q = process_next(q))
		if (q->ctty == tty)
			q->ctty = NULL;
	tty->session = 0;
	tty->pgrp = 0;
}

void tty_session_leader_exit(struct process *p)
{
	struct tty *tty = p->ctty;

	if (!tty || tty->session != p->sid)
		return;
	if (tty->pgrp > 0) {
		signal_send_pgrp(tty->pgrp, SIGHUP, NULL);
		signal_send_pgrp(tty->pgrp, SIGCONT, NULL);
	}
	tty_disassociate(tty);
}

void tty_hangup(struct tty *tty)
{
	int sid = tty->session;
	struct process *q;

	tty->hung_up = true;
	if (sid) {
		/* SIGHUP and SIGCONT to the session leader, as Linux's tty_vhangup */
		q = process_by_pid(sid);
		if (q && q->ctty == tty) {
			signal_send_process(q, SIGHUP, NULL);
			signal_send_process(q, SIGCONT, NULL);
		}
		if (tty->pgrp > 0 && tty->pgrp != sid)
			signal_send_pgrp(tty->pgrp, SIGHUP, NULL);
	}
	tty_disassociate(tty);
	wq_wake(&tty->read_wait, POLLHUP);
	wq_wake(&tty->write_wait, POLLHUP);
}

void tty_set_winsize(struct tty *tty, u16 rows, u16 cols)
{
	if (tty->winsize.ws_row == rows && tty->winsize.ws_col == cols)
		return;
	tty->winsize.ws_row = rows;
	tty->winsize.ws_col = cols;
	if (tty->pgrp > 0)
		signal_send_pgrp(tty->pgrp, SIGWINCH, NULL);
}

/* A new termios: keep the buffered input consistent across ICANON flips. */
static void tty_set_termios(struct tty *tty, const struct termios_k *nt)
{
	bool was_canon = L(tty, ICANON);
	struct tty_lines *l = tty_lines_of(tty);

	tty->termios = *nt;
	if (was_canon && !L(tty, ICANON)) {
		size_t i;

		/* the partial line becomes readable raw input */
		for (i = 0; i < tty->llen; i++)
			rbuf_put(tty, tty->lbuf[i]);
		tty->llen = 0;
		l->head = l->n = 0;
		tty->canon_lines = 0;
		wq_wake(&tty->read_wait, POLLIN);
	} else if (!was_canon && L(tty, ICANON) && tty->rlen) {
		/* raw bytes already there read as one line */
		l->head = 0;
		l->n = 1;
		l->len[0] = tty->rlen;
		tty->canon_lines = 1;
	}
	if (!I(tty, IXON) && tty->stopped) {
		tty->stopped = false;
		wq_wake(&tty->write_wait, POLLOUT);
	}
	if (tty->ops->set_termios)
		tty->ops->set_termios(tty);
}

struct tty *tty_current_ctty(void)
{
	return task_current()->proc->ctty;
}

static int tiocsctty(struct tty *tty, u64 arg)
{
	struct task *t = task_current();
	struct process *p = t->proc;

	if (p->ctty == tty)
		return 0;
	if (p->sid != p->pid || p->ctty)
		return -EPERM;
	if (tty->session && tty->session != p->sid) {
		if (arg == 1 && t->cred.euid == 0)
			tty_disassociate(tty);
		else
			return -EPERM;
	}
	p->ctty = tty;
	tty->session = p->sid;
	tty->pgrp = p->pgid;
	return 0;
}

static int tiocspgrp(struct tty *tty, u64 arg)
{
	struct process *p = task_current()->proc, *q;
	int pgrp, err;
	bool ok = false;

	if (p->ctty != tty || tty->session != p->sid)
		return -ENOTTY;
	err = tty_job_check(tty, SIGTTOU);
	if (err)
		return err;
	if (copy_from_user(&pgrp, arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	for (q = process_next(NULL); q; q = process_next(q))
		if (q->pgid == pgrp) { /* zombies keep their group alive until reaped (Linux) */
			if (q->sid != p->sid)
				return -EPERM;
			ok = true;
		}
	if (!ok)
		return -ESRCH;
	tty->pgrp = pgrp;
	return 0;
}

long tty_ioctl(struct tty *tty, struct file *f, unsigned cmd, u64 arg)
{
	struct process *p = task_current()->proc;
	struct termios2_k t2;
	int v, err;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(arg, &tty->termios, sizeof(tty->termios)) ? -EFAULT : 0;
	case TCGETS2:
		t2.t = tty->termios;
		t2.c_ispeed = t2.c_ospeed = 38400;
		return copy_to_user(arg, &t2, sizeof(t2)) ? -EFAULT : 0;
	case TCSETS: case TCSETSW: case TCSETSF:
	case TCSETS2: case 0x402c542c: case 0x402c542d: /* TCSETSW2, TCSETSF2 */
		err = tty_job_check(tty, SIGTTOU);
		if (err)
			return err;
		if (copy_from_user(&t2.t, arg, sizeof(t2.t)))
			return -EFAULT;
		if (cmd == TCSETSF || cmd == 0x402c542d)
			flush_input(tty);
		tty_set_termios(tty, &t2.t);
		return 0;
	case TCGETA: case TCSETA: case TCSETAW: case TCSETAF:
		return -EINVAL; /* struct termio: nothing here uses it */
	case TIOCGWINSZ:
		return copy_to_user(arg, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ: {
		struct winsize_k ws;

		if (copy_from_user(&ws, arg, sizeof(ws)))
			return -EFAULT;
		tty->winsize.ws_xpixel = ws.ws_xpixel;
		tty->winsize.ws_ypixel = ws.ws_ypixel;
		tty_set_winsize(tty, ws.ws_row, ws.ws_col);
		return 0;
	}
	case TIOCGPGRP:
		if (p->ctty != tty)
			return -ENOTTY;
		v = tty->pgrp;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSPGRP:
		return tiocspgrp(tty, arg);
	case TIOCGSID:
		if (p->ctty != tty || !tty->session)
			return -ENOTTY;
		v = tty->session;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSCTTY:
		return tiocsctty(tty, arg);
	case TIOCNOTTY:
		if (p->ctty != tty)
			return -ENOTTY;
		if (p->sid == p->pid)
			tty_session_leader_exit(p);
		else
			p->ctty = NULL;
		return 0;
	case FIONREAD:
		v = (int)tty->rlen;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCOUTQ:
		v = 0;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TCFLSH:
		err = tty_job_check(tty, SIGTTOU);
		if (err)
			return err;
		if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH)
			flush_input(tty);
		return 0;
	case TCXONC:
		err = tty_job_check(tty, SIGTTOU);
		if (err)
			return err;
		switch (arg) {
		case 0: tty->stopped = true; return 0;   /* TCOOFF */
		case 1: tty->stopped = false; wq_wake(&tty->write_wait, POLLOUT); return 0;
		case 2: case 3: return 0;                /* TCIOFF/TCION: nothing to pace */
		default: return -EINVAL;
		}
	case TCSBRK: case TCSBRKP: case TIOCSBRK: case TIOCCBRK:
		return 0; /* output is written synchronously: already drained */
	case TIOCSTI: {
		u8 c;

		if (p->ctty != tty && task_current()->cred.euid != 0)
			return -EPERM;
		if (copy_from_user(&c, arg, 1))
			return -EFAULT;
		tty_receive(tty, &c, 1);
		return 0;
	}
	case TIOCEXCL: case TIOCNXCL:
		return 0;
	case TIOCGETD:
		v = 0;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSETD:
		if (copy_from_user(&v, arg, sizeof(v)))
			return -EFAULT;
		return v == 0 ? 0 : -EINVAL;
	case TIOCVHANGUP:
		if (task_current()->cred.euid != 0)
			return -EPERM;
		tty_hangup(tty);
		return 0;
	case TIOCGDEV: {
		u32 d = tty->rdev;

		return copy_to_user(arg, &d, sizeof(d)) ? -EFAULT : 0;
	}
	case TIOCMGET: case TIOCMSET: case TIOCMBIS: case TIOCMBIC:
		return -EINVAL;
	default:
		return -ENOTTY;
	}
}

static long tty_file_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	return tty_ioctl(f->priv, f, cmd, arg);
}

const struct file_ops tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.ioctl = tty_file_ioctl,
	.release = tty_release,
};
