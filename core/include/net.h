/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sockets (core/net/). Linux's layering, cut to what we need:
 *   socket.c    the socket file (an anonymous S_IFSOCK inode whose file's
 *               priv is the struct sock), the family registry and the
 *               connection system calls (socket, bind, connect, accept...)
 *   sys_msg.c   send/recv in all their forms; msghdr in and out
 *   scm.c       control messages: SCM_RIGHTS and SCM_CREDENTIALS
 *   sockopt.c   SOL_SOCKET options, kept in struct sock
 *   msg_abi.c   guest layouts of msghdr, cmsghdr, mmsghdr and timeval
 *   net_table.c the families (AF_UNIX here; AF_INET will be lwIP)
 *   af_unix.c, unix_io.c   AF_UNIX: names, connections, queues
 * Every transport is a const struct proto_ops chosen by family and type at
 * socket(2); the generic layer checks arguments and copies guest memory,
 * the protocol does the rest. Like the rest of the kernel this runs on one
 * thread and only sleeps in wait_event_*(): after a sleep, recheck state.
 */
#ifndef CORE_NET_H
#define CORE_NET_H

#include "vfs.h"

/* ---- Linux ABI constants (include/linux/socket.h, net.h, uapi) ---- */
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define AF_NETLINK 16
#define AF_PACKET 17
#define AF_MAX 46

#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_RDM 4
#define SOCK_SEQPACKET 5
#define SOCK_MAX 11
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK O_NONBLOCK
#define SOCK_CLOEXEC O_CLOEXEC

#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2
#define RCV_SHUTDOWN 1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_DONTROUTE 0x4
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_MORE 0x8000
#define MSG_WAITFORONE 0x10000
#define MSG_CMSG_CLOEXEC 0x40000000
#define MSG_CMSG_COMPAT 0x80000000u

#define SOL_SOCKET 1
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_OOBINLINE 10
#define SO_NO_CHECK 11
#define SO_PRIORITY 12
#define SO_LINGER 13
#define SO_BSDCOMPAT 14
#define SO_REUSEPORT 15
#define SO_PASSCRED 16
#define SO_PEERCRED 17
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO_OLD 20
#define SO_SNDTIMEO_OLD 21
#define SO_TIMESTAMP_OLD 29
#define SO_ACCEPTCONN 30
#define SO_PEERSEC 31
#define SO_SNDBUFFORCE 32
#define SO_RCVBUFFORCE 33
#define SO_MARK 36
#define SO_PROTOCOL 38
#define SO_DOMAIN 39
#define SO_COOKIE 57
#define SO_RCVTIMEO_NEW 66
#define SO_SNDTIMEO_NEW 67

#define SCM_RIGHTS 1
#define SCM_CREDENTIALS 2
#define SCM_MAX_FD 253

#define SIOCINQ FIONREAD
#define SIOCOUTQ TIOCOUTQ

#define SOMAXCONN_K 4096
#define UIO_MAXIOV_K 1024
/* net.core.{w,r}mem_default and _max, optmem_max: Linux's defaults */
#define SOCK_DEF_BUF 212992
#define SOCK_MAX_BUF 212992
#define SOCK_MIN_SNDBUF 4608
#define SOCK_MIN_RCVBUF 2304
#define SOCK_OPTMEM_MAX 131072

/* struct sockaddr_storage; sockaddr_un is {u16 family; char path[108]}. */
#define SOCKADDR_MAX 128
#define UNIX_PATH_MAX 108
struct sockaddr_k {
	u16 family;
	char data[SOCKADDR_MAX - 2];
};
_Static_assert(sizeof(struct sockaddr_k) == 128, "sockaddr_storage layout");

/* struct ucred: same on every Linux ABI. */
struct ucred_k {
	s32 pid;
	u32 uid, gid;
};
_Static_assert(sizeof(struct ucred_k) == 12, "struct ucred layout");

/* ---- control messages (scm.c) ---- */
/* What one message carries besides data: files (references owned by the
 * holder) and the sender's credentials. */
struct scm {
	struct file **fds;
	int nfds;
	bool has_creds;
	struct ucred_k creds;
};
void scm_release(struct scm *scm);   /* drop the files, free the array */
/* Duplicate the file references (MSG_PEEK); -ENOMEM. */
int scm_dup_fds(struct scm *dst, struct file *const *fds, int nfds);
struct ucred_k scm_current_creds(void);

/* ---- a message in the kernel ---- */
struct kmsg {
	struct sockaddr_k *name;  /* send: destination if namelen; recv: NULL, or the
				     buffer for the source address */
	int namelen;              /* recv: set by the protocol (0: none) */
	struct iov_iter *iter;    /* the data */
	unsigned flags;           /* send: MSG_* given; recv: MSG_TRUNC/CTRUNC out */
	struct scm scm;           /* send: parsed control; recv: to deliver */
};

