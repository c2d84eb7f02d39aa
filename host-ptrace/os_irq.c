// SPDX-License-Identifier: GPL-2.0
/*
 * Host signals, interrupts and time for the ptrace backends.
 *
 * A guest runs in a traced child while the kernel waits in waitpid. Anything
 * that needs the kernel's attention meanwhile - a registered fd becoming ready
 * (O_ASYNC -> SIGIO), the deadline timer (SIGALRM), a request to terminate
 * (SIGTERM/SIGINT/SIGHUP) - runs a handler here that records it and stops the
 * running child with PTRACE_INTERRUPT, so ctx_run returns INTERRUPTED. The
 * handlers touch only the volatile fields of os_irq_state. When no guest can
 * run, os_poll waits in ppoll; a self-pipe makes notes wake it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "os.h"

#define OS_MAX_ASYNC_FDS 64

struct os_saved_fd {
	int fd;
	int flags; /* F_GETFL before we added O_ASYNC|O_NONBLOCK */
	int owner;
};

static struct os_irq_state {
	volatile pid_t running;          /* child to interrupt, 0 if none (handlers read) */
	volatile sig_atomic_t irq;       /* an interrupt arrived (handlers write) */
	volatile sig_atomic_t notes;     /* HOST_NOTE_* (handlers write) */
	int note_pipe[2];                /* boot-only: self-pipe that wakes os_poll */
	timer_t deadline_timer;          /* boot-only */
	s64 deadline;                    /* armed absolute deadline, S64_MAX if none */
	struct os_saved_fd saved[OS_MAX_ASYNC_FDS]; /* fds whose flags we changed */
	int nsaved;
} os_irq_state = { .deadline = INT64_MAX };

static void os_kick_running(void)
{
	pid_t pid = os_irq_state.running;

	if (pid > 0)
		ptrace(PTRACE_INTERRUPT, pid, 0, 0);
}

static void os_sigio(int sig)
{
	int saved = errno;

	(void)sig;
	os_irq_state.irq = 1;
	os_kick_running();
	errno = saved;
}

static void os_sigalrm(int sig)
{
	int saved = errno;

	(void)sig;
	os_irq_state.irq = 1;
	os_irq_state.deadline = INT64_MAX; /* fired: the next set_deadline re-arms */
	os_kick_running();
	errno = saved;
}

static void os_sigterm(int sig)
{
	int saved = errno;
	char c = (char)sig;

	os_irq_state.notes |= HOST_NOTE_TERMINATE;
	os_irq_state.irq = 1;
	if (write(os_irq_state.note_pipe[1], &c, 1) < 0) {
		/* the pipe is full: a wake-up is already pending */
	}
	os_kick_running();
	errno = saved;
}

static int os_handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = SA_RESTART;
	sigfillset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

