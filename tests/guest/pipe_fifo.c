// SPDX-License-Identifier: GPL-2.0
/*
 * pipe_fifo: named pipes. mkfifo makes an S_IFIFO node (EEXIST if the name
 * is taken); a blocking open for reading waits for a writer and vice versa;
 * O_RDONLY|O_NONBLOCK opens at once, O_WRONLY|O_NONBLOCK without a reader
 * is ENXIO; O_RDWR opens at once on Linux; data flows between two processes
 * that opened it separately, EOF follows the writer's close; the node
 * stays, empty, after use, and lseek on it is ESPIPE.
 */
#include "t.h"
#include <poll.h>

static void blocking_open(void)
{
	CHECK_OK(mkfifo("ff", 0600));
	struct stat st;
	CHECK_OK(stat("ff", &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0600);
	CHECK_ERR(mkfifo("ff", 0600), EEXIST);

	pid_t pid = t_fork();
	if (pid == 0) {
		/* Blocks until the parent opens for reading. */
		int w = CHECK_OK(open("ff", O_WRONLY));
		t_write_all(w, "through the fifo", 16);
		close(w);
		_exit(0);
	}
	int r = CHECK_OK(open("ff", O_RDONLY));
	char buf[32] = { 0 };
	CHECK_EQ(t_read_full(r, buf, sizeof(buf)), 16);    /* then EOF */
	CHECK_STR(buf, "through the fifo");
	CHECK_ERR(lseek(r, 0, SEEK_SET), ESPIPE);
	close(r);
	t_wait_ok(pid);

	/* The reader side waits too. */
	int ready[2];
	CHECK_OK(pipe2(ready, O_NONBLOCK));
	pid = t_fork();
	if (pid == 0) {
		int rr = CHECK_OK(open("ff", O_RDONLY));
		CHECK_EQ(write(ready[1], "o", 1), 1);
		char c;
		CHECK_EQ(read(rr, &c, 1), 1);
		_exit(c == 'k' ? 0 : 1);
	}
	t_msleep(30);
	char c;
	CHECK_ERR(read(ready[0], &c, 1), EAGAIN);   /* still blocked in open */
	int w = CHECK_OK(open("ff", O_WRONLY));
	CHECK_EQ(write(w, "k", 1), 1);
	t_wait_ok(pid);
	CHECK_EQ(read(ready[0], &c, 1), 1);
	close(w);
}

static void nonblocking_open(void)
{
	CHECK_ERR(open("ff", O_WRONLY | O_NONBLOCK), ENXIO);
	int r = CHECK_OK(open("ff", O_RDONLY | O_NONBLOCK));
	char c;
	/* No writer has ever been there: read says EOF... */
	CHECK_EQ(read(r, &c, 1), 0);
	struct pollfd pf = { .fd = r, .events = POLLIN };
	CHECK_EQ(poll(&pf, 1, 0), 0);
	/* ...and now a nonblocking writer can open. */
	int w = CHECK_OK(open("ff", O_WRONLY | O_NONBLOCK));
	CHECK_ERR(read(r, &c, 1), EAGAIN);          /* a writer, no data */
	CHECK_EQ(write(w, "n", 1), 1);
	CHECK_EQ(read(r, &c, 1), 1);
	CHECK_EQ(c, 'n');
	close(w);
	CHECK_EQ(read(r, &c, 1), 0);
	close(r);

	/* O_RDWR never blocks on Linux and is its own reader and writer. */
	int rw = CHECK_OK(open("ff", O_RDWR));
	CHECK_EQ(write(rw, "rw", 2), 2);
	char buf[2];
	CHECK_EQ(read(rw, buf, 2), 2);
	close(rw);

	/* Nothing is stored in the node itself. */
	struct stat st;
	CHECK_OK(stat("ff", &st));
	CHECK_EQ(st.st_size, 0);
	CHECK_OK(unlink("ff"));
}

int main(void)
{
	t_tmpdir();
	blocking_open();
	nonblocking_open();
	return 0;
}
