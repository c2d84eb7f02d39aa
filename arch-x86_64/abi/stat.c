// SPDX-License-Identifier: GPL-2.0
/* x86_64 struct stat and struct statfs as the guest sees them. */
#include "mm.h"
#include "task.h"
#include "vfs.h"

struct stat_64 {
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, pad0;
	u64 st_rdev;
	s64 st_size, st_blksize, st_blocks;
	u64 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	s64 unused[3];
};
_Static_assert(sizeof(struct stat_64) == 144, "struct stat layout");

struct statfs_64 {
	s64 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	s32 f_fsid[2];
	s64 f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct statfs_64) == 120, "struct statfs layout");

int arch_put_stat(u64 uaddr, const struct kstat *k)
{
	struct stat_64 s;

	memset(&s, 0, sizeof(s));
	s.st_dev = k->dev;
	s.st_ino = k->ino;
	s.st_nlink = k->nlink;
	s.st_mode = k->mode;
	s.st_uid = k->uid;
	s.st_gid = k->gid;
	s.st_rdev = k->rdev;
	s.st_size = k->size;
	s.st_blksize = k->blksize;
	s.st_blocks = (s64)k->blocks;
	s.st_atime = (u64)k->atime.sec;
	s.st_atime_nsec = (u64)k->atime.nsec;
	s.st_mtime = (u64)k->mtime.sec;
	s.st_mtime_nsec = (u64)k->mtime.nsec;
	s.st_ctime = (u64)k->ctime.sec;
	s.st_ctime_nsec = (u64)k->ctime.nsec;
	return mm_copy_to(task_current()->mm, uaddr, &s, sizeof(s));
}

int arch_put_statfs(u64 uaddr, const struct statfs_k *k, u32 dev)
{
	struct statfs_64 s;

	memset(&s, 0, sizeof(s));
	s.f_type = (s64)k->type;
	s.f_bsize = (s64)k->bsize;
	s.f_blocks = k->blocks;
	s.f_bfree = k->bfree;
	s.f_bavail = k->bavail;
	s.f_files = k->files;
	s.f_ffree = k->ffree;
	s.f_fsid[0] = (s32)dev;
	s.f_namelen = (s64)k->namelen;
	s.f_frsize = (s64)k->frsize;
	s.f_flags = (s64)k->flags;
	return mm_copy_to(task_current()->mm, uaddr, &s, sizeof(s));
}
