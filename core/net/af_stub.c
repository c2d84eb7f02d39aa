// SPDX-License-Identifier: GPL-2.0
/*
 * Families that are not built yet. AF_INET and AF_INET6 will be lwIP
 * behind the same struct proto_ops (DESIGN.md, "Network"); until then
 * socket(2) says EAFNOSUPPORT and logs it once, so programs fall back the
 * way they do on a kernel without IP. AF_NETLINK is asked for by many
 * tools as a probe: it fails quietly.
 */
#include "net.h"

static int inet_create(int type, int protocol, struct sock **out)
{
	pr_once(LOG_WARNING, "uml: AF_INET sockets are not available yet (EAFNOSUPPORT)\n");
	return -EAFNOSUPPORT;
}

static int inet6_create(int type, int protocol, struct sock **out)
{
	pr_once(LOG_WARNING, "uml: AF_INET6 sockets are not available yet (EAFNOSUPPORT)\n");
	return -EAFNOSUPPORT;
}

static int netlink_create(int type, int protocol, struct sock **out)
{
	return -EAFNOSUPPORT;
}

const struct net_family inet_family = {
	.family = AF_INET,
	.name = "inet",
	.create = inet_create,
};

const struct net_family inet6_family = {
	.family = AF_INET6,
	.name = "inet6",
	.create = inet6_create,
};

const struct net_family netlink_family = {
	.family = AF_NETLINK,
	.name = "netlink",
	.create = netlink_create,
};
