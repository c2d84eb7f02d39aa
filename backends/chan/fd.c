// SPDX-License-Identifier: GPL-2.0
/*
 * The fd console channel (UML's fd:N): a host file descriptor the VM
 * inherited. A terminal is switched to raw mode while the VM runs (the
 * guest's line discipline cooks input) and restored at exit, including
 * on a crash; SIGWINCH is turned into a readable pipe for the console.
 * Regular files and /dev/null cannot interrupt: poll_fd says so and the
 * console reads them on demand.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "chan.h"

struct chan {
	int fd;
	bool input;
	bool pollable;
	bool raw;
};

static struct chan_fd_state {
	int tty_fd;                 /* the terminal we made raw, -1 if none */
	struct termios saved;       /* its settings before */
	int winch_pipe[2];
	bool atexit_done;
} chan_fd_state = { .tty_fd = -1, .winch_pipe = { -1, -1 } };

/* Async-signal-safe: also called from the kernel's crash handler. */
void chan_fd_restore_terminal(void)
{
	if (chan_fd_state.tty_fd >= 0) {
		tcsetattr(chan_fd_state.tty_fd, TCSADRAIN, &chan_fd_state.saved);
		chan_fd_state.tty_fd = -1;
	}
}

static int fd_open(const char *arg, bool input, struct chan **out)
{
	struct chan *c;
	struct stat st;
	char *end;
	long fd = strtol(arg, &end, 10);

	if (!*arg || *end || fd < 0 || fd > 1023) {
		fprintf(stderr, "linux: fd:%s: not a file descriptor number\n", arg);
		return -EINVAL;
	}
	if (fstat((int)fd, &st) < 0) {
		fprintf(stderr, "linux: fd:%ld is not open in this process\n", fd);
		return -EBADF;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->fd = (int)fd;
	c->input = input;
	c->pollable = !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) && !S_ISBLK(st.st_mode);
	*out = c;
	return 0;
}

static void fd_close(struct chan *c)
{
	if (c->raw)
		chan_fd_restore_terminal();
	free(c);
}

static int fd_poll_fd(struct chan *c)
{
	return c->pollable ? c->fd : -1;
}

static long fd_read(struct chan *c, void *buf, size_t len)
{
	for (;;) {
		ssize_t r = read(c->fd, buf, len);

		if (r >= 0)
			return r;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN)
			return -EAGAIN;
		return -errno;
	}
}

static long fd_write(struct chan *c, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r = write(c->fd, (const char *)buf + done, len - done);

		if (r > 0) {
			done += (size_t)r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN) {
			struct pollfd p = { c->fd, POLLOUT, 0 };

			poll(&p, 1, 1000);
			continue;
		}
		return r < 0 ? -errno : -EIO;
	}
	return (long)done;
}

static int fd_winsize(struct chan *c, u16 *rows, u16 *cols)
{
	struct winsize ws;

	if (ioctl(c->fd, TIOCGWINSZ, &ws) < 0 || ws.ws_row == 0)
		return -ENOTTY;
	*rows = ws.ws_row;
	*cols = ws.ws_col;
	return 0;
}

static void fd_sigwinch(int sig)
{
	int saved = errno;
	char b = 0;

	(void)sig;
	if (write(chan_fd_state.winch_pipe[1], &b, 1) < 0) {
		/* full: a wake-up is pending already */
	}
	errno = saved;
}

static int fd_raw(struct chan *c)
{
	struct termios t;
	struct sigaction sa;

	if (!isatty(c->fd) || chan_fd_state.tty_fd >= 0)
		return -ENOTTY;
	if (tcgetattr(c->fd, &chan_fd_state.saved) < 0)
		return -errno;
	t = chan_fd_state.saved;
	t.c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t.c_oflag &= ~(unsigned)OPOST;
	t.c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t.c_cflag &= ~(unsigned)(CSIZE | PARENB);
	t.c_cflag |= CS8;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(c->fd, TCSADRAIN, &t) < 0)
		return -errno;
	chan_fd_state.tty_fd = c->fd;
	c->raw = true;
	if (!chan_fd_state.atexit_done) {
		atexit(chan_fd_restore_terminal);
		chan_fd_state.atexit_done = true;
	}
	if (pipe2(chan_fd_state.winch_pipe, O_CLOEXEC | O_NONBLOCK) == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = fd_sigwinch;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGWINCH, &sa, NULL);
	}
	return 0;
}

static int fd_winch_fd(struct chan *c)
{
	return c->raw ? chan_fd_state.winch_pipe[0] : -1;
}

static bool fd_winch(struct chan *c)
{
	char buf[64];
	bool fired = false;

	while (read(chan_fd_state.winch_pipe[0], buf, sizeof(buf)) > 0)
		fired = true;
	return fired;
}

static const struct chan_ops fd_ops = {
	.open = fd_open,
	.close = fd_close,
	.poll_fd = fd_poll_fd,
	.read = fd_read,
	.write = fd_write,
	.winsize = fd_winsize,
	.raw = fd_raw,
	.winch_fd = fd_winch_fd,
	.winch = fd_winch,
};

const struct chan_backend chan_fd = {
	.name = "fd",
	.help = "fd:<n>  a file descriptor of the kernel process (default con0=fd:0,fd:1)",
	.ops = &fd_ops,
};
