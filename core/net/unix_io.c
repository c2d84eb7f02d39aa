// SPDX-License-Identifier: GPL-2.0
/*
 * AF_UNIX data transfer, after Linux's unix_stream_sendmsg,
 * unix_stream_read_generic, unix_dgram_sendmsg and unix_dgram_recvmsg.
 * Senders copy into unix_skb buffers queued on the receiver and charged to
 * their own wmem; a writer blocks while wmem >= SO_SNDBUF and is woken when
 * the reader has drained it to a quarter. Streams split writes into
 * buffers and reads glue them (never across writers with different
 * credentials when SO_PASSCRED is on, and never past passed files);
 * datagrams and seqpackets keep message boundaries (MSG_TRUNC). A datagram
 * receiver not connected back to its sender also bounds its queue length
 * (max_dgram_qlen), and the sender waits on its peer_wait.
 */
#include "af_unix.h"

/* What one buffer costs its sender beyond the payload (Linux's skb and
 * shared-info overhead, roughly). */
#define UNIX_SKB_OVERHEAD 576
/* Stream buffers stay at most this big (Linux: 32 KiB of pages plus a
 * head), and at most half the send buffer. */
#define UNIX_SKB_MAX (32768 + 3776)

struct unix_skb *unix_skb_alloc(size_t len)
{
	struct unix_skb *skb = kmalloc(sizeof(*skb) + len);

	if (!skb)
		return NULL;
	memset(skb, 0, sizeof(*skb));
	list_init(&skb->link);
	skb->len = len;
	skb->truesize = ALIGN_UP(len, 64) + UNIX_SKB_OVERHEAD;
	return skb;
}

void unix_skb_charge(struct unix_skb *skb, struct unix_sock *owner)
{
	skb->owner = owner;
	sock_hold(&owner->sk);
	owner->sk.wmem += (int)skb->truesize;
}

/* Free a buffer that is on no queue: close the files in flight, refuse a
 * pending connection, give the sender its space back. */
void unix_skb_free(struct unix_skb *skb)
{
	struct unix_sock *owner = skb->owner;

	unix_notinflight(&skb->scm);
	scm_release(&skb->scm);
	if (skb->embryo) {
		unix_release_sock(skb->embryo, true);
		sock_put(&skb->embryo->sk);
	}
	if (owner) {
		owner->sk.wmem -= (int)skb->truesize;
		if (unix_writable(owner))
			wq_wake(&owner->sk.wq, POLLOUT | POLLWRNORM | POLLWRBAND);
		sock_put(&owner->sk);
	}
	kfree(skb);
}

void unix_enqueue(struct unix_sock *u, struct unix_skb *skb)
{
	list_add_tail(&skb->link, &u->rcvq);
	u->rcvq_len++;
	u->rcv_gen++;
	wq_wake(&u->sk.wq, POLLIN | POLLRDNORM);
}

void unix_unlink(struct unix_sock *u, struct unix_skb *skb)
{
	list_del(&skb->link);
	u->rcvq_len--;
}

long unix_inq_len(struct unix_sock *u)
{
	struct unix_skb *skb;
	long n = 0;

	if (u->sk.type == SOCK_DGRAM) {
		if (list_empty(&u->rcvq))
			return 0;
		return (long)list_first_entry(&u->rcvq, struct unix_skb, link)->len;
	}
	list_for_each_entry(skb, &u->rcvq, link)
		n += (long)(skb->len - skb->consumed);
	return n;
}

/* Linux's sock_alloc_send_pskb wait: room in our send buffer, or an error
 * (pending SO_ERROR first, EPIPE after shutdown(SHUT_WR)). */
