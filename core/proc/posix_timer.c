// SPDX-License-Identifier: GPL-2.0
/*
 * POSIX timers: timer_create, timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete (Linux's kernel/time/posix-timers.c, 6.13+
 * signal semantics). A timer belongs to a process; wall-clock timers run on
 * a kernel timer (timer.c), CPU-clock timers on a CPU timer (cputimer.c).
 *
 * Signals follow Linux: an expiry queues one SI_TIMER signal carrying the
 * timer id and a sequence number, always queued even for a standard signal
 * (the timer's own preallocated sigqueue). A periodic timer is not re-armed
 * when it fires but when its signal is dequeued (posix_timer_deliver): the
 * periods that passed meanwhile are the signal's si_overrun, which
 * timer_getoverrun then reports. timer_settime and timer_delete change the
 * sequence number, so a signal of an older arming is dropped at delivery.
 * Deviation: a timer whose signal is ignored is re-armed at once rather
 * than parked until the signal is unignored.
 */
#include "task.h"
#include "uaccess.h"
#include "uapi.h"

#define NSEC 1000000000LL

enum { PT_DISARMED, PT_ARMED, PT_REQUEUE_PENDING };

struct posix_timer {
	struct list_head link;   /* in owner->posix_timers */
	struct process *owner;
	int id;
	int clock;               /* the clockid it was created on */
	int notify;              /* SIGEV_SIGNAL, SIGEV_NONE or SIGEV_THREAD_ID */
	int signo;
	int tid;                 /* SIGEV_THREAD_ID target */
	u64 value;               /* sigev_value */
	s64 interval;            /* ns, 0: one shot */
	s64 expires;             /* monotonic ns, or on the CPU clock */
	int status;              /* PT_* */
	s64 overrun;             /* periods passed since the delivery, -1 based */
	s64 overrun_last;        /* ...as of the last delivery */
	u32 seq;                 /* the arming its signals belong to */
	bool cpu;                /* on a CPU clock: ct, else kt */
	struct ktimer kt;
	struct cpu_timer ct;
};

static struct posix_timer_state {
	u32 seq;                 /* source of posix_timer.seq values */
} posix_timer_state;

int timespec_from_user(u64 uts, s64 *ns);
int cpuclock_resolve(int clk, bool gettime, struct process **p, struct task **t, int *clock);
long clock_read_ns(int clk, s64 *ns);

/* Never 0: a signal with timer_seq 0 was not queued by a timer (a
 * user's rt_sigqueueinfo may claim SI_TIMER). */
static u32 timer_next_seq(void)
{
	if (++posix_timer_state.seq == 0)
		posix_timer_state.seq = 1;
	return posix_timer_state.seq;
}

static struct posix_timer *timer_find(struct process *p, int id)
{
	struct posix_timer *pt;

	list_for_each_entry(pt, &p->posix_timers, link)
		if (pt->id == id)
			return pt;
	return NULL;
}

static s64 timer_now(struct posix_timer *pt)
{
	return pt->cpu ? cpu_timer_now(&pt->ct) : time_mono();
}

static void timer_stop(struct posix_timer *pt)
{
	if (pt->cpu)
		cpu_timer_cancel(&pt->ct);
	else
		timer_cancel(&pt->kt);
}

static void timer_start(struct posix_timer *pt)
{
	if (pt->notify == SIGEV_NONE)
		return; /* never fires; gettime computes from expires */
	if (pt->cpu)
		cpu_timer_arm(&pt->ct, pt->expires);
	else
		timer_arm(&pt->kt, pt->expires);
}

/* Move a periodic timer's expiry past now; the periods skipped are
 * overruns (Linux's hrtimer_forward: the count of intervals added). */
static void timer_forward(struct posix_timer *pt, s64 now)
{
	s64 n;

	if (!pt->interval || pt->expires > now)
		return;
	n = (now - pt->expires) / pt->interval + 1;
	pt->expires += n * pt->interval;
	pt->overrun += n;
}

/* The timer fired. */
static void timer_expire(struct posix_timer *pt)
{
	struct process *p = pt->owner;
	struct task *target = NULL;
	struct ksiginfo info;

	pt->status = pt->interval ? PT_REQUEUE_PENDING : PT_DISARMED;
	if (pt->notify == SIGEV_THREAD_ID) {
		target = task_by_tid(pt->tid);
		if (target && target->proc != p)
			target = NULL;
	}
	if ((pt->notify == SIGEV_THREAD_ID && !target) ||
	    signal_dropped(target ? target : p->leader, pt->signo)) {
		/* Lost, or discarded at once by send: nothing will come
		 * back through posix_timer_deliver to re-arm it. */
		if (pt->interval) {
			pt->status = PT_ARMED;
			timer_forward(pt, timer_now(pt));
			pt->overrun = -1;
			timer_start(pt);
		}
		return;
	}
	memset(&info, 0, sizeof(info));
	info.signo = pt->signo;
	info.code = SI_TIMER;
	info.timerid = pt->id;
	info.value = pt->value;
	info.timer_seq = pt->seq;
	if (target)
		signal_send(target, pt->signo, &info);
	else
		signal_send_process(p, pt->signo, &info);
}

