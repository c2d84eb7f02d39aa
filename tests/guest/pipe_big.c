// SPDX-License-Identifier: GPL-2.0
/*
 * pipe_big: volume and atomicity. One 1 MiB write() to a pipe completes
 * in full (blocking until a child has read it all) and arrives intact and
 * in order; writes of up to PIPE_BUF bytes from several concurrent writers
 * are never interleaved; a nonblocking write bigger than the free space
 * writes part (more than PIPE_BUF may be split) and returns the count,
 * while one of at most PIPE_BUF bytes is all or nothing (EAGAIN).
 */
#include "t.h"
#include <limits.h>
#include <stdint.h>

#define BIG (1 << 20)

static unsigned char byte_at(size_t i)
{
	return (unsigned char)((i * 131) ^ (i >> 11));
}

static void one_big_write(void)
{
	static unsigned char buf[BIG];
	int p[2], res[2];
	CHECK_OK(pipe(p));
	CHECK_OK(pipe(res));
	pid_t pid = t_fork();
	if (pid == 0) {
		close(p[1]);
		size_t got = 0;
		uint32_t bad = 0;
		char chunk[3000];           /* an odd size, so reads straddle pages */
		ssize_t r;
		while ((r = read(p[0], chunk, sizeof(chunk))) > 0) {
			for (ssize_t i = 0; i < r; i++)
				if ((unsigned char)chunk[i] != byte_at(got + i))
					bad++;
			got += r;
		}
		uint64_t report[2] = { got, bad };
		t_write_all(res[1], report, sizeof(report));
		_exit(r == 0 ? 0 : 1);
	}
	close(p[0]);
	close(res[1]);
	for (size_t i = 0; i < BIG; i++)
		buf[i] = byte_at(i);
	CHECK_EQ(write(p[1], buf, BIG), BIG);     /* blocking: all of it */
	close(p[1]);
	uint64_t report[2] = { 0, 0 };
	CHECK_EQ(t_read_full(res[0], report, sizeof(report)), sizeof(report));
	CHECK_EQ(report[0], BIG);
	CHECK_EQ(report[1], 0);
	t_wait_ok(pid);
	close(res[0]);
}

static void atomic_records(void)
{
	enum { WRITERS = 4, RECORDS = 64, LEN = PIPE_BUF };
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pids[WRITERS];
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = t_fork();
		if (pids[w] == 0) {
			char rec[LEN];
			close(p[0]);
			for (int r = 0; r < RECORDS; r++) {
				memset(rec, 'A' + w, LEN);
				rec[0] = (char)r;
				if (write(p[1], rec, LEN) != LEN)
					_exit(2);
			}
			_exit(0);
		}
	}
	close(p[1]);
	/* Each PIPE_BUF record must come out whole, in per-writer order. */
	int next[WRITERS] = { 0 };
	char rec[LEN];
	for (int i = 0; i < WRITERS * RECORDS; i++) {
		CHECK_EQ(t_read_full(p[0], rec, LEN), LEN);
		int w = rec[1] - 'A';
		CHECK(w >= 0 && w < WRITERS);
		CHECK_EQ(rec[0], (char)next[w]);
		next[w]++;
		for (int k = 1; k < LEN; k++)
			if (rec[k] != 'A' + w)
				t_failf(__FILE__, __LINE__, "record %d byte %d (got %c, want %c)",
					i, k, rec[k], 'A' + w);
	}
	CHECK_EQ(read(p[0], rec, 1), 0);
	for (int w = 0; w < WRITERS; w++)
		t_wait_ok(pids[w]);
	close(p[0]);
}

static void nonblocking_partial(void)
{
	int p[2];
	CHECK_OK(pipe2(p, O_NONBLOCK));
	long cap = CHECK_OK(fcntl(p[1], F_GETPIPE_SZ));
	static char buf[1 << 20];
	/* Leave less than PIPE_BUF free. */
	CHECK_EQ(write(p[1], buf, cap - 100), cap - 100);
	CHECK_ERR(write(p[1], buf, PIPE_BUF), EAGAIN);     /* atomic: nothing */
	char drain[4096];
	CHECK_EQ(read(p[0], drain, sizeof(drain)), sizeof(drain));
	/* Now room for ~4096 + 100: a big write goes in part. */
	ssize_t w = write(p[1], buf, 3 * PIPE_BUF);
	CHECK(w > 0 && w < 3 * PIPE_BUF);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	one_big_write();
	atomic_records();
	nonblocking_partial();
	return 0;
}
