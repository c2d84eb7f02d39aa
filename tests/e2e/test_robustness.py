# SPDX-License-Identifier: GPL-2.0
"""What a guest cannot do to the VM or to the host: fork bombs, memory and
tmpfs exhaustion, crashing programs; and no host process outlives the VM,
however it ends (poweroff, shell exit, host signals).

The checks on the host are made from outside: the harness snapshots the
kernel's host process tree at every prompt and, after the VM exits, fails
the test if any of those processes (or anything in the kernel's session)
is still running."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from harness import (REPO, VmTestCase, CMD_TIMEOUT, host_processes,
                     skip_on_real_uml, note)

SLOW = 6 * CMD_TIMEOUT      # a command that fights the VM for memory


def quiet_and_protect(vm):
    """Before starving the guest: keep kernel messages (OOM reports, one
    line per task) off the console, where they would slow everything down,
    and keep the OOM killer off the console shell, which this test talks
    to. Children inherit oom_score_adj, so hogs reset their own (HOG)."""
    vm.run('dmesg -n 1 2>/dev/null; echo -1000 > /proc/$$/oom_score_adj')


# Runs a command with oom_score_adj reset to 0: the OOM killer's target.
HOG = "sh -c 'echo 0 > /proc/self/oom_score_adj; exec \"$@\"' hog "


# Watches the fork bomb for 5 s, with builtins only, as the bomb holds every
# free process slot: samples the number of processes every 0.2 s (sleeping
# on a fifo) and keeps the peak (a busybox sh bomb may also die out by
# itself: ash gives up when fork fails and zombies count against the task
# cap until init reaps them, as in Linux), creates /tmp/stop (the bomb
# checks it), waits until at most %d user processes are left, reports.
TIMER = """p=0; i=0; while [ $i -lt 25 ]; do read -t 0.2 v <> /tmp/t
  set -- /proc/[0-9]*; [ $# -gt $p ] && p=$#; i=$((i+1)); done
echo $p > /tmp/peak; : > /tmp/stop
while n=0; for p in /proc/[0-9]*; do x=; read -r x < $p/cmdline
  [ -n "$x" ] && n=$((n+1)); done 2>/dev/null; [ $n -gt %d ]
do read -t 1 v <> /tmp/t; done; echo calm-$((1+1))"""


def count_procs(vm):
    """Guest user processes (kernel threads have an empty cmdline; the
    kernel may start more under load), counted by the shell itself: only
    builtins, no fork."""
    out = vm.run('n=0; for p in /proc/[0-9]*; do x=; read -r x < $p/cmdline; '
                 '[ -n "$x" ] && n=$((n+1)); done 2>/dev/null; echo procs=$n',
                 timeout=SLOW)
    return int(re.search(r'procs=(\d+)', out).group(1))


# A fork bomb that never gives up: every process forks in a loop, retrying
# when fork fails.
FORKBOMB_C = r"""
#include <unistd.h>

int main(void)
{
	for (;;)
		fork();
}
"""


# Forks children that exit at once and never reaps them; reports how many
# it made before fork failed, and how many zombies /proc then shows.
ZOMBIES_C = r"""
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char path[64], buf[512], *p;
	int n = 0, z = 0;
	struct dirent *e;
	DIR *d;

	for (;;) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0)
			break;
		n++;
	}
	printf("forked %d, then %s, ", n, errno == EAGAIN ? "EAGAIN" : strerror(errno));
	usleep(200000);
	d = opendir("/proc");
	while ((e = readdir(d)) != NULL) {
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		if (!(f = fopen(path, "r")))
			continue;
		if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) && p[2] == 'Z' &&
		    atoi(p + 4) == getpid())
			z++;
		fclose(f);
	}
	closedir(d);
	printf("%d zombies\n", z);
	return 0;
}
"""


def my_host_children():
    """This test process's descendants on the host (not itself)."""
    return {p for p in host_processes(os.getpid()) if p[0] != os.getpid()}