static void timer_kt_fire(struct ktimer *kt)
{
	timer_expire(container_of(kt, struct posix_timer, kt));
}

static void timer_ct_fire(struct cpu_timer *ct)
{
	timer_expire(container_of(ct, struct posix_timer, ct));
}

/* A SI_TIMER signal of t's process is being dequeued: false if it belongs
 * to a deleted timer or an older arming (drop it); otherwise re-arm a
 * periodic timer and fill si_overrun (Linux's posixtimer_deliver_signal). */
bool posix_timer_deliver(struct task *t, struct ksiginfo *info)
{
	struct posix_timer *pt = timer_find(t->proc, info->timerid);

	if (!pt || pt->seq != info->timer_seq)
		return false;
	if (pt->status == PT_REQUEUE_PENDING) {
		timer_forward(pt, timer_now(pt));
		pt->status = PT_ARMED;
		timer_start(pt);
		pt->overrun_last = pt->overrun;
		pt->overrun = -1;
		pt->seq = timer_next_seq();
		info->overrun = (int)MIN(pt->overrun_last, 0x7fffffff);
	}
	return true;
}

static void timer_free(struct posix_timer *pt)
{
	timer_stop(pt);
	list_del(&pt->link);
	kfree(pt);
}

/* exec and exit: a process's timers die with its image (exit_itimers). */
void posix_timers_exit(struct process *p)
{
	while (!list_empty(&p->posix_timers))
		timer_free(list_first_entry(&p->posix_timers, struct posix_timer, link));
}

/* ---- system calls -------------------------------------------------------- */

struct sigevent_k {
	u64 value;
	s32 signo, notify;
	s32 tid;
	u8 pad[44];
};
_Static_assert(sizeof(struct sigevent_k) == 64, "sigevent layout");

/* Linux's good_sigevent. */
static int sigevent_check(const struct sigevent_k *ev)
{
	struct task *t;

	switch (ev->notify) {
	case SIGEV_SIGNAL | SIGEV_THREAD_ID:
		t = task_by_tid(ev->tid);
		if (!t || t->proc != task_current()->proc)
			return -EINVAL;
		/* fall through */
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		if (ev->signo <= 0 || ev->signo > _NSIG)
			return -EINVAL;
		return 0;
	case SIGEV_NONE:
		return 0;
	default:
		return -EINVAL;
	}
}

/* Which clocks take timers, and how (-EINVAL unknown, -EOPNOTSUPP for
 * clocks without timers, as Linux's k_clock table). */
static int timer_clock_check(struct posix_timer *pt, int clk)
{
	struct task *cur = task_current(), *thread;
	struct process *p;
	int clock, err;

	switch (clk) {
	case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_BOOTTIME: case CLOCK_TAI:
		return 0;
	case CLOCK_REALTIME_ALARM: case CLOCK_BOOTTIME_ALARM:
		return cur->cred.euid == 0 ? 0 : -EPERM; /* CAP_WAKE_ALARM */
	case CLOCK_MONOTONIC_RAW: case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;
	default:
		err = cpuclock_resolve(clk, false, &p, &thread, &clock);
		if (err)
			return err;
		pt->cpu = true;
		pt->ct.proc = p;
		pt->ct.thread = thread;
		pt->ct.clock = clock;
		return 0;
	}
}

