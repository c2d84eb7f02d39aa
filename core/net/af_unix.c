// SPDX-License-Identifier: GPL-2.0
/*
 * AF_UNIX sockets, after Linux's net/unix/af_unix.c: the family and its
 * three ops tables, creation and release, stream and seqpacket connections
 * (connect builds the server end at once and queues it on the listener, so
 * the client may write before accept(2) takes it; a full backlog blocks the
 * connect), datagram association, socketpair, shutdown, poll and ioctls.
 * Names are in unix_name.c, moving data in unix_io.c, struct unix_sock in
 * af_unix.h. Linux's errno choices are kept even where they surprise
 * (recv on an unconnected stream socket is EINVAL, not ENOTCONN).
 */
#include "af_unix.h"
#include "uaccess.h"

#define UNIX_DGRAM_QLEN 10      /* net.unix.max_dgram_qlen */

static const struct proto_ops unix_stream_ops, unix_dgram_ops, unix_seqpacket_ops;

/* ---- life cycle ---- */

/* A full peer drained (or died): pass one wake-up on to our pollers. */
static void unix_peer_wake_relay(struct wait_entry *we, unsigned key)
{
	struct unix_sock *u = we->priv;

	wq_del(we);
	u->peer_wake_on = NULL;
	wq_wake(&u->sk.wq, key ? key : POLLOUT | POLLWRNORM | POLLWRBAND);
}

static struct unix_sock *unix_alloc(int type, const struct proto_ops *ops)
{
	struct unix_sock *u = kzalloc(sizeof(*u));

	if (!u)
		return NULL;
	sock_init(&u->sk, AF_UNIX, type, ops);
	list_init(&u->abs_link);
	list_init(&u->rcvq);
	wq_init(&u->peer_wait);
	list_init(&u->peer_wake.link);
	list_init(&u->gc_link);
	list_init(&u->gc_cand);
	u->peer_wake.func = unix_peer_wake_relay;
	u->peer_wake.priv = u;
	u->max_backlog = UNIX_DGRAM_QLEN;
	return u;
}

static int unix_create(int type, int protocol, struct sock **out)
{
	const struct proto_ops *ops;
	struct unix_sock *u;

	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	switch (type) {
	case SOCK_STREAM:
		ops = &unix_stream_ops;
		break;
	case SOCK_RAW: /* BSD has it; Linux makes it a datagram socket */
		type = SOCK_DGRAM;
		/* fall through */
	case SOCK_DGRAM:
		ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	u = unix_alloc(type, ops);
	if (!u)
		return -ENOMEM;
	*out = &u->sk;
	return 0;
}

static struct ucred_k unix_peercred_now(void)
{
	struct task *t = task_current();
	struct ucred_k c = { t->proc->pid, t->cred.euid, t->cred.egid };

	return c;
}

/* The owner let go (close, or a never-accepted server end when embryo):
 * the peer of a connection sees hang-up, and ECONNRESET if data was lost. */
void unix_release_sock(struct unix_sock *u, bool embryo)
{
	bool listener = u->sk.state == SOCK_ST_LISTEN;
	struct path path = u->path;
	struct unix_sock *pair;

	unix_unhash(u);
	u->path.dentry = NULL;
	u->path.mnt = NULL;
	u->sk.dead = true;
	u->sk.shutdown = SHUTDOWN_MASK;
	u->sk.state = SOCK_ST_CLOSE;
	pair = u->peer;
	u->peer = NULL;
	wq_wake(&u->peer_wait, 0);
	if (pair) {
		if (u->sk.type != SOCK_DGRAM) {
			pair->sk.shutdown = SHUTDOWN_MASK;
			if (!list_empty(&u->rcvq) || embryo)
				pair->sk.err = ECONNRESET;
			wq_wake(&pair->sk.wq, 0);
		}
		unix_peer_wake_disconnect(u, pair);
		sock_put(&pair->sk);
	}
	if (u->peer_wake_on)
		unix_peer_wake_disconnect(u, u->peer_wake_on);
	/* Drop what was queued here; a listener's pending connections are
	 * refused (unix_skb_free releases their server ends). */
	while (!list_empty(&u->rcvq)) {
		struct unix_skb *skb = list_first_entry(&u->rcvq, struct unix_skb, link);

		unix_unlink(u, skb);
		BUG_ON(skb->embryo && !listener);
		unix_skb_free(skb);
	}
	path_put(&path);
}

static void unix_release(struct sock *sk)
{
	unix_release_sock(unix_sk(sk), false);
	/* the last descriptor of a socket cycle may just have gone */
	unix_gc();
}

static void unix_destroy(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);

	/* Released sockets arrive empty; an unconnected one that was never
	 * released (a failed connect's server end) has nothing queued. */
	BUG_ON(!list_empty(&u->rcvq) || u->peer);
	unix_addr_put(u->addr);
	path_put(&u->path);
	kfree(u);
}

