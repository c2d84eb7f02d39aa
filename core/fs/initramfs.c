// SPDX-License-Identifier: GPL-2.0
/*
 * The initramfs unpacker: "newc" cpio archives (070701/070702), plain or
 * gzip'd (zlib), possibly several concatenated, into the root tmpfs - what
 * Linux's init/initramfs.c does. Every header field is parsed as the
 * 8-digit hex it must be; a malformed or truncated archive is an error with
 * the offset, never a half-unpacked root passed off as fine.
 */
#include <stdio.h>
#include <zlib.h>

#include "vfs.h"

#define CPIO_HDR 110
#define CPIO_MAX_NAME 4096

struct cpio_hdr {
	u32 ino, mode, uid, gid, nlink, mtime, filesize;
	u32 devmajor, devminor, rdevmajor, rdevminor, namesize, check;
};

static int parse_hex8(const char *s, u32 *out)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (u32)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (u32)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (u32)(c - 'A' + 10);
		else
			return -EINVAL;
	}
	*out = v;
	return 0;
}

static int cpio_parse_hdr(const u8 *p, struct cpio_hdr *h)
{
	u32 *f = &h->ino;
	int i;

	if (memcmp(p, "070701", 6) != 0 && memcmp(p, "070702", 6) != 0)
		return -EINVAL;
	for (i = 0; i < 13; i++)
		if (parse_hex8((const char *)p + 6 + i * 8, &f[i]))
			return -EINVAL;
	return 0;
}

/* Make every missing directory of path (not path itself). */
static int mkparents(char *path)
{
	char *s;
	int err;

	for (s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		struct path p;

		*s = 0;
		err = path_lookup(AT_FDCWD, path, 0, &p);
		if (err == -ENOENT) {
			struct path dir;
			const char *last;
			size_t lastlen;

			err = path_parent(AT_FDCWD, path, &dir, &last, &lastlen);
			if (!err) {
				struct dentry *d;

				err = lookup_child(&dir, last, lastlen, &d);
				if (!err) {
					if (!d->inode)
						err = dir.dentry->inode->iops->mkdir(dir.dentry->inode, d, 0755);
					dentry_put(d);
				}
				path_put(&dir);
			}
		} else if (!err) {
			path_put(&p);
		}
		*s = '/';
		if (err)
			return err;
	}
	return 0;
}

struct cpio_ctx {
	char *err;
	size_t errlen;
	struct hardlink {
		u32 ino, major, minor;
		char *path;
	} links[64];
	int nlinks;
	/* Directory mtimes, set once everything is unpacked: the entries
	 * that follow a directory touch it (Linux's dir_add/dir_utime). */
	struct dir_mtime {
		struct dentry *d;     /* holds a reference */
		u32 mtime;
	} *dirs;
	size_t ndirs, capdirs;
};