int os_irq_init(void)
{
	struct sigevent sev;

	if (pipe2(os_irq_state.note_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGALRM;
	if (timer_create(CLOCK_MONOTONIC, &sev, &os_irq_state.deadline_timer) < 0)
		return -errno;
	if (os_handle(SIGIO, os_sigio) < 0 || os_handle(SIGALRM, os_sigalrm) < 0 ||
	    os_handle(SIGTERM, os_sigterm) < 0 || os_handle(SIGINT, os_sigterm) < 0 ||
	    os_handle(SIGHUP, os_sigterm) < 0)
		return -errno;
	/* A vanished console reader must not kill the VM: writes get EPIPE. */
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

void os_irq_set_running(pid_t pid)
{
	os_irq_state.running = pid;
	/* An interrupt that came since the kernel last took them (irq_take) -
	 * a deadline already past when it was set, I/O ready between two
	 * runs - found no child to stop. Stop this one now (PTRACE_INTERRUPT
	 * on a stopped tracee stops it again right after it resumes), or a
	 * busy guest runs on with the kernel's work pending. The handlers run
	 * on this thread: either they see pid or we see irq. */
	if (pid > 0 && os_irq_state.irq)
		os_kick_running();
}

s64 os_clock_now(int clock)
{
	struct timespec ts;

	clock_gettime(clock == 0 ? CLOCK_REALTIME : CLOCK_MONOTONIC, &ts);
	return (s64)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void os_set_deadline(s64 deadline_ns)
{
	struct itimerspec its;

	if (deadline_ns == os_irq_state.deadline)
		return;
	memset(&its, 0, sizeof(its));
	if (deadline_ns != INT64_MAX) {
		if (deadline_ns <= 0)
			deadline_ns = 1;
		its.it_value.tv_sec = deadline_ns / 1000000000LL;
		its.it_value.tv_nsec = deadline_ns % 1000000000LL;
	}
	os_irq_state.deadline = deadline_ns;
	timer_settime(os_irq_state.deadline_timer, TIMER_ABSTIME, &its, NULL);
}

int os_poll(struct host_pollfd *fds, int nfds, s64 timeout_ns)
{
	struct pollfd pfd[OS_MAX_ASYNC_FDS * 2 + 1];
	struct timespec ts, now = { 0, 0 }, *tsp = NULL;
	int i, n, ready = 0;
	char drain[64];

	if (nfds > (int)(sizeof(pfd) / sizeof(pfd[0])) - 1)
		nfds = (int)(sizeof(pfd) / sizeof(pfd[0])) - 1;
	for (i = 0; i < nfds; i++) {
		pfd[i].fd = fds[i].fd;
		pfd[i].events = fds[i].events;
		pfd[i].revents = 0;
	}
	pfd[nfds].fd = os_irq_state.note_pipe[0];
	pfd[nfds].events = POLLIN;
	pfd[nfds].revents = 0;
	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000LL;
		ts.tv_nsec = timeout_ns % 1000000000LL;
		tsp = &ts;
	}
	/* A note not yet taken: just look (its wake-up byte may be drained). */
	if (os_irq_state.notes)
		tsp = &now;
	n = ppoll(pfd, nfds + 1, tsp, NULL);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	if (pfd[nfds].revents & POLLIN) {
		while (read(os_irq_state.note_pipe[0], drain, sizeof(drain)) > 0)
			;
	}
	for (i = 0; i < nfds; i++) {
		fds[i].revents = pfd[i].revents;
		if (pfd[i].revents)
			ready++;
	}
	return ready;
}

int os_irq_enable(int fd)
{
	struct stat st;
	int flags, owner;

	if (fstat(fd, &st) < 0)
		return -errno;
	/* Regular files and directories are always "ready"; O_ASYNC means
	 * nothing for them. The caller reads them on demand instead. */
	if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))
		return -EINVAL;
	if (os_irq_state.nsaved >= OS_MAX_ASYNC_FDS)
		return -ENOSPC;
	flags = fcntl(fd, F_GETFL);
	owner = fcntl(fd, F_GETOWN);
	if (flags < 0)
		return -errno;
	if (fcntl(fd, F_SETOWN, getpid()) < 0)
		return -errno;
	if (fcntl(fd, F_SETFL, flags | O_ASYNC | O_NONBLOCK) < 0)
		return -errno;
	/* Character devices such as /dev/null accept O_ASYNC but never signal:
	 * still fine, poll reports them ready. */
	os_irq_state.saved[os_irq_state.nsaved++] = (struct os_saved_fd){ fd, flags, owner };
	return 0;
}

/* Give back the flags we changed on fds we share with the host (stdin is
 * often shared with the shell that started us: leaving O_NONBLOCK on it
 * breaks that shell). */
void os_irq_restore_fds(void)
{
	int i;

	for (i = 0; i < os_irq_state.nsaved; i++) {
		struct os_saved_fd *s = &os_irq_state.saved[i];

		fcntl(s->fd, F_SETFL, s->flags);
		fcntl(s->fd, F_SETOWN, s->owner);
	}
	os_irq_state.nsaved = 0;
}

bool os_irq_take(void)
{
	if (!os_irq_state.irq)
		return false;
	os_irq_state.irq = 0;
	return true;
}

unsigned os_take_notes(void)
{
	unsigned n = (unsigned)os_irq_state.notes;

	if (n)
		os_irq_state.notes = 0;
	return n;
}

int os_getrandom(void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r = getrandom((char *)buf + done, len - done, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		done += (size_t)r;
	}
	return 0;
}

int os_file_read_all(const char *path, void **data, size_t *len)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		goto out_close;
	}
	if (!S_ISREG(st.st_mode)) {
		err = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		goto out_close;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		err = -ENOMEM;
		goto out_close;
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			err = r < 0 ? -errno : -EIO;
			free(buf);
			goto out_close;
		}
		got += (size_t)r;
	}
	close(fd);
	*data = buf;
	*len = got;
	return 0;
out_close:
	close(fd);
	return err;
}

void chan_fd_restore_terminal(void) __attribute__((weak));

/* Leave: give back what we changed on shared fds, run atexit handlers
 * (the console restores the terminal there), exit. Children die with us
 * (PTRACE_O_EXITKILL). */
__attribute__((noreturn)) void os_exit(int status)
{
	os_irq_restore_fds();
	fflush(stdout);
	exit(status);
}
