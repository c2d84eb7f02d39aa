// SPDX-License-Identifier: GPL-2.0
/*
 * Garbage collection of AF_UNIX sockets passed in SCM_RIGHTS messages
 * (Linux's classic net/unix/garbage.c). A socket sent over a socket can
 * end up referenced only from a message queued on itself, or on another
 * socket that is itself only in flight: closing every descriptor then
 * leaves a cycle nobody can read. After each close, while any socket is in
 * flight, unix_gc finds those cycles and drops their queues:
 *   1. candidates: in-flight sockets whose every file reference is in flight;
 *   2. take off each candidate the references coming from candidates' queues;
 *   3. a candidate with a reference left is reachable from outside, and so
 *      is everything queued on it, transitively;
 *   4. the rest is garbage: free its queued messages, which closes the files.
 * Runs on the one kernel thread without sleeping, so the counts hold still.
 */
#include "af_unix.h"

static struct unix_gc_state {
	struct list_head inflight;  /* sockets with inflight > 0 */
	unsigned total;             /* socket files in flight, all told */
	bool running;               /* a collection is freeing messages */
} unix_gc_state = { .inflight = LIST_HEAD_INIT(unix_gc_state.inflight) };

static struct unix_sock *unix_sock_of(struct file *f)
{
	struct sock *sk = sock_from_file(f);

	return sk && sk->family == AF_UNIX ? unix_sk(sk) : NULL;
}

void unix_inflight(const struct scm *scm)
{
	int i;

	for (i = 0; i < scm->nfds; i++) {
		struct unix_sock *u = unix_sock_of(scm->fds[i]);

		if (!u)
			continue;
		if (u->inflight++ == 0)
			list_add_tail(&u->gc_link, &unix_gc_state.inflight);
		unix_gc_state.total++;
	}
}

void unix_notinflight(const struct scm *scm)
{
	int i;

	for (i = 0; i < scm->nfds; i++) {
		struct unix_sock *u = unix_sock_of(scm->fds[i]);

		if (!u)
			continue;
		BUG_ON(u->inflight <= 0);
		if (--u->inflight == 0)
			list_del(&u->gc_link);
		unix_gc_state.total--;
	}
}

/* Call fn on every socket whose file is queued on u (a listener: on its
 * pending connections too). */
static void unix_scan_children(struct unix_sock *u, void (*fn)(struct unix_sock *child))
{
	struct unix_skb *skb, *e;
	int i;

	list_for_each_entry(skb, &u->rcvq, link) {
		for (i = 0; i < skb->scm.nfds; i++) {
			struct unix_sock *c = unix_sock_of(skb->scm.fds[i]);

			if (c && c->gc_candidate)
				fn(c);
		}
		if (skb->embryo) {
			list_for_each_entry(e, &skb->embryo->rcvq, link) {
				for (i = 0; i < e->scm.nfds; i++) {
					struct unix_sock *c = unix_sock_of(e->scm.fds[i]);

					if (c && c->gc_candidate)
						fn(c);
				}
			}
		}
	}
}

static void unix_gc_drop_ref(struct unix_sock *c)
{
	c->gc_refs--;
}

static void unix_gc_mark_alive(struct unix_sock *c)
{
	c->gc_alive = true;
}

void unix_gc(void)
{
	struct list_head cands = LIST_HEAD_INIT(cands), hit = LIST_HEAD_INIT(hit);
	struct unix_sock *u, *n;
	bool changed;

	if (unix_gc_state.running || !unix_gc_state.total)
		return;
	unix_gc_state.running = true;
	list_for_each_entry(u, &unix_gc_state.inflight, gc_link) {
		if (u->sk.file && u->sk.file->refs == u->inflight) {
			u->gc_candidate = true;
			u->gc_alive = false;
			u->gc_scanned = false;
			u->gc_refs = u->inflight;
			list_add_tail(&u->gc_cand, &cands);
		}
	}
	list_for_each_entry(u, &cands, gc_cand)
		unix_scan_children(u, unix_gc_drop_ref);
	list_for_each_entry(u, &cands, gc_cand)
		if (u->gc_refs > 0)
			u->gc_alive = true;
	/* what a live socket holds lives too (a fixed point; cycles are short) */
	do {
		changed = false;
		list_for_each_entry(u, &cands, gc_cand) {
			if (u->gc_alive && !u->gc_scanned) {
				u->gc_scanned = true;
				unix_scan_children(u, unix_gc_mark_alive);
				changed = true;
			}
		}
	} while (changed);
	/* take the garbage's messages off their queues before freeing any:
	 * freeing closes files, and closing releases sockets */
	list_for_each_entry_safe(u, n, &cands, gc_cand) {
		if (!u->gc_alive) {
			while (!list_empty(&u->rcvq)) {
				struct unix_skb *skb = list_first_entry(&u->rcvq, struct unix_skb, link);

				unix_unlink(u, skb);
				list_add_tail(&skb->link, &hit);
			}
		}
		u->gc_candidate = false;
		list_del(&u->gc_cand);
	}
	while (!list_empty(&hit)) {
		struct unix_skb *skb = list_first_entry(&hit, struct unix_skb, link);

		list_del(&skb->link);
		unix_skb_free(skb);
	}
	unix_gc_state.running = false;
}