/* ---- connections ---- */

static int unix_listen(struct sock *sk, int backlog)
{
	struct unix_sock *u = unix_sk(sk);

	if (sk->type != SOCK_STREAM && sk->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (!u->addr)
		return -EINVAL; /* no listening on an unbound socket */
	if (sk->state != SOCK_ST_CLOSE && sk->state != SOCK_ST_LISTEN)
		return -EINVAL;
	if ((unsigned)backlog > u->max_backlog)
		wq_wake(&u->peer_wait, 0); /* blocked connects may fit now */
	u->max_backlog = (unsigned)backlog;
	sk->state = SOCK_ST_LISTEN;
	/* connect copies these to the client (SO_PEERCRED) */
	sk->peercred = unix_peercred_now();
	sk->peercred_set = true;
	return 0;
}

/* Wait for room in a listener's queue; 0 to retry, or -errno. */
static int unix_wait_for_peer(struct unix_sock *other, s64 deadline, s64 timeo)
{
	int err = wait_event_deadline(&other->peer_wait,
				      other->sk.dead || (other->sk.shutdown & RCV_SHUTDOWN) ||
					      !unix_recvq_full(other),
				      TASK_INTERRUPTIBLE, deadline);

	return err == -ETIMEDOUT ? 0 : sock_wait_errno(err, timeo);
}

/* Join u (the client) to a new server end queued on the listener other. */
static int unix_stream_join(struct unix_sock *u, struct unix_sock *newu, struct unix_sock *other)
{
	struct unix_skb *skb = unix_skb_alloc(0);

	if (!skb)
		return -ENOMEM;
	sock_hold(&u->sk);
	newu->peer = u;
	newu->sk.state = SOCK_ST_ESTABLISHED;
	newu->sk.peercred = unix_peercred_now();
	newu->sk.peercred_set = true;
	/* the server end answers getsockname with the listener's name */
	newu->addr = other->addr;
	other->addr->refs++;
	newu->path = other->path;
	path_get(&newu->path);
	u->sk.peercred = other->sk.peercred;
	u->sk.peercred_set = other->sk.peercred_set;
	u->sk.state = SOCK_ST_ESTABLISHED;
	sock_hold(&newu->sk);
	u->peer = newu;
	skb->embryo = newu; /* takes newu's first reference */
	unix_enqueue(other, skb);
	return 0;
}

static int unix_stream_connect(struct sock *sk, struct sockaddr_k *addr, int len, bool nonblock)
{
	struct unix_sock *u = unix_sk(sk), *newu, *other;
	s64 timeo = sk->sndtimeo, deadline = sock_deadline(timeo, nonblock);
	int err;

	err = unix_validate_addr(addr, len);
	if (err)
		return err;
	if ((sk->opts & SOCK_OPT_PASSCRED) && !u->addr) {
		err = unix_autobind(u);
		if (err)
			return err;
	}
	newu = unix_alloc(sk->type, sk->ops);
	if (!newu)
		return -ENOMEM;
	for (;;) {
		err = unix_find_other(addr, len, sk->type, &other);
		if (err)
			goto out;
		if (other->sk.state != SOCK_ST_LISTEN || (other->sk.shutdown & RCV_SHUTDOWN)) {
			err = -ECONNREFUSED;
			goto out_other;
		}
		if (!unix_recvq_full(other))
			break;
		/* a full backlog: block (Linux does, unlike TCP) or EAGAIN */
		if (!deadline || (deadline != S64_MAX && time_mono() >= deadline)) {
			err = -EAGAIN;
			goto out_other;
		}
		err = unix_wait_for_peer(other, deadline, timeo);
		sock_put(&other->sk);
		if (err)
			goto out;
	}
	if (sk->state != SOCK_ST_CLOSE) {
		err = sk->state == SOCK_ST_ESTABLISHED ? -EISCONN : -EINVAL;
		goto out_other;
	}
	err = unix_stream_join(u, newu, other);
	sock_put(&other->sk);
	if (err)
		goto out;
	return 0;
out_other:
	sock_put(&other->sk);
out:
	sock_put(&newu->sk);
	return err;
}

void unix_dgram_disconnected(struct unix_sock *u, struct unix_sock *other)
{
	if (list_empty(&u->rcvq))
		return;
	while (!list_empty(&u->rcvq)) {
		struct unix_skb *skb = list_first_entry(&u->rcvq, struct unix_skb, link);

		unix_unlink(u, skb);
		unix_skb_free(skb);
	}
	wq_wake(&u->peer_wait, 0);
	/* one end of a two-way datagram pair went away: its messages are lost */
	if (!other->sk.dead && other->peer == u) {
		other->sk.err = ECONNRESET;
		wq_wake(&other->sk.wq, POLLERR);
	}
}

static int unix_dgram_connect(struct sock *sk, struct sockaddr_k *addr, int len, bool nonblock)
{
	struct unix_sock *u = unix_sk(sk), *other = NULL, *old;
	int err;

	if (len < (int)sizeof(addr->family))
		return -EINVAL;
	if (addr->family != AF_UNSPEC) {
		err = unix_validate_addr(addr, len);
		if (err)
			return err;
		if ((sk->opts & SOCK_OPT_PASSCRED) && !u->addr) {
			err = unix_autobind(u);
			if (err)
				return err;
		}
		err = unix_find_other(addr, len, sk->type, &other);
		if (err)
			return err;
		if (!unix_may_send_to(u, other)) {
			sock_put(&other->sk);
			return -EPERM;
		}
		sk->state = SOCK_ST_ESTABLISHED;
		other->sk.state = SOCK_ST_ESTABLISHED;
	}
	/* (AF_UNSPEC: 1003.1g's way to dissolve the association) */
	old = u->peer;
	u->peer = other;
	if (!old)
		return 0;
	if (!other)
		sk->state = SOCK_ST_CLOSE;
	unix_peer_wake_disconnect(u, old);
	wq_wake(&sk->wq, POLLOUT | POLLWRNORM | POLLWRBAND);
	if (other != old) {
		unix_dgram_disconnected(u, old);
		if (!old->peer)
			old->sk.state = SOCK_ST_CLOSE;
	}
	sock_put(&old->sk);
	return 0;
}

static int unix_connect(struct sock *sk, struct sockaddr_k *addr, int len, bool nonblock)
{
	if (sk->type == SOCK_DGRAM)
		return unix_dgram_connect(sk, addr, len, nonblock);
	return unix_stream_connect(sk, addr, len, nonblock);
}

static int unix_socketpair(struct sock *a, struct sock *b)
{
	struct unix_sock *ua = unix_sk(a), *ub = unix_sk(b);

	sock_hold(a);
	sock_hold(b);
	ua->peer = ub;
	ub->peer = ua;
	a->peercred = b->peercred = unix_peercred_now();
	a->peercred_set = b->peercred_set = true;
	a->state = b->state = SOCK_ST_ESTABLISHED;
	return 0;
}

static int unix_accept(struct sock *sk, struct sock **newsk, bool nonblock)
{
	struct unix_sock *u = unix_sk(sk), *newu;
	s64 timeo = sk->rcvtimeo, deadline = sock_deadline(timeo, nonblock);
	struct unix_skb *skb;
	int err;

	if (sk->type != SOCK_STREAM && sk->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (sk->state != SOCK_ST_LISTEN)
		return -EINVAL;
	while (list_empty(&u->rcvq)) {
		err = sock_error(sk);
		if (err)
			return err;
		if (sk->shutdown & RCV_SHUTDOWN)
			return -EINVAL;
		if (!deadline)
			return -EAGAIN;
		err = wait_event_deadline(&sk->wq, !list_empty(&u->rcvq) || sk->err ||
					  (sk->shutdown & RCV_SHUTDOWN),
					  TASK_INTERRUPTIBLE, deadline);
		if (err)
			return sock_wait_errno(err, timeo);
	}
	skb = list_first_entry(&u->rcvq, struct unix_skb, link);
	unix_unlink(u, skb);
	newu = skb->embryo;
	skb->embryo = NULL;
	unix_skb_free(skb);
	wq_wake(&u->peer_wait, 0); /* room for a blocked connect */
	newu->sk.opts |= sk->opts & SOCK_OPT_PASSCRED;
	*newsk = &newu->sk;
	return 0;
}

static int unix_shutdown(struct sock *sk, int how)
{
	struct unix_sock *u = unix_sk(sk), *other;
	unsigned mode, peer_mode = 0;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	mode = (unsigned)how + 1; /* SHUT_RD -> RCV_SHUTDOWN ... */
	sk->shutdown |= mode;
	wq_wake(&sk->wq, 0);
	other = u->peer;
	if (!other || sk->type == SOCK_DGRAM)
		return 0;
	if (mode & RCV_SHUTDOWN)
		peer_mode |= SEND_SHUTDOWN;
	if (mode & SEND_SHUTDOWN)
		peer_mode |= RCV_SHUTDOWN;
	other->sk.shutdown |= peer_mode;
	wq_wake(&other->sk.wq, 0);
	return 0;
}

/* ---- readiness ---- */

static unsigned unix_poll_common(struct unix_sock *u, struct poll_table *pt)
{
	struct sock *sk = &u->sk;
	unsigned mask = 0;

	poll_wait(sk->file, &sk->wq, pt);
	if (sk->err)
		mask |= POLLERR;
	if (sk->shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (sk->shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (!list_empty(&u->rcvq))
		mask |= POLLIN | POLLRDNORM;
	/* a connection-based socket that is not connected has hung up */
	if (sk->type != SOCK_DGRAM && sk->state == SOCK_ST_CLOSE)
		mask |= POLLHUP;
	return mask;
}

static unsigned unix_poll(struct sock *sk, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(sk);
	unsigned mask = unix_poll_common(u, pt);

	/* writable also after the peer shut down, so writers see EPIPE */
	if (unix_writable(u))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

static unsigned unix_dgram_poll(struct sock *sk, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(sk), *other;
	unsigned mask = unix_poll_common(u, pt);
	bool writable = unix_writable(u);

	/* a full receiver we are connected to (and that is not connected
	 * back) blocks us too: ask it to wake us when it drains */
	other = u->peer;
	if (writable && other && other->peer != u && unix_recvq_full(other) &&
	    unix_peer_wake_me(u, other))
		writable = false;
	if (writable)
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

int unix_peer_wake_me(struct unix_sock *u, struct unix_sock *other)
{
	bool hooked = false;

	if (!u->peer_wake_on) {
		u->peer_wake_on = other;
		wq_add(&other->peer_wait, &u->peer_wake);
		hooked = true;
	}
	/* a dead peer must read as writable, so the next send sees ECONNREFUSED */
	if (unix_recvq_full(other) && !other->sk.dead)
		return 1;
	if (hooked)
		unix_peer_wake_disconnect(u, other);
	return 0;
}

void unix_peer_wake_disconnect(struct unix_sock *u, struct unix_sock *other)
{
	if (u->peer_wake_on == other) {
		wq_del(&u->peer_wake);
		u->peer_wake_on = NULL;
	}
}

static long unix_ioctl(struct sock *sk, unsigned cmd, u64 arg)
{
	struct unix_sock *u = unix_sk(sk);
	s32 v;

	switch (cmd) {
	case SIOCOUTQ:
		v = sk->wmem;
		break;
	case SIOCINQ:
		if (sk->state == SOCK_ST_LISTEN)
			return -EINVAL;
		v = (s32)unix_inq_len(u);
		break;
	default:
		return -ENOIOCTLCMD;
	}
	return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
}

/* ---- the ops tables ---- */

static const struct proto_ops unix_stream_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.destroy = unix_destroy,
	.bind = unix_bind,
	.connect = unix_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
};

static const struct proto_ops unix_dgram_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.destroy = unix_destroy,
	.bind = unix_bind,
	.connect = unix_connect,
	.socketpair = unix_socketpair,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.shutdown = unix_shutdown,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
};

static const struct proto_ops unix_seqpacket_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.destroy = unix_destroy,
	.bind = unix_bind,
	.connect = unix_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_seqpacket_sendmsg,
	.recvmsg = unix_seqpacket_recvmsg,
};

const struct net_family unix_family = {
	.family = AF_UNIX,
	.name = "unix",
	.create = unix_create,
};
