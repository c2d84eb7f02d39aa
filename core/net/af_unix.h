/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AF_UNIX internals shared by af_unix.c (names, connections, poll,
 * release) and unix_io.c (queues, send and receive). Private to core/net.
 *
 * A unix_sock embeds the generic struct sock. Data travels as unix_skb
 * buffers queued on the receiver's rcvq and charged to the sender's wmem
 * until they are read or dropped, which is what bounds a writer (Linux's
 * skb truesize accounting against SO_SNDBUF). A listening socket's rcvq
 * holds one unix_skb per pending connection, whose embryo is the server
 * end that accept(2) hands out. References: the file, each peer pointer,
 * each queued embryo and each queued buffer (on its sender) hold one.
 */
#ifndef CORE_NET_AF_UNIX_H
#define CORE_NET_AF_UNIX_H

#include "net.h"

/* A bound name: sun is a struct sockaddr_un, len the bytes that count
 * (family + path with its NUL, or family + abstract bytes). Shared by a
 * listener and the sockets accept(2) returns. */
struct unix_addr {
	int refs;
	int len;
	struct sockaddr_k sun;
};

struct unix_sock;

struct unix_skb {
	struct list_head link;      /* in the receiver's rcvq */
	struct unix_sock *owner;    /* sender, charged truesize (holds a ref); may be NULL */
	struct unix_sock *embryo;   /* listener queue: the server end (holds a ref) */
	size_t len;                 /* payload bytes */
	size_t consumed;            /* stream: bytes already read */
	size_t truesize;            /* what the sender is charged */
	struct scm scm;             /* files in flight, sender's credentials */
	u8 data[];
};

struct unix_sock {
	struct sock sk;
	struct unix_addr *addr;     /* NULL: unbound */
	struct path path;           /* pathname binding: the S_IFSOCK node */
	bool abstract;              /* on unix_state.abstract */
	struct list_head abs_link;
	struct unix_sock *peer;     /* holds a reference; may be dead (dgram) */
	struct list_head rcvq;      /* unix_skb */
	unsigned rcvq_len;          /* buffers queued */
	u64 rcv_gen;                /* bumped on every enqueue (stream readers wait on it) */
	unsigned max_backlog;       /* listen backlog, or the datagram queue limit */
	struct wait_queue peer_wait; /* senders and connectors waiting for room here */
	/* A writer polling a full peer registers this on the peer's peer_wait;
	 * it relays one wake-up to sk.wq and unhooks itself (Linux's peer_wake). */
	struct wait_entry peer_wake;
	struct unix_sock *peer_wake_on;
	/* sockets passed over sockets (unix_gc.c) */
	int inflight;               /* times our file sits in a queued message */
	struct list_head gc_link;   /* on the in-flight list while inflight > 0 */
	struct list_head gc_cand;   /* during a collection */
	int gc_refs;                /* during a collection: references from outside */
	bool gc_candidate, gc_alive, gc_scanned;
};

static inline struct unix_sock *unix_sk(struct sock *sk)
{
	return container_of(sk, struct unix_sock, sk);
}

static inline bool unix_recvq_full(const struct unix_sock *u)
{
	return u->rcvq_len > u->max_backlog;
}

/* A socket connected elsewhere takes datagrams only from its peer. */
static inline bool unix_may_send_to(const struct unix_sock *u, const struct unix_sock *other)
{
	return !other->peer || other->peer == u;
}

/* Room to write: Linux's unix_writable (a quarter of the send buffer). */
static inline bool unix_writable(const struct unix_sock *u)
{
	return u->sk.state != SOCK_ST_LISTEN && ((s64)u->sk.wmem << 2) <= u->sk.sndbuf;
}

/* unix_name.c */
int unix_bind(struct sock *sk, struct sockaddr_k *addr, int len);
int unix_getname(struct sock *sk, struct sockaddr_k *addr, bool peer);
int unix_autobind(struct unix_sock *u);
void unix_addr_put(struct unix_addr *a);
/* Forget u's name: nobody can find it any more (release). */
void unix_unhash(struct unix_sock *u);
/* The socket bound to addr (with a reference): -ENOENT, -EACCES,
 * -ECONNREFUSED, -EPROTOTYPE, -EINVAL. */
int unix_find_other(struct sockaddr_k *addr, int len, int type, struct unix_sock **out);
int unix_validate_addr(const struct sockaddr_k *addr, int len);

/* af_unix.c */
/* A datagram socket lost its peer other: drop what other sent. */
void unix_dgram_disconnected(struct unix_sock *u, struct unix_sock *other);
int unix_peer_wake_me(struct unix_sock *u, struct unix_sock *other);
void unix_peer_wake_disconnect(struct unix_sock *u, struct unix_sock *other);
void unix_release_sock(struct unix_sock *u, bool embryo);

/* unix_gc.c: files of AF_UNIX sockets entering and leaving queued
 * messages, and the collection of unreachable cycles (after a close). */
void unix_inflight(const struct scm *scm);
void unix_notinflight(const struct scm *scm);
void unix_gc(void);

/* unix_io.c */
struct unix_skb *unix_skb_alloc(size_t len);
void unix_skb_charge(struct unix_skb *skb, struct unix_sock *owner);
void unix_skb_free(struct unix_skb *skb);
void unix_enqueue(struct unix_sock *u, struct unix_skb *skb);
void unix_unlink(struct unix_sock *u, struct unix_skb *skb);
long unix_inq_len(struct unix_sock *u);
long unix_stream_sendmsg(struct sock *sk, struct kmsg *m, size_t len);
long unix_stream_recvmsg(struct sock *sk, struct kmsg *m, size_t len, int flags);
long unix_dgram_sendmsg(struct sock *sk, struct kmsg *m, size_t len);
long unix_dgram_recvmsg(struct sock *sk, struct kmsg *m, size_t len, int flags);
long unix_seqpacket_sendmsg(struct sock *sk, struct kmsg *m, size_t len);
long unix_seqpacket_recvmsg(struct sock *sk, struct kmsg *m, size_t len, int flags);

#endif