static int unix_wait_wmem(struct sock *sk, s64 deadline, s64 timeo)
{
	int err;

	for (;;) {
		err = sock_error(sk);
		if (err)
			return err;
		if (sk->shutdown & SEND_SHUTDOWN)
			return -EPIPE;
		if (sk->wmem < sk->sndbuf)
			return 0;
		if (!deadline)
			return -EAGAIN;
		err = wait_event_deadline(&sk->wq, sk->wmem < sk->sndbuf || sk->err ||
					  (sk->shutdown & SEND_SHUTDOWN),
					  TASK_INTERRUPTIBLE, deadline);
		if (err)
			return sock_wait_errno(err, timeo);
	}
}

/* The files and credentials of a message go with its (first) buffer. */
static void unix_skb_take_scm(struct unix_skb *skb, struct kmsg *m, bool fds)
{
	skb->scm.has_creds = true;
	skb->scm.creds = m->scm.has_creds ? m->scm.creds : scm_current_creds();
	if (fds && m->scm.nfds) {
		skb->scm.fds = m->scm.fds;
		skb->scm.nfds = m->scm.nfds;
		m->scm.fds = NULL;
		m->scm.nfds = 0;
		unix_inflight(&skb->scm);
	}
}

/* The reader takes the files a buffer carries. */
static void unix_skb_detach_fds(struct unix_skb *skb, struct scm *dst)
{
	unix_notinflight(&skb->scm);
	dst->fds = skb->scm.fds;
	dst->nfds = skb->scm.nfds;
	skb->scm.fds = NULL;
	skb->scm.nfds = 0;
}

/* Fill a new buffer of size bytes from the message; -EFAULT, -ENOMEM. */
static int unix_skb_fill(struct unix_sock *u, struct kmsg *m, size_t size, bool fds,
			 struct unix_skb **out)
{
	struct unix_skb *skb = unix_skb_alloc(size);

	if (!skb)
		return -ENOMEM;
	if (iov_copy_from(m->iter, skb->data, size) < size) {
		kfree(skb);
		return -EFAULT;
	}
	unix_skb_charge(skb, u);
	unix_skb_take_scm(skb, m, fds);
	*out = skb;
	return 0;
}

/* The sender's name for recvfrom/recvmsg (none if it is unbound). */
static void unix_copy_addr(struct kmsg *m, struct unix_sock *from)
{
	if (m->name && from && from->addr) {
		memcpy(m->name, &from->addr->sun, (size_t)from->addr->len);
		m->namelen = from->addr->len;
	}
}

/* ---- streams ---- */

long unix_stream_sendmsg(struct sock *sk, struct kmsg *m, size_t len)
{
	struct unix_sock *u = unix_sk(sk), *other;
	bool nonblock = m->flags & MSG_DONTWAIT;
	s64 timeo = sk->sndtimeo, deadline = sock_deadline(timeo, nonblock);
	size_t sent = 0;
	int err;

	if (m->flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->namelen)
		return sk->state == SOCK_ST_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
	if (!u->peer)
		return -ENOTCONN;
	if (sk->shutdown & SEND_SHUTDOWN) {
		sock_sigpipe(m->flags);
		return -EPIPE;
	}
	while (sent < len) {
		size_t size = MIN(len - sent, (size_t)(sk->sndbuf / 2 - 64));
		struct unix_skb *skb;

		size = MIN(size, (size_t)UNIX_SKB_MAX);
		err = unix_wait_wmem(sk, deadline, timeo);
		if (!err)
			err = unix_skb_fill(u, m, size, sent == 0, &skb);
		if (err)
			return sent ? (long)sent : err;
		other = u->peer; /* a stream keeps its peer until close */
		if (other->sk.dead || (other->sk.shutdown & RCV_SHUTDOWN)) {
			unix_skb_free(skb);
			if (!sent)
				sock_sigpipe(m->flags);
			return sent ? (long)sent : -EPIPE;
		}
		unix_enqueue(other, skb);
		sent += size;
	}
	return (long)sent;
}

