// SPDX-License-Identifier: GPL-2.0
/*
 * Families that are not built yet. AF_INET and AF_INET6 will be lwIP
 * behind the same struct proto_ops (DESIGN.md, "Network"); until then
 * socket(2) says EAFNOSUPPORT and logs it once, so programs fall back the
 * way they do on a kernel without IP. AF_NETLINK is asked for by many
 * tools as a probe: it fails quietly.
 *
 * Each create checks type and protocol first, with the errors the real
 * family gives (inet_create, netlink_create), and only then says the
 * family is missing. The families are marked stub, so socketpair(2) on
 * arguments that would have made a socket answers EOPNOTSUPP, as Linux
 * does: none of these families has a socketpair.
 */
#include "net.h"

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_ICMPV6 58
#define IPPROTO_UDPLITE 136
#define IPPROTO_MPTCP 262
#define IPPROTO_MAX 263
#define NETLINK_MAX_LINKS 32

/* inetsw/inetsw6: which protocols each type takes (0 picks the default). */
static int inet_check(int type, int protocol, int icmp)
{
	bool ok;

	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	switch (type) {
	case SOCK_STREAM:
		ok = protocol == IPPROTO_IP || protocol == IPPROTO_TCP || protocol == IPPROTO_MPTCP;
		break;
	case SOCK_DGRAM:
		ok = protocol == IPPROTO_IP || protocol == IPPROTO_UDP ||
		     protocol == IPPROTO_UDPLITE || protocol == icmp;
		break;
	case SOCK_RAW: /* any protocol, with CAP_NET_RAW */
		return task_current()->cred.euid == 0 ? 0 : -EPERM;
	default:
		return -ESOCKTNOSUPPORT;
	}
	return ok ? 0 : -EPROTONOSUPPORT;
}

static int inet_create(int type, int protocol, struct sock **out)
{
	int err = inet_check(type, protocol, IPPROTO_ICMP);

	if (err)
		return err;
	pr_once(LOG_WARNING, "uml: AF_INET sockets are not available yet (EAFNOSUPPORT)\n");
	return -EAFNOSUPPORT;
}

static int inet6_create(int type, int protocol, struct sock **out)
{
	int err = inet_check(type, protocol, IPPROTO_ICMPV6);

	if (err)
		return err;
	pr_once(LOG_WARNING, "uml: AF_INET6 sockets are not available yet (EAFNOSUPPORT)\n");
	return -EAFNOSUPPORT;
}

static int netlink_create(int type, int protocol, struct sock **out)
{
	if (type != SOCK_RAW && type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol < 0 || protocol >= NETLINK_MAX_LINKS)
		return -EPROTONOSUPPORT;
	return -EAFNOSUPPORT;
}

const struct net_family inet_family = {
	.family = AF_INET,
	.name = "inet",
	.create = inet_create,
	.stub = true,
};

const struct net_family inet6_family = {
	.family = AF_INET6,
	.name = "inet6",
	.create = inet6_create,
	.stub = true,
};

const struct net_family netlink_family = {
	.family = AF_NETLINK,
	.name = "netlink",
	.create = netlink_create,
	.stub = true,
};