/* ---- sockets ---- */
enum sock_state {
	SOCK_ST_CLOSE,            /* unconnected (or disconnected) */
	SOCK_ST_LISTEN,
	SOCK_ST_ESTABLISHED,
};

#define SOCK_OPT_PASSCRED 0x1
#define SOCK_OPT_REUSEADDR 0x2
#define SOCK_OPT_REUSEPORT 0x4
#define SOCK_OPT_KEEPALIVE 0x8
#define SOCK_OPT_BROADCAST 0x10
#define SOCK_OPT_DONTROUTE 0x20
#define SOCK_OPT_OOBINLINE 0x40
#define SOCK_OPT_TIMESTAMP 0x80
#define SOCK_OPT_DEBUG 0x100

struct proto_ops;

/* The protocol-independent part of a socket (Linux's struct sock). It can
 * outlive its file: an AF_UNIX connection's server end exists before
 * accept(2), and a dead peer stays until its last reference goes. */
struct sock {
	int refs;                 /* the file, peers, queues, in-flight buffers */
	u16 family, type;
	int protocol;
	const struct proto_ops *ops;
	struct file *file;        /* NULL before accept and after close */
	enum sock_state state;
	unsigned shutdown;        /* RCV_SHUTDOWN | SEND_SHUTDOWN */
	int err;                  /* pending error for SO_ERROR (positive errno) */
	bool dead;                /* released: no file will come back */
	struct wait_queue wq;     /* readers, writers, accept, poll: keyed POLL* */
	/* options (sockopt.c) */
	unsigned opts;            /* SOCK_OPT_* */
	int sndbuf, rcvbuf;       /* bytes, as SO_*BUF reports them */
	s64 rcvtimeo, sndtimeo;   /* ns; S64_MAX: block forever */
	int rcvlowat, priority;
	u32 mark;
	int linger_on, linger_secs;
	u64 cookie;               /* SO_COOKIE, assigned on first use */
	/* SO_PEERCRED: the peer's credentials when the connection was made */
	bool peercred_set;
	struct ucred_k peercred;
	int wmem;                 /* bytes sent and not yet read by the peer */
};

/* Every transport is one of these (per family and type). NULL entries mean
 * "not supported by this kind of socket" (-EOPNOTSUPP, or Linux's errno for
 * that call). Blocking ops sleep interruptibly; nonblock comes from the
 * file (O_NONBLOCK) or MSG_DONTWAIT. */
struct proto_ops {
	int family;
	/* The file closed: detach from peers and names, drop queued data.
	 * The generic layer drops the file's reference afterwards. */
	void (*release)(struct sock *sk);
	/* The last reference went: free sk. */
	void (*destroy)(struct sock *sk);
	int (*bind)(struct sock *sk, struct sockaddr_k *addr, int len);
	int (*connect)(struct sock *sk, struct sockaddr_k *addr, int len, bool nonblock);
	int (*socketpair)(struct sock *a, struct sock *b);
	/* A new connection: *newsk comes with one reference for its file. */
	int (*accept)(struct sock *sk, struct sock **newsk, bool nonblock);
	/* Fill addr; the address length or -errno. */
	int (*getname)(struct sock *sk, struct sockaddr_k *addr, bool peer);
	unsigned (*poll)(struct sock *sk, struct poll_table *pt);
	/* -ENOIOCTLCMD: not a protocol ioctl. */
	long (*ioctl)(struct sock *sk, unsigned cmd, u64 arg);
	int (*listen)(struct sock *sk, int backlog);
	int (*shutdown)(struct sock *sk, int how);
	long (*sendmsg)(struct sock *sk, struct kmsg *m, size_t len);
	long (*recvmsg)(struct sock *sk, struct kmsg *m, size_t len, int flags);
};

/* A family: create fills in sk->ops (and may change sk->type, as AF_UNIX
 * does for SOCK_RAW) and allocates its private part. */
struct net_family {
	int family;
	const char *name;
	/* Allocate the socket; *out has one reference. -EAFNOSUPPORT,
	 * -ESOCKTNOSUPPORT, -EPROTONOSUPPORT, -ENOMEM. */
	int (*create)(int type, int protocol, struct sock **out);
	/* Not built yet (af_stub.c): create checks its arguments, then says
	 * -EAFNOSUPPORT. socketpair(2) then answers -EOPNOTSUPP, as the
	 * real family (which has no socketpair) will once it creates. */
	bool stub;
};
extern const struct net_family *const net_families[];
extern const unsigned net_families_len;
extern const struct net_family unix_family;
extern const struct net_family inet_family;
extern const struct net_family inet6_family;
extern const struct net_family netlink_family;

