// SPDX-License-Identifier: GPL-2.0
/*
 * Socket control messages (Linux's net/core/scm.c): parsing sendmsg's
 * control buffer into a struct scm (SCM_RIGHTS takes file references,
 * SCM_CREDENTIALS is checked against the sender's credentials) and
 * delivering one into recvmsg's buffer (credentials first, then the files
 * as new descriptors; what does not fit sets MSG_CTRUNC and is closed).
 * The cmsghdr layout comes from the guest ABI (msg_abi.c).
 */
#include "net.h"
#include "uaccess.h"

void scm_release(struct scm *scm)
{
	int i;

	for (i = 0; i < scm->nfds; i++)
		file_put(scm->fds[i]);
	kfree(scm->fds);
	scm->fds = NULL;
	scm->nfds = 0;
}

int scm_dup_fds(struct scm *dst, struct file *const *fds, int nfds)
{
	int i;

	if (!nfds)
		return 0;
	dst->fds = kmalloc(sizeof(*dst->fds) * (size_t)nfds);
	if (!dst->fds)
		return -ENOMEM;
	for (i = 0; i < nfds; i++) {
		dst->fds[i] = fds[i];
		file_get(fds[i]);
	}
	dst->nfds = nfds;
	return 0;
}

struct ucred_k scm_current_creds(void)
{
	struct task *t = task_current();
	struct ucred_k c = { t->proc->pid, t->cred.uid, t->cred.gid };

	return c;
}

/* ---- sendmsg ---- */

static int scm_add_fds(struct scm *scm, const void *data, size_t n)
{
	struct file **nf;
	size_t i;

	if (scm->nfds + n > SCM_MAX_FD)
		return -EINVAL;
	nf = kmalloc(sizeof(*nf) * (scm->nfds + n));
	if (!nf)
		return -ENOMEM;
	if (scm->nfds)
		memcpy(nf, scm->fds, sizeof(*nf) * (size_t)scm->nfds);
	kfree(scm->fds);
	scm->fds = nf;
	for (i = 0; i < n; i++) {
		s32 fd;

		memcpy(&fd, (const char *)data + i * sizeof(fd), sizeof(fd));
		/* O_PATH files may be passed too (Linux's fget_raw) */
		nf[scm->nfds] = fd_get(fd);
		if (!nf[scm->nfds])
			return -EBADF;
		scm->nfds++;
	}
	return 0;
}

/* Linux's scm_check_creds: a process may claim only its own identity
 * unless privileged (root stands for CAP_SYS_ADMIN/SETUID/SETGID). */
static int scm_check_creds(const struct ucred_k *c)
{
	const struct cred *me = &task_current()->cred;
	bool root = me->euid == 0;

	if (c->pid != task_current()->proc->pid && !root)
		return -EPERM;
	if (c->uid != me->uid && c->uid != me->euid && c->uid != me->suid && !root)
		return -EPERM;
	if (c->gid != me->gid && c->gid != me->egid && c->gid != me->sgid && !root)
		return -EPERM;
	if (!process_by_pid(c->pid))
		return -ESRCH;
	return 0;
}

static int scm_parse_one(struct sock *sk, int type, const void *data, size_t dlen,
			 u64 clen, struct scm *scm)
{
	const struct sock_abi *abi = sock_abi_current();
	int err;

	switch (type) {
	case SCM_RIGHTS:
		if (sk->family != AF_UNIX)
			return -EINVAL;
		return scm_add_fds(scm, data, (clen - abi->cmsghdr_size) / sizeof(s32));
	case SCM_CREDENTIALS:
		if (clen != cmsg_len(abi, sizeof(struct ucred_k)) || dlen < sizeof(struct ucred_k))
			return -EINVAL;
		memcpy(&scm->creds, data, sizeof(scm->creds));
		err = scm_check_creds(&scm->creds);
		if (err)
			return err;
		scm->has_creds = true;
		return 0;
	default:
		return -EINVAL;
	}
}

