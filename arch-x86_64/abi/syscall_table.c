// SPDX-License-Identifier: GPL-2.0
/*
 * The x86_64 system call table: Linux's numbers (asm/unistd_64.h) to
 * sys_* handlers, as data (xv6's syscall.c). Handlers live in core/ and
 * take their arguments as up to six u64 values. Every entry names a weak
 * symbol: a handler that is not built resolves to NULL, and the dispatcher
 * answers -ENOSYS and logs the call once, so an unimplemented call is
 * visible and never pretends to succeed.
 */
#include "arch.h"
#include "task.h"

typedef long (*arch_syscall_fn)(u64, u64, u64, u64, u64, u64);

struct arch_syscall {
	const char *name;
	arch_syscall_fn fn;
};

#define SYSCALL_NR 451

extern long sys_read(void) __attribute__((weak));
extern long sys_write(void) __attribute__((weak));
extern long sys_open(void) __attribute__((weak));
extern long sys_close(void) __attribute__((weak));
extern long sys_stat(void) __attribute__((weak));
extern long sys_fstat(void) __attribute__((weak));
extern long sys_lstat(void) __attribute__((weak));
extern long sys_poll(void) __attribute__((weak));
extern long sys_lseek(void) __attribute__((weak));
extern long sys_mmap(void) __attribute__((weak));
extern long sys_mprotect(void) __attribute__((weak));
extern long sys_munmap(void) __attribute__((weak));
extern long sys_brk(void) __attribute__((weak));
extern long sys_rt_sigaction(void) __attribute__((weak));
extern long sys_rt_sigprocmask(void) __attribute__((weak));
extern long sys_rt_sigreturn(void) __attribute__((weak));
extern long sys_ioctl(void) __attribute__((weak));
extern long sys_pread64(void) __attribute__((weak));
extern long sys_pwrite64(void) __attribute__((weak));
extern long sys_readv(void) __attribute__((weak));
extern long sys_writev(void) __attribute__((weak));
extern long sys_access(void) __attribute__((weak));
extern long sys_pipe(void) __attribute__((weak));
extern long sys_select(void) __attribute__((weak));
extern long sys_sched_yield(void) __attribute__((weak));
extern long sys_mremap(void) __attribute__((weak));
extern long sys_msync(void) __attribute__((weak));
extern long sys_mincore(void) __attribute__((weak));
extern long sys_madvise(void) __attribute__((weak));
extern long sys_shmget(void) __attribute__((weak));
extern long sys_shmat(void) __attribute__((weak));
extern long sys_shmctl(void) __attribute__((weak));
extern long sys_dup(void) __attribute__((weak));
extern long sys_dup2(void) __attribute__((weak));
extern long sys_pause(void) __attribute__((weak));
extern long sys_nanosleep(void) __attribute__((weak));
extern long sys_getitimer(void) __attribute__((weak));
extern long sys_alarm(void) __attribute__((weak));
extern long sys_setitimer(void) __attribute__((weak));
extern long sys_getpid(void) __attribute__((weak));
extern long sys_sendfile(void) __attribute__((weak));
extern long sys_socket(void) __attribute__((weak));
extern long sys_connect(void) __attribute__((weak));
extern long sys_accept(void) __attribute__((weak));
extern long sys_sendto(void) __attribute__((weak));
extern long sys_recvfrom(void) __attribute__((weak));
extern long sys_sendmsg(void) __attribute__((weak));
extern long sys_recvmsg(void) __attribute__((weak));
extern long sys_shutdown(void) __attribute__((weak));
extern long sys_bind(void) __attribute__((weak));
extern long sys_listen(void) __attribute__((weak));
extern long sys_getsockname(void) __attribute__((weak));
extern long sys_getpeername(void) __attribute__((weak));
extern long sys_socketpair(void) __attribute__((weak));
extern long sys_setsockopt(void) __attribute__((weak));
extern long sys_getsockopt(void) __attribute__((weak));
extern long sys_clone(void) __attribute__((weak));
extern long sys_fork(void) __attribute__((weak));
extern long sys_vfork(void) __attribute__((weak));
extern long sys_execve(void) __attribute__((weak));
extern long sys_exit(void) __attribute__((weak));
extern long sys_wait4(void) __attribute__((weak));
extern long sys_kill(void) __attribute__((weak));
extern long sys_uname(void) __attribute__((weak));
extern long sys_semget(void) __attribute__((weak));
extern long sys_semop(void) __attribute__((weak));
extern long sys_semctl(void) __attribute__((weak));
extern long sys_shmdt(void) __attribute__((weak));
extern long sys_msgget(void) __attribute__((weak));
extern long sys_msgsnd(void) __attribute__((weak));
extern long sys_msgrcv(void) __attribute__((weak));
extern long sys_msgctl(void) __attribute__((weak));
extern long sys_fcntl(void) __attribute__((weak));
extern long sys_flock(void) __attribute__((weak));
extern long sys_fsync(void) __attribute__((weak));
extern long sys_fdatasync(void) __attribute__((weak));
extern long sys_truncate(void) __attribute__((weak));
extern long sys_ftruncate(void) __attribute__((weak));
extern long sys_getdents(void) __attribute__((weak));
extern long sys_getcwd(void) __attribute__((weak));
extern long sys_chdir(void) __attribute__((weak));
extern long sys_fchdir(void) __attribute__((weak));
extern long sys_rename(void) __attribute__((weak));
extern long sys_mkdir(void) __attribute__((weak));
extern long sys_rmdir(void) __attribute__((weak));
extern long sys_creat(void) __attribute__((weak));
extern long sys_link(void) __attribute__((weak));
extern long sys_unlink(void) __attribute__((weak));
extern long sys_symlink(void) __attribute__((weak));
extern long sys_readlink(void) __attribute__((weak));
extern long sys_chmod(void) __attribute__((weak));
extern long sys_fchmod(void) __attribute__((weak));
extern long sys_chown(void) __attribute__((weak));
extern long sys_fchown(void) __attribute__((weak));
extern long sys_lchown(void) __attribute__((weak));
extern long sys_umask(void) __attribute__((weak));
extern long sys_gettimeofday(void) __attribute__((weak));
extern long sys_getrlimit(void) __attribute__((weak));
extern long sys_getrusage(void) __attribute__((weak));
extern long sys_sysinfo(void) __attribute__((weak));
extern long sys_times(void) __attribute__((weak));
extern long sys_ptrace(void) __attribute__((weak));
extern long sys_getuid(void) __attribute__((weak));
extern long sys_syslog(void) __attribute__((weak));
extern long sys_getgid(void) __attribute__((weak));
extern long sys_setuid(void) __attribute__((weak));
extern long sys_setgid(void) __attribute__((weak));
extern long sys_geteuid(void) __attribute__((weak));
extern long sys_getegid(void) __attribute__((weak));
extern long sys_setpgid(void) __attribute__((weak));
extern long sys_getppid(void) __attribute__((weak));
extern long sys_getpgrp(void) __attribute__((weak));
extern long sys_setsid(void) __attribute__((weak));
extern long sys_setreuid(void) __attribute__((weak));
extern long sys_setregid(void) __attribute__((weak));
extern long sys_getgroups(void) __attribute__((weak));
extern long sys_setgroups(void) __attribute__((weak));
extern long sys_setresuid(void) __attribute__((weak));
extern long sys_getresuid(void) __attribute__((weak));
extern long sys_setresgid(void) __attribute__((weak));
extern long sys_getresgid(void) __attribute__((weak));
extern long sys_getpgid(void) __attribute__((weak));
extern long sys_setfsuid(void) __attribute__((weak));
extern long sys_setfsgid(void) __attribute__((weak));
extern long sys_getsid(void) __attribute__((weak));
extern long sys_capget(void) __attribute__((weak));
extern long sys_capset(void) __attribute__((weak));
extern long sys_rt_sigpending(void) __attribute__((weak));
extern long sys_rt_sigtimedwait(void) __attribute__((weak));
extern long sys_rt_sigqueueinfo(void) __attribute__((weak));
extern long sys_rt_sigsuspend(void) __attribute__((weak));
extern long sys_sigaltstack(void) __attribute__((weak));
extern long sys_utime(void) __attribute__((weak));
extern long sys_mknod(void) __attribute__((weak));
extern long sys_uselib(void) __attribute__((weak));
extern long sys_personality(void) __attribute__((weak));
extern long sys_ustat(void) __attribute__((weak));
extern long sys_statfs(void) __attribute__((weak));
extern long sys_fstatfs(void) __attribute__((weak));
extern long sys_sysfs(void) __attribute__((weak));
extern long sys_getpriority(void) __attribute__((weak));
extern long sys_setpriority(void) __attribute__((weak));
extern long sys_sched_setparam(void) __attribute__((weak));
extern long sys_sched_getparam(void) __attribute__((weak));
extern long sys_sched_setscheduler(void) __attribute__((weak));
extern long sys_sched_getscheduler(void) __attribute__((weak));
extern long sys_sched_get_priority_max(void) __attribute__((weak));
extern long sys_sched_get_priority_min(void) __attribute__((weak));
extern long sys_sched_rr_get_interval(void) __attribute__((weak));
extern long sys_mlock(void) __attribute__((weak));
extern long sys_munlock(void) __attribute__((weak));
extern long sys_mlockall(void) __attribute__((weak));
extern long sys_munlockall(void) __attribute__((weak));
extern long sys_vhangup(void) __attribute__((weak));
extern long sys_modify_ldt(void) __attribute__((weak));
extern long sys_pivot_root(void) __attribute__((weak));
extern long sys__sysctl(void) __attribute__((weak));
extern long sys_prctl(void) __attribute__((weak));
extern long sys_arch_prctl(void) __attribute__((weak));
extern long sys_adjtimex(void) __attribute__((weak));
extern long sys_setrlimit(void) __attribute__((weak));
extern long sys_chroot(void) __attribute__((weak));
extern long sys_sync(void) __attribute__((weak));
extern long sys_acct(void) __attribute__((weak));
extern long sys_settimeofday(void) __attribute__((weak));
extern long sys_mount(void) __attribute__((weak));
extern long sys_umount2(void) __attribute__((weak));
extern long sys_swapon(void) __attribute__((weak));
extern long sys_swapoff(void) __attribute__((weak));
extern long sys_reboot(void) __attribute__((weak));
extern long sys_sethostname(void) __attribute__((weak));
extern long sys_setdomainname(void) __attribute__((weak));
extern long sys_iopl(void) __attribute__((weak));
extern long sys_ioperm(void) __attribute__((weak));
extern long sys_create_module(void) __attribute__((weak));
extern long sys_init_module(void) __attribute__((weak));
extern long sys_delete_module(void) __attribute__((weak));
extern long sys_get_kernel_syms(void) __attribute__((weak));
extern long sys_query_module(void) __attribute__((weak));
extern long sys_quotactl(void) __attribute__((weak));
extern long sys_nfsservctl(void) __attribute__((weak));
extern long sys_getpmsg(void) __attribute__((weak));
extern long sys_putpmsg(void) __attribute__((weak));
extern long sys_afs_syscall(void) __attribute__((weak));
extern long sys_tuxcall(void) __attribute__((weak));
extern long sys_security(void) __attribute__((weak));
extern long sys_gettid(void) __attribute__((weak));
extern long sys_readahead(void) __attribute__((weak));
extern long sys_setxattr(void) __attribute__((weak));
extern long sys_lsetxattr(void) __attribute__((weak));
extern long sys_fsetxattr(void) __attribute__((weak));
extern long sys_getxattr(void) __attribute__((weak));
extern long sys_lgetxattr(void) __attribute__((weak));
extern long sys_fgetxattr(void) __attribute__((weak));
extern long sys_listxattr(void) __attribute__((weak));
extern long sys_llistxattr(void) __attribute__((weak));
extern long sys_flistxattr(void) __attribute__((weak));
extern long sys_removexattr(void) __attribute__((weak));
extern long sys_lremovexattr(void) __attribute__((weak));
extern long sys_fremovexattr(void) __attribute__((weak));
extern long sys_tkill(void) __attribute__((weak));
extern long sys_time(void) __attribute__((weak));
extern long sys_futex(void) __attribute__((weak));
extern long sys_sched_setaffinity(void) __attribute__((weak));
extern long sys_sched_getaffinity(void) __attribute__((weak));
extern long sys_set_thread_area(void) __attribute__((weak));
extern long sys_io_setup(void) __attribute__((weak));
extern long sys_io_destroy(void) __attribute__((weak));
extern long sys_io_getevents(void) __attribute__((weak));
extern long sys_io_submit(void) __attribute__((weak));
extern long sys_io_cancel(void) __attribute__((weak));
extern long sys_get_thread_area(void) __attribute__((weak));
extern long sys_lookup_dcookie(void) __attribute__((weak));
extern long sys_epoll_create(void) __attribute__((weak));
extern long sys_epoll_ctl_old(void) __attribute__((weak));
extern long sys_epoll_wait_old(void) __attribute__((weak));
extern long sys_remap_file_pages(void) __attribute__((weak));
extern long sys_getdents64(void) __attribute__((weak));
extern long sys_set_tid_address(void) __attribute__((weak));
extern long sys_restart_syscall(void) __attribute__((weak));
extern long sys_semtimedop(void) __attribute__((weak));
extern long sys_fadvise64(void) __attribute__((weak));
extern long sys_timer_create(void) __attribute__((weak));
extern long sys_timer_settime(void) __attribute__((weak));
extern long sys_timer_gettime(void) __attribute__((weak));
extern long sys_timer_getoverrun(void) __attribute__((weak));
extern long sys_timer_delete(void) __attribute__((weak));
extern long sys_clock_settime(void) __attribute__((weak));
extern long sys_clock_gettime(void) __attribute__((weak));
extern long sys_clock_getres(void) __attribute__((weak));
extern long sys_clock_nanosleep(void) __attribute__((weak));
extern long sys_exit_group(void) __attribute__((weak));
extern long sys_epoll_wait(void) __attribute__((weak));
extern long sys_epoll_ctl(void) __attribute__((weak));
extern long sys_tgkill(void) __attribute__((weak));
extern long sys_utimes(void) __attribute__((weak));
extern long sys_vserver(void) __attribute__((weak));
extern long sys_mbind(void) __attribute__((weak));
extern long sys_set_mempolicy(void) __attribute__((weak));
extern long sys_get_mempolicy(void) __attribute__((weak));
extern long sys_mq_open(void) __attribute__((weak));
extern long sys_mq_unlink(void) __attribute__((weak));
extern long sys_mq_timedsend(void) __attribute__((weak));
extern long sys_mq_timedreceive(void) __attribute__((weak));
extern long sys_mq_notify(void) __attribute__((weak));
extern long sys_mq_getsetattr(void) __attribute__((weak));
extern long sys_kexec_load(void) __attribute__((weak));
extern long sys_waitid(void) __attribute__((weak));
extern long sys_add_key(void) __attribute__((weak));
extern long sys_request_key(void) __attribute__((weak));
extern long sys_keyctl(void) __attribute__((weak));
extern long sys_ioprio_set(void) __attribute__((weak));
extern long sys_ioprio_get(void) __attribute__((weak));
extern long sys_inotify_init(void) __attribute__((weak));
extern long sys_inotify_add_watch(void) __attribute__((weak));
extern long sys_inotify_rm_watch(void) __attribute__((weak));
extern long sys_migrate_pages(void) __attribute__((weak));
extern long sys_openat(void) __attribute__((weak));
extern long sys_mkdirat(void) __attribute__((weak));
extern long sys_mknodat(void) __attribute__((weak));
extern long sys_fchownat(void) __attribute__((weak));
extern long sys_futimesat(void) __attribute__((weak));
extern long sys_newfstatat(void) __attribute__((weak));
extern long sys_unlinkat(void) __attribute__((weak));
extern long sys_renameat(void) __attribute__((weak));
extern long sys_linkat(void) __attribute__((weak));
extern long sys_symlinkat(void) __attribute__((weak));
extern long sys_readlinkat(void) __attribute__((weak));
extern long sys_fchmodat(void) __attribute__((weak));
extern long sys_faccessat(void) __attribute__((weak));
extern long sys_pselect6(void) __attribute__((weak));
extern long sys_ppoll(void) __attribute__((weak));
extern long sys_unshare(void) __attribute__((weak));
extern long sys_set_robust_list(void) __attribute__((weak));
extern long sys_get_robust_list(void) __attribute__((weak));
extern long sys_splice(void) __attribute__((weak));
extern long sys_tee(void) __attribute__((weak));
extern long sys_sync_file_range(void) __attribute__((weak));
extern long sys_vmsplice(void) __attribute__((weak));
extern long sys_move_pages(void) __attribute__((weak));
extern long sys_utimensat(void) __attribute__((weak));
extern long sys_epoll_pwait(void) __attribute__((weak));
extern long sys_signalfd(void) __attribute__((weak));
extern long sys_timerfd_create(void) __attribute__((weak));
extern long sys_eventfd(void) __attribute__((weak));
extern long sys_fallocate(void) __attribute__((weak));
extern long sys_timerfd_settime(void) __attribute__((weak));
extern long sys_timerfd_gettime(void) __attribute__((weak));
extern long sys_accept4(void) __attribute__((weak));
extern long sys_signalfd4(void) __attribute__((weak));
extern long sys_eventfd2(void) __attribute__((weak));
extern long sys_epoll_create1(void) __attribute__((weak));
extern long sys_dup3(void) __attribute__((weak));
extern long sys_pipe2(void) __attribute__((weak));
extern long sys_inotify_init1(void) __attribute__((weak));
extern long sys_preadv(void) __attribute__((weak));
extern long sys_pwritev(void) __attribute__((weak));
extern long sys_rt_tgsigqueueinfo(void) __attribute__((weak));
extern long sys_perf_event_open(void) __attribute__((weak));
extern long sys_recvmmsg(void) __attribute__((weak));
extern long sys_fanotify_init(void) __attribute__((weak));
extern long sys_fanotify_mark(void) __attribute__((weak));
extern long sys_prlimit64(void) __attribute__((weak));
extern long sys_name_to_handle_at(void) __attribute__((weak));
extern long sys_open_by_handle_at(void) __attribute__((weak));
extern long sys_clock_adjtime(void) __attribute__((weak));
extern long sys_syncfs(void) __attribute__((weak));
extern long sys_sendmmsg(void) __attribute__((weak));
extern long sys_setns(void) __attribute__((weak));
extern long sys_getcpu(void) __attribute__((weak));
extern long sys_process_vm_readv(void) __attribute__((weak));
extern long sys_process_vm_writev(void) __attribute__((weak));
extern long sys_kcmp(void) __attribute__((weak));
extern long sys_finit_module(void) __attribute__((weak));
extern long sys_sched_setattr(void) __attribute__((weak));
extern long sys_sched_getattr(void) __attribute__((weak));
extern long sys_renameat2(void) __attribute__((weak));
extern long sys_seccomp(void) __attribute__((weak));
extern long sys_getrandom(void) __attribute__((weak));
extern long sys_memfd_create(void) __attribute__((weak));
extern long sys_kexec_file_load(void) __attribute__((weak));
extern long sys_bpf(void) __attribute__((weak));
extern long sys_execveat(void) __attribute__((weak));
extern long sys_userfaultfd(void) __attribute__((weak));
extern long sys_membarrier(void) __attribute__((weak));
extern long sys_mlock2(void) __attribute__((weak));
extern long sys_copy_file_range(void) __attribute__((weak));
extern long sys_preadv2(void) __attribute__((weak));
extern long sys_pwritev2(void) __attribute__((weak));
extern long sys_pkey_mprotect(void) __attribute__((weak));
extern long sys_pkey_alloc(void) __attribute__((weak));
extern long sys_pkey_free(void) __attribute__((weak));
extern long sys_statx(void) __attribute__((weak));
extern long sys_io_pgetevents(void) __attribute__((weak));
extern long sys_rseq(void) __attribute__((weak));
extern long sys_pidfd_send_signal(void) __attribute__((weak));
extern long sys_io_uring_setup(void) __attribute__((weak));
extern long sys_io_uring_enter(void) __attribute__((weak));
extern long sys_io_uring_register(void) __attribute__((weak));
extern long sys_open_tree(void) __attribute__((weak));
extern long sys_move_mount(void) __attribute__((weak));
extern long sys_fsopen(void) __attribute__((weak));
extern long sys_fsconfig(void) __attribute__((weak));
extern long sys_fsmount(void) __attribute__((weak));
extern long sys_fspick(void) __attribute__((weak));
extern long sys_pidfd_open(void) __attribute__((weak));
extern long sys_clone3(void) __attribute__((weak));
extern long sys_close_range(void) __attribute__((weak));
extern long sys_openat2(void) __attribute__((weak));
extern long sys_pidfd_getfd(void) __attribute__((weak));
extern long sys_faccessat2(void) __attribute__((weak));
extern long sys_process_madvise(void) __attribute__((weak));
extern long sys_epoll_pwait2(void) __attribute__((weak));
extern long sys_mount_setattr(void) __attribute__((weak));
extern long sys_quotactl_fd(void) __attribute__((weak));
extern long sys_landlock_create_ruleset(void) __attribute__((weak));
extern long sys_landlock_add_rule(void) __attribute__((weak));
extern long sys_landlock_restrict_self(void) __attribute__((weak));
extern long sys_memfd_secret(void) __attribute__((weak));
extern long sys_process_mrelease(void) __attribute__((weak));
extern long sys_futex_waitv(void) __attribute__((weak));
extern long sys_set_mempolicy_home_node(void) __attribute__((weak));

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-function-type"
static const struct arch_syscall arch_syscall_table[SYSCALL_NR] = {
	[0] = { "read", (arch_syscall_fn)sys_read },
	[1] = { "write", (arch_syscall_fn)sys_write },
	[2] = { "open", (arch_syscall_fn)sys_open },
	[3] = { "close", (arch_syscall_fn)sys_close },
	[4] = { "stat", (arch_syscall_fn)sys_stat },
	[5] = { "fstat", (arch_syscall_fn)sys_fstat },
	[6] = { "lstat", (arch_syscall_fn)sys_lstat },
	[7] = { "poll", (arch_syscall_fn)sys_poll },
	[8] = { "lseek", (arch_syscall_fn)sys_lseek },
	[9] = { "mmap", (arch_syscall_fn)sys_mmap },
	[10] = { "mprotect", (arch_syscall_fn)sys_mprotect },
	[11] = { "munmap", (arch_syscall_fn)sys_munmap },
	[12] = { "brk", (arch_syscall_fn)sys_brk },
	[13] = { "rt_sigaction", (arch_syscall_fn)sys_rt_sigaction },
	[14] = { "rt_sigprocmask", (arch_syscall_fn)sys_rt_sigprocmask },
	[15] = { "rt_sigreturn", (arch_syscall_fn)sys_rt_sigreturn },
	[16] = { "ioctl", (arch_syscall_fn)sys_ioctl },
	[17] = { "pread64", (arch_syscall_fn)sys_pread64 },
	[18] = { "pwrite64", (arch_syscall_fn)sys_pwrite64 },
	[19] = { "readv", (arch_syscall_fn)sys_readv },
	[20] = { "writev", (arch_syscall_fn)sys_writev },
	[21] = { "access", (arch_syscall_fn)sys_access },
	[22] = { "pipe", (arch_syscall_fn)sys_pipe },
	[23] = { "select", (arch_syscall_fn)sys_select },
	[24] = { "sched_yield", (arch_syscall_fn)sys_sched_yield },
	[25] = { "mremap", (arch_syscall_fn)sys_mremap },
	[26] = { "msync", (arch_syscall_fn)sys_msync },
	[27] = { "mincore", (arch_syscall_fn)sys_mincore },
	[28] = { "madvise", (arch_syscall_fn)sys_madvise },
	[29] = { "shmget", (arch_syscall_fn)sys_shmget },
	[30] = { "shmat", (arch_syscall_fn)sys_shmat },
	[31] = { "shmctl", (arch_syscall_fn)sys_shmctl },
	[32] = { "dup", (arch_syscall_fn)sys_dup },
	[33] = { "dup2", (arch_syscall_fn)sys_dup2 },
	[34] = { "pause", (arch_syscall_fn)sys_pause },
	[35] = { "nanosleep", (arch_syscall_fn)sys_nanosleep },
	[36] = { "getitimer", (arch_syscall_fn)sys_getitimer },
	[37] = { "alarm", (arch_syscall_fn)sys_alarm },
	[38] = { "setitimer", (arch_syscall_fn)sys_setitimer },
	[39] = { "getpid", (arch_syscall_fn)sys_getpid },
	[40] = { "sendfile", (arch_syscall_fn)sys_sendfile },
	[41] = { "socket", (arch_syscall_fn)sys_socket },
	[42] = { "connect", (arch_syscall_fn)sys_connect },
	[43] = { "accept", (arch_syscall_fn)sys_accept },
	[44] = { "sendto", (arch_syscall_fn)sys_sendto },
	[45] = { "recvfrom", (arch_syscall_fn)sys_recvfrom },
	[46] = { "sendmsg", (arch_syscall_fn)sys_sendmsg },
	[47] = { "recvmsg", (arch_syscall_fn)sys_recvmsg },
	[48] = { "shutdown", (arch_syscall_fn)sys_shutdown },
	[49] = { "bind", (arch_syscall_fn)sys_bind },
	[50] = { "listen", (arch_syscall_fn)sys_listen },
	[51] = { "getsockname", (arch_syscall_fn)sys_getsockname },
	[52] = { "getpeername", (arch_syscall_fn)sys_getpeername },
	[53] = { "socketpair", (arch_syscall_fn)sys_socketpair },
	[54] = { "setsockopt", (arch_syscall_fn)sys_setsockopt },
	[55] = { "getsockopt", (arch_syscall_fn)sys_getsockopt },
	[56] = { "clone", (arch_syscall_fn)sys_clone },
	[57] = { "fork", (arch_syscall_fn)sys_fork },
	[58] = { "vfork", (arch_syscall_fn)sys_vfork },
	[59] = { "execve", (arch_syscall_fn)sys_execve },
	[60] = { "exit", (arch_syscall_fn)sys_exit },
	[61] = { "wait4", (arch_syscall_fn)sys_wait4 },
	[62] = { "kill", (arch_syscall_fn)sys_kill },
	[63] = { "uname", (arch_syscall_fn)sys_uname },
	[64] = { "semget", (arch_syscall_fn)sys_semget },
	[65] = { "semop", (arch_syscall_fn)sys_semop },
	[66] = { "semctl", (arch_syscall_fn)sys_semctl },
	[67] = { "shmdt", (arch_syscall_fn)sys_shmdt },
	[68] = { "msgget", (arch_syscall_fn)sys_msgget },
	[69] = { "msgsnd", (arch_syscall_fn)sys_msgsnd },
	[70] = { "msgrcv", (arch_syscall_fn)sys_msgrcv },
	[71] = { "msgctl", (arch_syscall_fn)sys_msgctl },
	[72] = { "fcntl", (arch_syscall_fn)sys_fcntl },
	[73] = { "flock", (arch_syscall_fn)sys_flock },
	[74] = { "fsync", (arch_syscall_fn)sys_fsync },
	[75] = { "fdatasync", (arch_syscall_fn)sys_fdatasync },
	[76] = { "truncate", (arch_syscall_fn)sys_truncate },
	[77] = { "ftruncate", (arch_syscall_fn)sys_ftruncate },
	[78] = { "getdents", (arch_syscall_fn)sys_getdents },
	[79] = { "getcwd", (arch_syscall_fn)sys_getcwd },
	[80] = { "chdir", (arch_syscall_fn)sys_chdir },
	[81] = { "fchdir", (arch_syscall_fn)sys_fchdir },
	[82] = { "rename", (arch_syscall_fn)sys_rename },
	[83] = { "mkdir", (arch_syscall_fn)sys_mkdir },
	[84] = { "rmdir", (arch_syscall_fn)sys_rmdir },
	[85] = { "creat", (arch_syscall_fn)sys_creat },
	[86] = { "link", (arch_syscall_fn)sys_link },
	[87] = { "unlink", (arch_syscall_fn)sys_unlink },
	[88] = { "symlink", (arch_syscall_fn)sys_symlink },
	[89] = { "readlink", (arch_syscall_fn)sys_readlink },
	[90] = { "chmod", (arch_syscall_fn)sys_chmod },
	[91] = { "fchmod", (arch_syscall_fn)sys_fchmod },
	[92] = { "chown", (arch_syscall_fn)sys_chown },
	[93] = { "fchown", (arch_syscall_fn)sys_fchown },
	[94] = { "lchown", (arch_syscall_fn)sys_lchown },
	[95] = { "umask", (arch_syscall_fn)sys_umask },
	[96] = { "gettimeofday", (arch_syscall_fn)sys_gettimeofday },
	[97] = { "getrlimit", (arch_syscall_fn)sys_getrlimit },
	[98] = { "getrusage", (arch_syscall_fn)sys_getrusage },
	[99] = { "sysinfo", (arch_syscall_fn)sys_sysinfo },
	[100] = { "times", (arch_syscall_fn)sys_times },
	[101] = { "ptrace", (arch_syscall_fn)sys_ptrace },
	[102] = { "getuid", (arch_syscall_fn)sys_getuid },
	[103] = { "syslog", (arch_syscall_fn)sys_syslog },
	[104] = { "getgid", (arch_syscall_fn)sys_getgid },
	[105] = { "setuid", (arch_syscall_fn)sys_setuid },
	[106] = { "setgid", (arch_syscall_fn)sys_setgid },
	[107] = { "geteuid", (arch_syscall_fn)sys_geteuid },
	[108] = { "getegid", (arch_syscall_fn)sys_getegid },
	[109] = { "setpgid", (arch_syscall_fn)sys_setpgid },
	[110] = { "getppid", (arch_syscall_fn)sys_getppid },
	[111] = { "getpgrp", (arch_syscall_fn)sys_getpgrp },
	[112] = { "setsid", (arch_syscall_fn)sys_setsid },
	[113] = { "setreuid", (arch_syscall_fn)sys_setreuid },
	[114] = { "setregid", (arch_syscall_fn)sys_setregid },
	[115] = { "getgroups", (arch_syscall_fn)sys_getgroups },
	[116] = { "setgroups", (arch_syscall_fn)sys_setgroups },
	[117] = { "setresuid", (arch_syscall_fn)sys_setresuid },
	[118] = { "getresuid", (arch_syscall_fn)sys_getresuid },
	[119] = { "setresgid", (arch_syscall_fn)sys_setresgid },
	[120] = { "getresgid", (arch_syscall_fn)sys_getresgid },
	[121] = { "getpgid", (arch_syscall_fn)sys_getpgid },
	[122] = { "setfsuid", (arch_syscall_fn)sys_setfsuid },
	[123] = { "setfsgid", (arch_syscall_fn)sys_setfsgid },
	[124] = { "getsid", (arch_syscall_fn)sys_getsid },
	[125] = { "capget", (arch_syscall_fn)sys_capget },
	[126] = { "capset", (arch_syscall_fn)sys_capset },
	[127] = { "rt_sigpending", (arch_syscall_fn)sys_rt_sigpending },
	[128] = { "rt_sigtimedwait", (arch_syscall_fn)sys_rt_sigtimedwait },
	[129] = { "rt_sigqueueinfo", (arch_syscall_fn)sys_rt_sigqueueinfo },
	[130] = { "rt_sigsuspend", (arch_syscall_fn)sys_rt_sigsuspend },
	[131] = { "sigaltstack", (arch_syscall_fn)sys_sigaltstack },
	[132] = { "utime", (arch_syscall_fn)sys_utime },
	[133] = { "mknod", (arch_syscall_fn)sys_mknod },
	[134] = { "uselib", (arch_syscall_fn)sys_uselib },
	[135] = { "personality", (arch_syscall_fn)sys_personality },
	[136] = { "ustat", (arch_syscall_fn)sys_ustat },
	[137] = { "statfs", (arch_syscall_fn)sys_statfs },
	[138] = { "fstatfs", (arch_syscall_fn)sys_fstatfs },
	[139] = { "sysfs", (arch_syscall_fn)sys_sysfs },
	[140] = { "getpriority", (arch_syscall_fn)sys_getpriority },
	[141] = { "setpriority", (arch_syscall_fn)sys_setpriority },
	[142] = { "sched_setparam", (arch_syscall_fn)sys_sched_setparam },
	[143] = { "sched_getparam", (arch_syscall_fn)sys_sched_getparam },
	[144] = { "sched_setscheduler", (arch_syscall_fn)sys_sched_setscheduler },
	[145] = { "sched_getscheduler", (arch_syscall_fn)sys_sched_getscheduler },
	[146] = { "sched_get_priority_max", (arch_syscall_fn)sys_sched_get_priority_max },
	[147] = { "sched_get_priority_min", (arch_syscall_fn)sys_sched_get_priority_min },
	[148] = { "sched_rr_get_interval", (arch_syscall_fn)sys_sched_rr_get_interval },
	[149] = { "mlock", (arch_syscall_fn)sys_mlock },
	[150] = { "munlock", (arch_syscall_fn)sys_munlock },
	[151] = { "mlockall", (arch_syscall_fn)sys_mlockall },
	[152] = { "munlockall", (arch_syscall_fn)sys_munlockall },
	[153] = { "vhangup", (arch_syscall_fn)sys_vhangup },
	[154] = { "modify_ldt", (arch_syscall_fn)sys_modify_ldt },
	[155] = { "pivot_root", (arch_syscall_fn)sys_pivot_root },
	[156] = { "_sysctl", (arch_syscall_fn)sys__sysctl },
	[157] = { "prctl", (arch_syscall_fn)sys_prctl },
	[158] = { "arch_prctl", (arch_syscall_fn)sys_arch_prctl },
	[159] = { "adjtimex", (arch_syscall_fn)sys_adjtimex },
	[160] = { "setrlimit", (arch_syscall_fn)sys_setrlimit },
	[161] = { "chroot", (arch_syscall_fn)sys_chroot },
	[162] = { "sync", (arch_syscall_fn)sys_sync },
	[163] = { "acct", (arch_syscall_fn)sys_acct },
	[164] = { "settimeofday", (arch_syscall_fn)sys_settimeofday },
	[165] = { "mount", (arch_syscall_fn)sys_mount },
	[166] = { "umount2", (arch_syscall_fn)sys_umount2 },
	[167] = { "swapon", (arch_syscall_fn)sys_swapon },
	[168] = { "swapoff", (arch_syscall_fn)sys_swapoff },
	[169] = { "reboot", (arch_syscall_fn)sys_reboot },
	[170] = { "sethostname", (arch_syscall_fn)sys_sethostname },
	[171] = { "setdomainname", (arch_syscall_fn)sys_setdomainname },
	[172] = { "iopl", (arch_syscall_fn)sys_iopl },
	[173] = { "ioperm", (arch_syscall_fn)sys_ioperm },
	[174] = { "create_module", (arch_syscall_fn)sys_create_module },
	[175] = { "init_module", (arch_syscall_fn)sys_init_module },
	[176] = { "delete_module", (arch_syscall_fn)sys_delete_module },
	[177] = { "get_kernel_syms", (arch_syscall_fn)sys_get_kernel_syms },
	[178] = { "query_module", (arch_syscall_fn)sys_query_module },
	[179] = { "quotactl", (arch_syscall_fn)sys_quotactl },
	[180] = { "nfsservctl", (arch_syscall_fn)sys_nfsservctl },
	[181] = { "getpmsg", (arch_syscall_fn)sys_getpmsg },
	[182] = { "putpmsg", (arch_syscall_fn)sys_putpmsg },
	[183] = { "afs_syscall", (arch_syscall_fn)sys_afs_syscall },
	[184] = { "tuxcall", (arch_syscall_fn)sys_tuxcall },
	[185] = { "security", (arch_syscall_fn)sys_security },
	[186] = { "gettid", (arch_syscall_fn)sys_gettid },
	[187] = { "readahead", (arch_syscall_fn)sys_readahead },
	[188] = { "setxattr", (arch_syscall_fn)sys_setxattr },
	[189] = { "lsetxattr", (arch_syscall_fn)sys_lsetxattr },
	[190] = { "fsetxattr", (arch_syscall_fn)sys_fsetxattr },
	[191] = { "getxattr", (arch_syscall_fn)sys_getxattr },
	[192] = { "lgetxattr", (arch_syscall_fn)sys_lgetxattr },
	[193] = { "fgetxattr", (arch_syscall_fn)sys_fgetxattr },
	[194] = { "listxattr", (arch_syscall_fn)sys_listxattr },
	[195] = { "llistxattr", (arch_syscall_fn)sys_llistxattr },
	[196] = { "flistxattr", (arch_syscall_fn)sys_flistxattr },
	[197] = { "removexattr", (arch_syscall_fn)sys_removexattr },
	[198] = { "lremovexattr", (arch_syscall_fn)sys_lremovexattr },
	[199] = { "fremovexattr", (arch_syscall_fn)sys_fremovexattr },
	[200] = { "tkill", (arch_syscall_fn)sys_tkill },
	[201] = { "time", (arch_syscall_fn)sys_time },
	[202] = { "futex", (arch_syscall_fn)sys_futex },
	[203] = { "sched_setaffinity", (arch_syscall_fn)sys_sched_setaffinity },
	[204] = { "sched_getaffinity", (arch_syscall_fn)sys_sched_getaffinity },
	[205] = { "set_thread_area", (arch_syscall_fn)sys_set_thread_area },
	[206] = { "io_setup", (arch_syscall_fn)sys_io_setup },
	[207] = { "io_destroy", (arch_syscall_fn)sys_io_destroy },
	[208] = { "io_getevents", (arch_syscall_fn)sys_io_getevents },
	[209] = { "io_submit", (arch_syscall_fn)sys_io_submit },
	[210] = { "io_cancel", (arch_syscall_fn)sys_io_cancel },
	[211] = { "get_thread_area", (arch_syscall_fn)sys_get_thread_area },
	[212] = { "lookup_dcookie", (arch_syscall_fn)sys_lookup_dcookie },
	[213] = { "epoll_create", (arch_syscall_fn)sys_epoll_create },
	[214] = { "epoll_ctl_old", (arch_syscall_fn)sys_epoll_ctl_old },
	[215] = { "epoll_wait_old", (arch_syscall_fn)sys_epoll_wait_old },
	[216] = { "remap_file_pages", (arch_syscall_fn)sys_remap_file_pages },
	[217] = { "getdents64", (arch_syscall_fn)sys_getdents64 },
	[218] = { "set_tid_address", (arch_syscall_fn)sys_set_tid_address },
	[219] = { "restart_syscall", (arch_syscall_fn)sys_restart_syscall },
	[220] = { "semtimedop", (arch_syscall_fn)sys_semtimedop },
	[221] = { "fadvise64", (arch_syscall_fn)sys_fadvise64 },
	[222] = { "timer_create", (arch_syscall_fn)sys_timer_create },
	[223] = { "timer_settime", (arch_syscall_fn)sys_timer_settime },
	[224] = { "timer_gettime", (arch_syscall_fn)sys_timer_gettime },
	[225] = { "timer_getoverrun", (arch_syscall_fn)sys_timer_getoverrun },
	[226] = { "timer_delete", (arch_syscall_fn)sys_timer_delete },
	[227] = { "clock_settime", (arch_syscall_fn)sys_clock_settime },
	[228] = { "clock_gettime", (arch_syscall_fn)sys_clock_gettime },
	[229] = { "clock_getres", (arch_syscall_fn)sys_clock_getres },
	[230] = { "clock_nanosleep", (arch_syscall_fn)sys_clock_nanosleep },
	[231] = { "exit_group", (arch_syscall_fn)sys_exit_group },
	[232] = { "epoll_wait", (arch_syscall_fn)sys_epoll_wait },
	[233] = { "epoll_ctl", (arch_syscall_fn)sys_epoll_ctl },
	[234] = { "tgkill", (arch_syscall_fn)sys_tgkill },
	[235] = { "utimes", (arch_syscall_fn)sys_utimes },
	[236] = { "vserver", (arch_syscall_fn)sys_vserver },
	[237] = { "mbind", (arch_syscall_fn)sys_mbind },
	[238] = { "set_mempolicy", (arch_syscall_fn)sys_set_mempolicy },
	[239] = { "get_mempolicy", (arch_syscall_fn)sys_get_mempolicy },
	[240] = { "mq_open", (arch_syscall_fn)sys_mq_open },
	[241] = { "mq_unlink", (arch_syscall_fn)sys_mq_unlink },
	[242] = { "mq_timedsend", (arch_syscall_fn)sys_mq_timedsend },
	[243] = { "mq_timedreceive", (arch_syscall_fn)sys_mq_timedreceive },
	[244] = { "mq_notify", (arch_syscall_fn)sys_mq_notify },
	[245] = { "mq_getsetattr", (arch_syscall_fn)sys_mq_getsetattr },
	[246] = { "kexec_load", (arch_syscall_fn)sys_kexec_load },
	[247] = { "waitid", (arch_syscall_fn)sys_waitid },
	[248] = { "add_key", (arch_syscall_fn)sys_add_key },
	[249] = { "request_key", (arch_syscall_fn)sys_request_key },
	[250] = { "keyctl", (arch_syscall_fn)sys_keyctl },
	[251] = { "ioprio_set", (arch_syscall_fn)sys_ioprio_set },
	[252] = { "ioprio_get", (arch_syscall_fn)sys_ioprio_get },
	[253] = { "inotify_init", (arch_syscall_fn)sys_inotify_init },
	[254] = { "inotify_add_watch", (arch_syscall_fn)sys_inotify_add_watch },
	[255] = { "inotify_rm_watch", (arch_syscall_fn)sys_inotify_rm_watch },
	[256] = { "migrate_pages", (arch_syscall_fn)sys_migrate_pages },
	[257] = { "openat", (arch_syscall_fn)sys_openat },
	[258] = { "mkdirat", (arch_syscall_fn)sys_mkdirat },
	[259] = { "mknodat", (arch_syscall_fn)sys_mknodat },
	[260] = { "fchownat", (arch_syscall_fn)sys_fchownat },
	[261] = { "futimesat", (arch_syscall_fn)sys_futimesat },
	[262] = { "newfstatat", (arch_syscall_fn)sys_newfstatat },
	[263] = { "unlinkat", (arch_syscall_fn)sys_unlinkat },
	[264] = { "renameat", (arch_syscall_fn)sys_renameat },
	[265] = { "linkat", (arch_syscall_fn)sys_linkat },
	[266] = { "symlinkat", (arch_syscall_fn)sys_symlinkat },
	[267] = { "readlinkat", (arch_syscall_fn)sys_readlinkat },
	[268] = { "fchmodat", (arch_syscall_fn)sys_fchmodat },
	[269] = { "faccessat", (arch_syscall_fn)sys_faccessat },
	[270] = { "pselect6", (arch_syscall_fn)sys_pselect6 },
	[271] = { "ppoll", (arch_syscall_fn)sys_ppoll },
	[272] = { "unshare", (arch_syscall_fn)sys_unshare },
	[273] = { "set_robust_list", (arch_syscall_fn)sys_set_robust_list },
	[274] = { "get_robust_list", (arch_syscall_fn)sys_get_robust_list },
	[275] = { "splice", (arch_syscall_fn)sys_splice },
	[276] = { "tee", (arch_syscall_fn)sys_tee },
	[277] = { "sync_file_range", (arch_syscall_fn)sys_sync_file_range },
	[278] = { "vmsplice", (arch_syscall_fn)sys_vmsplice },
	[279] = { "move_pages", (arch_syscall_fn)sys_move_pages },
	[280] = { "utimensat", (arch_syscall_fn)sys_utimensat },
	[281] = { "epoll_pwait", (arch_syscall_fn)sys_epoll_pwait },
	[282] = { "signalfd", (arch_syscall_fn)sys_signalfd },
	[283] = { "timerfd_create", (arch_syscall_fn)sys_timerfd_create },
	[284] = { "eventfd", (arch_syscall_fn)sys_eventfd },
	[285] = { "fallocate", (arch_syscall_fn)sys_fallocate },
	[286] = { "timerfd_settime", (arch_syscall_fn)sys_timerfd_settime },
	[287] = { "timerfd_gettime", (arch_syscall_fn)sys_timerfd_gettime },
	[288] = { "accept4", (arch_syscall_fn)sys_accept4 },
	[289] = { "signalfd4", (arch_syscall_fn)sys_signalfd4 },
	[290] = { "eventfd2", (arch_syscall_fn)sys_eventfd2 },
	[291] = { "epoll_create1", (arch_syscall_fn)sys_epoll_create1 },
	[292] = { "dup3", (arch_syscall_fn)sys_dup3 },
	[293] = { "pipe2", (arch_syscall_fn)sys_pipe2 },
	[294] = { "inotify_init1", (arch_syscall_fn)sys_inotify_init1 },
	[295] = { "preadv", (arch_syscall_fn)sys_preadv },
	[296] = { "pwritev", (arch_syscall_fn)sys_pwritev },
	[297] = { "rt_tgsigqueueinfo", (arch_syscall_fn)sys_rt_tgsigqueueinfo },
	[298] = { "perf_event_open", (arch_syscall_fn)sys_perf_event_open },
	[299] = { "recvmmsg", (arch_syscall_fn)sys_recvmmsg },
	[300] = { "fanotify_init", (arch_syscall_fn)sys_fanotify_init },
	[301] = { "fanotify_mark", (arch_syscall_fn)sys_fanotify_mark },
	[302] = { "prlimit64", (arch_syscall_fn)sys_prlimit64 },
	[303] = { "name_to_handle_at", (arch_syscall_fn)sys_name_to_handle_at },
	[304] = { "open_by_handle_at", (arch_syscall_fn)sys_open_by_handle_at },
	[305] = { "clock_adjtime", (arch_syscall_fn)sys_clock_adjtime },
	[306] = { "syncfs", (arch_syscall_fn)sys_syncfs },
	[307] = { "sendmmsg", (arch_syscall_fn)sys_sendmmsg },
	[308] = { "setns", (arch_syscall_fn)sys_setns },
	[309] = { "getcpu", (arch_syscall_fn)sys_getcpu },
	[310] = { "process_vm_readv", (arch_syscall_fn)sys_process_vm_readv },
	[311] = { "process_vm_writev", (arch_syscall_fn)sys_process_vm_writev },
	[312] = { "kcmp", (arch_syscall_fn)sys_kcmp },
	[313] = { "finit_module", (arch_syscall_fn)sys_finit_module },
	[314] = { "sched_setattr", (arch_syscall_fn)sys_sched_setattr },
	[315] = { "sched_getattr", (arch_syscall_fn)sys_sched_getattr },
	[316] = { "renameat2", (arch_syscall_fn)sys_renameat2 },
	[317] = { "seccomp", (arch_syscall_fn)sys_seccomp },
	[318] = { "getrandom", (arch_syscall_fn)sys_getrandom },
	[319] = { "memfd_create", (arch_syscall_fn)sys_memfd_create },
	[320] = { "kexec_file_load", (arch_syscall_fn)sys_kexec_file_load },
	[321] = { "bpf", (arch_syscall_fn)sys_bpf },
	[322] = { "execveat", (arch_syscall_fn)sys_execveat },
	[323] = { "userfaultfd", (arch_syscall_fn)sys_userfaultfd },
	[324] = { "membarrier", (arch_syscall_fn)sys_membarrier },
	[325] = { "mlock2", (arch_syscall_fn)sys_mlock2 },
	[326] = { "copy_file_range", (arch_syscall_fn)sys_copy_file_range },
	[327] = { "preadv2", (arch_syscall_fn)sys_preadv2 },
	[328] = { "pwritev2", (arch_syscall_fn)sys_pwritev2 },
	[329] = { "pkey_mprotect", (arch_syscall_fn)sys_pkey_mprotect },
	[330] = { "pkey_alloc", (arch_syscall_fn)sys_pkey_alloc },
	[331] = { "pkey_free", (arch_syscall_fn)sys_pkey_free },
	[332] = { "statx", (arch_syscall_fn)sys_statx },
	[333] = { "io_pgetevents", (arch_syscall_fn)sys_io_pgetevents },
	[334] = { "rseq", (arch_syscall_fn)sys_rseq },
	[424] = { "pidfd_send_signal", (arch_syscall_fn)sys_pidfd_send_signal },
	[425] = { "io_uring_setup", (arch_syscall_fn)sys_io_uring_setup },
	[426] = { "io_uring_enter", (arch_syscall_fn)sys_io_uring_enter },
	[427] = { "io_uring_register", (arch_syscall_fn)sys_io_uring_register },
	[428] = { "open_tree", (arch_syscall_fn)sys_open_tree },
	[429] = { "move_mount", (arch_syscall_fn)sys_move_mount },
	[430] = { "fsopen", (arch_syscall_fn)sys_fsopen },
	[431] = { "fsconfig", (arch_syscall_fn)sys_fsconfig },
	[432] = { "fsmount", (arch_syscall_fn)sys_fsmount },
	[433] = { "fspick", (arch_syscall_fn)sys_fspick },
	[434] = { "pidfd_open", (arch_syscall_fn)sys_pidfd_open },
	[435] = { "clone3", (arch_syscall_fn)sys_clone3 },
	[436] = { "close_range", (arch_syscall_fn)sys_close_range },
	[437] = { "openat2", (arch_syscall_fn)sys_openat2 },
	[438] = { "pidfd_getfd", (arch_syscall_fn)sys_pidfd_getfd },
	[439] = { "faccessat2", (arch_syscall_fn)sys_faccessat2 },
	[440] = { "process_madvise", (arch_syscall_fn)sys_process_madvise },
	[441] = { "epoll_pwait2", (arch_syscall_fn)sys_epoll_pwait2 },
	[442] = { "mount_setattr", (arch_syscall_fn)sys_mount_setattr },
	[443] = { "quotactl_fd", (arch_syscall_fn)sys_quotactl_fd },
	[444] = { "landlock_create_ruleset", (arch_syscall_fn)sys_landlock_create_ruleset },
	[445] = { "landlock_add_rule", (arch_syscall_fn)sys_landlock_add_rule },
	[446] = { "landlock_restrict_self", (arch_syscall_fn)sys_landlock_restrict_self },
	[447] = { "memfd_secret", (arch_syscall_fn)sys_memfd_secret },
	[448] = { "process_mrelease", (arch_syscall_fn)sys_process_mrelease },
	[449] = { "futex_waitv", (arch_syscall_fn)sys_futex_waitv },
	[450] = { "set_mempolicy_home_node", (arch_syscall_fn)sys_set_mempolicy_home_node },
};
#pragma GCC diagnostic pop