long sys_timer_create(int clk, u64 uevent, u64 uid)
{
	struct process *p = task_current()->proc;
	struct posix_timer *pt, *o;
	struct sigevent_k ev;
	unsigned n = 0;
	int err;

	if (uevent) {
		if (copy_from_user(&ev, uevent, sizeof(ev)))
			return -EFAULT;
		err = sigevent_check(&ev);
		if (err)
			return err;
	}
	list_for_each_entry(o, &p->posix_timers, link)
		n++;
	if (n >= task_rlimit(task_current(), RLIMIT_SIGPENDING))
		return -EAGAIN; /* each timer holds a preallocated sigqueue */
	pt = kzalloc(sizeof(*pt));
	if (!pt)
		return -ENOMEM;
	err = timer_clock_check(pt, clk);
	if (err) {
		kfree(pt);
		return err;
	}
	/* The next free id, counting up as Linux does. */
	do {
		pt->id = p->posix_timer_next_id;
		p->posix_timer_next_id = (p->posix_timer_next_id + 1) & 0x7fffffff;
	} while (timer_find(p, pt->id));
	pt->owner = p;
	pt->clock = clk;
	pt->overrun = -1;
	pt->seq = timer_next_seq();
	if (uevent) {
		pt->notify = ev.notify == SIGEV_THREAD ? SIGEV_SIGNAL : ev.notify;
		pt->signo = ev.signo;
		pt->value = ev.value;
		pt->tid = ev.tid;
	} else {
		pt->notify = SIGEV_SIGNAL;
		pt->signo = SIGALRM;
		pt->value = (u64)pt->id;
	}
	timer_init(&pt->kt, timer_kt_fire);
	pt->ct.fn = timer_ct_fire;
	list_add_tail(&pt->link, &p->posix_timers);
	if (copy_to_user(uid, &pt->id, sizeof(pt->id))) {
		timer_free(pt);
		return -EFAULT;
	}
	return 0;
}

struct itimerspec_k {
	s64 interval_sec, interval_nsec, value_sec, value_nsec;
};

/* Linux's common_timer_get. */
static void timer_get(struct posix_timer *pt, struct itimerspec_k *v)
{
	s64 now, left;

	memset(v, 0, sizeof(*v));
	if (pt->cpu && !pt->ct.proc)
		return; /* the clock's thread or process is gone */
	v->interval_sec = pt->interval / NSEC;
	v->interval_nsec = pt->interval % NSEC;
	if (pt->status == PT_DISARMED && !(pt->notify == SIGEV_NONE && pt->expires))
		return;
	now = timer_now(pt);
	if (pt->interval && (pt->status == PT_REQUEUE_PENDING || pt->notify == SIGEV_NONE))
		timer_forward(pt, now);
	left = pt->expires - now;
	if (left <= 0) {
		/* an expired SIGEV_NONE one-shot is over; a signal one waits
		 * for its delivery */
		if (pt->notify != SIGEV_NONE)
			v->value_nsec = 1;
		return;
	}
	v->value_sec = left / NSEC;
	v->value_nsec = left % NSEC;
}

long sys_timer_gettime(int id, u64 uval)
{
	struct posix_timer *pt = timer_find(task_current()->proc, id);
	struct itimerspec_k v;

	if (!pt)
		return -EINVAL;
	timer_get(pt, &v);
	return copy_to_user(uval, &v, sizeof(v)) ? -EFAULT : 0;
}

static int itimerspec_from_user(u64 u, s64 *value, s64 *interval)
{
	int err = timespec_from_user(u, interval);

	if (!err)
		err = timespec_from_user(u + 16, value);
	return err;
}

long sys_timer_settime(int id, int flags, u64 unew, u64 uold)
{
	struct posix_timer *pt = timer_find(task_current()->proc, id);
	struct itimerspec_k old;
	s64 value, interval, now;
	int err;

	if (!pt)
		return -EINVAL;
	if (!unew)
		return -EINVAL;
	err = itimerspec_from_user(unew, &value, &interval);
	if (err)
		return err;
	if (pt->cpu && !pt->ct.proc)
		return -ESRCH; /* Linux: the clock's task is gone */
	if (uold)
		timer_get(pt, &old);
	/* Disarm; signals of the old arming are dropped at delivery. */
	timer_stop(pt);
	pt->status = PT_DISARMED;
	pt->seq = timer_next_seq();
	pt->overrun = -1;
	pt->overrun_last = 0;
	pt->interval = 0;
	pt->expires = 0;
	if (value) {
		pt->interval = interval;
		now = timer_now(pt);
		if (!(flags & TIMER_ABSTIME)) {
			pt->expires = now + value;
		} else if (pt->cpu || pt->clock == CLOCK_MONOTONIC || pt->clock == CLOCK_BOOTTIME ||
			   pt->clock == CLOCK_BOOTTIME_ALARM) {
			pt->expires = value;
		} else {
			s64 clk_now;

			/* absolute on the realtime clock: convert to ours */
			clock_read_ns(pt->clock, &clk_now);
			pt->expires = now + (value - clk_now);
		}
		pt->status = PT_ARMED;
		timer_start(pt);
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_timer_getoverrun(int id)
{
	struct posix_timer *pt = timer_find(task_current()->proc, id);

	if (!pt)
		return -EINVAL;
	return (long)MIN(pt->overrun_last, 0x7fffffff);
}

long sys_timer_delete(int id)
{
	struct posix_timer *pt = timer_find(task_current()->proc, id);

	if (!pt)
		return -EINVAL;
	timer_free(pt);
	return 0;
}
