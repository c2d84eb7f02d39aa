// SPDX-License-Identifier: GPL-2.0
/*
 * setsockopt and getsockopt at SOL_SOCKET (Linux's sk_setsockopt and
 * sk_getsockopt), over the option fields of struct sock. Options the
 * kernel honours: SO_SNDBUF/SO_RCVBUF (doubled and clamped as Linux does;
 * the send buffer bounds what a writer may queue), SO_RCVTIMEO and
 * SO_SNDTIMEO, SO_PASSCRED, SO_RCVLOWAT, SO_ERROR, SO_PEERCRED. Flags that
 * only matter to IP (SO_REUSEADDR, SO_KEEPALIVE, SO_BROADCAST...) are kept
 * and reported back. Unknown options: ENOPROTOOPT; other levels belong to
 * protocols and AF_UNIX has none: EOPNOTSUPP.
 */
#include "net.h"
#include "uaccess.h"

#define SO_PEERNAME 28
#define SO_PASSSEC 34
#define NSEC_PER_SEC 1000000000LL
#define INT_MAX_K 0x7fffffff

void sock_opts_init(struct sock *sk)
{
	sk->sndbuf = SOCK_DEF_BUF;
	sk->rcvbuf = SOCK_DEF_BUF;
	sk->rcvtimeo = S64_MAX;
	sk->sndtimeo = S64_MAX;
	sk->rcvlowat = 1;
}

static bool sock_capable(void)
{
	return task_current()->cred.euid == 0; /* root has every capability */
}

/* Boolean options stored as SOCK_OPT_* bits. */
static unsigned sock_flag_opt(int optname)
{
	switch (optname) {
	case SO_DEBUG: return SOCK_OPT_DEBUG;
	case SO_REUSEADDR: return SOCK_OPT_REUSEADDR;
	case SO_REUSEPORT: return SOCK_OPT_REUSEPORT;
	case SO_KEEPALIVE: return SOCK_OPT_KEEPALIVE;
	case SO_BROADCAST: return SOCK_OPT_BROADCAST;
	case SO_DONTROUTE: return SOCK_OPT_DONTROUTE;
	case SO_OOBINLINE: return SOCK_OPT_OOBINLINE;
	case SO_PASSCRED: return SOCK_OPT_PASSCRED;
	default: return 0;
	}
}

/* Linux's sock_set_timeout: {0,0} is forever, a negative time is "do not
 * block", a bad tv_usec is EDOM. */
static int sock_set_timeout(s64 *timeo, u64 optval, int optlen, bool old)
{
	const struct sock_abi *abi = sock_abi_current();
	size_t need = old ? abi->timeval_size : 16;
	char buf[16];
	s64 sec, usec;

	if ((size_t)optlen < need)
		return -EINVAL;
	if (copy_from_user(buf, optval, need))
		return -EFAULT;
	if (old) {
		abi->timeval_get(buf, &sec, &usec);
	} else {
		memcpy(&sec, buf, 8);
		memcpy(&usec, buf + 8, 8);
	}
	if (usec < 0 || usec >= 1000000)
		return -EDOM;
	if (sec < 0) {
		*timeo = 0;
		return 0;
	}
	if (sec == 0 && usec == 0)
		*timeo = S64_MAX;
	else if (sec >= S64_MAX / NSEC_PER_SEC - 1)
		*timeo = S64_MAX;
	else
		*timeo = sec * NSEC_PER_SEC + usec * 1000;
	return 0;
}

