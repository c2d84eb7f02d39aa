/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual filesystem (core/fs/). Linux's shape, cut to what we need:
 *   super_block  one mounted filesystem instance (fs_type->mount makes it)
 *   inode        a file; refcounted; freed at refs == 0 and nlink == 0
 *   dentry       a name in a directory; the dcache. For tmpfs-like
 *                filesystems the dcache *is* the directory (ramfs style);
 *                procfs makes short-lived dentries on lookup.
 *   mount        a super_block's root attached at a dentry of a parent mount
 *   path         (mount, dentry): what the walker (namei.c) returns
 *   file         an open file description: ops, flags, position
 * Reads and writes move data through struct iov_iter (iov.c), which copies
 * to and from guest memory page by page, so a fault gives a short count.
 * Readiness: file_ops.poll returns POLL* bits and registers the caller on the
 * file's wait queues through poll_wait().
 */
#ifndef CORE_VFS_H
#define CORE_VFS_H

#include "kernel.h"
#include "mm.h"
#include "task.h"
#include "uapi.h"

struct file;
struct inode;
struct dentry;
struct super_block;
struct mount;
struct vma;
struct poll_table;
struct dir_context;
struct path;

struct timespec_k {
	s64 sec;
	long nsec;
};

/* stat as the kernel keeps it; the arch writes struct stat / statx. */
struct kstat {
	u64 dev, ino;
	u32 mode, nlink, uid, gid;
	u64 rdev;
	s64 size;
	u32 blksize;
	u64 blocks;
	struct timespec_k atime, mtime, ctime, btime;
};

/* Device numbers use Linux's new_encode_dev layout (what st_rdev shows). */
static inline u32 mkdev(u32 major, u32 minor)
{
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}
static inline u32 dev_major(u32 dev) { return (dev >> 8) & 0xfff; }
static inline u32 dev_minor(u32 dev) { return (dev & 0xff) | ((dev >> 12) & 0xfff00); }

/* ---- iov_iter (iov.c) ---- */
struct kiovec {
	u64 base; /* guest address, or a kernel pointer when kernel */
	u64 len;
};
struct iov_iter {
	bool kernel;
	struct mm *mm;           /* whose memory (user iters) */
	const struct kiovec *iov;
	unsigned nr, idx;
	u64 off;                 /* within iov[idx] */
	size_t count;            /* bytes left */
	struct kiovec one;       /* storage for single-buffer iters */
};
void iov_init_user(struct iov_iter *it, const struct kiovec *iov, unsigned nr, size_t count);
void iov_init_ubuf(struct iov_iter *it, u64 buf, size_t len);
void iov_init_kbuf(struct iov_iter *it, void *buf, size_t len);
/* Copy; returns bytes done (short on a guest fault, never negative). */
size_t iov_copy_to(struct iov_iter *it, const void *src, size_t n);
size_t iov_copy_from(struct iov_iter *it, void *dst, size_t n);
size_t iov_zero(struct iov_iter *it, size_t n);
void iov_advance(struct iov_iter *it, size_t n);
/* Import a guest iovec array (readv); -EINVAL, -EFAULT. */
int iov_import(u64 uiov, unsigned nr, struct kiovec **out, size_t *total);

/* ---- poll ---- */
struct poll_table {
	void (*qproc)(struct file *f, struct wait_queue *wq, struct poll_table *pt);
	void *priv;
};
static inline void poll_wait(struct file *f, struct wait_queue *wq, struct poll_table *pt)
{
	if (pt && pt->qproc && wq)
		pt->qproc(f, wq, pt);
}

/* ---- directory iteration ---- */
struct dir_context {
	/* false: the buffer is full, stop (the entry is not consumed) */
	bool (*emit)(struct dir_context *ctx, const char *name, size_t len, u64 ino,
		     unsigned dtype);
	s64 pos; /* cookie of the next entry; the fs advances it */
};

/* ---- operations ---- */
struct file_ops {
	int (*open)(struct inode *inode, struct file *f);
	void (*release)(struct file *f);
	long (*read)(struct file *f, struct iov_iter *to, s64 *pos);
	long (*write)(struct file *f, struct iov_iter *from, s64 *pos);
	s64 (*llseek)(struct file *f, s64 off, int whence);
	int (*iterate)(struct file *f, struct dir_context *ctx);
	unsigned (*poll)(struct file *f, struct poll_table *pt);
	long (*ioctl)(struct file *f, unsigned cmd, u64 arg);
	int (*mmap)(struct file *f, struct vma *vma);
	int (*fsync)(struct file *f);
	int (*fallocate)(struct file *f, int mode, s64 off, s64 len);
	/* The file's F_SETFL changed O_NONBLOCK/O_APPEND/O_ASYNC. */
	int (*setfl)(struct file *f, unsigned flags);
	/* sendfile may read from it (Linux: the file has splice_read).
	 * Regular files always may; pipes, sockets and ttys may not. */
	bool splice_read;
};

