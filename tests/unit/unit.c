// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the suites that need the host C library (here, to
 * capture a file descriptor). Kept out of the suites so they include only
 * core headers and cmocka.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"

static struct unit_capture_state {
	struct unit_capture {
		int saved;     /* dup of the original fd */
		FILE *tmp;     /* NULL: not captured */
	} fd[3];               /* stdin unused; stdout, stderr */
} unit_capture_state;

void unit_capture_begin(int fd)
{
	struct unit_capture *s;

	if (fd < 1 || fd > 2 || unit_capture_state.fd[fd].tmp) {
		fprintf(stderr, "unit_capture_begin: cannot capture fd %d\n", fd);
		abort();
	}
	s = &unit_capture_state.fd[fd];
	fflush(stdout);
	fflush(stderr);
	s->tmp = tmpfile();
	s->saved = dup(fd);
	if (!s->tmp || s->saved < 0 || dup2(fileno(s->tmp), fd) < 0) {
		perror("unit_capture_begin");
		abort();
	}
}

size_t unit_capture_end(int fd, char *buf, size_t len)
{
	struct unit_capture *s;
	size_t n;

	if (fd < 1 || fd > 2 || !unit_capture_state.fd[fd].tmp) {
		fprintf(stderr, "unit_capture_end: fd %d is not captured\n", fd);
		abort();
	}
	s = &unit_capture_state.fd[fd];
	fflush(stdout);
	fflush(stderr);
	dup2(s->saved, fd);
	close(s->saved);
	rewind(s->tmp);
	n = fread(buf, 1, len - 1, s->tmp);
	buf[n] = 0;
	fclose(s->tmp);
	s->tmp = NULL;
	return n;
}