/* Sleep until the queue changes (gen), an error or the end of input. */
static int unix_stream_data_wait(struct unix_sock *u, s64 deadline, s64 timeo)
{
	u64 gen = u->rcv_gen;
	int err = wait_event_deadline(&u->sk.wq, u->rcv_gen != gen || u->sk.err ||
				      (u->sk.shutdown & RCV_SHUTDOWN),
				      TASK_INTERRUPTIBLE, deadline);

	if (err == -ETIMEDOUT)
		return 0; /* the caller sees its deadline passed */
	return sock_wait_errno(err, timeo);
}

/* Nothing (more) queued: 1 to return what we have, 0 after a wait, or an
 * error. Linux checks in POSIX 1003.1g's order: enough data, a pending
 * error, the end of input, then blocking. */
static int unix_stream_no_data(struct unix_sock *u, size_t copied, size_t target, s64 deadline,
			       s64 timeo)
{
	int err;

	if (copied >= target)
		return 1;
	err = sock_error(&u->sk);
	if (err)
		return err;
	if (u->sk.shutdown & RCV_SHUTDOWN)
		return 1;
	if (!deadline || (deadline != S64_MAX && time_mono() >= deadline))
		return -EAGAIN;
	return unix_stream_data_wait(u, deadline, timeo);
}

/* Credentials only glue when SO_PASSCRED is on (Linux's unix_skb_scm_eq). */
static bool unix_creds_eq(const struct ucred_k *a, const struct ucred_k *b)
{
	return a->pid == b->pid && a->uid == b->uid && a->gid == b->gid;
}

/* chunk bytes of skb were read: account for them. True ends the read:
 * the buffer still has data (the caller's buffer is full), or it carried
 * files, which Linux never lets a read run past. */
static bool unix_stream_consume(struct unix_sock *u, struct unix_skb *skb, size_t chunk,
				struct kmsg *m)
{
	skb->consumed += chunk;
	if (skb->scm.nfds)
		unix_skb_detach_fds(skb, &m->scm);
	if (skb->consumed < skb->len)
		return true;
	unix_unlink(u, skb);
	unix_skb_free(skb);
	return m->scm.nfds != 0;
}

long unix_stream_recvmsg(struct sock *sk, struct kmsg *m, size_t len, int flags)
{
	struct unix_sock *u = unix_sk(sk);
	bool peek = flags & MSG_PEEK, check_creds = false;
	s64 timeo = sk->rcvtimeo, deadline = sock_deadline(timeo, flags & MSG_DONTWAIT);
	size_t target, copied = 0, size = len, chunk;
	struct unix_skb *skb = NULL;
	long err = 0;

	if (sk->state != SOCK_ST_ESTABLISHED)
		return -EINVAL;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	/* SO_RCVLOWAT, or all of it with MSG_WAITALL; at least one byte */
	target = (flags & MSG_WAITALL) ? len : MIN((size_t)sk->rcvlowat, len);
	target = MAX(target, (size_t)1);
	for (;;) {
		/* reading takes the head; peeking walks on from the last buffer */
		if (!skb || !peek)
			skb = list_empty(&u->rcvq) ? NULL
						   : list_first_entry(&u->rcvq, struct unix_skb, link);
		if (!skb) {
			err = unix_stream_no_data(u, copied, target, deadline, timeo);
			if (err) {
				err = err > 0 ? 0 : err;
				break;
			}
			continue;
		}
		if (check_creds) {
			if (!unix_creds_eq(&skb->scm.creds, &m->scm.creds))
				break; /* never glue messages from different writers */
		} else if (sk->opts & SOCK_OPT_PASSCRED) {
			m->scm.has_creds = true;
			m->scm.creds = skb->scm.creds;
			check_creds = true;
		}
		unix_copy_addr(m, skb->owner);
		chunk = MIN(skb->len - skb->consumed, size);
		if (iov_copy_to(m->iter, skb->data + skb->consumed, chunk) < chunk) {
			err = -EFAULT;
			break;
		}
		copied += chunk;
		size -= chunk;
		if (!peek) {
			if (unix_stream_consume(u, skb, chunk, m))
				break;
		} else {
			/* MSG_PEEK hands out copies of passed files, and stops there */
			if (skb->scm.nfds) {
				if (scm_dup_fds(&m->scm, skb->scm.fds, skb->scm.nfds))
					m->flags |= MSG_CTRUNC;
				break;
			}
			/* and never waits once it has something */
			if (skb->link.next == &u->rcvq)
				break;
			skb = list_entry(skb->link.next, struct unix_skb, link);
		}
		if (!size)
			break;
	}
	if (copied)
		return (long)copied;
	scm_release(&m->scm);
	return err;
}

