// SPDX-License-Identifier: GPL-2.0
/*
 * The console: con0 is a tty (/dev/tty0, and /dev/console which never
 * becomes a controlling terminal) whose host side is a pair of channels,
 * by default fd:0 for input and fd:1 for output (UML's con0=fd:0,fd:1).
 *
 * Host input is read as soon as it is ready (an interrupt) into a pending
 * buffer, so nothing the host sends is lost. A host terminal's input goes
 * straight to the line discipline (echo, ^C, ^Z at once, as on a real
 * terminal); piped or file input is handed over one line at a time when a
 * guest reader wants it, like a typist answering a prompt, and its end reads
 * as end-of-file. A host terminal is put in raw mode (the guest's line
 * discipline does the cooking) and restored on every exit.
 */
#include "boot.h"
#include <stdio.h>

#include "chan.h"
#include "registry.h"
#include "console.h"
#include "irq.h"
#include "tty.h"
#include "uapi.h"

#define CON_PENDING_MAX (1024 * 1024)
#define CON_CHUNK 4096

struct console {
	struct tty tty;
	const struct chan_ops *in_ops, *out_ops;
	struct chan *in, *out;
	bool in_is_tty;      /* host terminal: feed input immediately */
	bool out_crlf;       /* host output is a raw terminal: kernel log needs \r\n */
	int in_fd;           /* -1: not pollable, read on demand */
	int irq, winch_irq;
	u8 *pending;         /* host input not yet given to the line discipline */
	size_t plen, pcap;
	bool host_eof;
	bool paused;         /* irq off while pending is full */
};

static struct console_state {
	struct console con0;
	bool ready;
} console_state;

static void con_write(struct tty *tty, const u8 *buf, size_t len)
{
	struct console *c = container_of(tty, struct console, tty);

	if (c->out)
		c->out_ops->write(c->out, buf, len); /* a vanished reader: dropped */
}

/* Give the line discipline what it should have now. */
static void con_feed(struct console *c)
{
	size_t n;

	if (!c->plen) {
		if (c->host_eof && !c->tty.input_eof) {
			c->tty.input_eof = true;
			wq_wake(&c->tty.read_wait, POLLIN | POLLHUP);
		}
		return;
	}
	if (c->in_is_tty) {
		n = c->plen;
	} else {
		/* Piped input goes in a line at a time, in raw mode too (the
		 * shell's line editor reads raw): what follows the line stays
		 * here for whoever reads next, as if typed at its prompt. */
		u8 *nl = memchr(c->pending, '\n', c->plen);

		n = nl ? (size_t)(nl - c->pending) + 1 : c->plen;
		/* an unterminated last line waits for more input or the end,
		 * unless a raw reader takes bytes as they come */
		if (!nl && !c->host_eof && (c->tty.termios.c_lflag & ICANON))
			return;
	}
	n = MIN(n, (size_t)TTY_BUF - c->tty.rlen - 1);
	if (!n)
		return;
	tty_receive(&c->tty, c->pending, n);
	memmove(c->pending, c->pending + n, c->plen - n);
	c->plen -= n;
	if (c->paused && c->plen < CON_PENDING_MAX / 2 && c->irq >= 0) {
		c->paused = false;
		irq_update(c->irq, POLLIN);
	}
	if (!c->plen && c->host_eof)
		con_feed(c);
}

static void con_read_host(struct console *c)
{
	long r;

	while (!c->host_eof && c->plen < CON_PENDING_MAX) {
		if (c->pcap - c->plen < CON_CHUNK) {
			size_t cap = c->pcap ? c->pcap * 2 : 2 * CON_CHUNK;
			u8 *nb = kmalloc(cap);

			if (!nb)
				return;
			if (c->plen) /* pending is NULL before the first chunk */
				memcpy(nb, c->pending, c->plen);
			kfree(c->pending);
			c->pending = nb;
			c->pcap = cap;
		}
		r = c->in_ops->read(c->in, c->pending + c->plen, c->pcap - c->plen);
		if (r == -EAGAIN)
			return;
		if (r <= 0) {
			/* end of input, or the host side failed: both end it */
			c->host_eof = true;
			if (c->irq >= 0)
				irq_update(c->irq, 0);
			return;
		}
		c->plen += (size_t)r;
		if (c->in_fd < 0)
			return; /* on demand: one chunk at a time */
	}
	if (c->plen >= CON_PENDING_MAX && c->irq >= 0) {
		c->paused = true;
		irq_update(c->irq, 0);
	}
}

static void con_irq(void *arg, unsigned revents)
{
	struct console *c = arg;

	con_read_host(c);
	if (c->in_is_tty || tty_wants_input(&c->tty) || (c->host_eof && !c->plen))
		con_feed(c);
}

static void con_want_input(struct tty *tty)
{
	struct console *c = container_of(tty, struct console, tty);

	if (!c->plen && c->in_fd < 0 && !c->host_eof && c->in)
		con_read_host(c);
	con_feed(c);
}

static void con_winch_irq(void *arg, unsigned revents)
{
	struct console *c = arg;
	u16 rows, cols;

	if (c->in_ops->winch && c->in_ops->winch(c->in) &&
	    c->in_ops->winsize(c->in, &rows, &cols) == 0)
		tty_set_winsize(&c->tty, rows, cols);
}

static const struct tty_ops con_tty_ops = {
	.write = con_write,
	.want_input = con_want_input,
};

