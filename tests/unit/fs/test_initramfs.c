// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/fs/initramfs.c, the newc cpio unpacker. Each test
 * builds its archive here (plain, or gzip'd with zlib), unpacks it into a
 * fresh rootfs (the real tmpfs, dcache, namei and page cache over the fake
 * host's memory) and looks at the tree through the path walker. Every
 * malformed archive must fail with -EINVAL and a message naming where.
 *
 * Each test mounts its own root and walks it as a fake task whose fs
 * context points there. One test (boot_context) runs with no current task,
 * as kernel_main does; fs_current() then caches a boot context for the
 * rest of the process, so only that test may run task-less.
 */
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "unit.h"
#include "host_fake.h"
#include "proc_fake.h"
#include "vfs.h"

#define NFRAMES 256

static struct initramfs_test_state {
	char err[256];  /* the unpacker's message */
	u32 next_ino;   /* for entries without one; reset per test so archives
			 * (and their gzip sizes) are the same in every run */
} initramfs_test_state;

/* ---- building archives ---------------------------------------------------- */

struct cpio {
	u8 *data;
	size_t len, cap;
};

struct cpio_ent {
	const char *name;
	u32 mode;
	const void *data;   /* file contents or symlink target */
	size_t size;        /* default strlen(data) */
	u32 ino, nlink, uid, gid, mtime;
	u32 rdevmajor, rdevminor;
};

static void cpio_put(struct cpio *c, const void *p, size_t n)
{
	if (c->len + n > c->cap) {
		c->cap = (c->len + n) * 2 + 256;
		c->data = realloc(c->data, c->cap);
		assert_non_null(c->data);
	}
	memcpy(c->data + c->len, p, n);
	c->len += n;
}

static void cpio_pad4(struct cpio *c)
{
	static const u8 zero[4];

	cpio_put(c, zero, (4 - c->len % 4) % 4);
}

/* Append one entry; returns its offset in the archive. */
static size_t cpio_add(struct cpio *c, const struct cpio_ent *e)
{
	size_t off = c->len, size = e->size ? e->size : (e->data ? strlen(e->data) : 0);
	size_t namesize = strlen(e->name) + 1;
	char hdr[111];

	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 e->ino ? e->ino : initramfs_test_state.next_ino++, e->mode, e->uid, e->gid,
		 e->nlink ? e->nlink : 1, e->mtime, (u32)size, 0u, 0u, e->rdevmajor, e->rdevminor,
		 (u32)namesize, 0u);
	cpio_put(c, hdr, 110);
	cpio_put(c, e->name, namesize);
	cpio_pad4(c);
	if (size)
		cpio_put(c, e->data, size);
	cpio_pad4(c);
	return off;
}

static size_t cpio_trailer(struct cpio *c)
{
	return cpio_add(c, &(struct cpio_ent){ .name = "TRAILER!!!" });
}

static void cpio_free(struct cpio *c)
{
	free(c->data);
	memset(c, 0, sizeof(*c));
}

/* gzip (RFC 1952) of in, with zlib: what `gzip -9` would write. */
static struct cpio gzip_of(const struct cpio *in)
{
	struct cpio out = { NULL, 0, 0 };
	z_stream z;

	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
			 Z_OK);
	out.cap = deflateBound(&z, in->len) + 64;
	out.data = malloc(out.cap);
	assert_non_null(out.data);
	z.next_in = in->data;
	z.avail_in = (uInt)in->len;
	z.next_out = out.data;
	z.avail_out = (uInt)out.cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	out.len = out.cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

/* ---- fixture and helpers ---------------------------------------------------- */

static int rootfs_setup(void **state)
{
	struct task *t;

	initramfs_test_state.next_ino = 100;
	fake_host_reset();
	fake_proc_reset();
	if (fake_host_boot() || mm_frames_init(NFRAMES * PAGE_SIZE))
		return -1;
	if (vfs_mount_root("rootfs", NULL))
		return -1;
	t = fake_task_new(1);
	t->fs = fs_info_alloc();
	if (!t->fs)
		return -1;
	fake_set_current(t);
	return 0;
}

static int unpack(const struct cpio *c)
{
	memset(initramfs_test_state.err, 0x7f, sizeof(initramfs_test_state.err));
	return initramfs_unpack(c->data, c->len, initramfs_test_state.err,
				sizeof(initramfs_test_state.err));
}

static const char *errmsg(void)
{
	return initramfs_test_state.err;
}

/* The inode at path (symlinks not followed), or NULL if absent. */
static struct inode *inode_at(const char *path)
{
	struct path p;
	struct inode *inode;

	if (path_lookup(AT_FDCWD, path, 0, &p))
		return NULL;
	inode = p.dentry->inode;
	path_put(&p);
	return inode;
}

/* The whole contents of the regular file at path, NUL-terminated. */
static const char *contents(const char *path)
{
	static char buf[8192];
	struct inode *inode = inode_at(path);

	assert_non_null(inode);
	assert_true(S_ISREG(inode->mode));
	assert_true(inode->size < (s64)sizeof(buf));
	assert_int_equal(pc_read(&inode->pages, 0, buf, (size_t)inode->size), inode->size);
	buf[inode->size] = 0;
	return buf;
}

static const char *link_target(const char *path)
{
	static char buf[256];
	struct path p;
	int n;

	assert_int_equal(path_lookup(AT_FDCWD, path, 0, &p), 0);
	assert_true(S_ISLNK(p.dentry->inode->mode));
	n = p.dentry->inode->iops->readlink(p.dentry, buf, sizeof(buf) - 1);
	path_put(&p);
	assert_true(n >= 0);
	buf[n] = 0;
	return buf;
}

/* A small root like the default one: ".", dirs, a file, a symlink. */
static void small_root(struct cpio *c)
{
	cpio_add(c, &(struct cpio_ent){ .name = ".", .mode = S_IFDIR | 0755 });
	cpio_add(c, &(struct cpio_ent){ .name = "bin", .mode = S_IFDIR | 0755 });
	cpio_add(c, &(struct cpio_ent){ .name = "bin/busybox", .mode = S_IFREG | 0755,
					 .data = "\177ELF pretend", .uid = 0, .mtime = 1234 });
	cpio_add(c, &(struct cpio_ent){ .name = "bin/sh", .mode = S_IFLNK | 0777,
					 .data = "busybox" });
	cpio_add(c, &(struct cpio_ent){ .name = "etc", .mode = S_IFDIR | 0755 });
	cpio_add(c, &(struct cpio_ent){ .name = "etc/passwd", .mode = S_IFREG | 0644,
					 .data = "root:x:0:0:root:/root:/bin/sh\n" });
}

/* ---- tests: what lands in the root ------------------------------------------ */

static void files_dirs_symlinks(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	struct inode *i;

	small_root(&c);
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	assert_string_equal(errmsg(), "");

	i = inode_at("/bin");
	assert_non_null(i);
	assert_true(S_ISDIR(i->mode));
	assert_int_equal(i->mode & 07777, 0755);

	i = inode_at("/bin/busybox");
	assert_non_null(i);
	assert_int_equal(i->mode, S_IFREG | 0755);
	assert_int_equal(i->size, strlen("\177ELF pretend"));
	assert_int_equal(i->mtime.sec, 1234);
	assert_string_equal(contents("/bin/busybox"), "\177ELF pretend");
	assert_string_equal(contents("/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");

	i = inode_at("/bin/sh");
	assert_non_null(i);
	assert_true(S_ISLNK(i->mode));
	assert_string_equal(link_target("/bin/sh"), "busybox");
	/* and the walker follows it to the file */
	{
		struct path p;

		assert_int_equal(path_lookup(AT_FDCWD, "/bin/sh", LOOKUP_FOLLOW, &p), 0);
		assert_ptr_equal(p.dentry->inode, inode_at("/bin/busybox"));
		path_put(&p);
	}
	assert_null(inode_at("/sbin"));
	cpio_free(&c);
}

static void owners_modes_and_times(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	struct inode *i;

	cpio_add(&c, &(struct cpio_ent){ .name = "usr", .mode = S_IFDIR | 0700, .uid = 5,
					  .gid = 6, .mtime = 99 });
	cpio_add(&c, &(struct cpio_ent){ .name = "usr/su", .mode = S_IFREG | 04711,
					  .data = "x", .uid = 1000, .gid = 100, .mtime = 1700000000 });
	cpio_add(&c, &(struct cpio_ent){ .name = "tmp", .mode = S_IFDIR | 01777 });
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	i = inode_at("/usr");
	assert_int_equal(i->mode, S_IFDIR | 0700);
	assert_int_equal(i->uid, 5);
	assert_int_equal(i->gid, 6);
	/* its mtime: see dir_mtime_survives_children */
	i = inode_at("/usr/su");
	assert_int_equal(i->mode, S_IFREG | 04711); /* setuid kept */
	assert_int_equal(i->uid, 1000);
	assert_int_equal(i->gid, 100);
	assert_int_equal(i->mtime.sec, 1700000000);
	assert_int_equal(inode_at("/tmp")->mode, S_IFDIR | 01777);
	cpio_free(&c);
}

/* Linux sets directory mtimes after the whole archive is unpacked
 * (init/initramfs.c dir_utime), since creating children updates them. */
static void dir_mtime_survives_children(void **state)
{
	struct cpio c = { NULL, 0, 0 };

	cpio_add(&c, &(struct cpio_ent){ .name = "usr", .mode = S_IFDIR | 0755, .mtime = 99 });
	cpio_add(&c, &(struct cpio_ent){ .name = "usr/f", .mode = S_IFREG | 0644, .mtime = 5 });
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	assert_int_equal(inode_at("/usr/f")->mtime.sec, 5);
	assert_int_equal(inode_at("/usr")->mtime.sec, 99);
	cpio_free(&c);
}

/* A directory listed again keeps its inode and takes the new owner and
 * mode (do_name: mkdir fails, chown and chmod apply). */
static void dir_listed_twice(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	struct inode *i;

	cpio_add(&c, &(struct cpio_ent){ .name = "etc", .mode = S_IFDIR | 0700, .uid = 5,
					  .mtime = 99 });
	cpio_add(&c, &(struct cpio_ent){ .name = "etc/f", .mode = S_IFREG | 0644, .mtime = 5 });
	cpio_add(&c, &(struct cpio_ent){ .name = "etc", .mode = S_IFDIR | 0755, .uid = 7,
					  .mtime = 77 });
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	i = inode_at("/etc");
	assert_int_equal(i->mode, S_IFDIR | 0755);
	assert_int_equal(i->uid, 7);
	assert_non_null(inode_at("/etc/f"));
	cpio_free(&c);
}

static void hard_links(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	struct inode *a, *b, *other;

	cpio_add(&c, &(struct cpio_ent){ .name = "bin", .mode = S_IFDIR | 0755 });
	/* newc: every link but the last has size 0; the data comes last */
	cpio_add(&c, &(struct cpio_ent){ .name = "bin/ls", .mode = S_IFREG | 0755, .ino = 7,
					  .nlink = 2 });
	cpio_add(&c, &(struct cpio_ent){ .name = "bin/dir", .mode = S_IFREG | 0755, .ino = 7,
					  .nlink = 2, .data = "shared contents" });
	/* same nlink, another inode number: not a link */
	cpio_add(&c, &(struct cpio_ent){ .name = "bin/cat", .mode = S_IFREG | 0755, .ino = 8,
					  .nlink = 2, .data = "cat" });
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	a = inode_at("/bin/ls");
	b = inode_at("/bin/dir");
	other = inode_at("/bin/cat");
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_int_equal(a->nlink, 2);
	assert_string_equal(contents("/bin/ls"), "shared contents");
	assert_ptr_not_equal(other, a);
	assert_string_equal(contents("/bin/cat"), "cat");
	cpio_free(&c);
}

static void device_nodes_and_fifos(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	struct inode *i;

	cpio_add(&c, &(struct cpio_ent){ .name = "dev", .mode = S_IFDIR | 0755 });
	cpio_add(&c, &(struct cpio_ent){ .name = "dev/console", .mode = S_IFCHR | 0600,
					  .rdevmajor = 5, .rdevminor = 1 });
	cpio_add(&c, &(struct cpio_ent){ .name = "dev/ubda", .mode = S_IFBLK | 0660,
					  .rdevmajor = 98, .rdevminor = 300 });
	cpio_add(&c, &(struct cpio_ent){ .name = "dev/initctl", .mode = S_IFIFO | 0600 });
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	i = inode_at("/dev/console");
	assert_int_equal(i->mode, S_IFCHR | 0600);
	assert_int_equal(i->rdev, mkdev(5, 1));
	i = inode_at("/dev/ubda");
	assert_true(S_ISBLK(i->mode));
	assert_int_equal(dev_major(i->rdev), 98);
	assert_int_equal(dev_minor(i->rdev), 300);
	assert_true(S_ISFIFO(inode_at("/dev/initctl")->mode));
	cpio_free(&c);
}

static void missing_parents_are_made(void **state)
{
	struct cpio c = { NULL, 0, 0 };

	cpio_add(&c, &(struct cpio_ent){ .name = "a/b/c/file", .mode = S_IFREG | 0644,
					  .data = "deep" });
	cpio_add(&c, &(struct cpio_ent){ .name = "/abs/x", .mode = S_IFREG | 0644, .data = "y" });
	cpio_add(&c, &(struct cpio_ent){ .name = "./dot/z", .mode = S_IFREG | 0644, .data = "z" });
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	assert_string_equal(contents("/a/b/c/file"), "deep");
	assert_int_equal(inode_at("/a/b")->mode, S_IFDIR | 0755);
	assert_string_equal(contents("/abs/x"), "y"); /* a leading '/' is dropped */
	assert_string_equal(contents("/dot/z"), "z");
	cpio_free(&c);
}

static void later_entries_replace(void **state)
{
	struct cpio c = { NULL, 0, 0 };

	cpio_add(&c, &(struct cpio_ent){ .name = "f", .mode = S_IFREG | 0644, .data = "old" });
	cpio_add(&c, &(struct cpio_ent){ .name = "d", .mode = S_IFDIR | 0700 });
	cpio_add(&c, &(struct cpio_ent){ .name = "d/keep", .mode = S_IFREG | 0644, .data = "k" });
	cpio_add(&c, &(struct cpio_ent){ .name = "f", .mode = S_IFLNK | 0777, .data = "d/keep" });
	/* a directory again: kept with its contents, mode updated */
	cpio_add(&c, &(struct cpio_ent){ .name = "d", .mode = S_IFDIR | 0755 });
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	assert_string_equal(link_target("/f"), "d/keep");
	assert_int_equal(inode_at("/d")->mode, S_IFDIR | 0755);
	assert_string_equal(contents("/d/keep"), "k");
	cpio_free(&c);
}

static void empty_and_large_files(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	static char big[3 * PAGE_SIZE + 17];
	struct inode *i;
	static char back[sizeof(big)];

	memset(big, 'q', sizeof(big));
	big[PAGE_SIZE] = '!';
	cpio_add(&c, &(struct cpio_ent){ .name = "empty", .mode = S_IFREG | 0644 });
	cpio_add(&c, &(struct cpio_ent){ .name = "big", .mode = S_IFREG | 0644, .data = big,
					  .size = sizeof(big) });
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	assert_int_equal(inode_at("/empty")->size, 0);
	i = inode_at("/big");
	assert_int_equal(i->size, sizeof(big));
	assert_int_equal(pc_read(&i->pages, 0, back, sizeof(back)), sizeof(back));
	assert_memory_equal(back, big, sizeof(big));
	cpio_free(&c);
}

static void gzip_archive(void **state)
{
	struct cpio c = { NULL, 0, 0 }, z;

	small_root(&c);
	cpio_trailer(&c);
	z = gzip_of(&c);
	assert_int_equal(z.data[0], 0x1f);
	assert_int_equal(z.data[1], 0x8b);
	assert_int_equal(unpack(&z), 0);
	assert_string_equal(contents("/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
	assert_string_equal(link_target("/bin/sh"), "busybox");
	cpio_free(&z);
	cpio_free(&c);
}

/* Linux accepts concatenated archives, compressed or not, with zero
 * padding between them (how initrds get extra files appended). */
static void concatenated_archives(void **state)
{
	struct cpio a = { NULL, 0, 0 }, b = { NULL, 0, 0 }, all = { NULL, 0, 0 }, zb;
	static const u8 pad[512];

	cpio_add(&a, &(struct cpio_ent){ .name = "one", .mode = S_IFREG | 0644, .data = "1" });
	cpio_trailer(&a);
	cpio_add(&b, &(struct cpio_ent){ .name = "two", .mode = S_IFREG | 0644, .data = "2" });
	cpio_add(&b, &(struct cpio_ent){ .name = "one", .mode = S_IFREG | 0644, .data = "1b" });
	cpio_trailer(&b);
	zb = gzip_of(&b);
	cpio_put(&all, a.data, a.len);
	cpio_put(&all, pad, sizeof(pad));
	cpio_put(&all, zb.data, zb.len);
	/* an uncompressed archive starts 4-aligned in the image, as Linux
	 * requires (its "this_header & 3" check) */
	cpio_put(&all, pad, (4 - all.len % 4) % 4 + 4);
	cpio_put(&all, a.data, a.len);
	if (unpack(&all))
		fail_msg("unpack: %s", errmsg());
	assert_string_equal(contents("/two"), "2");
	assert_string_equal(contents("/one"), "1"); /* the last archive wins */
	cpio_free(&a);
	cpio_free(&b);
	cpio_free(&zb);
	cpio_free(&all);
}

static void boot_context(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	struct path p;

	/* as kernel_main unpacks: no task yet, fs_current() walks from the root mount */
	fake_set_current(NULL);
	assert_null(task_current());
	small_root(&c);
	cpio_trailer(&c);
	assert_int_equal(unpack(&c), 0);
	assert_int_equal(path_lookup(AT_FDCWD, "/etc/passwd", 0, &p), 0);
	assert_ptr_equal(p.mnt, fs_current()->root.mnt);
	assert_int_equal(p.dentry->inode->uid, 0);
	path_put(&p);
	cpio_free(&c);
}

/* ---- tests: malformed archives ------------------------------------------------ */

/* unpack must fail with -EINVAL and a message containing want (exact:
 * the whole message, so "offset 12" does not pass for "offset 124"). */
static void expect_einval_(const struct cpio *c, const char *want, bool exact)
{
	int r = unpack(c);

	if (r != -EINVAL)
		fail_msg("unpack returned %d, want -EINVAL (message \"%s\")", r, errmsg());
	if (exact ? strcmp(errmsg(), want) != 0 : !strstr(errmsg(), want))
		fail_msg("message \"%s\" is not%s \"%s\"", errmsg(), exact ? "" : " like", want);
}
#define expect_einval(c, want) expect_einval_(c, want, false)
#define expect_einval_exact(c, want) expect_einval_(c, want, true)

static void empty_input(void **state)
{
	struct cpio c = { (u8 *)"", 0, 0 };

	expect_einval_exact(&c, "empty file");
}

static void truncated_header(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	char want[64];
	size_t off;

	small_root(&c);
	off = cpio_add(&c, &(struct cpio_ent){ .name = "last", .mode = S_IFREG | 0644,
						.data = "data" });
	c.len = off + 50; /* cut inside the header of "last" */
	snprintf(want, sizeof(want), "truncated cpio header at offset %zu", off);
	expect_einval_exact(&c, want);
	cpio_free(&c);
}

static void truncated_data(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	char want[64];
	size_t off;

	small_root(&c);
	off = cpio_add(&c, &(struct cpio_ent){ .name = "last", .mode = S_IFREG | 0644,
						.data = "0123456789abcdef" });
	c.len -= 8; /* cut inside its data */
	snprintf(want, sizeof(want), "truncated cpio entry at offset %zu", off);
	expect_einval_exact(&c, want);
	/* cut inside its name */
	c.len = off + 112;
	expect_einval_exact(&c, want);
	cpio_free(&c);
}

static void missing_trailer(void **state)
{
	struct cpio c = { NULL, 0, 0 };

	small_root(&c); /* whole entries, no TRAILER!!! */
	expect_einval_exact(&c, "cpio archive without a trailer (truncated?)");
	cpio_free(&c);
}

static void bad_magic(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	char want[64];
	size_t off;

	small_root(&c);
	off = cpio_add(&c, &(struct cpio_ent){ .name = "x", .mode = S_IFREG | 0644, .data = "x" });
	cpio_trailer(&c);
	memcpy(c.data + off, "070707", 6); /* the old "odc" format */
	snprintf(want, sizeof(want), "bad cpio header at offset %zu (not a newc archive?)", off);
	expect_einval_exact(&c, want);
	cpio_free(&c);
}

static void bad_hex_field(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	char want[64];
	size_t off;

	off = cpio_add(&c, &(struct cpio_ent){ .name = "x", .mode = S_IFREG | 0644, .data = "x" });
	cpio_trailer(&c);
	c.data[off + 6 + 6 * 8 + 3] = 'g'; /* inside filesize */
	snprintf(want, sizeof(want), "bad cpio header at offset %zu (not a newc archive?)", off);
	expect_einval_exact(&c, want);
	c.data[off + 6 + 6 * 8 + 3] = ' ';
	expect_einval_exact(&c, want);
	cpio_free(&c);
}

static void bad_names(void **state)
{
	struct cpio c = { NULL, 0, 0 };
	char want[64];
	size_t off;

	small_root(&c);
	off = cpio_add(&c, &(struct cpio_ent){ .name = "named", .mode = S_IFREG | 0644 });
	cpio_trailer(&c);
	/* namesize 0 */
	memcpy(c.data + off + 6 + 11 * 8, "00000000", 8);
	snprintf(want, sizeof(want), "bad name size 0 at offset %zu", off);
	expect_einval_exact(&c, want);
	/* namesize 5 for "named\0": no NUL inside the name */
	memcpy(c.data + off + 6 + 11 * 8, "00000005", 8);
	snprintf(want, sizeof(want), "unterminated name at offset %zu", off);
	expect_einval_exact(&c, want);
	/* absurdly long */
	memcpy(c.data + off + 6 + 11 * 8, "00100000", 8);
	snprintf(want, sizeof(want), "bad name size 1048576 at offset %zu", off);
	expect_einval_exact(&c, want);
	cpio_free(&c);
}

static void unknown_file_type(void **state)
{
	struct cpio c = { NULL, 0, 0 };

	cpio_add(&c, &(struct cpio_ent){ .name = "odd", .mode = 0110644 });
	cpio_trailer(&c);
	expect_einval_exact(&c, "/odd: unknown file type 0110000");
	cpio_free(&c);
}

static void corrupt_gzip_refused(void **state)
{
	struct cpio c = { NULL, 0, 0 }, z;

	small_root(&c);
	cpio_trailer(&c);

	z = gzip_of(&c);
	z.data[z.len - 6] ^= 0x55; /* the CRC32 of the trailer */
	expect_einval(&z, "corrupt gzip data");
	assert_null(inode_at("/etc")); /* nothing unpacked from a bad stream */
	cpio_free(&z);

	z = gzip_of(&c);
	z.data[2] = 7; /* compression method: not deflate */
	expect_einval(&z, "corrupt gzip data");
	cpio_free(&z);

	z = gzip_of(&c);
	z.len -= 12; /* the stream ends early */
	expect_einval(&z, "truncated gzip data");
	cpio_free(&z);
	cpio_free(&c);
}

static void gzip_of_truncated_cpio(void **state)
{
	struct cpio c = { NULL, 0, 0 }, z;
	size_t off;

	small_root(&c);
	off = cpio_add(&c, &(struct cpio_ent){ .name = "last", .mode = S_IFREG | 0644,
						.data = "data" });
	c.len = off + 20;
	z = gzip_of(&c);
	/* a well-formed gzip of a broken archive: still refused, offsets are
	 * within the uncompressed stream */
	{
		char want[64];

		snprintf(want, sizeof(want), "truncated cpio header at offset %zu", off);
		expect_einval_exact(&z, want);
	}
	cpio_free(&z);
	cpio_free(&c);
}

#define T(fn) cmocka_unit_test_setup(fn, rootfs_setup)
static const struct CMUnitTest initramfs_tests[] = {
	T(files_dirs_symlinks),
	T(owners_modes_and_times),
	T(dir_mtime_survives_children),
	T(dir_listed_twice),
	T(hard_links),
	T(device_nodes_and_fifos),
	T(missing_parents_are_made),
	T(later_entries_replace),
	T(empty_and_large_files),
	T(gzip_archive),
	T(concatenated_archives),
	T(boot_context),
	T(empty_input),
	T(truncated_header),
	T(truncated_data),
	T(missing_trailer),
	T(bad_magic),
	T(bad_hex_field),
	T(bad_names),
	T(unknown_file_type),
	T(corrupt_gzip_refused),
	T(gzip_of_truncated_cpio),
};

UNIT_SUITE(unit_suite_fs_initramfs, "core/fs/initramfs.c", initramfs_tests, NULL, NULL);
