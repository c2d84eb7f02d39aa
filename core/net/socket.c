// SPDX-License-Identifier: GPL-2.0
/*
 * The generic socket layer: the socket file, struct sock references, the
 * family registry lookup and the connection system calls (socket,
 * socketpair, bind, listen, accept, accept4, connect, getsockname,
 * getpeername, shutdown). Handlers check arguments and copy guest memory;
 * each family's struct proto_ops does the work (net.h). Data transfer is
 * in sys_msg.c, options in sockopt.c.
 */
#include "net.h"
#include "uaccess.h"

static const struct file_ops socket_fops;

static struct socket_state {
	u64 next_cookie;        /* SO_COOKIE values handed out so far */
} socket_state;

u64 sock_cookie(struct sock *sk)
{
	if (!sk->cookie)
		sk->cookie = ++socket_state.next_cookie;
	return sk->cookie;
}

void sock_init(struct sock *sk, int family, int type, const struct proto_ops *ops)
{
	sk->refs = 1;
	sk->family = (u16)family;
	sk->type = (u16)type;
	sk->ops = ops;
	sk->state = SOCK_ST_CLOSE;
	wq_init(&sk->wq);
	sock_opts_init(sk);
}

void sock_hold(struct sock *sk)
{
	sk->refs++;
}

void sock_put(struct sock *sk)
{
	if (!sk || --sk->refs > 0)
		return;
	BUG_ON(sk->refs < 0);
	if (sk->ops && sk->ops->destroy)
		sk->ops->destroy(sk);
	else
		kfree(sk);
}

struct sock *sock_from_file(struct file *f)
{
	return f && f->ops == &socket_fops ? f->priv : NULL;
}

int sock_from_fd(int fd, struct file **fp, struct sock **sk)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (f->ops != &socket_fops) {
		file_put(f);
		return -ENOTSOCK;
	}
	*fp = f;
	*sk = f->priv;
	return 0;
}

s64 sock_deadline(s64 timeo, bool nonblock)
{
	if (nonblock)
		return 0;
	if (timeo == S64_MAX)
		return S64_MAX;
	return time_mono() + timeo;
}

int sock_wait_errno(int err, s64 timeo)
{
	if (err == -ETIMEDOUT)
		return -EAGAIN;
	/* With a timeout set, Linux never restarts: the caller sees EINTR. */
	if (err == -ERESTARTSYS && timeo != S64_MAX)
		return -EINTR;
	return err;
}

int sock_error(struct sock *sk)
{
	int e = sk->err;

	sk->err = 0;
	return -e;
}

void sock_sigpipe(unsigned flags)
{
	if (!(flags & MSG_NOSIGNAL))
		signal_send(task_current(), SIGPIPE, NULL);
}

/* ---- the socket file ---- */

static long sock_read(struct file *f, struct iov_iter *to, s64 *pos)
{
	struct kmsg m = { .iter = to };
	long r;

	if (!to->count)
		return 0; /* sock_read_iter: "Match SYS5 behaviour", nothing consumed */
	r = sock_recvmsg(f->priv, &m, to->count, (f->flags & O_NONBLOCK) ? MSG_DONTWAIT : 0);
	/* read(2) has no control buffer: passed files are closed (MSG_CTRUNC) */
	if (r >= 0)
		scm_deliver(f->priv, &m, 0, NULL, NULL);
	scm_release(&m.scm);
	return r;
}

static long sock_write(struct file *f, struct iov_iter *from, s64 *pos)
{
	struct kmsg m = { .iter = from };

	m.flags = (f->flags & O_NONBLOCK) ? MSG_DONTWAIT : 0;
	return sock_sendmsg(f->priv, &m, from->count);
}

static unsigned sock_poll(struct file *f, struct poll_table *pt)
{
	struct sock *sk = f->priv;

	if (!sk->ops->poll)
		return 0;
	return sk->ops->poll(sk, pt);
}

