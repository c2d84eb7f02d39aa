// SPDX-License-Identifier: GPL-2.0
/*
 * unix_bulk: volume through AF_UNIX sockets between processes. One 1 MiB
 * write on a stream socket completes (blocking while the reader lags) and
 * the reader gets every byte in order; MSG_WAITALL gathers 100 separate
 * 1000-byte writes into one 100000-byte recv; 2000 SOCK_SEQPACKET
 * messages of varying size keep their boundaries while the sender blocks
 * on a full queue. 300 connections in a row to a listener with backlog
 * 16 (half with nonblocking connects retried on EAGAIN) each carry their
 * number, and two thirds get it echoed back. 2000 one-byte round trips
 * between two processes over a stream pair each come back.
 */
#include "t.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#define TOTAL (1 << 20)
static unsigned char buf[TOTAL], got[TOTAL];

static void big_stream(void)
{
	int sv[2];
	for (int i = 0; i < TOTAL; i++)
		buf[i] = (unsigned char)(i * 7 + (i >> 9));
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid_t pid = t_fork();
	if (pid == 0) {
		close(sv[1]);
		CHECK_EQ(write(sv[0], buf, TOTAL), TOTAL);   /* one call */
		close(sv[0]);
		_exit(0);
	}
	close(sv[0]);
	t_msleep(20);                                    /* let the writer fill up */
	size_t done = 0;
	for (;;) {
		size_t want = TOTAL - done + 1 < 7000 ? TOTAL - done + 1 : 7000;
		ssize_t r = read(sv[1], got + done, want);
		CHECK(r >= 0);
		if (r == 0)
			break;
		done += r;
		CHECK(done <= TOTAL);
	}
	CHECK_EQ(done, TOTAL);
	CHECK_EQ(memcmp(buf, got, TOTAL), 0);
	t_wait_ok(pid);
	close(sv[1]);

	/* MSG_WAITALL waits for the whole amount. */
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = t_fork();
	if (pid == 0) {
		for (int i = 0; i < 100; i++) {
			CHECK_EQ(write(sv[0], buf + i * 1000, 1000), 1000);
			if (i % 10 == 0)
				t_msleep(2);
		}
		_exit(0);
	}
	memset(got, 0, 100000);
	CHECK_EQ(recv(sv[1], got, 100000, MSG_WAITALL), 100000);
	CHECK_EQ(memcmp(buf, got, 100000), 0);
	t_wait_ok(pid);
	close(sv[0]);
	close(sv[1]);
}

static void seqpacket_burst(void)
{
	int sv[2];
	CHECK_OK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
	pid_t pid = t_fork();
	if (pid == 0) {
		for (int i = 0; i < 2000; i++) {
			buf[0] = (unsigned char)i;
			CHECK_EQ(write(sv[0], buf, 1 + i % 300), 1 + i % 300);
		}
		_exit(0);
	}
	for (int i = 0; i < 2000; i++) {
		unsigned char m[512];
		CHECK_EQ(read(sv[1], m, sizeof(m)), 1 + i % 300);
		CHECK_EQ(m[0], (unsigned char)i);
	}
	t_wait_ok(pid);
	close(sv[0]);
	close(sv[1]);
}

static void many_connections(void)
{
	struct sockaddr_un a;
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	int n = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "uml-guest-bulk-%d", (int)getpid());
	socklen_t alen = offsetof(struct sockaddr_un, sun_path) + 1 + n;
	int ls = CHECK_OK(socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK_OK(bind(ls, (struct sockaddr *)&a, alen));
	CHECK_OK(listen(ls, 16));
	pid_t pid = t_fork();
	if (pid == 0) {
		for (int i = 0; i < 300; i++) {
			int c = CHECK_OK(socket(AF_UNIX, i % 2 ? SOCK_STREAM : SOCK_STREAM | SOCK_NONBLOCK, 0));
			while (connect(c, (struct sockaddr *)&a, alen) < 0) {
				CHECK_EQ(errno, EAGAIN);
				t_msleep(1);
			}
			CHECK_OK(fcntl(c, F_SETFL, 0));
			CHECK_EQ(write(c, &i, sizeof(i)), sizeof(i));
			if (i % 3) {
				int v = -1;
				CHECK_EQ(read(c, &v, sizeof(v)), sizeof(v));
				CHECK_EQ(v, i);
			}
			close(c);
		}
		_exit(0);
	}
	for (int i = 0; i < 300; i++) {
		int s = CHECK_OK(accept(ls, NULL, NULL)), v = -1;
		CHECK_EQ(read(s, &v, sizeof(v)), sizeof(v));
		CHECK_EQ(v, i);
		if (i % 3)
			CHECK_EQ(write(s, &v, sizeof(v)), sizeof(v));
		close(s);
	}
	t_wait_ok(pid);
	close(ls);
}

static void ping_pong(void)
{
	int sv[2];
	char c;
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid_t pid = t_fork();
	if (pid == 0) {
		for (int i = 0; i < 2000; i++) {
			CHECK_EQ(read(sv[1], &c, 1), 1);
			CHECK_EQ(write(sv[1], &c, 1), 1);
		}
		_exit(0);
	}
	for (int i = 0; i < 2000; i++) {
		char b = (char)i;
		CHECK_EQ(write(sv[0], &b, 1), 1);
		CHECK_EQ(read(sv[0], &c, 1), 1);
		CHECK_EQ(c, b);
	}
	t_wait_ok(pid);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	big_stream();
	seqpacket_burst();
	many_connections();
	ping_pong();
	return 0;
}