/* ---- the generic layer (socket.c) ---- */
/* Initialise the common part of a new socket (one reference, defaults). */
void sock_init(struct sock *sk, int family, int type, const struct proto_ops *ops);
void sock_hold(struct sock *sk);
void sock_put(struct sock *sk);
/* The socket behind a file descriptor, with a file reference (put with
 * file_put): -EBADF, -ENOTSOCK. */
int sock_from_fd(int fd, struct file **f, struct sock **sk);
/* The socket of an open file, or NULL (SCM_RIGHTS, procfs). */
struct sock *sock_from_file(struct file *f);
/* A file for sk (takes sk's reference); NULL on -ENFILE. */
struct file *sock_file_alloc(struct sock *sk, unsigned flags);

/* Waiting with SO_RCVTIMEO/SO_SNDTIMEO: a deadline, 0 = do not block. */
s64 sock_deadline(s64 timeo, bool nonblock);
/* Map a wait_event_deadline result for a socket call: a timeout is EAGAIN,
 * a signal restarts only without a timeout (Linux's sock_intr_errno). */
int sock_wait_errno(int err, s64 timeo);
/* The pending error (cleared), as a negative errno, or 0. */
int sock_error(struct sock *sk);
/* SO_COOKIE: a number unique to sk for the life of the kernel. */
u64 sock_cookie(struct sock *sk);
/* SIGPIPE to the caller unless MSG_NOSIGNAL. */
void sock_sigpipe(unsigned flags);

/* ---- guest layouts (msg_abi.c) ---- */
/* struct msghdr as the kernel sees it, whatever the guest's layout. */
struct umsghdr {
	u64 name;
	s32 namelen;
	u64 iov, iovlen;
	u64 control, controllen;
	u32 flags;
};
struct sock_abi {
	size_t msghdr_size;
	size_t mmsghdr_size;       /* struct mmsghdr: a msghdr then msg_len */
	size_t mmsg_len_off;
	size_t cmsghdr_size;       /* sizeof(struct cmsghdr) */
	size_t cmsg_align;         /* CMSG_ALIGN unit */
	size_t timeval_size;       /* SO_RCVTIMEO_OLD's struct timeval */
	int (*msghdr_get)(u64 umsg, struct umsghdr *m);
	/* Write back msg_controllen, msg_flags and, if there is a msg_name,
	 * msg_namelen (recvmsg). */
	int (*msghdr_put)(u64 umsg, const struct umsghdr *m);
	/* A cmsghdr at kernel address p (control data copied in). */
	void (*cmsg_get)(const void *p, u64 *len, int *level, int *type);
	void (*cmsg_fill)(void *p, u64 len, int level, int type);
	int (*timeval_get)(const void *p, s64 *sec, s64 *usec);
	void (*timeval_fill)(void *p, s64 sec, s64 usec);
};
/* The calling task's layout (x86_64: LP64; the i386 ABI will add ILP32). */
const struct sock_abi *sock_abi_current(void);
static inline u64 cmsg_align(const struct sock_abi *abi, u64 n)
{
	return ALIGN_UP(n, abi->cmsg_align);
}
static inline u64 cmsg_len(const struct sock_abi *abi, u64 n)
{
	return cmsg_align(abi, abi->cmsghdr_size) + n;
}
static inline u64 cmsg_space(const struct sock_abi *abi, u64 n)
{
	return cmsg_align(abi, abi->cmsghdr_size) + cmsg_align(abi, n);
}

/* ---- control messages on the wire (scm.c) ---- */
/* Parse a copied-in control buffer for sendmsg into m->scm. */
int scm_parse(struct sock *sk, const void *ctl, size_t len, struct scm *scm);
/* Deliver m->scm into the guest's control buffer (recvmsg): updates
 * *control, *controllen and m->flags (MSG_CTRUNC); releases what does not
 * fit. A NULL control just truncates. */
void scm_deliver(struct sock *sk, struct kmsg *m, unsigned flags, u64 *control,
		 u64 *controllen);

/* ---- messages (sys_msg.c) ---- */
long sock_sendmsg(struct sock *sk, struct kmsg *m, size_t len);
long sock_recvmsg(struct sock *sk, struct kmsg *m, size_t len, int flags);
/* Guest addresses: copy in (-EINVAL, -EFAULT) and out (Linux's rules:
 * truncate to the guest's length, report the full length). */
int sock_addr_from_user(u64 uaddr, s64 len, struct sockaddr_k *out);
int sock_addr_to_user(const struct sockaddr_k *a, int len, u64 uaddr, u64 ulen);

/* ---- options (sockopt.c) ---- */
void sock_opts_init(struct sock *sk);

#endif