static long sock_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct sock *sk = f->priv;
	long r = -ENOIOCTLCMD;

	if (sk->ops->ioctl)
		r = sk->ops->ioctl(sk, cmd, arg);
	/* Not a socket ioctl (TCGETS from isatty...): Linux says ENOTTY. */
	return r == -ENOIOCTLCMD ? -ENOTTY : r;
}

/* The owner is done with sk: release it from its peers, drop the reference. */
static void sock_close(struct sock *sk)
{
	if (sk->ops->release)
		sk->ops->release(sk);
	sk->file = NULL;
	sock_put(sk);
}

static void sock_release(struct file *f)
{
	sock_close(f->priv);
}

static const struct file_ops socket_fops = {
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_release,
};

struct file *sock_file_alloc(struct sock *sk, unsigned flags)
{
	struct inode *inode = anon_inode_alloc(S_IFSOCK | S_IRWXUGO);
	struct file *f;

	if (!inode)
		return NULL;
	f = file_alloc(&socket_fops, O_RDWR | (flags & O_NONBLOCK));
	if (!f) {
		inode_put(inode);
		return NULL;
	}
	f->inode = inode;
	f->priv = sk;
	f->anon_name = "socket";
	sk->file = f;
	return f;
}

/* ---- creating sockets ---- */

static const struct net_family *net_family_find(int family)
{
	unsigned i;

	for (i = 0; i < net_families_len; i++)
		if (net_families[i] && net_families[i]->family == family)
			return net_families[i];
	return NULL;
}

static int sock_create(int family, int type, int protocol, struct sock **out)
{
	const struct net_family *nf;

	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= SOCK_MAX)
		return -EINVAL;
	nf = net_family_find(family);
	return nf ? nf->create(type, protocol, out) : -EAFNOSUPPORT;
}

/* Make sk a file and install it; consumes sk's reference. */
static int sock_install(struct sock *sk, unsigned flags)
{
	struct file *f = sock_file_alloc(sk, flags);

	if (!f) {
		sock_close(sk);
		return -ENFILE;
	}
	return fd_install(f, 0, flags & O_CLOEXEC);
}