#define ATTR_MODE 0x1
#define ATTR_UID 0x2
#define ATTR_GID 0x4
#define ATTR_SIZE 0x8
#define ATTR_ATIME 0x10
#define ATTR_MTIME 0x20
#define ATTR_CTIME 0x40
struct iattr {
	unsigned valid;
	u32 mode, uid, gid;
	s64 size;
	struct timespec_k atime, mtime, ctime;
};

struct inode_ops {
	/* Fill d (negative, name set) if the name exists: d_instantiate. */
	int (*lookup)(struct inode *dir, struct dentry *d);
	int (*create)(struct inode *dir, struct dentry *d, u32 mode);
	int (*mkdir)(struct inode *dir, struct dentry *d, u32 mode);
	int (*mknod)(struct inode *dir, struct dentry *d, u32 mode, u32 rdev);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	int (*rename)(struct inode *odir, struct dentry *od, struct inode *ndir, struct dentry *nd,
		      unsigned flags);
	/* Symlink text; returns its length or -errno. */
	int (*readlink)(struct dentry *d, char *buf, size_t len);
	/* procfs "magic" links (/proc/self/fd/N, exe, cwd) jump to a path. */
	int (*get_link_path)(struct dentry *d, struct path *out);
	int (*setattr)(struct dentry *d, const struct iattr *ia);
	int (*getattr)(struct dentry *d, struct kstat *st); /* optional */
};

struct statfs_k {
	u64 type, bsize, blocks, bfree, bavail, files, ffree, namelen, frsize, flags;
};

struct super_ops {
	int (*statfs)(struct super_block *sb, struct statfs_k *st);
	/* mount -o remount: apply the filesystem's options in data (NULL:
	 * none). Optional; without it options are ignored. -EINVAL. */
	int (*remount)(struct super_block *sb, const char *data);
	void (*put_super)(struct super_block *sb);
	/* Text after the fs type in /proc/mounts, e.g. "rw,relatime". */
	int (*show_options)(struct super_block *sb, char *buf, size_t len);
};

#define FS_REQUIRES_DEV 0x1
#define FS_NO_PROC_LIST 0x2

struct fs_type {
	const char *name;
	unsigned flags;
	/* Make (or find, for single-instance filesystems) a super_block. */
	int (*mount)(const struct fs_type *type, const char *dev, unsigned long flags,
		     const char *data, struct super_block **out);
};

struct super_block {
	const struct fs_type *type;
	const struct super_ops *ops;
	struct dentry *root;
	u32 dev;                /* st_dev */
	unsigned long flags;    /* MS_RDONLY ... */
	u64 next_ino;
	int refs;               /* mounts using it */
	void *priv;
	u32 magic;              /* statfs f_type */
};

struct inode {
	u64 ino;
	u32 mode;
	u32 nlink;
	u32 uid, gid;
	u32 rdev;
	s64 size;
	u64 blocks;             /* 512-byte units */
	struct timespec_k atime, mtime, ctime, btime;
	int refs;
	struct super_block *sb;
	const struct inode_ops *iops;
	const struct file_ops *fops;
	struct page_cache pages; /* valid when has_pages */
	bool has_pages;
	void *priv;             /* the filesystem's */
	struct pipe *pipe;      /* FIFO: created on first open */
	void *sock;             /* a bound AF_UNIX socket */
	int mapped;             /* VMAs mapping it (vma.c): truncate skips the
				   address-space walk when 0 */
	int writecount;         /* Linux's i_writecount: > 0 open for writing,
				   < 0 running as a program (ETXTBSY both ways) */
	struct list_head locks; /* fcntl/flock locks (lock.c) */
	struct wait_queue lock_wait;
	void (*destroy)(struct inode *inode); /* fs hook at final put */
};

#define DENTRY_DEAD 0x1         /* unlinked or replaced */
#define DENTRY_NOCACHE 0x2      /* do not keep after the last reference (procfs) */

