/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Console channels: the host end of a guest console (UML's chan_user).
 * `con0=fd:0,fd:1` gives con0 an input channel fd:0 and an output channel
 * fd:1; `null` discards. Backends live in backends/chan/ and are found by
 * exact name in the registry. The guest side (tty line discipline, devices)
 * is drivers/console.c.
 */
#ifndef CORE_CHAN_H
#define CORE_CHAN_H

#include "kernel.h"

struct chan; /* opaque to core */

struct chan_ops {
	/* arg: the text after "name:" ("0" for fd:0), may be "". input says
	 * which direction the console uses it for. -EINVAL with a message
	 * printed for a malformed arg. */
	int (*open)(const char *arg, bool input, struct chan **out);
	void (*close)(struct chan *c);
	/* An fd that becomes readable when input is available, for the
	 * interrupt loop; -1 if reads never block (regular file, null). */
	int (*poll_fd)(struct chan *c);
	/* >0 bytes, 0 end of input, -EAGAIN nothing now, -errno. */
	long (*read)(struct chan *c, void *buf, size_t len);
	/* Writes all of buf (waits on a full pipe/terminal); -errno. */
	long (*write)(struct chan *c, const void *buf, size_t len);
	/* Window size of a host terminal; -ENOTTY if not a terminal. */
	int (*winsize)(struct chan *c, u16 *rows, u16 *cols);
	/* Put a host terminal in raw mode (restored by close and at exit);
	 * 0 if done, -ENOTTY if not a terminal. */
	int (*raw)(struct chan *c);
	/* An fd that becomes readable when the host terminal is resized
	 * (-1 if not a terminal); winch() drains it and says if it fired. */
	int (*winch_fd)(struct chan *c);
	bool (*winch)(struct chan *c);
};

struct chan_backend {
	const char *name;
	const char *help;
	const struct chan_ops *ops;
};

int chan_open(const char *spec, bool input, const struct chan_ops **ops, struct chan **out);

#endif
