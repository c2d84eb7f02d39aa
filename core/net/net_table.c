// SPDX-License-Identifier: GPL-2.0
/*
 * The socket family registry: every family socket(2) can name. Adding one
 * is one line here and its own file under core/net/. A family not listed
 * answers EAFNOSUPPORT (socket.c).
 */
#include "net.h"

const struct net_family *const net_families[] = {
	&unix_family,
	&inet_family,
	&inet6_family,
	&netlink_family,
};
const unsigned net_families_len = ARRAY_SIZE(net_families);