struct dentry {
	char *name;
	struct dentry *parent;  /* self for a root */
	struct inode *inode;    /* NULL: negative */
	struct list_head children;
	struct list_head sibling;
	int refs;
	unsigned flags;
	int mounted;            /* mounts whose mountpoint this is */
	s64 d_off;              /* readdir cookie within the parent */
	s64 next_off;           /* next cookie for children */
	struct super_block *sb;
	bool pinned;            /* the fs keeps it (tmpfs entries) */
};

struct mount {
	struct list_head link;  /* the global mount list, in mount order */
	struct mount *parent;   /* self for the root mount */
	struct dentry *mountpoint;
	struct dentry *root;
	struct super_block *sb;
	char *devname;
	unsigned long flags;    /* MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC ... */
	int refs;
	int writers;            /* regular files open for writing (FMODE_WRITER) */
	bool expiry_mark;       /* umount2(MNT_EXPIRE) asked once */
};

/* Read-only through this mount, or the whole filesystem remounted so. */
static inline bool mnt_is_readonly(const struct mount *m)
{
	return ((m->flags | m->sb->flags) & MS_RDONLY) != 0;
}

struct path {
	struct mount *mnt;
	struct dentry *dentry;
};

#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_PATH 0x4
#define FMODE_LSEEK 0x8
#define FMODE_WRITER 0x10       /* counted in path.mnt->writers and inode->writecount */
#define FMODE_DENYWRITE 0x20    /* an executable's file: inode->writecount held < 0 */

struct file {
	int refs;
	struct path path;       /* empty for anonymous files (pipes, sockets) */
	struct inode *inode;
	const struct file_ops *ops;
	unsigned flags;         /* O_* as given and changed by F_SETFL */
	unsigned fmode;         /* FMODE_* */
	s64 pos;
	void *priv;
	int owner;              /* F_SETOWN pid (negative: pgrp) */
	bool owner_is_tid;      /* F_SETOWN_EX F_OWNER_TID: owner is a thread */
	int sig;                /* F_SETSIG */
	struct list_head ep_links; /* epoll registrations watching this file */
	struct list_head fasync_waits; /* O_ASYNC: our entries on its wait queues */
	int fasync_fd;          /* the fd O_ASYNC was set through (si_fd) */
	unsigned pipe_wgen;     /* FIFO reader opened O_NONBLOCK with no writer: the
				   writer generation then (no POLLHUP before a new one) */
	const char *anon_name;  /* "pipe", "socket", "anon_inode:[eventfd]" for /proc fd links */
};

/* ---- inodes and dentries (dcache.c) ---- */
struct inode *inode_alloc(struct super_block *sb, u32 mode);
void inode_get(struct inode *inode);
void inode_put(struct inode *inode);
void inode_touch(struct inode *inode, unsigned which); /* ATTR_ATIME/MTIME/CTIME = now */
struct dentry *dentry_alloc(struct dentry *parent, const char *name, size_t len);
void dentry_get(struct dentry *d);
void dentry_put(struct dentry *d);
void d_instantiate(struct dentry *d, struct inode *inode); /* takes the inode ref */
/* A cached child by name (positive or negative) with a reference, or NULL. */
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len);
void d_delete(struct dentry *d);   /* unlinked: drop from the parent */
void d_move(struct dentry *d, struct dentry *newparent, const char *name, size_t len);
/* Generic readdir over cached children (tmpfs, devtmpfs). */
int dcache_iterate(struct file *f, struct dir_context *ctx);
bool dir_is_empty(struct dentry *d);
struct timespec_k vfs_now(void);

/* ---- filesystems and mounts (mount.c) ---- */
const struct fs_type *fs_find(const char *name);
void fs_list(char *buf, size_t len); /* /proc/filesystems */
int vfs_mount_root(const char *fstype, const char *data);
int vfs_mount(const char *dev, struct path *where, const char *fstype, unsigned long flags,
	      const char *data);
int vfs_umount(struct path *where, int flags);
/* The mount stacked on (mnt, d), or NULL. */
struct mount *mnt_lookup(struct mount *mnt, struct dentry *d);
struct mount *mnt_next(struct mount *m); /* iterate all mounts */
void path_get(struct path *p);
void path_put(struct path *p);
struct super_block *sb_alloc(const struct fs_type *type, const struct super_ops *ops);
u32 vfs_anon_dev(void);
extern const struct fs_type *const fs_table[];
extern const unsigned fs_table_len; /* entries may be NULL (not built) */

