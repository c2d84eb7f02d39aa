// SPDX-License-Identifier: GPL-2.0
/*
 * AF_UNIX names (Linux's unix_bind, unix_autobind, unix_find_other,
 * unix_getname). Three kinds: pathname sockets are S_IFSOCK nodes made with
 * the directory's mknod, found again through inode->sock while bound;
 * abstract names (sun_path[0] == 0) are any bytes, kept in a list and, as
 * Linux's hashing makes them, separate per socket type; autobind gives an
 * unbound socket "\0" and five hex digits. A name is a refcounted
 * struct unix_addr, shared by a listener and the sockets it accepts.
 */
#include "af_unix.h"

#define SUN_LEN_MAX 110         /* sizeof(struct sockaddr_un) */

static struct unix_name_state {
	struct list_head abstract; /* sockets bound to abstract names */
	u32 autobind_next;         /* next autobind name to try */
} unix_name_state = { .abstract = LIST_HEAD_INIT(unix_name_state.abstract) };

void unix_addr_put(struct unix_addr *a)
{
	if (a && --a->refs == 0)
		kfree(a);
}

/* Forget the name: nobody can find u any more. */
void unix_unhash(struct unix_sock *u)
{
	if (u->abstract) {
		list_del(&u->abs_link);
		u->abstract = false;
	}
	if (u->path.dentry && u->path.dentry->inode && u->path.dentry->inode->sock == u)
		u->path.dentry->inode->sock = NULL;
}

int unix_validate_addr(const struct sockaddr_k *addr, int len)
{
	if (len <= (int)offsetof(struct sockaddr_k, data) || len > SUN_LEN_MAX)
		return -EINVAL;
	if (addr->family != AF_UNIX)
		return -EINVAL;
	return 0;
}

/* A pathname: terminate it at len and return the length that counts
 * (family + path + NUL, Linux's unix_mkname_bsd). */
static int unix_mkname_bsd(struct sockaddr_k *addr, int len)
{
	addr->data[len - offsetof(struct sockaddr_k, data)] = 0;
	return (int)(strlen(addr->data) + offsetof(struct sockaddr_k, data) + 1);
}

static struct unix_addr *unix_addr_new(const struct sockaddr_k *addr, int len)
{
	struct unix_addr *a = kzalloc(sizeof(*a));

	if (!a)
		return NULL;
	a->refs = 1;
	a->len = len;
	memcpy(&a->sun, addr, (size_t)len);
	return a;
}

/* Abstract names are per socket type, as Linux's hash makes them. */
static struct unix_sock *unix_find_abstract(const struct sockaddr_k *addr, int len, int type)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_name_state.abstract, abs_link) {
		if (u->sk.type == type && u->addr->len == len && !memcmp(&u->addr->sun, addr, (size_t)len))
			return u;
	}
	return NULL;
}

static void unix_set_abstract(struct unix_sock *u, struct unix_addr *a)
{
	u->addr = a;
	u->abstract = true;
	list_add_tail(&u->abs_link, &unix_name_state.abstract);
}

int unix_autobind(struct unix_sock *u)
{
	struct sockaddr_k name;
	u32 tries;

	if (u->addr)
		return 0;
	memset(&name, 0, sizeof(name));
	name.family = AF_UNIX;
	for (tries = 0; tries <= 0xfffff; tries++) {
		struct unix_addr *a;
		u32 n = unix_name_state.autobind_next++ & 0xfffff;
		int i;

		/* "\0" and five hex digits (Linux's %05x) */
		for (i = 0; i < 5; i++)
			name.data[1 + i] = "0123456789abcdef"[(n >> (16 - 4 * i)) & 0xf];
		if (unix_find_abstract(&name, 8, u->sk.type))
			continue;
		a = unix_addr_new(&name, 8);
		if (!a)
			return -ENOMEM;
		unix_set_abstract(u, a);
		return 0;
	}
	return -ENOSPC;
}

static int unix_bind_abstract(struct unix_sock *u, struct sockaddr_k *addr, int len)
{
	struct unix_addr *a;

	if (u->addr)
		return -EINVAL;
	if (unix_find_abstract(addr, len, u->sk.type))
		return -EADDRINUSE;
	a = unix_addr_new(addr, len);
	if (!a)
		return -ENOMEM;
	unix_set_abstract(u, a);
	return 0;
}