/* ---- datagrams and sequenced packets ---- */

/* The receiver's queue is full and it is not connected back to us: wait
 * for room (0: retry; the deadline passing is seen by the caller). */
static int unix_wait_for_room(struct unix_sock *other, s64 deadline, s64 timeo)
{
	int err = wait_event_deadline(&other->peer_wait,
				      other->sk.dead || (other->sk.shutdown & RCV_SHUTDOWN) ||
					      !unix_recvq_full(other),
				      TASK_INTERRUPTIBLE, deadline);

	return err == -ETIMEDOUT ? 0 : sock_wait_errno(err, timeo);
}

/* Deliver skb to other (a reference the caller keeps); 0, or -errno with
 * skb still the caller's. *other may be dropped and cleared (dead peer). */
static int unix_dgram_deliver(struct unix_sock *u, struct unix_sock *other, struct unix_skb *skb,
			      s64 *deadline, s64 timeo)
{
	int err;

	for (;;) {
		if (!unix_may_send_to(u, other))
			return -EPERM;
		if (other->sk.dead)
			return -ECONNREFUSED; /* the caller sorts this out */
		if (other->sk.shutdown & RCV_SHUTDOWN)
			return -EPIPE;
		if (other == u || other->peer == u || !unix_recvq_full(other))
			break;
		if (*deadline && (*deadline == S64_MAX || time_mono() < *deadline)) {
			err = unix_wait_for_room(other, *deadline, timeo);
			if (err)
				return err;
			continue;
		}
		*deadline = 0;
		/* nonblocking: EAGAIN, and have poll wake us when it drains */
		if (u->peer != other || unix_peer_wake_me(u, other))
			return -EAGAIN;
	}
	unix_enqueue(other, skb);
	return 0;
}

/* The receiver other is dead (its file closed). A seqpacket connection is
 * broken: EPIPE. A datagram association with it is dissolved, once:
 * ECONNREFUSED (the next send says ENOTCONN). Sending by name just looks
 * the name up again (0). */
static int unix_dgram_peer_died(struct unix_sock *u, struct unix_sock *other)
{
	if (u->sk.type == SOCK_SEQPACKET)
		return -EPIPE;
	if (u->peer != other)
		return 0;
	u->peer = NULL;
	unix_peer_wake_disconnect(u, other);
	wq_wake(&u->sk.wq, POLLOUT | POLLWRNORM | POLLWRBAND);
	u->sk.state = SOCK_ST_CLOSE;
	unix_dgram_disconnected(u, other);
	sock_put(&other->sk); /* the association's reference */
	return -ECONNREFUSED;
}

long unix_dgram_sendmsg(struct sock *sk, struct kmsg *m, size_t len)
{
	struct unix_sock *u = unix_sk(sk), *other = NULL;
	s64 timeo = sk->sndtimeo, deadline = sock_deadline(timeo, m->flags & MSG_DONTWAIT);
	struct sockaddr_k *sun = NULL;
	struct unix_skb *skb;
	int err;

	if (m->flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->namelen) {
		err = unix_validate_addr(m->name, m->namelen);
		if (err)
			return err;
		sun = m->name;
	} else {
		other = u->peer;
		if (!other)
			return -ENOTCONN;
		sock_hold(&other->sk);
	}
	if ((sk->opts & SOCK_OPT_PASSCRED) && !u->addr) {
		err = unix_autobind(u);
		if (err)
			goto out;
	}
	err = -EMSGSIZE;
	if (len > (size_t)sk->sndbuf - 32)
		goto out;
	err = unix_wait_wmem(sk, deadline, timeo);
	if (!err)
		err = unix_skb_fill(u, m, len, true, &skb);
	if (err)
		goto out;
	for (;;) {
		if (!other) {
			err = sun ? unix_find_other(sun, m->namelen, sk->type, &other) : -ECONNRESET;
			if (err)
				break;
		}
		err = unix_dgram_deliver(u, other, skb, &deadline, timeo);
		if (err != -ECONNREFUSED || !other->sk.dead)
			break;
		err = unix_dgram_peer_died(u, other);
		sock_put(&other->sk);
		other = NULL;
		if (err)
			break;
	}
	if (err)
		unix_skb_free(skb);
	else
		err = (int)len;
out:
	if (other)
		sock_put(&other->sk);
	return err;
}