static int cpio_defer_mtime(struct cpio_ctx *c, struct dentry *d, u32 mtime)
{
	if (c->ndirs == c->capdirs) {
		size_t cap = c->capdirs ? c->capdirs * 2 : 64;
		struct dir_mtime *n = kmalloc(cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		if (c->ndirs)
			memcpy(n, c->dirs, c->ndirs * sizeof(*n));
		kfree(c->dirs);
		c->dirs = n;
		c->capdirs = cap;
	}
	dentry_get(d);
	c->dirs[c->ndirs].d = d;
	c->dirs[c->ndirs].mtime = mtime;
	c->ndirs++;
	return 0;
}

/* dir_utime: the deferred directory mtimes, then forget them. Last entry
 * first, as Linux walks its list (so a directory listed twice keeps the
 * first entry's time). */
static void cpio_set_dir_mtimes(struct cpio_ctx *c)
{
	size_t i;

	for (i = c->ndirs; i-- > 0;) {
		if (c->dirs[i].d->inode) {
			c->dirs[i].d->inode->mtime.sec = c->dirs[i].mtime;
			c->dirs[i].d->inode->mtime.nsec = 0;
		}
		dentry_put(c->dirs[i].d);
	}
	kfree(c->dirs);
	c->dirs = NULL;
	c->ndirs = c->capdirs = 0;
}

static int cpio_make(struct cpio_ctx *c, const struct cpio_hdr *h, const char *name, const u8 *data)
{
	char *path = kmalloc(strlen(name) + 2);
	struct path dir;
	const char *last;
	size_t lastlen;
	struct dentry *d;
	struct inode *di;
	u32 mode = h->mode;
	int err, i;

	if (!path)
		return -ENOMEM;
	snprintf(path, strlen(name) + 2, "/%s", name[0] == '/' ? name + 1 : name);
	if (strcmp(path, "/") == 0 || strcmp(path, "/.") == 0) {
		kfree(path);
		return 0;
	}
	err = mkparents(path);
	if (err)
		goto out;
	err = path_parent(AT_FDCWD, path, &dir, &last, &lastlen);
	if (err)
		goto out;
	err = lookup_child(&dir, last, lastlen, &d);
	if (err)
		goto out_dir;
	di = dir.dentry->inode;
	if (d->inode) {
		/* Linux replaces a non-directory; an existing directory stays
		 * and takes the entry's owner, mode and mtime */
		if (S_ISDIR(d->inode->mode) && S_ISDIR(mode))
			goto attrs;
		err = S_ISDIR(d->inode->mode) ? di->iops->rmdir(di, d) : di->iops->unlink(di, d);
		dentry_put(d);
		if (err)
			goto out_dir;
		err = lookup_child(&dir, last, lastlen, &d);
		if (err)
			goto out_dir;
	}
	/* A hard link: a later entry with the same inode number and nlink > 1. */
	if (h->nlink > 1 && S_ISREG(mode)) {
		for (i = 0; i < c->nlinks; i++) {
			if (c->links[i].ino == h->ino && c->links[i].major == h->devmajor &&
			    c->links[i].minor == h->devminor) {
				struct path old;

				err = path_lookup(AT_FDCWD, c->links[i].path, 0, &old);
				if (!err) {
					err = di->iops->link(old.dentry, di, d);
					path_put(&old);
					if (!err && h->filesize) {
						/* data comes with the last link */
						d->inode->size = 0;
						pc_truncate(&d->inode->pages, 0);
						pc_write(&d->inode->pages, 0, data, h->filesize);
						d->inode->size = h->filesize;
					}
				}
				goto out_d;
			}
		}
		if (c->nlinks < (int)ARRAY_SIZE(c->links)) {
			c->links[c->nlinks].ino = h->ino;
			c->links[c->nlinks].major = h->devmajor;
			c->links[c->nlinks].minor = h->devminor;
			c->links[c->nlinks].path = kstrdup(path);
			c->nlinks++;
		}
	}
	switch (mode & S_IFMT) {
	case S_IFDIR:
		err = di->iops->mkdir(di, d, mode & 07777);
		break;
	case S_IFREG:
		err = di->iops->create(di, d, mode & 07777);
		if (!err && h->filesize) {
			long w = pc_write(&d->inode->pages, 0, data, h->filesize);

			if (w != (long)h->filesize)
				err = w < 0 ? (int)w : -ENOSPC;
			else
				d->inode->size = h->filesize;
		}
		break;
	case S_IFLNK: {
		char *target = kmalloc(h->filesize + 1);

		if (!target) {
			err = -ENOMEM;
			break;
		}
		memcpy(target, data, h->filesize);
		target[h->filesize] = 0;
		err = di->iops->symlink(di, d, target);
		kfree(target);
		break;
	}
	case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		err = di->iops->mknod(di, d, mode, mkdev(h->rdevmajor, h->rdevminor));
		break;
	default:
		snprintf(c->err, c->errlen, "%s: unknown file type %#o", path, mode & S_IFMT);
		err = -EINVAL;
		break;
	}
attrs:
	if (!err && d->inode) {
		d->inode->uid = h->uid;
		d->inode->gid = h->gid;
		d->inode->mode = (d->inode->mode & S_IFMT) | (mode & 07777);
		d->inode->mtime.sec = h->mtime;
		d->inode->mtime.nsec = 0;
		if (S_ISDIR(mode))
			err = cpio_defer_mtime(c, d, h->mtime);
	}
out_d:
	dentry_put(d);
out_dir:
	path_put(&dir);
out:
	if (err && !c->err[0])
		snprintf(c->err, c->errlen, "%s: cannot create it (err=%d)", path, err);
	kfree(path);
	return err;
}

/* Unpack one uncompressed cpio stream; *used says how much it consumed. */
static int cpio_unpack(struct cpio_ctx *c, const u8 *buf, size_t len, size_t base)
{
	size_t off = 0;

	while (off < len) {
		struct cpio_hdr h;
		const char *name;
		size_t name_end, data_off, data_end;

		/* Zero padding between concatenated archives is allowed. */
		if (buf[off] == 0) {
			off++;
			continue;
		}
		if (len - off < CPIO_HDR) {
			snprintf(c->err, c->errlen, "truncated cpio header at offset %zu", base + off);
			return -EINVAL;
		}
		if (cpio_parse_hdr(buf + off, &h)) {
			snprintf(c->err, c->errlen, "bad cpio header at offset %zu (not a newc archive?)",
				 base + off);
			return -EINVAL;
		}
		if (h.namesize == 0 || h.namesize > CPIO_MAX_NAME) {
			snprintf(c->err, c->errlen, "bad name size %u at offset %zu", h.namesize, base + off);
			return -EINVAL;
		}
		name_end = off + CPIO_HDR + h.namesize;
		data_off = ALIGN_UP(name_end, 4);
		data_end = data_off + h.filesize;
		if (name_end > len || data_end > len || data_end < data_off) {
			snprintf(c->err, c->errlen, "truncated cpio entry at offset %zu", base + off);
			return -EINVAL;
		}
		name = (const char *)buf + off + CPIO_HDR;
		if (name[h.namesize - 1] != 0) {
			snprintf(c->err, c->errlen, "unterminated name at offset %zu", base + off);
			return -EINVAL;
		}
		if (strcmp(name, "TRAILER!!!") == 0)
			return 0;
		if (cpio_make(c, &h, name, buf + data_off))
			return -EINVAL;
		off = ALIGN_UP(data_end, 4);
	}
	return 0;
}

/* Inflate a gzip member; *out is kmalloc'd. */
static int gunzip(struct cpio_ctx *c, const u8 *in, size_t len, u8 **out, size_t *outlen,
		  size_t *consumed)
{
	z_stream z;
	size_t cap = len * 4 + 65536, have = 0;
	u8 *buf = kmalloc(cap);
	int r;

	if (!buf)
		return -ENOMEM;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		kfree(buf);
		return -ENOMEM;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)len;
	do {
		if (have == cap) {
			u8 *nb = kmalloc(cap * 2);

			if (!nb) {
				r = Z_MEM_ERROR;
				break;
			}
			memcpy(nb, buf, have);
			kfree(buf);
			buf = nb;
			cap *= 2;
		}
		z.next_out = buf + have;
		z.avail_out = (uInt)(cap - have);
		r = inflate(&z, Z_NO_FLUSH);
		have = cap - z.avail_out;
	} while (r == Z_OK);
	inflateEnd(&z);
	if (r != Z_STREAM_END) {
		snprintf(c->err, c->errlen, r == Z_BUF_ERROR ? "truncated gzip data" : "corrupt gzip data (%s)",
			 z.msg ? z.msg : "inflate failed");
		kfree(buf);
		return -EINVAL;
	}
	*out = buf;
	*outlen = have;
	*consumed = len - z.avail_in;
	return 0;
}