class RobustnessTest(VmTestCase):

    def test_fork_bomb_leaves_vm_usable(self):
        """A shell fork bomb runs for a few seconds; then the VM runs
        commands again, kill -9 -1 from the console leaves only init and the
        shell, and after poweroff no host process is left and this test
        process has the same children as before.

        The bomb is stopped by a guest timer, not by typing: on linux.uml the
        console shell may get no CPU for minutes while the bomb runs (see
        test_fork_bomb_stopped_from_console for the typed version)."""
        before = my_host_children()
        vm = self.boot(['mem=64M'])
        quiet_and_protect(vm)
        base = count_procs(vm)
        base_all = int(vm.run('set -- /proc/[0-9]*; echo $#'))
        host_before = len(host_processes(vm.pid))
        # The timer uses builtins only (the bomb holds every free process
        # slot): wait 5 s on a fifo, count, tell the bomb to stop, wait for
        # the user processes to be back to init + shell + itself, report.
        vm.run('rm -f /tmp/stop /tmp/peak /tmp/t /tmp/timer; mkfifo /tmp/t')
        for line in (TIMER % (base + 1)).split('\n'):
            vm.run("echo '%s' >> /tmp/timer" % line)
        # At the highest priority, the timer gets CPU among hundreds of bombs.
        vm.run('sh /tmp/timer & renice -n -20 -p $! >/dev/null')
        # ash does not allow a function named ':' (a special builtin).
        vm.run("(echo 0 > /proc/self/oom_score_adj; "
               "bomb(){ [ -e /tmp/stop ] || { bomb|bomb& }; }; bomb) &")
        vm.expect(r'calm-2', timeout=4 * SLOW)     # the shell is at its prompt
        # (job notices may follow the number)
        peak = int(vm.run('cat /tmp/peak', timeout=SLOW).split('\n')[0])
        note('fork bomb: %d guest tasks before, %d during; %d host processes '
             'under the VM seen' % (base_all, peak, len(vm.seen_now())))
        self.assertGreater(peak, base_all + 20, 'the fork bomb did not run')
        vm.run('kill -9 -1; kill -9 -1; kill -9 -1', timeout=SLOW)
        self.assertEqual(count_procs(vm), base, 'processes left after kill -9 -1')
        self.assertEqual(vm.run('echo hello | tr a-z A-Z'), 'HELLO')
        note('host processes under the VM: %d before, %d after the bomb'
             % (host_before, len(host_processes(vm.pid))))
        self.assertEqual(vm.exit_shell(), 0)
        self.assertNoLeftovers(vm)
        self.assertEqual(my_host_children(), before)

    @skip_on_real_uml('the console shell of linux.uml can starve for minutes '
                      'under a fork bomb')
    @skip_on_real_uml('builds its own initrd for our kernel')
    def test_fork_bomb_stopped_from_console(self):
        """While a fork bomb that never gives up runs (a C loop of fork(),
        retrying on EAGAIN, as bash's retries do), kill -9 -1 typed at the
        console stops it: the console shell keeps getting CPU and input."""
        initrd = self.initrd_with_program('forkbomb', FORKBOMB_C)
        vm = self.boot(['mem=64M', 'initrd=' + initrd])
        quiet_and_protect(vm)
        base = count_procs(vm)
        vm.run('forkbomb &')
        time.sleep(3)
        during = int(vm.run('set -- /proc/[0-9]*; echo $#', timeout=SLOW))
        note('fork bomb: %d processes after 3 s' % during)
        self.assertGreater(during, 400, 'the fork bomb did not fill the task cap')
        # kill is a builtin: the shell needs no fork to sweep. Repeat until
        # the processes forked during a sweep are gone too.
        for _ in range(10):
            vm.sendline('kill -9 -1; kill -9 -1; kill -9 -1; echo swept-$((3*3))')
            vm.expect(r'\nswept-9', timeout=SLOW)
            vm.wait_prompt(timeout=SLOW)
            time.sleep(1)
            left = count_procs(vm)
            if left <= base:
                break
        self.assertLessEqual(left, base, 'fork bomb processes survive kill -9 -1')
        self.assertEqual(vm.run('echo hello | tr a-z A-Z'), 'HELLO')
        self.assertEqual(vm.exit_shell(), 0)
        self.assertNoLeftovers(vm)

    def initrd_with_program(self, name, source):
        """The default root plus /bin/<name>, built static from C source
        with the host's gcc; removed after the test."""
        tmp = tempfile.mkdtemp(prefix='uml-e2e-%s-' % name)
        self.addCleanup(shutil.rmtree, tmp, True)
        os.makedirs(os.path.join(tmp, 'root', 'bin'))
        src = os.path.join(tmp, name + '.c')
        with open(src, 'w') as f:
            f.write(source)
        subprocess.run(['gcc', '-static', '-O2', '-o', os.path.join(tmp, 'root', 'bin', name),
                        src], check=True)
        initrd = os.path.join(tmp, name + '.cpio.gz')
        subprocess.run([os.path.join(REPO, 'tools', 'mkrootfs'), '--out', initrd,
                        '--add', os.path.join(tmp, 'root')], check=True)
        return initrd

    @skip_on_real_uml('builds its own initrd for our kernel')
    def test_zombies_count_against_the_task_cap(self):
        """A program that forks children which exit at once and never reaps
        them gets EAGAIN at the task cap (sized from mem=, as Linux's
        max_threads), not at the pid space: zombies count until reaped.
        When it exits, init reaps them all and the VM goes on."""
        initrd = self.initrd_with_program('zombies', ZOMBIES_C)
        vm = self.boot(['mem=64M', 'initrd=' + initrd])
        base_all = int(vm.run('set -- /proc/[0-9]*; echo $#'))
        out = vm.run('zombies', timeout=SLOW)
        m = re.search(r'forked (\d+), then (\w+), (\d+) zombies', out)
        self.assertIsNotNone(m, out)
        forked, err, zombies = int(m.group(1)), m.group(2), int(m.group(3))
        note('zombies: %d forked before %s' % (forked, err))
        self.assertEqual(err, 'EAGAIN')
        self.assertEqual(zombies, forked)
        # 64M: 16384 frames / 32 = 512 tasks, init and the shell among them
        self.assertLess(forked, 512)
        self.assertGreater(forked, 400)
        # init reaps them once their parent is gone
        for _ in range(100):
            if int(vm.run('set -- /proc/[0-9]*; echo $#')) <= base_all:
                break
            time.sleep(0.1)
        self.assertLessEqual(int(vm.run('set -- /proc/[0-9]*; echo $#')), base_all)
        self.assertEqual(vm.run('echo hello | tr a-z A-Z'), 'HELLO')
        self.assertEqual(vm.exit_shell(), 0)
        self.assertNoLeftovers(vm)

    def test_tmpfs_full_is_stopped(self):
        """Writing more than mem= into /dev/shm fails with ENOSPC at the
        tmpfs limit (or the writer is OOM-killed); the VM carries on. (With
        mem=64M linux.uml's tmpfs limit is above what is left free, and the
        OOM killer cannot free shmem: it ends in a panic, so 128M.)"""
        vm = self.boot(['mem=128M'])
        quiet_and_protect(vm)
        out = vm.run(HOG + 'dd if=/dev/zero of=/dev/shm/big bs=1M count=200; echo rc=$?',
                     timeout=SLOW)
        rc = out.rsplit('rc=', 1)[-1]
        note('tmpfs fill: dd exit status %s%s' % (
            rc, ' (ENOSPC)' if 'No space left on device' in out else ''))
        if rc == '1':
            self.assertIn('No space left on device', out)
        else:
            self.assertEqual(rc, '137', out[-500:])    # SIGKILL (OOM)
        vm.run('rm -f /dev/shm/big')
        self.assertEqual(vm.run('echo hello | tr a-z A-Z'), 'HELLO')

    def test_memory_hog_is_stopped(self):
        """A process allocating past mem= is killed (OOM) or gets ENOMEM;
        the VM and its shell survive."""
        vm = self.boot(['mem=64M'])
        quiet_and_protect(vm)
        out = vm.run(HOG + "awk 'BEGIN{while(1) s = s s \"xxxxxxxxxxxxxxxx\"}'; echo rc=$?",
                     timeout=SLOW)
        rc = out.rsplit('rc=', 1)[-1]
        note('memory hog: exit status %s' % rc)
        # 137 = SIGKILL by the OOM killer; 1/2 = awk reporting ENOMEM.
        self.assertNotEqual(rc, '0', out[-500:])
        self.assertEqual(vm.run('echo hello | tr a-z A-Z'), 'HELLO')
        self.assertEqual(vm.run('echo alive-$((2*2))'), 'alive-4')

    def test_crashing_program_status(self):
        """A program killed by SIGSEGV shows status 139 (SIGABRT: 134);
        the VM survives."""
        vm = self.boot()
        self.assertEqual(vm.run("sh -c 'kill -SEGV $$'; echo $?").split('\n')[-1], '139')
        self.assertEqual(vm.run("sh -c 'kill -11 $$'; echo $?").split('\n')[-1], '139')
        self.assertEqual(vm.run("sh -c 'kill -ABRT $$'; echo $?").split('\n')[-1], '134')
        self.assertEqual(vm.run('echo alive-$((2*2))'), 'alive-4')

    def _busy_vm(self):
        """A VM with background jobs and a pipeline running."""
        vm = self.boot()
        vm.run('sleep 100 &')
        vm.run('sleep 200 | cat &')
        vm.run('(while :; do sleep 1; done) &')
        self.assertGreaterEqual(len(vm.run('jobs').split('\n')), 3)
        return vm

    def test_no_host_process_outlives_poweroff(self):
        """After the VM powers off (the console shell exits with jobs still
        running), no host process of it is left, and this test process has
        the same children as before."""
        before = my_host_children()
        vm = self._busy_vm()
        note('host processes under the VM: %d' % len(vm.track()))
        self.assertEqual(vm.exit_shell(), 0)
        self.assertNoLeftovers(vm)
        self.assertEqual(my_host_children(), before)

    def _host_signal(self, sig):
        vm = self._busy_vm()
        status = vm.kill(sig)
        note('%s from the host: kernel exit status %s'
             % (signal.Signals(sig).name, status))
        self.assertNoLeftovers(vm)
        return status

    def test_host_sigterm_halts_vm(self):
        """SIGTERM to the kernel halts the VM in order: it exits (not killed
        by the signal) and leaves nothing behind."""
        self.assertGreaterEqual(self._host_signal(signal.SIGTERM), 0)

    def test_host_sigint_halts_vm(self):
        """SIGINT to the kernel halts the VM the same way."""
        self.assertGreaterEqual(self._host_signal(signal.SIGINT), 0)

    @skip_on_real_uml('UML ignores SIGHUP')
    def test_host_sighup_halts_vm(self):
        """SIGHUP to the kernel halts the VM the same way."""
        self.assertGreaterEqual(self._host_signal(signal.SIGHUP), 0)

    @skip_on_real_uml('a SIGKILLed linux.uml leaves its helpers and guest '
                      'processes running')
    def test_host_sigkill_leaves_nothing(self):
        """Even SIGKILL of the kernel leaves no host process (the guest
        processes are traced with PTRACE_O_EXITKILL)."""
        self.assertEqual(self._host_signal(signal.SIGKILL), -signal.SIGKILL)

    def test_umid_dir_only_when_asked(self):
        """With umid=NAME the kernel may create ~/.uml/NAME/ while it runs,
        nothing else in $HOME or the working directory, and it is gone
        after the VM exits."""
        with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as cwd:
            env = dict(os.environ, HOME=home)
            umid = 'e2e-%d' % os.getpid()
            vm = self.boot(['umid=' + umid], env=env, cwd=cwd)
            during = sorted(_tree(home))
            for path in during:
                self.assertTrue(path == '.uml' or path.startswith('.uml/' + umid),
                                'unexpected file in $HOME: %s' % path)
            self.assertEqual(_tree(cwd), set(), 'files in the working directory')
            self.assertEqual(vm.exit_shell(), 0)
            self.assertNoLeftovers(vm)
            after = {p for p in _tree(home) if p != '.uml'}
            self.assertEqual(after, set(), 'left in $HOME after exit')
            self.assertEqual(_tree(cwd), set(), 'left in the working directory')
            note('while running, $HOME held: %s' % (', '.join(during) or 'nothing'))


def _tree(top):
    """Every path under top, relative to it."""
    out = set()
    for d, dirs, files in os.walk(top):
        for n in dirs + files:
            out.add(os.path.relpath(os.path.join(d, n), top))
    return out


if __name__ == '__main__':
    unittest.main()
