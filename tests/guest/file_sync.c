// SPDX-License-Identifier: GPL-2.0
/*
 * file_sync: flushing and in-kernel copies. sync, syncfs, fsync and
 * fdatasync succeed on files and directories; fsync of a pipe is EINVAL
 * and of a bad fd EBADF. sendfile copies file to file and file to pipe:
 * with an offset pointer it advances that and leaves the file offset
 * alone, without one it uses and moves the file offset; it stops at EOF;
 * an out fd opened O_APPEND is EINVAL; a non-readable in fd is EBADF.
 */
#include "t.h"
#include <sys/sendfile.h>
#include <sys/socket.h>

static void put(const char *path, size_t len)
{
	static char buf[10000];
	int fd = CHECK_OK(open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644));
	CHECK(len <= sizeof(buf));
	for (size_t i = 0; i < len; i++)
		buf[i] = (char)('A' + i % 23);
	t_write_all(fd, buf, len);
	close(fd);
}

static void syncing(void)
{
	int fd = CHECK_OK(open("s", O_CREAT | O_RDWR, 0644));
	t_write_all(fd, "sync me", 7);
	sync();
	CHECK_OK(fsync(fd));
	CHECK_OK(fdatasync(fd));
	CHECK_OK(syncfs(fd));
	int dfd = CHECK_OK(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_OK(fsync(dfd));
	close(dfd);
	close(fd);
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(fsync(p[1]), EINVAL);
	CHECK_ERR(fdatasync(p[0]), EINVAL);
	close(p[0]);
	close(p[1]);
	CHECK_ERR(fsync(999), EBADF);
}

static void send_file_to_file(void)
{
	put("src", 10000);
	int in = CHECK_OK(open("src", O_RDONLY));
	int out = CHECK_OK(open("dst", O_CREAT | O_RDWR | O_TRUNC, 0644));

	/* With an offset pointer: the input fd's own offset stays at 0. */
	off_t off = 100;
	CHECK_EQ(sendfile(out, in, &off, 5000), 5000);
	CHECK_EQ(off, 5100);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 0);
	CHECK_EQ(lseek(out, 0, SEEK_CUR), 5000);
	/* Past EOF only what is there. */
	off = 9000;
	CHECK_EQ(sendfile(out, in, &off, 5000), 1000);
	CHECK_EQ(off, 10000);
	CHECK_EQ(sendfile(out, in, &off, 5000), 0);

	/* Without: the input offset is used and moved. */
	CHECK_EQ(lseek(in, 9990, SEEK_SET), 9990);
	CHECK_EQ(sendfile(out, in, NULL, 100), 10);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 10000);

	char a[6100], b[6000];
	CHECK_EQ(pread(out, a, 6010, 0), 6010);
	CHECK_EQ(pread(in, b, 5000, 100), 5000);
	CHECK_EQ(memcmp(a, b, 5000), 0);
	CHECK_EQ(pread(in, b, 1000, 9000), 1000);
	CHECK_EQ(memcmp(a + 5000, b, 1000), 0);
	CHECK_EQ(pread(in, b, 10, 9990), 10);
	CHECK_EQ(memcmp(a + 6000, b, 10), 0);
	close(out);

	int app = CHECK_OK(open("dst", O_WRONLY | O_APPEND));
	CHECK_ERR(sendfile(app, in, NULL, 10), EINVAL);
	close(app);
	int wo = CHECK_OK(open("src", O_WRONLY));
	int o2 = CHECK_OK(open("dst2", O_CREAT | O_WRONLY, 0644));
	CHECK_ERR(sendfile(o2, wo, NULL, 10), EBADF);
	close(wo);
	close(o2);
	close(in);
}

/* sendfile reads only from files with a splice path: a pipe, a socket or
 * a tty as the input is EINVAL (busybox cat then falls back to read);
 * /dev/zero is fine. */
static void send_input_kinds(void)
{
	int out = CHECK_OK(open("kinds", O_CREAT | O_WRONLY | O_TRUNC, 0644));
	int p[2], sv[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "abc", 3), 3);
	CHECK_ERR(sendfile(out, p[0], NULL, 100), EINVAL);
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_EQ(write(sv[1], "x", 1), 1);
	CHECK_ERR(sendfile(out, sv[0], NULL, 100), EINVAL);
	int z = CHECK_OK(open("/dev/zero", O_RDONLY));
	CHECK_EQ(sendfile(out, z, NULL, 100), 100);
	close(z);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	close(out);
}

static void send_file_to_pipe(void)
{
	int in = CHECK_OK(open("src", O_RDONLY));
	int p[2];
	CHECK_OK(pipe(p));
	pid_t pid = t_fork();
	if (pid == 0) {
		/* The reader: checks every byte. */
		close(p[1]);
		static char buf[10000];
		size_t n = t_read_full(p[0], buf, sizeof(buf));
		CHECK_EQ(n, 10000);
		for (size_t i = 0; i < n; i++)
			if (buf[i] != (char)('A' + i % 23))
				_exit(2);
		_exit(0);
	}
	close(p[0]);
	size_t done = 0;
	off_t off = 0;
	while (done < 10000) {
		ssize_t n = sendfile(p[1], in, &off, 10000 - done);
		CHECK(n > 0);
		done += n;
	}
	CHECK_EQ(off, 10000);
	close(p[1]);
	t_wait_ok(pid);
	close(in);
}

int main(void)
{
	t_tmpdir();
	syncing();
	send_file_to_file();
	send_input_kinds();
	send_file_to_pipe();
	return 0;
}
