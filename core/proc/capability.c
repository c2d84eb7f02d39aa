// SPDX-License-Identifier: GPL-2.0
/*
 * Capabilities as the guest sees them: capget/capset and the sets
 * /proc/<pid>/status shows. Permission checks here test the effective uid
 * (root can do everything), so the sets are derived from the credentials
 * the way Linux's setuid rules leave them for a root-based system: full
 * effective set with euid 0, full permitted set while any of uid, euid or
 * suid is 0, empty inheritable and ambient sets. capset can confirm those
 * sets but cannot change them (see sys_capset).
 */
#include "task.h"
#include "uaccess.h"

#define CAP_VERSION_1 0x19980330 /* one 32-bit word per set */
#define CAP_VERSION_2 0x20071026 /* two words, deprecated */
#define CAP_VERSION_3 0x20080522 /* two words */

struct cap_header {
	u32 version;
	int pid;
};

struct cap_data {
	u32 effective, permitted, inheritable;
};

u64 cap_effective(const struct cred *c)
{
	return c->euid == 0 ? CAP_FULL_SET : 0;
}

u64 cap_permitted(const struct cred *c)
{
	return (c->uid == 0 || c->euid == 0 || c->suid == 0) ? CAP_FULL_SET : 0;
}

/* cap_validate_magic: the number of words per set, or -EINVAL after
 * writing the preferred version back (how libcap probes). */
static int cap_words(u64 uhdr, struct cap_header *h)
{
	static const u32 preferred = CAP_VERSION_3;

	if (copy_from_user(h, uhdr, sizeof(*h)))
		return -EFAULT;
	switch (h->version) {
	case CAP_VERSION_1:
		return 1;
	case CAP_VERSION_2:
	case CAP_VERSION_3:
		return 2;
	default:
		if (copy_to_user(uhdr, &preferred, sizeof(preferred)))
			return -EFAULT;
		return -EINVAL;
	}
}

long sys_capget(u64 uhdr, u64 udata)
{
	struct cap_header h;
	struct cap_data d[2];
	struct task *t;
	u64 eff, prm;
	int words = cap_words(uhdr, &h), i;

	/* a version probe passes no data and succeeds */
	if (!udata || words < 0)
		return (!udata && words == -EINVAL) ? 0 : words;
	if (h.pid < 0)
		return -EINVAL;
	t = h.pid ? task_by_tid(h.pid) : task_current();
	if (!t)
		return -ESRCH;
	eff = cap_effective(&t->cred);
	prm = cap_permitted(&t->cred);
	for (i = 0; i < 2; i++) {
		d[i].effective = (u32)(eff >> (32 * i));
		d[i].permitted = (u32)(prm >> (32 * i));
		d[i].inheritable = 0;
	}
	return copy_to_user(udata, d, (size_t)words * sizeof(d[0])) ? -EFAULT : 0;
}

static bool cap_subset(u64 a, u64 b)
{
	return (a & ~b) == 0;
}

/*
 * Linux's checks come first (cap_capset), so a request Linux refuses gets
 * its errno. A request for the sets the task already has succeeds. Any
 * other would drop capabilities, and the permission checks here know only
 * uids: pretending to drop them would leave a sandboxing program with
 * privileges it believes gone, so that is -ENOSYS, logged once.
 */
long sys_capset(u64 uhdr, u64 udata)
{
	struct task *t = task_current();
	struct cap_header h;
	struct cap_data d[2] = { { 0 } };
	u64 eff = 0, prm = 0, inh = 0, old_prm = cap_permitted(&t->cred);
	int words = cap_words(uhdr, &h), i;

	if (words < 0)
		return words;
	if (h.pid != 0 && h.pid != t->tid)
		return -EPERM;
	if (copy_from_user(d, udata, (size_t)words * sizeof(d[0])))
		return -EFAULT;
	for (i = 0; i < words; i++) {
		eff |= (u64)d[i].effective << (32 * i);
		prm |= (u64)d[i].permitted << (32 * i);
		inh |= (u64)d[i].inheritable << (32 * i);
	}
	/* new inheritable within old inheritable + permitted (no
	 * CAP_SETPCAP without root) and the bounding set; permitted may
	 * only shrink; effective within the new permitted */
	if (!cap_subset(inh, old_prm) || !cap_subset(inh, CAP_FULL_SET))
		return -EPERM;
	if (!cap_subset(prm, old_prm) || !cap_subset(eff, prm))
		return -EPERM;
	if (eff == cap_effective(&t->cred) && prm == old_prm && inh == 0)
		return 0;
	pr_once(LOG_WARNING, "uml: capset dropping capabilities not supported (ENOSYS)\n");
	return -ENOSYS;
}
