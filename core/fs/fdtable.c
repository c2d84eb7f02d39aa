// SPDX-License-Identifier: GPL-2.0
/*
 * Per-process fd tables (struct files) and fs contexts (root, cwd, umask).
 * An fd slot holds one file reference. The lowest free fd is used, as
 * POSIX requires; RLIMIT_NOFILE bounds it (EMFILE). open(2) reserves its
 * fd before it creates anything and fills the slot at the end, as Linux.
 */
#include "vfs.h"

struct mount *mnt_root(void);

struct files *files_alloc(void)
{
	struct files *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->refs = 1;
	fs->max = 64;
	fs->fds = kzalloc(sizeof(*fs->fds) * (size_t)fs->max);
	if (!fs->fds) {
		kfree(fs);
		return NULL;
	}
	return fs;
}

struct files *files_dup(struct files *old)
{
	struct files *fs = kzalloc(sizeof(*fs));
	int i;

	if (!fs)
		return NULL;
	fs->refs = 1;
	fs->max = old->max;
	fs->fds = kzalloc(sizeof(*fs->fds) * (size_t)fs->max);
	if (!fs->fds) {
		kfree(fs);
		return NULL;
	}
	for (i = 0; i < old->max; i++) {
		if (!old->fds[i].file)
			continue; /* a reservation belongs to the old table's open */
		fs->fds[i] = old->fds[i];
		file_get(fs->fds[i].file);
	}
	return fs;
}

void files_put(struct files *fs)
{
	int i;

	if (--fs->refs > 0)
		return;
	for (i = 0; i < fs->max; i++) {
		if (fs->fds[i].file) {
			locks_release_file(fs->fds[i].file, fs);
			file_put(fs->fds[i].file);
		}
	}
	kfree(fs->fds);
	kfree(fs);
}

void files_close_on_exec(struct files *fs)
{
	int i;

	for (i = 0; i < fs->max; i++) {
		if (fs->fds[i].file && fs->fds[i].cloexec) {
			struct file *f = fs->fds[i].file;

			fs->fds[i].file = NULL;
			fs->fds[i].cloexec = false;
			locks_release_file(f, fs);
			file_put(f);
		}
	}
}

static int files_grow(struct files *fs, int need)
{
	int n = fs->max;
	struct fd_slot *s;

	while (n <= need)
		n *= 2;
	s = kzalloc(sizeof(*s) * (size_t)n);
	if (!s)
		return -ENOMEM;
	memcpy(s, fs->fds, sizeof(*s) * (size_t)fs->max);
	kfree(fs->fds);
	fs->fds = s;
	fs->max = n;
	return 0;
}

static int fd_limit(void)
{
	u64 l = task_rlimit(task_current(), RLIMIT_NOFILE);

	return l > 1024 * 1024 ? 1024 * 1024 : (int)l;
}

int fd_reserve(int min, bool cloexec)
{
	struct files *fs = task_current()->files;
	int fd, limit = fd_limit();

	for (fd = min; fd < limit; fd++) {
		if (fd >= fs->max && files_grow(fs, fd))
			return -ENOMEM;
		if (!fs->fds[fd].file && !fs->fds[fd].reserved) {
			fs->fds[fd].reserved = true;
			fs->fds[fd].cloexec = cloexec;
			return fd;
		}
	}
	return -EMFILE;
}

void fd_install_reserved(int fd, struct file *f)
{
	struct fd_slot *s = &task_current()->files->fds[fd];

	BUG_ON(!s->reserved || s->file);
	s->reserved = false;
	s->file = f;
}

void fd_unreserve(int fd)
{
	struct fd_slot *s = &task_current()->files->fds[fd];

	BUG_ON(!s->reserved);
	s->reserved = false;
	s->cloexec = false;
}

int fd_install(struct file *f, int min, bool cloexec)
{
	int fd = fd_reserve(min, cloexec);

	if (fd < 0) {
		file_put(f);
		return fd;
	}
	fd_install_reserved(fd, f);
	return fd;
}

int fd_install_at(struct file *f, int fd, bool cloexec)
{
	struct files *fs = task_current()->files;
	struct file *old;

	if (fd < 0 || fd >= fd_limit()) {
		file_put(f);
		return -EBADF;
	}
	if (fd >= fs->max && files_grow(fs, fd)) {
		file_put(f);
		return -ENOMEM;
	}
	if (fs->fds[fd].reserved) {
		/* an open(2) in another thread owns it (Linux's do_dup2) */
		file_put(f);
		return -EBUSY;
	}
	old = fs->fds[fd].file;
	fs->fds[fd].file = f;
	fs->fds[fd].cloexec = cloexec;
	if (old) {
		locks_release_file(old, fs);
		file_put(old);
	}
	return fd;
}

struct file *fd_peek(struct files *fs, int fd)
{
	if (fd < 0 || fd >= fs->max)
		return NULL;
	return fs->fds[fd].file;
}

struct file *fd_get(int fd)
{
	struct file *f = fd_peek(task_current()->files, fd);

	if (f)
		file_get(f);
	return f;
}

int fd_close(int fd)
{
	struct files *fs = task_current()->files;
	struct file *f = fd_peek(fs, fd);

	if (!f)
		return -EBADF;
	fs->fds[fd].file = NULL;
	fs->fds[fd].cloexec = false;
	locks_release_file(f, fs);
	file_put(f);
	return 0;
}

bool fd_cloexec(int fd)
{
	struct files *fs = task_current()->files;

	return fd_peek(fs, fd) && fs->fds[fd].cloexec;
}

int fd_set_cloexec(int fd, bool on)
{
	struct files *fs = task_current()->files;

	if (!fd_peek(fs, fd))
		return -EBADF;
	fs->fds[fd].cloexec = on;
	return 0;
}

struct fs_info *fs_info_alloc(void)
{
	struct fs_info *fi = kzalloc(sizeof(*fi));
	struct mount *root = mnt_root();

	if (!fi)
		return NULL;
	fi->refs = 1;
	fi->umask = 022;
	fi->root.mnt = root;
	fi->root.dentry = root->root;
	path_get(&fi->root);
	fi->cwd = fi->root;
	path_get(&fi->cwd);
	return fi;
}

struct fs_info *fs_info_dup(struct fs_info *old)
{
	struct fs_info *fi = kzalloc(sizeof(*fi));

	if (!fi)
		return NULL;
	fi->refs = 1;
	fi->umask = old->umask;
	fi->root = old->root;
	path_get(&fi->root);
	fi->cwd = old->cwd;
	path_get(&fi->cwd);
	return fi;
}

void fs_info_put(struct fs_info *fi)
{
	if (--fi->refs > 0)
		return;
	path_put(&fi->root);
	path_put(&fi->cwd);
	kfree(fi);
}

/* The fs context of the caller; the kernel itself (initramfs unpacking,
 * before any task exists) walks from the root mount. */
struct fs_info *fs_current(void)
{
	static struct fs_info *boot_fs;
	struct task *t = task_current();

	if (t && t->fs)
		return t->fs;
	if (!boot_fs)
		boot_fs = fs_info_alloc();
	return boot_fs;
}