/* The kernel log sink: raw host terminals need \r\n. */
static void con_log(const char *s, size_t n)
{
	struct console *c = &console_state.con0;
	size_t i, start = 0;

	if (!c->out)
		return;
	if (!c->out_crlf) {
		c->out_ops->write(c->out, s, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '\n') {
			c->out_ops->write(c->out, s + start, i - start);
			c->out_ops->write(c->out, "\r\n", 2);
			start = i + 1;
		}
	}
	if (start < n)
		c->out_ops->write(c->out, s + start, n - start);
}

/* ---- devices: /dev/tty0 (4,0), /dev/console (5,1), /dev/tty (5,0) ---- */

static int con_dev_open(struct inode *inode, struct file *f)
{
	u32 ma = dev_major(inode->rdev), mi = dev_minor(inode->rdev);

	if (ma == 5 && mi == 0) { /* /dev/tty: the controlling terminal */
		struct tty *t = tty_current_ctty();

		if (!t)
			return -ENXIO;
		f->flags |= O_NOCTTY;
		return tty_open_file(t, f);
	}
	if (ma == 5 && mi == 1)
		f->flags |= O_NOCTTY; /* /dev/console never becomes a ctty */
	else if (!(ma == 4 && mi == 0))
		return -ENXIO;
	return tty_open_file(&console_state.con0.tty, f);
}

static const struct file_ops con_dev_fops = {
	.open = con_dev_open,
};

int console_open_for_init(struct file **out)
{
	struct file *f = file_alloc(&tty_fops, O_RDWR | O_NOCTTY);

	if (!f)
		return -ENOMEM;
	f->inode = anon_inode_alloc(S_IFCHR | 0600);
	if (!f->inode) {
		file_put(f);
		return -ENOMEM;
	}
	f->inode->rdev = mkdev(5, 1);
	f->anon_name = "/dev/console";
	tty_open_file(&console_state.con0.tty, f);
	*out = f;
	return 0;
}

static int con_open_chans(struct console *c, const char *spec)
{
	char in[64], out[64];
	const char *comma = strchr(spec, ',');
	size_t n = comma ? (size_t)(comma - spec) : strlen(spec);
	int err;

	if (n >= sizeof(in))
		return -EINVAL;
	memcpy(in, spec, n);
	in[n] = 0;
	snprintf(out, sizeof(out), "%s", comma ? comma + 1 : in);
	err = chan_open(in, true, &c->in_ops, &c->in);
	if (err)
		return err;
	return chan_open(out, false, &c->out_ops, &c->out);
}

int console_init(const struct boot_config *cfg)
{
	struct console *c = &console_state.con0;
	const char *spec = cfg->con[0] ? cfg->con[0] : cfg->con_all ? cfg->con_all : "fd:0,fd:1";
	u16 rows, cols;
	int err;

	tty_init(&c->tty, "tty0", mkdev(4, 0), &con_tty_ops);
	c->irq = c->winch_irq = -1;
	err = con_open_chans(c, spec);
	if (err) {
		/* No console to log to: say it where the user looks. */
		fprintf(stderr, "linux: con0=%s: cannot open the console channels (err=%d)\n",
			spec, err);
		return err;
	}
	c->in_fd = c->in_ops->poll_fd(c->in);
	if (c->in_ops->raw && c->in_ops->raw(c->in) == 0) {
		c->in_is_tty = true;
		c->out_crlf = c->out_ops->winsize(c->out, &rows, &cols) == 0;
	}
	if (c->in_ops->winsize(c->in, &rows, &cols) == 0 ||
	    c->out_ops->winsize(c->out, &rows, &cols) == 0) {
		c->tty.winsize.ws_row = rows;
		c->tty.winsize.ws_col = cols;
	}
	if (c->in_fd >= 0) {
		c->irq = irq_register(c->in_fd, POLLIN, con_irq, c);
		if (c->irq < 0)
			return c->irq;
	}
	if (c->in_ops->winch_fd && c->in_ops->winch_fd(c->in) >= 0)
		c->winch_irq = irq_register(c->in_ops->winch_fd(c->in), POLLIN, con_winch_irq, c);
	chrdev_register(4, 0, 1, "tty0", &con_dev_fops);
	chrdev_register(5, 0, 2, "tty", &con_dev_fops);
	console_state.ready = true;
	printk_set_sink(con_log);
	pr_info("Console initialized on /dev/tty0 (con0=%s)\n", spec);
	return 0;
}

void console_shutdown(void)
{
	struct console *c = &console_state.con0;

	if (c->in) {
		c->in_ops->close(c->in);
		c->in = NULL;
	}
	if (c->out) {
		c->out_ops->close(c->out);
		c->out = NULL;
	}
}

int chan_open(const char *spec, bool input, const struct chan_ops **ops, struct chan **out)
{
	char name[32];
	size_t n = strcspn(spec, ":");
	int i;

	if (n >= sizeof(name))
		return -EINVAL;
	memcpy(name, spec, n);
	name[n] = 0;
	for (i = 0; registry_chan[i]; i++) {
		if (strcmp(registry_chan[i]->name, name) == 0) {
			*ops = registry_chan[i]->ops;
			return (*ops)->open(spec[n] == ':' ? spec + n + 1 : "", input, out);
		}
	}
	return -ENOENT;
}
