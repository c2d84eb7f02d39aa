// SPDX-License-Identifier: GPL-2.0
/*
 * The guest layouts of the socket structures that differ between 64-bit
 * and 32-bit Linux ABIs: struct msghdr, struct mmsghdr, struct cmsghdr and
 * the struct timeval of SO_RCVTIMEO_OLD/SO_SNDTIMEO_OLD. The rest of
 * core/net sees them only through struct sock_abi (net.h), so the i386 ABI
 * adds one more instance (Linux's compat_msghdr: 4-byte pointers and
 * lengths, cmsg aligned to 4) and sock_abi_current picks it by the task's
 * personality. sockaddr_un, ucred and linger are the same everywhere.
 */
#include "net.h"
#include "uaccess.h"

/* LP64 (x86_64): include/uapi/linux/socket.h and asm-generic layouts. */
struct msghdr_lp64 {
	u64 msg_name;
	s32 msg_namelen;
	u32 pad0;
	u64 msg_iov;
	u64 msg_iovlen;
	u64 msg_control;
	u64 msg_controllen;
	u32 msg_flags;
	u32 pad1;
};
_Static_assert(sizeof(struct msghdr_lp64) == 56, "struct msghdr layout (LP64)");
_Static_assert(offsetof(struct msghdr_lp64, msg_flags) == 48, "msg_flags offset (LP64)");

struct cmsghdr_lp64 {
	u64 cmsg_len;
	s32 cmsg_level;
	s32 cmsg_type;
};
_Static_assert(sizeof(struct cmsghdr_lp64) == 16, "struct cmsghdr layout (LP64)");

struct timeval_lp64 {
	s64 tv_sec;
	s64 tv_usec;
};

static int lp64_msghdr_get(u64 umsg, struct umsghdr *m)
{
	struct msghdr_lp64 k;

	if (copy_from_user(&k, umsg, sizeof(k)))
		return -EFAULT;
	m->name = k.msg_name;
	m->namelen = k.msg_namelen;
	m->iov = k.msg_iov;
	m->iovlen = k.msg_iovlen;
	m->control = k.msg_control;
	m->controllen = k.msg_controllen;
	m->flags = k.msg_flags;
	return 0;
}

static int lp64_msghdr_put(u64 umsg, const struct umsghdr *m)
{
	if ((m->name && copy_to_user(umsg + offsetof(struct msghdr_lp64, msg_namelen),
				     &m->namelen, sizeof(m->namelen))) ||
	    copy_to_user(umsg + offsetof(struct msghdr_lp64, msg_controllen), &m->controllen,
			 sizeof(m->controllen)) ||
	    copy_to_user(umsg + offsetof(struct msghdr_lp64, msg_flags), &m->flags,
			 sizeof(m->flags)))
		return -EFAULT;
	return 0;
}

static void lp64_cmsg_get(const void *p, u64 *len, int *level, int *type)
{
	struct cmsghdr_lp64 c;

	memcpy(&c, p, sizeof(c)); /* the buffer need not be aligned */
	*len = c.cmsg_len;
	*level = c.cmsg_level;
	*type = c.cmsg_type;
}

static void lp64_cmsg_fill(void *p, u64 len, int level, int type)
{
	struct cmsghdr_lp64 c = { .cmsg_len = len, .cmsg_level = level, .cmsg_type = type };

	memcpy(p, &c, sizeof(c));
}

static int lp64_timeval_get(const void *p, s64 *sec, s64 *usec)
{
	struct timeval_lp64 tv;

	memcpy(&tv, p, sizeof(tv));
	*sec = tv.tv_sec;
	*usec = tv.tv_usec;
	return 0;
}

static void lp64_timeval_fill(void *p, s64 sec, s64 usec)
{
	struct timeval_lp64 tv = { sec, usec };

	memcpy(p, &tv, sizeof(tv));
}

static const struct sock_abi sock_abi_lp64 = {
	.msghdr_size = sizeof(struct msghdr_lp64),
	.mmsghdr_size = sizeof(struct msghdr_lp64) + 8,
	.mmsg_len_off = sizeof(struct msghdr_lp64),
	.cmsghdr_size = sizeof(struct cmsghdr_lp64),
	.cmsg_align = sizeof(u64),
	.timeval_size = sizeof(struct timeval_lp64),
	.msghdr_get = lp64_msghdr_get,
	.msghdr_put = lp64_msghdr_put,
	.cmsg_get = lp64_cmsg_get,
	.cmsg_fill = lp64_cmsg_fill,
	.timeval_get = lp64_timeval_get,
	.timeval_fill = lp64_timeval_fill,
};

const struct sock_abi *sock_abi_current(void)
{
	/* Only the x86_64 guest ABI exists so far. */
	return &sock_abi_lp64;
}
