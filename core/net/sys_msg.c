// SPDX-License-Identifier: GPL-2.0
/*
 * Sending and receiving: sendto, recvfrom, sendmsg, recvmsg, sendmmsg,
 * recvmmsg (read and write on a socket come through socket.c). This layer
 * copies the guest's msghdr (via the ABI's layout, msg_abi.c), address,
 * iovecs and control buffer in, calls the protocol's sendmsg/recvmsg with
 * a struct kmsg, and copies the results back with Linux's rules: a short
 * guest address buffer truncates but reports the full length, and
 * msg_controllen comes back as the bytes used.
 */
#include "net.h"
#include "uaccess.h"

#define INT_MAX_K 0x7fffffff

int timespec_from_user(u64 uts, s64 *ns);

long sock_sendmsg(struct sock *sk, struct kmsg *m, size_t len)
{
	if (!sk->ops->sendmsg)
		return -EOPNOTSUPP;
	return sk->ops->sendmsg(sk, m, len);
}

long sock_recvmsg(struct sock *sk, struct kmsg *m, size_t len, int flags)
{
	if (!sk->ops->recvmsg)
		return -EOPNOTSUPP;
	return sk->ops->recvmsg(sk, m, len, flags);
}

long sys_sendto(int fd, u64 buf, u64 len, unsigned flags, u64 uaddr, int alen)
{
	struct sockaddr_k addr;
	struct kmsg m = { 0 };
	struct iov_iter it;
	struct file *f;
	struct sock *sk;
	long err;

	err = sock_from_fd(fd, &f, &sk);
	if (err)
		return err;
	iov_init_ubuf(&it, buf, MIN(len, (u64)INT_MAX_K));
	m.iter = &it;
	if (uaddr) {
		err = sock_addr_from_user(uaddr, alen, &addr);
		if (err)
			goto out;
		m.name = &addr;
		m.namelen = alen;
	}
	if (f->flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	m.flags = flags;
	err = sock_sendmsg(sk, &m, it.count);
	scm_release(&m.scm);
out:
	file_put(f);
	return err;
}

long sys_recvfrom(int fd, u64 buf, u64 len, unsigned flags, u64 uaddr, u64 ulen)
{
	struct sockaddr_k addr;
	struct kmsg m = { 0 };
	struct iov_iter it;
	struct file *f;
	struct sock *sk;
	long r, err;

	r = sock_from_fd(fd, &f, &sk);
	if (r)
		return r;
	iov_init_ubuf(&it, buf, MIN(len, (u64)INT_MAX_K));
	m.iter = &it;
	if (uaddr) {
		memset(&addr, 0, sizeof(addr));
		m.name = &addr;
	}
	if (f->flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	r = sock_recvmsg(sk, &m, it.count, (int)flags);
	if (r >= 0) {
		scm_deliver(sk, &m, flags, NULL, NULL);
		if (uaddr) {
			err = sock_addr_to_user(&addr, m.namelen, uaddr, ulen);
			if (err)
				r = err;
		}
	}
	scm_release(&m.scm);
	file_put(f);
	return r;
}

/* The common checks of a guest msghdr (Linux's __copy_msghdr). */
static int msghdr_import(u64 umsg, struct umsghdr *mh, struct kiovec **iov, size_t *total)
{
	int err = sock_abi_current()->msghdr_get(umsg, mh);

	if (err)
		return err;
	if (mh->namelen < 0)
		return -EINVAL;
	if (mh->namelen > SOCKADDR_MAX)
		mh->namelen = SOCKADDR_MAX;
	if (!mh->name)
		mh->namelen = 0;
	if (mh->iovlen > UIO_MAXIOV_K)
		return -EMSGSIZE;
	return iov_import(mh->iov, (unsigned)mh->iovlen, iov, total);
}

static long do_sendmsg(struct file *f, struct sock *sk, u64 umsg, unsigned flags)
{
	struct sockaddr_k addr;
	struct kmsg m = { 0 };
	struct umsghdr mh;
	struct kiovec *iov;
	struct iov_iter it;
	void *ctl = NULL;
	size_t total;
	long err;

	err = msghdr_import(umsg, &mh, &iov, &total);
	if (err)
		return err;
	iov_init_user(&it, iov, (unsigned)mh.iovlen, total);
	m.iter = &it;
	if (mh.namelen) {
		err = sock_addr_from_user(mh.name, mh.namelen, &addr);
		if (err)
			goto out;
		m.name = &addr;
		m.namelen = mh.namelen;
	}
	if (mh.controllen > INT_MAX_K) {
		err = -ENOBUFS;
		goto out;
	}
	if (mh.controllen) {
		if (mh.controllen > SOCK_OPTMEM_MAX) {
			err = -ENOBUFS;
			goto out;
		}
		ctl = kmalloc((size_t)mh.controllen);
		if (!ctl) {
			err = -ENOBUFS;
			goto out;
		}
		if (copy_from_user(ctl, mh.control, (size_t)mh.controllen)) {
			err = -EFAULT;
			goto out;
		}
		err = scm_parse(sk, ctl, (size_t)mh.controllen, &m.scm);
		if (err)
			goto out;
	}
	if (f->flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	m.flags = flags;
	err = sock_sendmsg(sk, &m, total);
out:
	scm_release(&m.scm); /* whatever the protocol did not take */
	kfree(ctl);
	kfree(iov);
	return err;
}

static long do_recvmsg(struct file *f, struct sock *sk, u64 umsg, unsigned flags)
{
	const struct sock_abi *abi = sock_abi_current();
	struct sockaddr_k addr;
	struct kmsg m = { 0 };
	struct umsghdr mh;
	struct kiovec *iov;
	struct iov_iter it;
	u64 control, controllen;
	size_t total;
	long r, err;
	s32 ulen;

	r = msghdr_import(umsg, &mh, &iov, &total);
	if (r)
		return r;
	ulen = mh.namelen;
	iov_init_user(&it, iov, (unsigned)mh.iovlen, total);
	m.iter = &it;
	if (mh.name) {
		memset(&addr, 0, sizeof(addr));
		m.name = &addr;
	}
	if (f->flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	/* Linux reports MSG_CMSG_CLOEXEC back in msg_flags */
	m.flags = flags & MSG_CMSG_CLOEXEC;
	r = sock_recvmsg(sk, &m, total, (int)flags);
	if (r < 0)
		goto out;
	control = mh.control;
	controllen = mh.controllen;
	scm_deliver(sk, &m, flags, &control, &controllen);
	if (mh.name) {
		/* move_addr_to_user into msg_name/msg_namelen */
		s32 len = MIN(ulen, m.namelen);

		if (len > 0 && copy_to_user(mh.name, &addr, (size_t)len)) {
			r = -EFAULT;
			goto out;
		}
		mh.namelen = m.namelen;
	}
	mh.flags = m.flags;
	mh.controllen = control - mh.control;
	err = abi->msghdr_put(umsg, &mh);
	if (err)
		r = err;
out:
	scm_release(&m.scm);
	kfree(iov);
	return r;
}

long sys_sendmsg(int fd, u64 umsg, unsigned flags)
{
	struct file *f;
	struct sock *sk;
	long r;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	r = sock_from_fd(fd, &f, &sk);
	if (r)
		return r;
	r = do_sendmsg(f, sk, umsg, flags);
	file_put(f);
	return r;
}

long sys_recvmsg(int fd, u64 umsg, unsigned flags)
{
	struct file *f;
	struct sock *sk;
	long r;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	r = sock_from_fd(fd, &f, &sk);
	if (r)
		return r;
	r = do_recvmsg(f, sk, umsg, flags);
	file_put(f);
	return r;
}

/* Store one result in mmsghdr[i].msg_len. */
static int mmsg_put_len(u64 ummsg, unsigned i, long len)
{
	const struct sock_abi *abi = sock_abi_current();
	u32 v = (u32)len;

	return copy_to_user(ummsg + i * abi->mmsghdr_size + abi->mmsg_len_off, &v, sizeof(v));
}

long sys_sendmmsg(int fd, u64 ummsg, unsigned vlen, unsigned flags)
{
	const struct sock_abi *abi = sock_abi_current();
	struct file *f;
	struct sock *sk;
	unsigned i;
	long r = 0;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	r = sock_from_fd(fd, &f, &sk);
	if (r)
		return r;
	vlen = MIN(vlen, (unsigned)UIO_MAXIOV_K);
	for (i = 0; i < vlen; i++) {
		r = do_sendmsg(f, sk, ummsg + i * abi->mmsghdr_size, flags);
		if (r < 0)
			break;
		if (mmsg_put_len(ummsg, i, r)) {
			r = -EFAULT;
			break;
		}
	}
	file_put(f);
	/* an error after the first message is lost, as on Linux */
	return i ? (long)i : r;
}

long sys_recvmmsg(int fd, u64 ummsg, unsigned vlen, unsigned flags, u64 uts)
{
	const struct sock_abi *abi = sock_abi_current();
	s64 deadline = S64_MAX, ns;
	struct file *f;
	struct sock *sk;
	unsigned i;
	long r;

	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	if (uts) {
		r = timespec_from_user(uts, &ns);
		if (r)
			return r;
		deadline = time_mono() + ns;
	}
	r = sock_from_fd(fd, &f, &sk);
	if (r)
		return r;
	vlen = MIN(vlen, (unsigned)UIO_MAXIOV_K);
	for (i = 0; i < vlen; i++) {
		r = do_recvmsg(f, sk, ummsg + i * abi->mmsghdr_size, flags);
		if (r < 0)
			break;
		if (mmsg_put_len(ummsg, i, r)) {
			r = -EFAULT;
			break;
		}
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		/* Linux checks the timeout only between messages */
		if (deadline != S64_MAX && time_mono() >= deadline) {
			i++;
			break;
		}
	}
	/* an error after some messages waits for the next call (SO_ERROR) */
	if (i && r < 0 && r != -EAGAIN && r > -ERESTARTSYS)
		sk->err = (int)-r;
	file_put(f);
	if (uts) {
		s64 left = MAX(deadline - time_mono(), 0), ts[2] = { left / 1000000000LL,
								 left % 1000000000LL };

		if (copy_to_user(uts, ts, sizeof(ts)))
			return i ? (long)i : -EFAULT;
	}
	return i ? (long)i : r;
}