long unix_dgram_recvmsg(struct sock *sk, struct kmsg *m, size_t len, int flags)
{
	struct unix_sock *u = unix_sk(sk);
	s64 timeo = sk->rcvtimeo, deadline = sock_deadline(timeo, flags & MSG_DONTWAIT);
	struct unix_skb *skb;
	size_t size;
	long err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	for (;;) {
		err = sock_error(sk);
		if (err)
			return err;
		if (!list_empty(&u->rcvq))
			break;
		if (!deadline || (deadline != S64_MAX && time_mono() >= deadline)) {
			/* EOF on a disconnected nonblocking seqpacket socket */
			if (sk->type == SOCK_SEQPACKET && (sk->shutdown & RCV_SHUTDOWN))
				return 0;
			return -EAGAIN;
		}
		if (sk->shutdown & RCV_SHUTDOWN)
			return 0;
		if (sk->type == SOCK_SEQPACKET && sk->state != SOCK_ST_ESTABLISHED)
			return -ENOTCONN;
		err = wait_event_deadline(&sk->wq, !list_empty(&u->rcvq) || sk->err ||
					  (sk->shutdown & RCV_SHUTDOWN),
					  TASK_INTERRUPTIBLE, deadline);
		if (err && err != -ETIMEDOUT)
			return sock_wait_errno((int)err, timeo);
	}
	skb = list_first_entry(&u->rcvq, struct unix_skb, link);
	if (!(flags & MSG_PEEK)) {
		unix_unlink(u, skb);
		wq_wake(&u->peer_wait, POLLOUT | POLLWRNORM | POLLWRBAND);
	}
	unix_copy_addr(m, skb->owner);
	size = MIN(len, skb->len);
	if (len < skb->len)
		m->flags |= MSG_TRUNC;
	if (iov_copy_to(m->iter, skb->data, size) < size) {
		err = -EFAULT;
		goto out;
	}
	m->scm.has_creds = skb->scm.has_creds;
	m->scm.creds = skb->scm.creds;
	if (!(flags & MSG_PEEK))
		unix_skb_detach_fds(skb, &m->scm);
	else if (scm_dup_fds(&m->scm, skb->scm.fds, skb->scm.nfds))
		m->flags |= MSG_CTRUNC; /* out of memory: the copies are lost */
	err = (flags & MSG_TRUNC) ? (long)skb->len : (long)size;
out:
	if (!(flags & MSG_PEEK))
		unix_skb_free(skb);
	return err;
}

long unix_seqpacket_sendmsg(struct sock *sk, struct kmsg *m, size_t len)
{
	int err = sock_error(sk);

	if (err)
		return err;
	if (sk->state != SOCK_ST_ESTABLISHED)
		return -ENOTCONN;
	m->namelen = 0; /* the address of a connected socket is ignored */
	return unix_dgram_sendmsg(sk, m, len);
}

long unix_seqpacket_recvmsg(struct sock *sk, struct kmsg *m, size_t len, int flags)
{
	if (sk->state != SOCK_ST_ESTABLISHED)
		return -ENOTCONN;
	return unix_dgram_recvmsg(sk, m, len, flags);
}