int initramfs_unpack(const void *data, size_t len, char *err, size_t errlen)
{
	struct cpio_ctx c = { .err = err, .errlen = errlen };
	const u8 *p = data;
	size_t off = 0;
	int r = 0, i;

	err[0] = 0;
	if (len == 0) {
		snprintf(err, errlen, "empty file");
		return -EINVAL;
	}
	while (off < len && !r) {
		if (p[off] == 0) {
			off++;
			continue;
		}
		if (len - off >= 2 && p[off] == 0x1f && p[off + 1] == 0x8b) {
			u8 *out;
			size_t outlen, used;

			r = gunzip(&c, p + off, len - off, &out, &outlen, &used);
			if (r)
				break;
			r = cpio_unpack(&c, out, outlen, 0);
			kfree(out);
			off += used;
		} else {
			/* An uncompressed archive runs to its trailer; find it. */
			const u8 *t = NULL;
			size_t i2;

			for (i2 = off; i2 + 10 <= len; i2++) {
				if (p[i2] == 'T' && memcmp(p + i2, "TRAILER!!!", 10) == 0) {
					t = p + i2;
					break;
				}
			}
			if (!t) {
				r = cpio_unpack(&c, p + off, len - off, off);
				if (!r) {
					snprintf(err, errlen, "cpio archive without a trailer (truncated?)");
					r = -EINVAL;
				}
				break;
			}
			{
				size_t end = ALIGN_UP((size_t)(t - p) + 11, 4);

				r = cpio_unpack(&c, p + off, MIN(end, len) - off, off);
				off = MIN(end, len);
			}
		}
	}
	cpio_set_dir_mtimes(&c);
	for (i = 0; i < c.nlinks; i++)
		kfree(c.links[i].path);
	return r;
}
