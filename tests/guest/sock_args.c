// SPDX-License-Identifier: GPL-2.0
/*
 * sock_args: socket(2) and socketpair(2) argument errors, family by family,
 * as Linux checks them: an unknown family EAFNOSUPPORT, a type out of range
 * EINVAL; AF_INET/AF_INET6 take TCP or MPTCP for streams and UDP, UDP-Lite
 * or ICMP for datagrams (else EPROTONOSUPPORT), no other type
 * (ESOCKTNOSUPPORT), protocol numbers up to IPPROTO_MAX (else EINVAL);
 * AF_NETLINK takes raw and datagram sockets and 32 protocols. Families
 * that exist but have no socketpair (inet, inet6, netlink) say EOPNOTSUPP
 * once the arguments pass; AF_UNIX's bad protocol is EPROTONOSUPPORT.
 */
#include "t.h"
#include <sys/socket.h>

int main(void)
{
	int sv[2];

	CHECK_ERR(socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT);
	CHECK_ERR(socket(AF_UNIX, 77, 0), EINVAL);
	CHECK_ERR(socket(AF_UNIX, SOCK_STREAM, 5), EPROTONOSUPPORT);

	CHECK_ERR(socket(AF_INET, SOCK_STREAM, 17), EPROTONOSUPPORT);
	CHECK_ERR(socket(AF_INET, SOCK_DGRAM, 6), EPROTONOSUPPORT);
	CHECK_ERR(socket(AF_INET, SOCK_STREAM, 300), EINVAL);
	CHECK_ERR(socket(AF_INET, SOCK_STREAM, -1), EINVAL);
	CHECK_ERR(socket(AF_INET, SOCK_SEQPACKET, 0), ESOCKTNOSUPPORT);
	CHECK_ERR(socket(AF_INET6, SOCK_DGRAM, 6), EPROTONOSUPPORT);
	CHECK_ERR(socket(AF_NETLINK, SOCK_STREAM, 0), ESOCKTNOSUPPORT);
	CHECK_ERR(socket(AF_NETLINK, SOCK_RAW, 40), EPROTONOSUPPORT);

	CHECK_ERR(socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP);
	CHECK_ERR(socketpair(AF_INET, SOCK_STREAM, 6, sv), EOPNOTSUPP);
	CHECK_ERR(socketpair(AF_INET, SOCK_DGRAM, 0, sv), EOPNOTSUPP);
	CHECK_ERR(socketpair(AF_INET6, SOCK_STREAM, 0, sv), EOPNOTSUPP);
	CHECK_ERR(socketpair(AF_NETLINK, SOCK_RAW, 0, sv), EOPNOTSUPP);
	CHECK_ERR(socketpair(AF_INET, SOCK_STREAM, 5, sv), EPROTONOSUPPORT);
	CHECK_ERR(socketpair(AF_INET, SOCK_SEQPACKET, 0, sv), ESOCKTNOSUPPORT);
	CHECK_ERR(socketpair(AF_INET, SOCK_STREAM, 300, sv), EINVAL);
	CHECK_ERR(socketpair(AF_INET, 77, 0, sv), EINVAL);
	CHECK_ERR(socketpair(12345, SOCK_STREAM, 0, sv), EAFNOSUPPORT);
	return 0;
}
