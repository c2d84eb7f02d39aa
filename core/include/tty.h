/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Terminals (core/tty/): struct tty, the N_TTY line discipline (canonical
 * editing, echo, ISIG characters, VMIN/VTIME, output processing) and job
 * control (controlling terminal, foreground process group, SIGTTIN and
 * SIGTTOU). A tty driver supplies the output side and feeds input through
 * tty_receive: the console (drivers/console.c) and pseudo-terminals.
 */
#ifndef CORE_TTY_H
#define CORE_TTY_H

#include "task.h"
#include "vfs.h"

/* termios as the guest sees it (struct termios, asm-generic/termbits.h) */
#define NCCS_K 19
struct termios_k {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS_K];
};
_Static_assert(sizeof(struct termios_k) == 36, "struct termios layout");
struct termios2_k {
	struct termios_k t;
	u32 c_ispeed, c_ospeed;
};

struct winsize_k {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc indices */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSWTC 7
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16
/* c_iflag */
#define IGNBRK 0000001
#define BRKINT 0000002
#define IGNPAR 0000004
#define ISTRIP 0000040
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IUCLC 0001000
#define IXON 0002000
#define IXANY 0004000
#define IXOFF 0010000
#define IMAXBEL 0020000
#define IUTF8 0040000
/* c_oflag */
#define OPOST 0000001
#define OLCUC 0000002
#define ONLCR 0000004
#define OCRNL 0000010
#define ONOCR 0000020
#define ONLRET 0000040
#define TABDLY 0014000
#define XTABS 0014000
/* c_cflag */
#define CBAUD 0010017
#define B38400 0000017
#define CSIZE 0000060
#define CS8 0000060
#define CREAD 0000200
#define HUPCL 0002000
#define CLOCAL 0004000
/* c_lflag */
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define ECHOCTL 0001000
#define ECHOPRT 0002000
#define ECHOKE 0004000
#define FLUSHO 0010000
#define PENDIN 0040000
#define IEXTEN 0100000
/* tcflush */
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2

#define TTY_BUF 4096
#define TTY_MAX_LINES 256

/* Lengths of the completed lines in the read buffer (canonical mode). */
struct tty_lines {
	size_t len[TTY_MAX_LINES];
	unsigned head, n;
};

struct tty;
struct tty_ops {
	/* Output bytes, already processed by OPOST. Must take them all. */
	void (*write)(struct tty *tty, const u8 *buf, size_t len);
	/* A reader found nothing to read: feed more input if you hold some
	 * (the console keeps piped input until it is wanted). */
	void (*want_input)(struct tty *tty);
	/* Bytes the driver can take now (pty: room in the peer); 0 = wait. */
	size_t (*write_room)(struct tty *tty);
	/* The last file on this tty closed. */
	void (*close)(struct tty *tty);
	/* termios changed (pty packet mode, console raw handling). */
	void (*set_termios)(struct tty *tty);
	/* An INTR/QUIT/SUSP character flushed the queues (not NOFLSH):
	 * the pty master in packet mode is told (optional). */
	void (*signal_flush)(struct tty *tty);
};

struct tty {
	char name[16];             /* "tty0", "pts/3" */
	u32 rdev;
	const struct tty_ops *ops;
	void *driver_data;
	struct termios_k termios;
	struct winsize_k winsize;
	/* input: completed bytes ready for read */
	u8 rbuf[TTY_BUF];
	size_t rhead, rlen;
	size_t canon_lines;        /* complete lines (or EOFs) in rbuf */
	struct tty_lines lines;
	/* the line being edited in canonical mode */
	u8 lbuf[TTY_BUF];
	size_t llen;
	bool lnext;                /* next char is literal (^V) */
	bool stopped;              /* ^S */
	bool input_eof;            /* the driver's input ended for good */
	bool hung_up;
	int column;                /* for ECHOE over tabs and ONOCR */
	int session;               /* sid of the controlling session, 0 none */
	int pgrp;                  /* foreground process group */
	int opens;
	bool noctty;               /* /dev/console: never a controlling tty */
	struct wait_queue read_wait, write_wait;
};

void tty_init(struct tty *tty, const char *name, u32 rdev, const struct tty_ops *ops);
/* Input from the driver, through the line discipline. May signal. */
void tty_receive(struct tty *tty, const u8 *buf, size_t len);
/* Is the line discipline ready for more input (for drivers that pace it)? */
bool tty_wants_input(struct tty *tty);
void tty_set_winsize(struct tty *tty, u16 rows, u16 cols);
void tty_hangup(struct tty *tty);
/* Open and file ops shared by all tty devices: f->priv is the tty. */
int tty_open_file(struct tty *tty, struct file *f);
extern const struct file_ops tty_fops;
long tty_ioctl(struct tty *tty, struct file *f, unsigned cmd, u64 arg);
void tty_session_leader_exit(struct process *p);
/* /dev/tty: the caller's controlling terminal. */
struct tty *tty_current_ctty(void);
void tty_write_kernel(struct tty *tty, const u8 *buf, size_t len);

#endif