/* ---- the path walker (namei.c) ---- */
#define LOOKUP_FOLLOW 0x1       /* follow a final symlink */
#define LOOKUP_DIRECTORY 0x2    /* the result must be a directory */
#define LOOKUP_EMPTY 0x4        /* "" means the dirfd itself (AT_EMPTY_PATH) */
#define LOOKUP_NO_AUTOMOUNT 0x8
/* Walk path relative to dirfd (AT_FDCWD). The result holds references. */
int path_lookup(int dirfd, const char *path, unsigned flags, struct path *out);
/* Walk all but the last component; *last points into path (not copied).
 * The last component may be "." or ".." (callers reject as they need). */
int path_parent(int dirfd, const char *path, struct path *parent, const char **last,
		size_t *lastlen);
/* open(O_CREAT)'s walk (Linux's open_last_lookups): the directory of the
 * last component and the component's dentry (negative if absent), both
 * with references. With follow, a final symlink is followed and the last
 * component of its target looked up in turn, so O_CREAT through a dangling
 * link creates the target. A trailing slash or "." / ".." as the last
 * component is -EISDIR; ELOOP after 40 links. */
int path_open_last(int dirfd, const char *name, bool follow, struct path *dir,
		   struct dentry **out);
/* Replace p (references held) by what is mounted on it, if anything. */
void path_follow_mounts(struct path *p);
/* The child dentry for name in dir (cached or looked up), with a reference;
 * may be negative. */
int lookup_child(struct path *dir, const char *name, size_t len, struct dentry **out);
/* Absolute path of p as seen from the task's root, into buf; length or -errno. */
int path_to_string(const struct path *p, char *buf, size_t len);
int vfs_permission(struct inode *inode, int mask); /* MAY_READ... */
/* Is gid the current task's fsgid or a supplementary group (in_group_p)? */
bool vfs_in_group(u32 gid);
#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4
/* Copy a path string from the guest (-EFAULT, -ENAMETOOLONG, -ENOENT for ""). */
int path_from_user(u64 upath, char **out);
/* path_lookup of a guest path; "" is allowed with LOOKUP_EMPTY (Linux's
 * user_path_at). */
int path_lookup_user(int dirfd, u64 upath, unsigned flags, struct path *out);
#define PATH_MAX_K 4096

/* ---- open files (file.c) ---- */
struct file *file_alloc(const struct file_ops *ops, unsigned flags);
void file_get(struct file *f);
void file_put(struct file *f);
/* O_ASYNC on or off for f, set through fd (fasync.c); drop at last put. */
int fasync_set(struct file *f, int fd, bool on);
void fasync_file_gone(struct file *f);
/* A program's file while it runs (execve): no one may open it for writing
 * (ETXTBSY), and it cannot run while open for writing (ETXTBSY). The
 * denial lasts until file_allow_write or the file's last put. */
int file_deny_write(struct file *f);
void file_allow_write(struct file *f);
/* Open a path for the kernel (init, exec, initramfs); -errno. */
int vfs_open(const struct path *p, unsigned flags, struct file **out);
int file_open_path(int dirfd, const char *path, unsigned flags, u32 mode, struct file **out);
long vfs_read(struct file *f, struct iov_iter *to, s64 *pos);
long vfs_write(struct file *f, struct iov_iter *from, s64 *pos);
long kernel_read(struct file *f, void *buf, size_t len, s64 pos);
long kernel_write(struct file *f, const void *buf, size_t len, s64 pos);
int vfs_getattr(const struct path *p, struct kstat *st);
int vfs_stat_inode(struct inode *inode, struct kstat *st);
int vfs_setattr(struct dentry *d, struct iattr *ia);
/* The S_ISUID/S_ISGID bits a write or truncate by the current task must
 * clear from inode (Linux's setattr_should_drop_suidgid); 0 mostly. */
u32 vfs_suid_bits_to_drop(const struct inode *inode);
/* May inode grow to size? Linux's inode_newsize_ok: past RLIMIT_FSIZE is
 * SIGXFSZ and -EFBIG, past what a file can hold -EFBIG. */
int inode_newsize_ok(struct inode *inode, s64 size);
/* The largest file the page cache can index (Linux's s_maxbytes). */
#define VFS_MAX_BYTES ((s64)1 << (RADIX_KEY_BITS + PAGE_SHIFT))
s64 generic_llseek(struct file *f, s64 off, int whence);
unsigned vfs_poll(struct file *f, struct poll_table *pt);
/* Anonymous inodes for pipes, sockets, eventfd...: a private super_block. */
struct inode *anon_inode_alloc(u32 mode);
struct file *anon_file(const struct file_ops *ops, unsigned flags, void *priv, const char *name);