int scm_parse(struct sock *sk, const void *ctl, size_t len, struct scm *scm)
{
	const struct sock_abi *abi = sock_abi_current();
	size_t hdr = abi->cmsghdr_size, data_off = cmsg_align(abi, hdr), off = 0;
	int err = 0;

	/* CMSG_FIRSTHDR/CMSG_NXTHDR: a header must fit in what is left */
	while (len - off >= hdr) {
		const char *p = (const char *)ctl + off;
		int level, type;
		u64 clen;

		abi->cmsg_get(p, &clen, &level, &type);
		if (clen < hdr || clen > len - off) {
			err = -EINVAL;
			break;
		}
		/* other levels belong to protocols that AF_UNIX lacks: skipped */
		if (level == SOL_SOCKET) {
			size_t dlen = clen > data_off ? clen - data_off : 0;

			err = scm_parse_one(sk, type, p + data_off, dlen, clen, scm);
			if (err)
				break;
		}
		if (cmsg_align(abi, clen) > len - off)
			break;
		off += cmsg_align(abi, clen);
	}
	if (err)
		scm_release(scm);
	return err;
}

/* ---- recvmsg ---- */

/* Linux's put_cmsg: a header and data, truncated to the space left. */
static void scm_put_cmsg(struct kmsg *m, u64 *control, u64 *controllen, int type,
			 const void *data, size_t len)
{
	const struct sock_abi *abi = sock_abi_current();
	u64 cmlen = cmsg_len(abi, len), step;
	size_t doff = cmsg_align(abi, abi->cmsghdr_size);
	char buf[64];

	if (*controllen < abi->cmsghdr_size) {
		m->flags |= MSG_CTRUNC;
		return;
	}
	if (*controllen < cmlen) {
		m->flags |= MSG_CTRUNC;
		cmlen = *controllen;
	}
	BUG_ON(doff + len > sizeof(buf));
	memset(buf, 0, sizeof(buf));
	abi->cmsg_fill(buf, cmlen, SOL_SOCKET, type);
	memcpy(buf + doff, data, len);
	if (copy_to_user(*control, buf, (size_t)cmlen))
		return; /* Linux ignores the fault here too */
	step = MIN(cmsg_space(abi, len), *controllen);
	*control += step;
	*controllen -= step;
}

/* Linux's scm_detach_fds: as many descriptors as fit. */
static void scm_put_fds(struct kmsg *m, unsigned flags, u64 *control, u64 *controllen)
{
	const struct sock_abi *abi = sock_abi_current();
	size_t hdr = abi->cmsghdr_size, doff = cmsg_align(abi, hdr);
	int fdmax = *controllen > hdr ? (int)((*controllen - hdr) / sizeof(s32)) : 0;
	int i, n = m->scm.nfds;

	fdmax = MIN(fdmax, n);
	for (i = 0; i < fdmax; i++) {
		struct file *f = m->scm.fds[i];
		s32 fd;

		file_get(f);
		fd = fd_install(f, 0, flags & MSG_CMSG_CLOEXEC);
		if (fd < 0)
			break;
		if (copy_to_user(*control + doff + (u64)i * sizeof(fd), &fd, sizeof(fd))) {
			fd_close(fd);
			break;
		}
	}
	if (i > 0) {
		char h[32];
		u64 step;

		abi->cmsg_fill(h, cmsg_len(abi, (u64)i * sizeof(s32)), SOL_SOCKET, SCM_RIGHTS);
		if (!copy_to_user(*control, h, hdr)) {
			step = MIN(cmsg_space(abi, (u64)i * sizeof(s32)), *controllen);
			*control += step;
			*controllen -= step;
		}
	}
	if (i < n || (n && fdmax <= 0))
		m->flags |= MSG_CTRUNC;
}

void scm_deliver(struct sock *sk, struct kmsg *m, unsigned flags, u64 *control,
		 u64 *controllen)
{
	bool passcred = sk->opts & SOCK_OPT_PASSCRED;

	if (!control || !*control) {
		if (passcred || m->scm.nfds)
			m->flags |= MSG_CTRUNC;
		scm_release(&m->scm);
		return;
	}
	if (passcred) {
		/* unknown senders show as pid 0 and the overflow ids */
		struct ucred_k c = { 0, 65534, 65534 };

		if (m->scm.has_creds)
			c = m->scm.creds;
		scm_put_cmsg(m, control, controllen, SCM_CREDENTIALS, &c, sizeof(c));
	}
	if (m->scm.nfds)
		scm_put_fds(m, flags, control, controllen);
	scm_release(&m->scm); /* installed files hold their own references */
}