long sys_socket(int family, int type, int protocol)
{
	unsigned flags = (unsigned)type & ~SOCK_TYPE_MASK;
	struct sock *sk;
	int err;

	if (flags & ~(unsigned)(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &sk);
	if (err)
		return err;
	return sock_install(sk, flags);
}

long sys_socketpair(int family, int type, int protocol, u64 usv)
{
	unsigned flags = (unsigned)type & ~SOCK_TYPE_MASK;
	struct sock *a, *b;
	int fds[2], err;

	if (flags & ~(unsigned)(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &a);
	if (err == -EAFNOSUPPORT && family > 0 && family < AF_MAX &&
	    net_family_find(family) && net_family_find(family)->stub)
		return -EOPNOTSUPP; /* the socket would exist, its socketpair not */
	if (err)
		return err;
	err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &b);
	if (err)
		goto out_a;
	err = a->ops->socketpair ? a->ops->socketpair(a, b) : -EOPNOTSUPP;
	if (err)
		goto out_b;
	fds[0] = sock_install(a, flags);
	if (fds[0] < 0) {
		sock_close(b);
		return fds[0];
	}
	fds[1] = sock_install(b, flags);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		return fds[1];
	}
	if (copy_to_user(usv, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
out_b:
	sock_close(b);
out_a:
	sock_close(a);
	return err;
}

/* ---- addresses ---- */

int sock_addr_from_user(u64 uaddr, s64 len, struct sockaddr_k *out)
{
	memset(out, 0, sizeof(*out));
	if (len < 0 || len > (s64)sizeof(*out))
		return -EINVAL;
	if (len == 0)
		return 0;
	return copy_from_user(out, uaddr, (size_t)len) ? -EFAULT : 0;
}

int sock_addr_to_user(const struct sockaddr_k *a, int klen, u64 uaddr, u64 ulen)
{
	s32 len;

	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len > klen)
		len = klen;
	if (len < 0)
		return -EINVAL;
	if (len && copy_to_user(uaddr, a, (size_t)len))
		return -EFAULT;
	return copy_to_user(ulen, &klen, sizeof(klen)) ? -EFAULT : 0;
}

/* ---- connection calls ---- */

long sys_bind(int fd, u64 uaddr, int len)
{
	struct sockaddr_k addr;
	struct file *f;
	struct sock *sk;
	long err;

	err = sock_from_fd(fd, &f, &sk);
	if (err)
		return err;
	err = sock_addr_from_user(uaddr, len, &addr);
	if (!err)
		err = sk->ops->bind ? sk->ops->bind(sk, &addr, len) : -EOPNOTSUPP;
	file_put(f);
	return err;
}

long sys_connect(int fd, u64 uaddr, int len)
{
	struct sockaddr_k addr;
	struct file *f;
	struct sock *sk;
	long err;

	err = sock_from_fd(fd, &f, &sk);
	if (err)
		return err;
	err = sock_addr_from_user(uaddr, len, &addr);
	if (!err)
		err = sk->ops->connect ? sk->ops->connect(sk, &addr, len, f->flags & O_NONBLOCK)
				       : -EOPNOTSUPP;
	file_put(f);
	return err;
}

long sys_listen(int fd, int backlog)
{
	struct file *f;
	struct sock *sk;
	long err;

	err = sock_from_fd(fd, &f, &sk);
	if (err)
		return err;
	if ((unsigned)backlog > SOMAXCONN_K)
		backlog = SOMAXCONN_K;
	err = sk->ops->listen ? sk->ops->listen(sk, backlog) : -EOPNOTSUPP;
	file_put(f);
	return err;
}

long sys_accept4(int fd, u64 uaddr, u64 ulen, int flags)
{
	struct sockaddr_k addr;
	struct sock *sk, *newsk;
	struct file *f, *nf;
	long err;
	int len;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	err = sock_from_fd(fd, &f, &sk);
	if (err)
		return err;
	err = sk->ops->accept ? sk->ops->accept(sk, &newsk, f->flags & O_NONBLOCK) : -EOPNOTSUPP;
	file_put(f);
	if (err)
		return err;
	/* The new socket does not inherit O_NONBLOCK (Linux). */
	nf = sock_file_alloc(newsk, (unsigned)flags & SOCK_NONBLOCK);
	if (!nf) {
		sock_close(newsk);
		return -ENFILE;
	}
	if (uaddr) {
		len = newsk->ops->getname(newsk, &addr, true);
		err = len < 0 ? -ECONNABORTED : sock_addr_to_user(&addr, len, uaddr, ulen);
		if (err) {
			file_put(nf); /* the connection is lost, as on Linux */
			return err;
		}
	}
	return fd_install(nf, 0, flags & SOCK_CLOEXEC);
}

long sys_accept(int fd, u64 uaddr, u64 ulen)
{
	return sys_accept4(fd, uaddr, ulen, 0);
}

static long do_getname(int fd, u64 uaddr, u64 ulen, bool peer)
{
	struct sockaddr_k addr;
	struct file *f;
	struct sock *sk;
	long err;
	int len;

	err = sock_from_fd(fd, &f, &sk);
	if (err)
		return err;
	memset(&addr, 0, sizeof(addr));
	len = sk->ops->getname ? sk->ops->getname(sk, &addr, peer) : -EOPNOTSUPP;
	err = len < 0 ? len : sock_addr_to_user(&addr, len, uaddr, ulen);
	file_put(f);
	return err;
}

long sys_getsockname(int fd, u64 uaddr, u64 ulen)
{
	return do_getname(fd, uaddr, ulen, false);
}

long sys_getpeername(int fd, u64 uaddr, u64 ulen)
{
	return do_getname(fd, uaddr, ulen, true);
}

long sys_shutdown(int fd, int how)
{
	struct file *f;
	struct sock *sk;
	long err;

	err = sock_from_fd(fd, &f, &sk);
	if (err)
		return err;
	err = sk->ops->shutdown ? sk->ops->shutdown(sk, how) : -EOPNOTSUPP;
	file_put(f);
	return err;
}