/* Make the S_IFSOCK node with the directory's mknod; Linux's EEXIST is
 * EADDRINUSE here. */
static int unix_bind_bsd(struct unix_sock *u, struct sockaddr_k *addr, int len)
{
	struct path parent, p;
	struct inode *dir;
	struct dentry *d;
	struct unix_addr *a;
	const char *last;
	size_t lastlen;
	int err;

	len = unix_mkname_bsd(addr, len);
	err = path_parent(AT_FDCWD, addr->data, &parent, &last, &lastlen);
	if (err)
		return err;
	dir = parent.dentry->inode;
	if ((lastlen == 1 && last[0] == '.') || (lastlen == 2 && !memcmp(last, "..", 2))) {
		err = -EADDRINUSE;
		goto out_parent;
	}
	err = lookup_child(&parent, last, lastlen, &d);
	if (err)
		goto out_parent;
	if (d->inode)
		err = -EADDRINUSE;
	else if (mnt_is_readonly(parent.mnt))
		err = -EROFS;
	else
		err = vfs_permission(dir, MAY_WRITE | MAY_EXEC);
	if (!err && u->addr)
		err = -EINVAL;
	if (err)
		goto out_d;
	a = unix_addr_new(addr, len);
	if (!a) {
		err = -ENOMEM;
		goto out_d;
	}
	err = dir->iops && dir->iops->mknod
		      ? dir->iops->mknod(dir, d, S_IFSOCK | (S_IRWXUGO & ~task_current()->fs->umask), 0)
		      : -EPERM;
	if (err) {
		unix_addr_put(a);
		goto out_d;
	}
	p.mnt = parent.mnt;
	p.dentry = d;
	path_get(&p);
	u->path = p;
	u->addr = a;
	d->inode->sock = u;
out_d:
	dentry_put(d);
out_parent:
	path_put(&parent);
	return err;
}

int unix_bind(struct sock *sk, struct sockaddr_k *addr, int len)
{
	struct unix_sock *u = unix_sk(sk);
	int err;

	if (len == (int)offsetof(struct sockaddr_k, data) && addr->family == AF_UNIX)
		return unix_autobind(u);
	err = unix_validate_addr(addr, len);
	if (err)
		return err;
	if (addr->data[0])
		return unix_bind_bsd(u, addr, len);
	return unix_bind_abstract(u, addr, len);
}

static int unix_find_bsd(struct sockaddr_k *addr, int len, int type, struct unix_sock **out)
{
	struct unix_sock *u;
	struct inode *inode;
	struct path p;
	int err;

	unix_mkname_bsd(addr, len);
	err = path_lookup(AT_FDCWD, addr->data, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	inode = p.dentry->inode;
	err = vfs_permission(inode, MAY_WRITE);
	if (err)
		goto out;
	err = -ECONNREFUSED;
	u = S_ISSOCK(inode->mode) ? inode->sock : NULL;
	if (!u)
		goto out;
	err = -EPROTOTYPE;
	if (u->sk.type != type)
		goto out;
	inode_touch(inode, ATTR_ATIME);
	sock_hold(&u->sk);
	*out = u;
	err = 0;
out:
	path_put(&p);
	return err;
}

int unix_find_other(struct sockaddr_k *addr, int len, int type, struct unix_sock **out)
{
	struct unix_sock *u;

	if (addr->data[0])
		return unix_find_bsd(addr, len, type, out);
	u = unix_find_abstract(addr, len, type);
	if (!u)
		return -ECONNREFUSED;
	sock_hold(&u->sk);
	*out = u;
	return 0;
}

int unix_getname(struct sock *sk, struct sockaddr_k *addr, bool peer)
{
	struct unix_sock *u = unix_sk(sk);

	if (peer) {
		u = u->peer;
		if (!u)
			return -ENOTCONN;
	}
	if (!u->addr) {
		addr->family = AF_UNIX;
		addr->data[0] = 0;
		return (int)offsetof(struct sockaddr_k, data);
	}
	memcpy(addr, &u->addr->sun, (size_t)u->addr->len);
	return u->addr->len;
}