/* Page-cache backed regular files (tmpfs and, later, disk filesystems). */
/* A read of f happened: update atime as its mount says (touch_atime):
 * not with O_NOATIME, noatime or (directories) nodiratime, under relatime
 * (the default) only past the last change or after a day. */
void file_accessed(struct file *f);
long generic_file_read(struct file *f, struct iov_iter *to, s64 *pos);
long generic_file_write(struct file *f, struct iov_iter *from, s64 *pos);
int generic_file_mmap(struct file *f, struct vma *vma);
int generic_truncate(struct inode *inode, s64 size);
/* Apply ia's mode, owner and times to inode (ctime: ia's or now), as
 * Linux's setattr_copy; for setattr hooks after their own checks. */
void setattr_copy(struct inode *inode, const struct iattr *ia);

/* ---- fd tables (fdtable.c) ---- */
struct fd_slot {
	struct file *file;
	bool cloexec;
	bool reserved;          /* taken by an open(2) in progress, no file yet */
};
struct files {
	int refs;
	int max;                /* slots allocated */
	struct fd_slot *fds;
};
struct files *files_alloc(void);
struct files *files_dup(struct files *old);
void files_put(struct files *fs);
void files_close_on_exec(struct files *fs);
/* Install f (consumes the caller's reference) at the lowest fd >= min. */
int fd_install(struct file *f, int min, bool cloexec);
/* Linux's get_unused_fd_flags/fd_install/put_unused_fd: take the lowest
 * free fd >= min before making the file (open(2) must not create a file it
 * cannot return: EMFILE first). A reserved fd is busy for allocation and
 * dup2 (EBUSY) but holds no file (EBADF) until fd_install_reserved. */
int fd_reserve(int min, bool cloexec);
void fd_install_reserved(int fd, struct file *f);
void fd_unreserve(int fd);
int fd_install_at(struct file *f, int fd, bool cloexec); /* dup2 semantics */
/* The file for fd with a reference, or NULL (EBADF). */
struct file *fd_get(int fd);
int fd_close(int fd);
bool fd_cloexec(int fd);
int fd_set_cloexec(int fd, bool on);
struct file *fd_peek(struct files *fs, int fd); /* no reference (procfs) */

/* ---- per-process fs context ---- */
struct fs_info {
	int refs;
	struct path root, cwd;
	u32 umask;
};
struct fs_info *fs_info_alloc(void);
struct fs_info *fs_info_dup(struct fs_info *old);
void fs_info_put(struct fs_info *fi);
struct fs_info *fs_current(void);

/* ---- character devices (chrdev.c) ---- */
int chrdev_register(u32 major, u32 minor, u32 count, const char *name, const struct file_ops *fops);
const struct file_ops *chrdev_find(u32 rdev);
/* Walk the registrations (/proc/devices): for (i = 0; (i = chrdev_next(i, &ma, &nm)) > 0;)
 * gives each in registration order; -1 after the last. */
int chrdev_next(int i, u32 *major, const char **name);
/* Open for a device node: find the driver and call its open. */
int chrdev_open(struct inode *inode, struct file *f);
extern const struct file_ops chrdev_fops;

/* ---- pipes and FIFOs (pipe.c) ---- */
extern const struct file_ops fifo_fops;
int pipe_create(struct file **rd, struct file **wr, unsigned flags);
void pipe_free_inode(struct inode *inode);

/* ---- root filesystem loading (initramfs.c) ---- */
int initramfs_unpack(const void *data, size_t len, char *err, size_t errlen);

/* ---- tmpfs (tmpfs/tmpfs.c) ---- */
extern const struct fs_type tmpfs_type;
extern const struct fs_type ramfs_type;
/* An unlinked tmpfs file for MAP_SHARED|MAP_ANONYMOUS and memfd_create. */
int tmpfs_anon_file(const char *name, s64 size, unsigned flags, struct file **out);
/* Helpers for filesystems built on tmpfs (devtmpfs). */
int tmpfs_mknod_at(struct dentry *dir, const char *name, u32 mode, u32 rdev);
extern const struct fs_type devtmpfs_type;
int devtmpfs_init(void);

/* fcntl/flock locks (lock.c): release everything owned by files on close. */
void locks_release_file(struct file *f, struct files *owner);

#endif