static struct syscall_state {
	u64 logged[(SYSCALL_NR + 63) / 64]; /* unimplemented calls already reported */
} syscall_state;

const char *arch_syscall_name(u64 nr)
{
	if (nr < SYSCALL_NR && arch_syscall_table[nr].name)
		return arch_syscall_table[nr].name;
	return "?";
}

long arch_syscall(struct arch_regs *r)
{
	u64 nr = r->orig_rax;
	const struct arch_syscall *s;

	if (unlikely(nr >= SYSCALL_NR)) {
		pr_once(LOG_WARNING, "uml: system call %llu out of range (pid %d)\n",
			(unsigned long long)nr, task_current()->tid);
		return -ENOSYS;
	}
	s = &arch_syscall_table[nr];
	if (unlikely(!s->fn)) {
		if (!(syscall_state.logged[nr / 64] & (1ull << (nr % 64)))) {
			syscall_state.logged[nr / 64] |= 1ull << (nr % 64);
			pr_warn("uml: %s (%llu) is not implemented, returning ENOSYS (pid %d, %s)\n",
				s->name ? s->name : "?", (unsigned long long)nr, task_current()->tid,
				task_current()->comm);
		}
		return -ENOSYS;
	}
	return s->fn(r->rdi, r->rsi, r->rdx, r->r10, r->r8, r->r9);
}