static int sock_setbuf(struct sock *sk, int optname, int val)
{
	bool force = optname == SO_SNDBUFFORCE || optname == SO_RCVBUFFORCE;
	bool snd = optname == SO_SNDBUF || optname == SO_SNDBUFFORCE;
	u32 v = (u32)val;

	if (force) {
		if (!sock_capable())
			return -EPERM;
		if (val < 0)
			v = 0;
	} else {
		v = MIN(v, (u32)SOCK_MAX_BUF);
	}
	v = MIN(v, (u32)(INT_MAX_K / 2));
	if (snd) {
		sk->sndbuf = MAX((int)v * 2, SOCK_MIN_SNDBUF);
		wq_wake(&sk->wq, POLLOUT | POLLWRNORM | POLLWRBAND);
	} else {
		sk->rcvbuf = MAX((int)v * 2, SOCK_MIN_RCVBUF);
	}
	return 0;
}

static int sock_setsockopt(struct sock *sk, int optname, u64 optval, int optlen)
{
	s32 val, ling[2];
	unsigned bit;

	if (optlen < (int)sizeof(int))
		return -EINVAL;
	if (copy_from_user(&val, optval, sizeof(val)))
		return -EFAULT;
	bit = sock_flag_opt(optname);
	if (bit) {
		if (optname == SO_DEBUG && val && !sock_capable())
			return -EACCES;
		/* SO_REUSEPORT means nothing outside IP (Linux 6.x says so) */
		if (optname == SO_REUSEPORT && val && sk->family != AF_INET &&
		    sk->family != AF_INET6)
			return -EOPNOTSUPP;
		sk->opts = val ? sk->opts | bit : sk->opts & ~bit;
		return 0;
	}
	switch (optname) {
	case SO_SNDBUF:
	case SO_RCVBUF:
	case SO_SNDBUFFORCE:
	case SO_RCVBUFFORCE:
		return sock_setbuf(sk, optname, val);
	case SO_PRIORITY:
		if ((val < 0 || val > 6) && !sock_capable())
			return -EPERM;
		sk->priority = val;
		return 0;
	case SO_LINGER:
		if (optlen < (int)sizeof(ling))
			return -EINVAL;
		if (copy_from_user(ling, optval, sizeof(ling)))
			return -EFAULT;
		sk->linger_on = ling[0] != 0;
		sk->linger_secs = ling[1];
		return 0;
	case SO_RCVLOWAT:
		if (val < 0)
			val = INT_MAX_K;
		sk->rcvlowat = val ? val : 1;
		return 0;
	case SO_RCVTIMEO_OLD:
	case SO_RCVTIMEO_NEW:
		return sock_set_timeout(&sk->rcvtimeo, optval, optlen, optname == SO_RCVTIMEO_OLD);
	case SO_SNDTIMEO_OLD:
	case SO_SNDTIMEO_NEW:
		return sock_set_timeout(&sk->sndtimeo, optval, optlen, optname == SO_SNDTIMEO_OLD);
	case SO_MARK:
		if (!sock_capable())
			return -EPERM;
		sk->mark = (u32)val;
		return 0;
	case SO_BSDCOMPAT:
	case SO_NO_CHECK:
	case SO_PASSSEC: /* no security module: nothing would be passed */
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

long sys_setsockopt(int fd, int level, int optname, u64 optval, int optlen)
{
	struct file *f;
	struct sock *sk;
	long err;

	if (optlen < 0)
		return -EINVAL;
	err = sock_from_fd(fd, &f, &sk);
	if (err)
		return err;
	err = level == SOL_SOCKET ? sock_setsockopt(sk, optname, optval, optlen) : -EOPNOTSUPP;
	file_put(f);
	return err;
}

static void sock_get_timeout(s64 timeo, bool old, char *buf, int *lv)
{
	const struct sock_abi *abi = sock_abi_current();
	s64 sec = 0, usec = 0;

	if (timeo != S64_MAX) {
		sec = timeo / NSEC_PER_SEC;
		usec = (timeo % NSEC_PER_SEC) / 1000;
	}
	if (old) {
		abi->timeval_fill(buf, sec, usec);
		*lv = (int)abi->timeval_size;
	} else {
		memcpy(buf, &sec, 8);
		memcpy(buf + 8, &usec, 8);
		*lv = 16;
	}
}

/* Fill buf with the option's value; its length in *lv, or -errno. For
 * SO_PEERNAME the guest's length matters (*len in). */
static int sock_getopt_value(struct sock *sk, int optname, char *buf, int *lv, int len)
{
	s32 v = 0;
	unsigned bit = sock_flag_opt(optname);

	*lv = sizeof(v);
	if (bit) {
		v = (sk->opts & bit) ? 1 : 0;
		goto out_int;
	}
	switch (optname) {
	case SO_TYPE: v = sk->type; break;
	case SO_PROTOCOL: v = sk->protocol; break;
	case SO_DOMAIN: v = sk->family; break;
	case SO_ACCEPTCONN: v = sk->state == SOCK_ST_LISTEN; break;
	case SO_ERROR: v = -sock_error(sk); break;
	case SO_SNDBUF: v = sk->sndbuf; break;
	case SO_RCVBUF: v = sk->rcvbuf; break;
	case SO_PRIORITY: v = sk->priority; break;
	case SO_RCVLOWAT: v = sk->rcvlowat; break;
	case SO_SNDLOWAT: v = 1; break;
	case SO_MARK: v = (s32)sk->mark; break;
	case SO_LINGER: {
		s32 l[2] = { sk->linger_on, sk->linger_secs };

		memcpy(buf, l, sizeof(l));
		*lv = sizeof(l);
		return 0;
	}
	case SO_RCVTIMEO_OLD:
	case SO_RCVTIMEO_NEW:
		sock_get_timeout(sk->rcvtimeo, optname == SO_RCVTIMEO_OLD, buf, lv);
		return 0;
	case SO_SNDTIMEO_OLD:
	case SO_SNDTIMEO_NEW:
		sock_get_timeout(sk->sndtimeo, optname == SO_SNDTIMEO_OLD, buf, lv);
		return 0;
	case SO_PEERCRED: {
		/* unconnected: pid 0 and ids -1, as Linux's cred_to_ucred */
		struct ucred_k c = { 0, (u32)-1, (u32)-1 };

		if (sk->peercred_set)
			c = sk->peercred;
		memcpy(buf, &c, sizeof(c));
		*lv = sizeof(c);
		return 0;
	}
	case SO_PEERNAME: {
		struct sockaddr_k a;
		int n = sk->ops->getname ? sk->ops->getname(sk, &a, true) : -ENOTCONN;

		if (n < 0)
			return -ENOTCONN;
		if (n < len)
			return -EINVAL;
		memcpy(buf, &a, (size_t)n);
		*lv = n;
		return 0;
	}
	case SO_COOKIE: {
		u64 c = sock_cookie(sk);

		memcpy(buf, &c, sizeof(c));
		*lv = sizeof(c);
		return 0;
	}
	default:
		return -ENOPROTOOPT;
	}
out_int:
	memcpy(buf, &v, sizeof(v));
	return 0;
}

long sys_getsockopt(int fd, int level, int optname, u64 optval, u64 uoptlen)
{
	char buf[SOCKADDR_MAX];
	struct file *f;
	struct sock *sk;
	s32 len;
	int lv;
	long err;

	err = sock_from_fd(fd, &f, &sk);
	if (err)
		return err;
	if (level != SOL_SOCKET) {
		err = -EOPNOTSUPP;
		goto out;
	}
	if (copy_from_user(&len, uoptlen, sizeof(len))) {
		err = -EFAULT;
		goto out;
	}
	if (len < 0) {
		err = -EINVAL;
		goto out;
	}
	err = sock_getopt_value(sk, optname, buf, &lv, len);
	if (err)
		goto out;
	if (len > lv)
		len = lv;
	if ((len && copy_to_user(optval, buf, (size_t)len)) ||
	    copy_to_user(uoptlen, &len, sizeof(len)))
		err = -EFAULT;
out:
	file_put(f);
	return err;
}
