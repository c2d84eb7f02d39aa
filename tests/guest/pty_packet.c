// SPDX-License-Identifier: GPL-2.0
/*
 * pty_packet: packet mode on the master (TIOCPKT; TIOCGPKT reads it
 * back). Slave output comes with a leading 0 byte; a flush of the slave's
 * queues (tcflush TCIOFLUSH) is one status byte FLUSHREAD|FLUSHWRITE; a
 * pending status makes poll report POLLPRI. Turning IXON off and on gives
 * NOSTOP and DOSTOP; a ^S typed on the master stops the slave's output
 * (STOP status, a nonblocking slave write is EAGAIN) and ^Q restarts it
 * (START status, the write goes through). A ^C (ISIG, no NOFLSH) is a
 * FLUSHREAD|FLUSHWRITE status before its echo.
 */
#include "t.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

/* One read after the master is readable: a data packet or a status byte. */
static ssize_t packet(int m, char *buf, size_t len)
{
	struct pollfd pf = { m, POLLIN, 0 };
	CHECK_EQ(poll(&pf, 1, 10000), 1);
	return read(m, buf, len);
}

int main(void)
{
	char buf[64];
	int one = 1, v = -1;
	int m = CHECK_OK(posix_openpt(O_RDWR | O_NOCTTY));
	CHECK_OK(grantpt(m));
	CHECK_OK(unlockpt(m));
	int s = CHECK_OK(open(ptsname(m), O_RDWR | O_NOCTTY));
	CHECK_OK(ioctl(m, TIOCGPKT, &v));
	CHECK_EQ(v, 0);
	CHECK_OK(ioctl(m, TIOCPKT, &one));
	CHECK_OK(ioctl(m, TIOCGPKT, &v));
	CHECK_EQ(v, 1);

	CHECK_EQ(write(s, "hi", 2), 2);
	CHECK_EQ(packet(m, buf, sizeof(buf)), 3);
	CHECK_EQ(buf[0], TIOCPKT_DATA);
	CHECK_EQ(memcmp(buf + 1, "hi", 2), 0);

	CHECK_OK(tcflush(s, TCIOFLUSH));
	CHECK_EQ(packet(m, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], TIOCPKT_FLUSHREAD | TIOCPKT_FLUSHWRITE);

	struct termios t;
	CHECK_OK(tcgetattr(s, &t));
	t.c_iflag &= ~IXON;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	struct pollfd pf = { m, POLLPRI, 0 };
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK(pf.revents & POLLPRI);
	CHECK_EQ(read(m, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], TIOCPKT_NOSTOP);
	t.c_iflag |= IXON;
	CHECK_OK(tcsetattr(s, TCSANOW, &t));
	CHECK_EQ(read(m, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], TIOCPKT_DOSTOP);

	CHECK_EQ(write(m, "\023", 1), 1);                  /* ^S */
	CHECK_EQ(read(m, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], TIOCPKT_STOP);
	CHECK_OK(fcntl(s, F_SETFL, O_NONBLOCK));
	CHECK_ERR(write(s, "q", 1), EAGAIN);
	CHECK_EQ(write(m, "\021", 1), 1);                  /* ^Q */
	CHECK_EQ(read(m, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], TIOCPKT_START);
	CHECK_EQ(write(s, "q", 1), 1);
	CHECK_EQ(packet(m, buf, sizeof(buf)), 2);
	CHECK_EQ(buf[0], TIOCPKT_DATA);
	CHECK_EQ(buf[1], 'q');

	/* ^C with ISIG and without NOFLSH flushes (n_tty's isig): the master
	 * reads FLUSHREAD|FLUSHWRITE first, then the echoed ^C */
	CHECK_EQ(write(m, "\003", 1), 1);
	CHECK_EQ(packet(m, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], TIOCPKT_FLUSHREAD | TIOCPKT_FLUSHWRITE);
	CHECK_EQ(packet(m, buf, sizeof(buf)), 3);
	CHECK_EQ(buf[0], TIOCPKT_DATA);
	CHECK_EQ(memcmp(buf + 1, "^C", 2), 0);
	close(s);
	close(m);
	return 0;
}
